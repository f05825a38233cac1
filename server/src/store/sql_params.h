// Small helpers the repository files share for binding and reading values.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "domain/org_model.h"
#include "store/sql.h"

namespace luodi::sql {

inline Param pid(std::string name, std::optional<Id> v) {
  return v ? Param{std::move(name), static_cast<long long>(*v)} : Param{std::move(name), std::monostate{}};
}
inline Param pid(std::string name, Id v) { return Param{std::move(name), static_cast<long long>(v)}; }
// A time or a null.
inline Param pt(std::string name, std::optional<UnixSeconds> v) {
  return v ? Param{std::move(name), static_cast<long long>(*v)} : Param{std::move(name), std::monostate{}};
}
inline Param pd(std::string name, std::optional<double> v) {
  return v ? Param{std::move(name), *v} : Param{std::move(name), std::monostate{}};
}
inline std::optional<Id> opt_id(const Row& r, size_t i) { return r.null(i) ? std::nullopt : std::optional<Id>(r.i64(i)); }
inline std::optional<UnixSeconds> opt_time(const Row& r, size_t i) {
  return r.null(i) ? std::nullopt : std::optional<UnixSeconds>(r.i64(i));
}
// A stored JSON column (null JSON if it does not parse).
inline nlohmann::json parse_json(const std::string& s) {
  nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}
// LIKE pattern for a substring, with '!' as the escape character (use ESCAPE '!').
inline std::string like_pattern(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '!') out.push_back('!');
    out.push_back(c);
  }
  return out + "%";
}
// ":name0, :name1, ..." with the values appended to params.
inline std::string in_list(const std::string& name, const std::vector<Id>& ids, std::vector<Param>& params) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ", ";
    out += ":" + name + std::to_string(i);
    params.push_back(pid(name + std::to_string(i), ids[i]));
  }
  return out;
}

}  // namespace luodi::sql
