#include "core/unicode.h"

#include <algorithm>
#include <cstdio>

namespace luodi {

namespace {

struct Range {
  char32_t lo, hi;
};

// General category Cf (Unicode 15.0, DerivedGeneralCategory.txt).
constexpr Range kFormat[] = {
    {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},
    {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},   {0x200B, 0x200F},   {0x202A, 0x202E},
    {0x2060, 0x2064},   {0x2066, 0x206F},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD},
    {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F},
};

// General categories Zs, Zl, Zp.
constexpr Range kSeparator[] = {
    {0x0020, 0x0020}, {0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200A},
    {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};

// Default_Ignorable_Code_Point outside Cc/Cf (DerivedCoreProperties.txt),
// plus U+2800 BRAILLE PATTERN BLANK: letters and marks that draw nothing,
// the usual way to fake a non-empty name or pad a text.
constexpr Range kOtherInvisible[] = {
    {0x034F, 0x034F}, {0x115F, 0x1160}, {0x17B4, 0x17B5}, {0x180B, 0x180D}, {0x180F, 0x180F},
    {0x2800, 0x2800}, {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8},
    {0xE0000, 0xE0000}, {0xE0002, 0xE001F}, {0xE0080, 0xE0FFF},
};

template <size_t N>
bool in(const Range (&table)[N], char32_t cp) {
  // Tables are sorted and disjoint: find the first range ending at or after cp.
  auto it = std::lower_bound(std::begin(table), std::end(table), cp, [](const Range& r, char32_t v) { return r.hi < v; });
  return it != std::end(table) && it->lo <= cp;
}

// Decodes one code point at s[i], advancing i. A malformed sequence yields
// U+FFFD and advances one byte.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 <= 0xDF ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

}  // namespace

bool is_control_char(char32_t cp) { return cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F); }

bool is_format_char(char32_t cp) { return in(kFormat, cp); }

bool is_separator_char(char32_t cp) { return in(kSeparator, cp); }

bool is_invisible_char(char32_t cp) {
  return is_control_char(cp) || is_format_char(cp) || is_separator_char(cp) || in(kOtherInvisible, cp);
}

size_t visible_char_count(std::string_view utf8) {
  size_t n = 0;
  for (size_t i = 0; i < utf8.size();)
    if (!is_invisible_char(next_code_point(utf8, i))) ++n;
  return n;
}

std::optional<char32_t> forbidden_char(std::string_view utf8, TextKind kind) {
  for (size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (kind == TextKind::kSingleLine) {
      if (is_control_char(cp) || is_format_char(cp) || cp == 0x2028 || cp == 0x2029) return cp;
    } else if (is_control_char(cp) && cp != '\t' && cp != '\n' && cp != '\r') {
      return cp;
    }
  }
  return std::nullopt;
}

std::string code_point_label(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

bool check_text_chars(const std::string& field, std::string_view value, TextKind kind, FieldErrors& errs,
                      std::optional<int> line) {
  auto bad = forbidden_char(value, kind);
  if (!bad) return true;
  const std::string label = code_point_label(*bad);
  if (kind == TextKind::kSingleLine)
    errs.add(field, "不能包含换行、控制字符或不可见的格式字符（" + label + "）",
             field + " must not contain line breaks, control or invisible format characters (" + label + ")", line);
  else
    errs.add(field, "不能包含控制字符（" + label + "）", field + " must not contain control characters (" + label + ")", line);
  return false;
}

}  // namespace luodi
