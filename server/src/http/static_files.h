// Serves the built web apps from a directory: /m/... from the mobile app,
// everything else from the console; unknown paths fall back to the app's
// index.html (client-side routing). Hashed assets are cached in memory after
// the first read. Thread-safe.
#pragma once
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/http_types.h"

namespace luodi::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  Response serve(const std::string& path);

 private:
  bool load(const std::string& rel, std::string& body);

  const std::string root_;
  std::mutex mu_;
  std::unordered_map<std::string, std::string> cache_;  // guarded by mu_
};

}  // namespace luodi::http
