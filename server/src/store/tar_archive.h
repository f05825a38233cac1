// Backup archives on disk: gzip-compressed POSIX tar (ustar), readable by
// any `tar xzf`. Only what backups need: regular files written in order,
// read back in order (other entry kinds are skipped on reading).
#pragma once
#include <cstdint>
#include <string>

#include "app/backup.h"

namespace luodi {

class TarGzWriter final : public backup::ArchiveWriter {
 public:
  // Writes into "<path>.partial" (mode 0600: a backup holds password hashes
  // and personal data); finish() syncs it to disk and renames it to `path`,
  // so `path` never holds half an archive. Entries carry `mtime`.
  // Throws std::runtime_error if the file cannot be created.
  TarGzWriter(std::string path, std::int64_t mtime);
  // Removes the partial file unless finish() ran.
  ~TarGzWriter() override;
  TarGzWriter(const TarGzWriter&) = delete;
  TarGzWriter& operator=(const TarGzWriter&) = delete;

  // Throws std::runtime_error on a write error or a name longer than ustar allows.
  void add(const std::string& name, std::string_view bytes) override;
  void finish() override;

 private:
  void write(const void* data, size_t n);

  const std::string path_;
  const std::string partial_;
  const std::int64_t mtime_;
  int fd_ = -1;
  void* gz_ = nullptr;  // gzFile
  bool finished_ = false;
};

class TarGzReader final : public backup::ArchiveReader {
 public:
  // Reads gzip-compressed or plain tar. Throws std::runtime_error if the
  // file cannot be opened.
  explicit TarGzReader(const std::string& path);
  ~TarGzReader() override;
  TarGzReader(const TarGzReader&) = delete;
  TarGzReader& operator=(const TarGzReader&) = delete;

  // Throws std::runtime_error on a damaged or truncated archive.
  bool next(std::string& name, std::string& bytes) override;

 private:
  void read(void* data, size_t n);

  void* gz_ = nullptr;  // gzFile
  bool ended_ = false;
};

}  // namespace luodi
