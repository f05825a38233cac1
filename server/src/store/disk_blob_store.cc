#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/blob_store.h"
#include "app/crypto.h"

namespace luodi {

std::string DiskBlobStore::put(std::string_view bytes) {
  const std::string sha = sha256_hex(bytes);
  namespace fs = std::filesystem;
  fs::path dir = fs::path(root_) / sha.substr(0, 2);
  fs::path final_path = dir / sha.substr(2);
  std::error_code ec;
  if (fs::exists(final_path, ec)) return sha;
  fs::create_directories(dir, ec);
  static std::atomic<unsigned> counter{0};
  fs::path tmp = dir / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return {};
  }
  fs::rename(tmp, final_path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return {};
  }
  return sha;
}

std::optional<std::string> DiskBlobStore::get(const std::string& sha) {
  if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
  std::ifstream in(std::filesystem::path(root_) / sha.substr(0, 2) / sha.substr(2), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace luodi
