// Running SQL with named, bound parameters (":name", the same text on SQLite
// and PostgreSQL) and reading rows as plain values.
//
// SOCI opens and owns the connections; statements run through the native
// handle SOCI exposes, with a per-connection cache of prepared statements
// (SOCI 4.0 re-prepares and re-describes on every call, which cost ~10x on
// the hot read paths). Not thread-safe: a Connection is used by one thread
// at a time (the pool in SociDatabase guarantees that).
#pragma once
#include <functional>
#include <memory>
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
inline Param p(std::string name, double v) { return Param{std::move(name), v}; }
inline Param p(std::string name, std::string v) { return Param{std::move(name), std::move(v)}; }
inline Param p(std::string name, const char* v) { return Param{std::move(name), std::string(v)}; }
inline Param p(std::string name, const std::optional<std::string>& v) {
  return v ? Param{std::move(name), *v} : Param{std::move(name), std::monostate{}};
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
  // The cells themselves (for code that copies rows as they are).
  std::vector<Value>& values() { return cols_; }

 private:
  std::vector<Value> cols_;
};

// A database connection plus its prepared-statement cache.
class Connection {
 public:
  Connection(std::unique_ptr<soci::session> session, bool postgresql);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool postgresql() const { return pg_; }
  bool healthy() const;  // false once a PostgreSQL connection has broken

  // Runs a query and returns all rows. Throws std::runtime_error on failure
  // (the message carries the engine's text, e.g. "UNIQUE constraint failed").
  std::vector<Row> query(const std::string& text, const std::vector<Param>& params = {});
  // Runs a statement; returns the number of affected rows.
  long long exec(const std::string& text, const std::vector<Param>& params = {});
  // Runs a query and hands each row to `fn` as it is read. SQLite streams;
  // PostgreSQL still receives the whole result first (use a cursor there to
  // bound memory).
  void each(const std::string& text, const std::vector<Param>& params, const std::function<void(Row&&)>& fn);
  // Runs a one-value query ("... RETURNING id", "SELECT COUNT(*)").
  long long query_i64(const std::string& text, const std::vector<Param>& params = {});

 private:
  struct Impl;
  std::unique_ptr<soci::session> session_;
  const bool pg_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace luodi::sql
