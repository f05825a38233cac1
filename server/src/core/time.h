// Time values: instants are Unix seconds (UTC); dates are civil "YYYY-MM-DD".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace luodi {

using UnixSeconds = std::int64_t;

// Port: where "now" comes from. Tests pass a fake; domain code never calls now().
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds now() const override;
};

// A settable clock for tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixSeconds t) : t_(t) {}
  UnixSeconds now() const override { return t_; }
  void advance(std::int64_t seconds) { t_ += seconds; }
  void set(UnixSeconds t) { t_ = t; }

 private:
  UnixSeconds t_;
};

// "2026-11-27T05:31:36Z".
std::string format_rfc3339(UnixSeconds t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)"; nullopt if malformed.
std::optional<UnixSeconds> parse_rfc3339(std::string_view s);

// Validates and normalises a civil date: "2024-03-05", "2024/3/5", "2024-3-5"
// all give "2024-03-05". nullopt if not a real calendar date.
std::optional<std::string> normalize_date(std::string_view s);

// True if the IANA time-zone database on this machine knows `name`
// ("Asia/Shanghai"). Falls back to true when no database is installed.
bool is_known_time_zone(const std::string& name);

// The offset of the tenants' default time zone (Asia/Shanghai, no DST).
// Deadlines, ledger dates and cycle boundaries are counted in it until
// per-branch zones are converted.
constexpr std::int64_t kDefaultUtcOffset = 8 * 3600;
// The civil date "YYYY-MM-DD" of an instant at `utc_offset`.
std::string local_date(UnixSeconds t, std::int64_t utc_offset = kDefaultUtcOffset);
// The instant a civil date begins at `utc_offset`.
UnixSeconds local_midnight(int year, unsigned month, unsigned day, std::int64_t utc_offset = kDefaultUtcOffset);
// The same for a date "YYYY-MM-DD" (which must be valid).
UnixSeconds local_midnight(const std::string& date, std::int64_t utc_offset = kDefaultUtcOffset);

// Days since 1970-01-01 for a civil date (proleptic Gregorian).
std::int64_t days_from_civil(int y, unsigned m, unsigned d);

}  // namespace luodi
