#include "domain/file_types.h"

namespace luodi {

std::optional<FileKind> sniff_file_kind(std::string_view b) {
  auto starts = [&](std::string_view sig, size_t at = 0) { return b.size() >= at + sig.size() && b.substr(at, sig.size()) == sig; };
  if (starts("\xFF\xD8\xFF")) return FileKind{"image/jpeg", "jpg", true};
  if (starts("\x89PNG\r\n\x1A\n")) return FileKind{"image/png", "png", true};
  if (starts("RIFF") && starts("WEBP", 8)) return FileKind{"image/webp", "webp", true};
  if (starts("ftyp", 4)) {
    std::string_view brand = b.size() >= 12 ? b.substr(8, 4) : std::string_view();
    for (std::string_view heic : {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"})
      if (brand == heic) return FileKind{"image/heic", "heic", true};
  }
  if (starts("%PDF-")) return FileKind{"application/pdf", "pdf", false};
  return std::nullopt;
}

}  // namespace luodi
