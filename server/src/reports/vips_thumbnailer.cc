#include "reports/vips_thumbnailer.h"

#include <vips/vips.h>

#include <mutex>

namespace luodi {

VipsThumbnailer::VipsThumbnailer() {
  static std::once_flag once;
  std::call_once(once, [] {
    VIPS_INIT("luodi");
    vips_concurrency_set(1);
    vips_cache_set_max(0);
  });
}

std::string VipsThumbnailer::thumbnail(std::string_view bytes, int max_side) {
  VipsImage* out = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &out, max_side, "size", VIPS_SIZE_DOWN,
                            nullptr) != 0) {
    vips_error_clear();
    return {};
  }
  void* buf = nullptr;
  size_t len = 0;
  int rc = vips_image_write_to_buffer(out, ".jpg", &buf, &len, "Q", 80, "strip", TRUE, nullptr);
  g_object_unref(out);
  if (rc != 0) {
    vips_error_clear();
    return {};
  }
  std::string result(static_cast<const char*>(buf), len);
  g_free(buf);
  return result;
}

}  // namespace luodi
