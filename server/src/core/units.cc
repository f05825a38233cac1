#include "core/units.h"

#include <cctype>
#include <charconv>
#include <limits>

namespace luodi {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "20 MiB" into 20 and "mib"; nullopt without leading digits.
std::optional<std::pair<std::uint64_t, std::string>> number_and_unit(std::string_view text) {
  text = trim(text);
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p == text.data()) return std::nullopt;
  return std::make_pair(n, lower(trim(std::string_view(p, static_cast<size_t>(text.data() + text.size() - p)))));
}

std::optional<std::uint64_t> times(std::uint64_t n, std::uint64_t unit) {
  const std::uint64_t max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (n > max / unit) return std::nullopt;
  return n * unit;
}

}  // namespace

std::optional<std::uint64_t> parse_size(std::string_view text) {
  auto nu = number_and_unit(text);
  if (!nu) return std::nullopt;
  const auto& [n, unit] = *nu;
  if (unit.empty() || unit == "b") return times(n, 1);
  if (unit == "k" || unit == "kib") return times(n, 1ull << 10);
  if (unit == "m" || unit == "mib") return times(n, 1ull << 20);
  if (unit == "g" || unit == "gib") return times(n, 1ull << 30);
  return std::nullopt;
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
  auto nu = number_and_unit(text);
  if (!nu) return std::nullopt;
  const auto& [n, unit] = *nu;
  std::optional<std::uint64_t> s;
  if (unit.empty() || unit == "s") s = times(n, 1);
  else if (unit == "m") s = times(n, 60);
  else if (unit == "h") s = times(n, 3600);
  else if (unit == "d") s = times(n, 86400);
  if (!s) return std::nullopt;
  return static_cast<std::int64_t>(*s);
}

std::string format_size(std::uint64_t bytes) {
  if (bytes > 0 && bytes % (1ull << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
  if (bytes > 0 && bytes % (1ull << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes > 0 && bytes % (1ull << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " B";
}

namespace {
struct Unit {
  std::int64_t seconds;
  const char* en;
  const char* zh;
};
constexpr Unit kUnits[] = {{86400, "day", "天"}, {3600, "hour", "小时"}, {60, "minute", "分钟"}, {1, "second", "秒"}};

const Unit& unit_of(std::int64_t seconds) {
  for (const auto& u : kUnits)
    if (seconds != 0 && seconds % u.seconds == 0) return u;
  return kUnits[3];
}
}  // namespace

std::string format_duration_en(std::int64_t seconds) {
  const Unit& u = unit_of(seconds);
  const std::int64_t n = seconds / u.seconds;
  return std::to_string(n) + " " + u.en + (n == 1 ? "" : "s");
}

std::string format_duration_zh(std::int64_t seconds) {
  const Unit& u = unit_of(seconds);
  return std::to_string(seconds / u.seconds) + u.zh;
}

}  // namespace luodi
