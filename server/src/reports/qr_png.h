// QR codes as PNG images (libqrencode for the code, Cairo for the picture).
#pragma once
#include <string>

namespace luodi {

// A PNG of `text` as a QR code (error correction M), `scale` pixels per
// module, with a 4-module quiet zone. Empty on failure.
std::string qr_png(const std::string& text, int scale = 10);

}  // namespace luodi
