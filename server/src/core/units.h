// Sizes and durations as people write them in configuration ("1MiB", "30m")
// and as messages show them ("1 MiB", "30 分钟"). Pure; never throws.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace luodi {

// "1048576", "64KiB", "1 MiB", "20M", "2GiB" → bytes. Units are binary and
// case-insensitive: B, K/KiB, M/MiB, G/GiB; a bare number is bytes. "1MB" and
// "1KB" are refused (is that 1000 or 1024?), as are fractions, signs and
// values that do not fit in 63 bits. nullopt when malformed.
std::optional<std::uint64_t> parse_size(std::string_view text);

// "90", "90s", "30m", "12h", "7d" → seconds. A bare number is seconds; units
// s, m (minutes), h, d, case-insensitive. nullopt when malformed.
std::optional<std::int64_t> parse_duration(std::string_view text);

// 1048576 → "1 MiB", 16384 → "16 KiB", 1000 → "1000 B": the largest binary
// unit that divides the value exactly.
std::string format_size(std::uint64_t bytes);

// 1800 → "30 minutes" / "30分钟"; 604800 → "7 days" / "7天"; 1 → "1 second":
// the largest unit (day, hour, minute, second) that divides the value exactly.
std::string format_duration_en(std::int64_t seconds);
std::string format_duration_zh(std::int64_t seconds);

}  // namespace luodi
