// Path routing for the API: "/api/v1/employees/{id}" style patterns. Pure;
// RESTinio's own router is not used so that only the adapter includes it.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace luodi::http {

using PathParams = std::unordered_map<std::string, std::string>;

template <typename Handler>
class Router {
 public:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" segments capture
    Handler handler;
  };

  void add(std::string method, std::string_view pattern, Handler h) {
    routes_.push_back(Route{std::move(method), split(pattern), std::move(h)});
  }

  enum class Match { kFound, kNoPath, kNoMethod };

  // Finds the route for method+path; fills params on kFound.
  Match find(std::string_view method, std::string_view path, const Route*& out, PathParams& params) const {
    auto segs = split(path);
    bool path_seen = false;
    for (const auto& r : routes_) {
      PathParams p;
      if (!matches(r.segments, segs, p)) continue;
      path_seen = true;
      if (r.method == method) {
        out = &r;
        params = std::move(p);
        return Match::kFound;
      }
    }
    return path_seen ? Match::kNoMethod : Match::kNoPath;
  }

  static std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < path.size()) {
      while (i < path.size() && path[i] == '/') ++i;
      size_t j = path.find('/', i);
      if (j == std::string_view::npos) j = path.size();
      if (j > i) out.emplace_back(path.substr(i, j - i));
      i = j;
    }
    return out;
  }

 private:
  static bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segs, PathParams& p) {
    if (pattern.size() != segs.size()) return false;
    for (size_t i = 0; i < pattern.size(); ++i) {
      const std::string& ps = pattern[i];
      if (ps.size() > 2 && ps.front() == '{' && ps.back() == '}') p[ps.substr(1, ps.size() - 2)] = segs[i];
      else if (ps != segs[i]) return false;
    }
    return true;
  }

  std::vector<Route> routes_;
};

// "a=1&b=%E4%B8%AD" → {a:1, b:中}. '+' means space. Later duplicates win.
std::unordered_map<std::string, std::string> parse_query(std::string_view query);
std::string url_decode(std::string_view s);

}  // namespace luodi::http
