// Nesting depth of a JSON text, measured without parsing it and without
// recursion: one pass over the bytes, counting [ and { outside strings.
// Used before a client's body reaches the JSON parser, so no value that came
// from a client can be deep enough to exhaust a stack in code that walks it
// (the serializer, comparisons, copies).
#pragma once
#include <string_view>

namespace luodi {

// The most nesting a request body may have: an object holding an array is 2.
inline constexpr int kMaxJsonDepth = 64;

// True when no array/object in `text` is nested deeper than `max_depth`.
// Text that is not JSON at all passes (the parser will refuse it); this only
// answers the depth question. O(n), constant memory, never throws.
bool json_depth_within(std::string_view text, int max_depth = kMaxJsonDepth) noexcept;

}  // namespace luodi
