#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace luodi::http {

namespace {
std::string content_type_for(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}
}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

bool StaticFiles::load(const std::string& rel, std::string& body) {
  // Hashed assets never change under one name: cache them. Everything else
  // (index.html, openapi.json) is read fresh, so a rebuild shows at once.
  const bool cacheable = rel.find("assets/") != std::string::npos;
  if (cacheable) {
    std::lock_guard lock(mu_);
    auto it = cache_.find(rel);
    if (it != cache_.end()) {
      body = it->second;
      return true;
    }
  }
  std::filesystem::path full = std::filesystem::path(root_) / rel;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(full, ec)) return false;
  std::ifstream in(full, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  body = ss.str();
  if (cacheable) {
    std::lock_guard lock(mu_);
    cache_[rel] = body;
  }
  return true;
}

Response StaticFiles::serve(const std::string& path) {
  Response r;
  // Refuse traversal and odd paths outright.
  if (path.find("..") != std::string::npos || path.find('\\') != std::string::npos || path.empty() || path[0] != '/') {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Not found";
    return r;
  }
  std::string rel = path.substr(1);
  const bool mobile = rel == "m" || rel.rfind("m/", 0) == 0;
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  if (rel == "m") rel = "m/index.html";
  std::string body;
  if (load(rel, body)) {
    r.content_type = content_type_for(rel);
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", rel.rfind("assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache");
    return r;
  }
  // A missing asset is a 404; any other path is a client-side route.
  const bool looks_like_file = rel.rfind("assets/", 0) == 0 || rel.rfind("m/assets/", 0) == 0;
  if (!looks_like_file && load(mobile ? "m/index.html" : "index.html", body)) {
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  }
  r.status = 404;
  r.content_type = "text/html; charset=utf-8";
  r.body = looks_like_file ? "Not found"
                           : "<!doctype html><meta charset=utf-8><title>落地</title><p>网页尚未构建，请运行 <code>make build</code>。"
                             "<p>The web app has not been built; run <code>make build</code>.";
  return r;
}

}  // namespace luodi::http
