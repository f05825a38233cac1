// Uploaded files: type checked by content, size-limited, stored in the
// BlobStore with a thumbnail for images; readable by their uploader, HR, and
// the instructors of a training whose reflection uses them.
#pragma once
#include <functional>
#include <string>

#include "app/blob_store.h"
#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

// Port: makes a small JPEG preview of an image (empty on failure).
class Thumbnailer {
 public:
  virtual ~Thumbnailer() = default;
  virtual std::string thumbnail(std::string_view image_bytes, int max_side) = 0;
};

struct FileOptions {
  std::size_t max_bytes = 10u << 20;  // 10 MiB per file (ServerConfig::upload_limit)
  int thumbnail_side = 480;
};

struct FileContent {
  StoredFile meta;
  std::string bytes;
  std::string content_type;
};

class FileService {
 public:
  FileService(Database& db, const Clock& clock, BlobStore& blobs, Thumbnailer& thumbs, FileOptions options = {})
      : db_(db), clock_(clock), blobs_(blobs), thumbs_(thumbs), options_(options) {}

  // Errors: kPayloadTooLarge, kUnsupportedMediaType (code unsupported_file_type).
  Result<StoredFile> upload(const Principal& p, const std::string& name, std::string_view bytes);
  Result<FileContent> read(const Principal& p, Id id, bool thumbnail);
  const FileOptions& options() const { return options_; }

 private:
  Database& db_;
  const Clock& clock_;
  BlobStore& blobs_;
  Thumbnailer& thumbs_;
  const FileOptions options_;
};

}  // namespace luodi
