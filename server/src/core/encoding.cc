#include "core/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>

namespace luodi {

bool is_valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    int len;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

namespace {
// Length of the well-formed UTF-8 sequence at s[i], or 0 if there is none.
size_t utf8_sequence_at(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) len = 2;
  else if ((c & 0xF0) == 0xE0) len = 3;
  else if ((c & 0xF8) == 0xF0) len = 4;
  else return 0;
  if (i + len > s.size() || !is_valid_utf8(s.substr(i, len))) return 0;
  return len;
}
}  // namespace

std::string printable_utf8(std::string_view s, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(s.size(), max_bytes));
  for (size_t i = 0; i < s.size();) {
    size_t len = utf8_sequence_at(s, i);
    if (len == 0) {
      if (out.size() + 1 > max_bytes) break;
      out += '?';
      ++i;
      continue;
    }
    if (out.size() + len > max_bytes) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (len == 1 && (c < 0x20 || c == 0x7F)) out += ' ';
    else out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::optional<std::string> to_utf8(std::string_view bytes) {
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
      static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF)
    bytes.remove_prefix(3);
  if (is_valid_utf8(bytes)) return std::string(bytes);

  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* op = out.data();
  size_t out_left = out.size();
  bool ok = true;
  while (in_left > 0) {
    size_t r = iconv(cd, &in, &in_left, &op, &out_left);
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        size_t used = static_cast<size_t>(op - out.data());
        out.resize(out.size() * 2);
        op = out.data() + used;
        out_left = out.size() - used;
        continue;
      }
      ok = false;
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(static_cast<size_t>(op - out.data()));
  return out;
}

std::string trim(std::string_view s) {
  auto is_space_at_front = [&](std::string_view v) -> size_t {
    if (v.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(v[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (v.size() >= 3 && c == 0xE3 && static_cast<unsigned char>(v[1]) == 0x80 && static_cast<unsigned char>(v[2]) == 0x80) return 3;
    return 0;
  };
  auto is_space_at_back = [&](std::string_view v) -> size_t {
    if (v.empty()) return 0;
    unsigned char c = static_cast<unsigned char>(v.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    size_t n = v.size();
    if (n >= 3 && static_cast<unsigned char>(v[n - 3]) == 0xE3 && static_cast<unsigned char>(v[n - 2]) == 0x80 && c == 0x80) return 3;
    return 0;
  };
  while (size_t k = is_space_at_front(s)) s.remove_prefix(k);
  while (size_t k = is_space_at_back(s)) s.remove_suffix(k);
  return std::string(s);
}

}  // namespace luodi
