// Thumbnails with libvips (JPEG, PNG, WebP, HEIC in; JPEG out).
#pragma once
#include "app/file_service.h"

namespace luodi {

class VipsThumbnailer final : public Thumbnailer {
 public:
  VipsThumbnailer();  // initialises libvips once per process
  std::string thumbnail(std::string_view image_bytes, int max_side) override;
};

}  // namespace luodi
