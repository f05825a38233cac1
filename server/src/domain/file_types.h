// Recognising uploaded files by their first bytes, never by their names.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace luodi {

struct FileKind {
  std::string content_type;  // "image/jpeg", ...
  std::string extension;     // "jpg", ...
  bool image = false;        // gets a thumbnail
};

// JPEG, PNG, WebP, HEIC/HEIF or PDF; nullopt for anything else.
std::optional<FileKind> sniff_file_kind(std::string_view bytes);

}  // namespace luodi
