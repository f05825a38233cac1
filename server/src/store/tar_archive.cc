#include "store/tar_archive.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace luodi {

namespace {

constexpr size_t kBlock = 512;

std::runtime_error sys_error(const std::string& what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

// Writes `v` as `width - 1` octal digits and a NUL.
void put_octal(char* field, size_t width, unsigned long long v) {
  field[width - 1] = '\0';
  for (size_t i = width - 1; i-- > 0; v >>= 3) field[i] = static_cast<char>('0' + (v & 7));
}

unsigned long long get_octal(const char* field, size_t width) {
  unsigned long long v = 0;
  size_t i = 0;
  while (i < width && (field[i] == ' ' || field[i] == '\0')) ++i;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) v = v * 8 + static_cast<unsigned>(field[i] - '0');
  return v;
}

unsigned header_checksum(const unsigned char* h) {
  unsigned sum = 0;
  for (size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : h[i];
  return sum;
}

std::string field_string(const char* field, size_t width) { return std::string(field, strnlen(field, width)); }

}  // namespace

// ------------------------------------------------------------------ writer

TarGzWriter::TarGzWriter(std::string path, std::int64_t mtime)
    : path_(std::move(path)), partial_(path_ + ".partial"), mtime_(mtime) {
  fd_ = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) throw sys_error("cannot create " + partial_);
  const int gz_fd = ::dup(fd_);
  gz_ = gz_fd < 0 ? nullptr : gzdopen(gz_fd, "wb6");
  if (!gz_) {
    if (gz_fd >= 0) ::close(gz_fd);
    ::close(fd_);
    ::unlink(partial_.c_str());
    throw std::runtime_error("cannot start compressing " + partial_);
  }
}

TarGzWriter::~TarGzWriter() {
  if (gz_) gzclose(static_cast<gzFile>(gz_));
  if (fd_ >= 0) ::close(fd_);
  if (!finished_) ::unlink(partial_.c_str());
}

void TarGzWriter::write(const void* data, size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const unsigned step = static_cast<unsigned>(std::min<size_t>(n, 1u << 30));
    if (gzwrite(static_cast<gzFile>(gz_), p, step) != static_cast<int>(step)) {
      int err = 0;
      const char* msg = gzerror(static_cast<gzFile>(gz_), &err);
      throw std::runtime_error("cannot write " + partial_ + ": " + (err == Z_ERRNO ? std::strerror(errno) : msg));
    }
    p += step;
    n -= step;
  }
}

void TarGzWriter::add(const std::string& name, std::string_view bytes) {
  unsigned char h[kBlock] = {};
  char* c = reinterpret_cast<char*>(h);
  std::string prefix, base = name;
  if (base.size() > 100) {
    // ustar: prefix (up to 155) + '/' + name (up to 100).
    size_t cut = name.rfind('/', 155);
    if (cut == std::string::npos || name.size() - cut - 1 > 100) throw std::runtime_error("archive entry name too long: " + name);
    prefix = name.substr(0, cut);
    base = name.substr(cut + 1);
  }
  std::memcpy(c, base.data(), base.size());
  put_octal(c + 100, 8, 0644);
  put_octal(c + 108, 8, 0);
  put_octal(c + 116, 8, 0);
  if (bytes.size() >= (1ULL << 33)) throw std::runtime_error("archive entry too large: " + name);
  put_octal(c + 124, 12, bytes.size());
  put_octal(c + 136, 12, static_cast<unsigned long long>(mtime_ < 0 ? 0 : mtime_));
  c[156] = '0';
  std::memcpy(c + 257, "ustar", 6);
  std::memcpy(c + 263, "00", 2);
  std::memcpy(c + 265, "luodi", 5);
  std::memcpy(c + 297, "luodi", 5);
  std::memcpy(c + 345, prefix.data(), prefix.size());
  put_octal(c + 148, 7, header_checksum(h));  // six digits, NUL, then a space
  c[155] = ' ';
  write(h, kBlock);
  write(bytes.data(), bytes.size());
  static const char zeros[kBlock] = {};
  if (size_t pad = (kBlock - bytes.size() % kBlock) % kBlock) write(zeros, pad);
}

void TarGzWriter::finish() {
  static const char zeros[kBlock * 2] = {};
  write(zeros, sizeof zeros);
  const int rc = gzclose(static_cast<gzFile>(gz_));
  gz_ = nullptr;
  if (rc != Z_OK) throw std::runtime_error("cannot finish " + partial_);
  if (::fsync(fd_) != 0) throw sys_error("cannot sync " + partial_);
  ::close(fd_);
  fd_ = -1;
  if (::rename(partial_.c_str(), path_.c_str()) != 0) throw sys_error("cannot rename " + partial_ + " to " + path_);
  finished_ = true;
  // Make the rename itself durable.
  std::string dir = std::filesystem::path(path_).parent_path().string();
  if (dir.empty()) dir = ".";
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

// ------------------------------------------------------------------ reader

TarGzReader::TarGzReader(const std::string& path) {
  gz_ = gzopen(path.c_str(), "rb");
  if (!gz_) throw sys_error("cannot open " + path);
  gzbuffer(static_cast<gzFile>(gz_), 1 << 17);
}

TarGzReader::~TarGzReader() {
  if (gz_) gzclose(static_cast<gzFile>(gz_));
}

void TarGzReader::read(void* data, size_t n) {
  char* p = static_cast<char*>(data);
  while (n > 0) {
    const unsigned step = static_cast<unsigned>(std::min<size_t>(n, 1u << 30));
    const int got = gzread(static_cast<gzFile>(gz_), p, step);
    if (got < 0) {
      int err = 0;
      throw std::runtime_error(std::string("damaged archive: ") + gzerror(static_cast<gzFile>(gz_), &err));
    }
    if (got == 0) throw std::runtime_error("the archive ends in the middle of an entry (truncated)");
    p += got;
    n -= static_cast<size_t>(got);
  }
}

bool TarGzReader::next(std::string& name, std::string& bytes) {
  while (!ended_) {
    unsigned char h[kBlock];
    const int got = gzread(static_cast<gzFile>(gz_), h, kBlock);
    if (got == 0) throw std::runtime_error("the archive has no end marker (truncated)");
    if (got != static_cast<int>(kBlock)) {
      if (got < 0) {
        int err = 0;
        throw std::runtime_error(std::string("damaged archive: ") + gzerror(static_cast<gzFile>(gz_), &err));
      }
      read(h + got, kBlock - static_cast<size_t>(got));
    }
    bool zero = true;
    for (unsigned char b : h) zero = zero && b == 0;
    if (zero) {
      ended_ = true;
      return false;
    }
    const char* c = reinterpret_cast<const char*>(h);
    if (get_octal(c + 148, 8) != header_checksum(h)) throw std::runtime_error("damaged archive: a header checksum is wrong");
    const unsigned long long size = get_octal(c + 124, 12);
    const char type = c[156];
    std::string data(size, '\0');
    read(data.data(), size);
    if (size_t pad = (kBlock - size % kBlock) % kBlock) {
      char skip[kBlock];
      read(skip, pad);
    }
    if (type != '0' && type != '\0') continue;  // directories, pax headers, links: not ours
    const std::string prefix = field_string(c + 345, 155);
    name = (prefix.empty() ? "" : prefix + "/") + field_string(c, 100);
    bytes = std::move(data);
    return true;
  }
  return false;
}

}  // namespace luodi
