// Port: where uploaded bytes live. Content-addressed (sha256 hex), so the
// same photo uploaded twice is stored once.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace luodi {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores bytes; returns their sha256 hex. Empty string on failure.
  virtual std::string put(std::string_view bytes) = 0;
  virtual std::optional<std::string> get(const std::string& sha256) = 0;
};

// Files under a directory: <root>/ab/cdef... Thread-safe (write to a temp name, then rename).
class DiskBlobStore final : public BlobStore {
 public:
  explicit DiskBlobStore(std::string root) : root_(std::move(root)) {}
  std::string put(std::string_view bytes) override;
  std::optional<std::string> get(const std::string& sha256) override;

 private:
  const std::string root_;
};

}  // namespace luodi
