// Text encodings met in uploaded files (Excel on Chinese Windows writes GBK).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace luodi {

// True if `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// Converts an uploaded text to UTF-8: strips a UTF-8 BOM; keeps valid UTF-8
// as is; otherwise decodes as GB18030 (a superset of GBK/GB2312).
// nullopt if it is neither.
std::optional<std::string> to_utf8(std::string_view bytes);

// Number of Unicode code points in valid UTF-8.
size_t utf8_length(std::string_view s);

// Trims ASCII whitespace and U+3000 (ideographic space) at both ends.
std::string trim(std::string_view s);

// Makes untrusted text (a header, a login name tried) safe to store and show:
// control characters (NUL, newlines, DEL, ...) become spaces, bytes that are
// not UTF-8 become '?', and the result is cut at a character boundary to at
// most `max_bytes` bytes. Valid printable text passes unchanged.
std::string printable_utf8(std::string_view s, size_t max_bytes);

}  // namespace luodi
