#include "reports/qr_png.h"

#include <cairo.h>
#include <qrencode.h>

namespace luodi {

namespace {
cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace

std::string qr_png(const std::string& text, int scale) {
  QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
  if (!code) return {};
  const int margin = 4;
  const int size = (code->width + 2 * margin) * scale;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size, size);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < code->width; ++y)
    for (int x = 0; x < code->width; ++x)
      if (code->data[y * code->width + x] & 1) cairo_rectangle(cr, (x + margin) * scale, (y + margin) * scale, scale, scale);
  cairo_fill(cr);
  std::string png;
  cairo_surface_flush(surface);
  cairo_status_t st = cairo_surface_write_to_png_stream(surface, append, &png);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  QRcode_free(code);
  return st == CAIRO_STATUS_SUCCESS ? png : std::string();
}

}  // namespace luodi
