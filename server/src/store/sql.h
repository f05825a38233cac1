// A thin layer over SOCI: run SQL with named, bound parameters and read rows
// as plain values, the same way on SQLite and PostgreSQL.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace soci { class session; }

namespace luodi::sql {

using Value = std::variant<std::monostate, long long, double, std::string>;

struct Param {
  std::string name;
  Value value;
};

inline Param p(std::string name, long long v) { return Param{std::move(name), v}; }
inline Param p(std::string name, int v) { return Param{std::move(name), static_cast<long long>(v)}; }
inline Param p(std::string name, std::string v) { return Param{std::move(name), std::move(v)}; }
inline Param p(std::string name, const char* v) { return Param{std::move(name), std::string(v)}; }
inline Param p(std::string name, const std::optional<std::string>& v) {
  return v ? Param{std::move(name), *v} : Param{std::move(name), std::monostate{}};
}
inline Param p(std::string name, const std::optional<long long>& v) {
  return v ? Param{std::move(name), *v} : Param{std::move(name), std::monostate{}};
}
inline Param p(std::string name, const std::optional<long>& v) {
  return v ? Param{std::move(name), static_cast<long long>(*v)} : Param{std::move(name), std::monostate{}};
}

class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  bool null(size_t i) const { return std::holds_alternative<std::monostate>(cols_.at(i)); }
  long long i64(size_t i) const;  // 0 if null
  double f64(size_t i) const;
  std::string str(size_t i) const;  // "" if null
  std::optional<long long> opt_i64(size_t i) const { return null(i) ? std::nullopt : std::optional<long long>(i64(i)); }
  std::optional<std::string> opt_str(size_t i) const { return null(i) ? std::nullopt : std::optional<std::string>(str(i)); }
  size_t size() const { return cols_.size(); }

 private:
  std::vector<Value> cols_;
};

// Runs a query and returns all rows. Throws soci::soci_error on failure.
std::vector<Row> query(soci::session& s, const std::string& text, const std::vector<Param>& params = {});
// Runs a statement; returns the number of affected rows.
long long exec(soci::session& s, const std::string& text, const std::vector<Param>& params = {});
// Runs "... RETURNING id" (or any one-value query) and returns the value.
long long query_i64(soci::session& s, const std::string& text, const std::vector<Param>& params = {});

}  // namespace luodi::sql
