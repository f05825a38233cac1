// What counts as text: Unicode character classes that carry nothing a
// reader can see (controls, format characters, spaces), for counting the
// length of a reflection and for refusing invisible characters in names.
// Pure; no locale, no ICU. The tables follow Unicode 15.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace luodi {

// General category Cc: U+0000..U+001F, U+007F..U+009F.
bool is_control_char(char32_t cp);
// General category Cf: soft hyphen, zero-width spaces and joiners, bidi
// controls, word joiner and invisible operators, BOM, tag characters, ...
bool is_format_char(char32_t cp);
// General categories Zs, Zl and Zp: every space and the line/paragraph separators.
bool is_separator_char(char32_t cp);
// Cc, Cf, Z* and the other default-ignorable code points that render as
// nothing (variation selectors, Hangul fillers, U+034F, U+115F, ...).
bool is_invisible_char(char32_t cp);

// Code points of `utf8` that a reader can see: everything but
// is_invisible_char(). What `min_chars` of an assignment counts. A byte of
// malformed UTF-8 counts as one (callers refuse malformed text first).
size_t visible_char_count(std::string_view utf8);

// Where a text field lives.
enum class TextKind {
  kSingleLine,  // names, titles, tags, short labels
  kMultiLine,   // reflections, descriptions, comments, reasons
};

// The first code point a field of `kind` refuses, if any.
//   kSingleLine: every Cc (tabs and newlines too), every Cf, U+2028, U+2029.
//   kMultiLine:  Cc other than TAB, LF and CR. Format characters stay
//                allowed (emoji sequences use U+200D), they just do not count.
std::optional<char32_t> forbidden_char(std::string_view utf8, TextKind kind);

// "U+200B".
std::string code_point_label(char32_t cp);

// Adds a 422 detail for `field` when `value` holds a character its kind
// refuses ("姓名不能包含控制字符或不可见字符（U+0000）"); returns false then.
bool check_text_chars(const std::string& field, std::string_view value, TextKind kind, FieldErrors& errs,
                      std::optional<int> line = std::nullopt);

}  // namespace luodi
