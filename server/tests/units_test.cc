#include "core/units.h"

#include <gtest/gtest.h>

#include <string>

namespace luodi {
namespace {

TEST(Units, ParseSize) {
  struct Case {
    std::string text;
    std::optional<std::uint64_t> bytes;
  } cases[] = {
      {"0", 0},
      {"1048576", 1048576},
      {"512B", 512},
      {"64KiB", 64 * 1024},
      {"64k", 64 * 1024},
      {"1MiB", 1 << 20},
      {" 1 MiB ", 1 << 20},
      {"20M", 20 << 20},
      {"20mib", 20 << 20},
      {"2GiB", 2ull << 30},
      {"1MB", std::nullopt},  // 1000 or 1024? refused
      {"1KB", std::nullopt},
      {"1.5MiB", std::nullopt},
      {"-1", std::nullopt},
      {"+1", std::nullopt},
      {"MiB", std::nullopt},
      {"", std::nullopt},
      {"true", std::nullopt},
      {"9999999999999999999", std::nullopt},     // over 2^63
      {"9999999999GiB", std::nullopt},           // overflows when multiplied
  };
  for (const auto& c : cases) EXPECT_EQ(parse_size(c.text), c.bytes) << '"' << c.text << '"';
}

TEST(Units, ParseDuration) {
  struct Case {
    std::string text;
    std::optional<std::int64_t> seconds;
  } cases[] = {
      {"0", 0},      {"90", 90},         {"90s", 90},         {"30m", 1800},      {"30M", 1800},
      {"12h", 43200}, {"7d", 604800},    {" 7 d", 604800},    {"1w", std::nullopt}, {"1.5h", std::nullopt},
      {"-5m", std::nullopt}, {"m", std::nullopt}, {"", std::nullopt}, {"99999999999999999d", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_duration(c.text), c.seconds) << '"' << c.text << '"';
}

TEST(Units, Format) {
  EXPECT_EQ(format_size(1 << 20), "1 MiB");
  EXPECT_EQ(format_size(20 << 20), "20 MiB");
  EXPECT_EQ(format_size(16 << 10), "16 KiB");
  EXPECT_EQ(format_size((1 << 20) + 1024), "1025 KiB");
  EXPECT_EQ(format_size(1000), "1000 B");
  EXPECT_EQ(format_size(0), "0 B");
  EXPECT_EQ(format_size(2ull << 30), "2 GiB");
  EXPECT_EQ(format_duration_en(1800), "30 minutes");
  EXPECT_EQ(format_duration_en(60), "1 minute");
  EXPECT_EQ(format_duration_en(3600), "1 hour");
  EXPECT_EQ(format_duration_en(604800), "7 days");
  EXPECT_EQ(format_duration_en(90), "90 seconds");
  EXPECT_EQ(format_duration_en(0), "0 seconds");
  EXPECT_EQ(format_duration_zh(1800), "30分钟");
  EXPECT_EQ(format_duration_zh(900), "15分钟");
  EXPECT_EQ(format_duration_zh(7200), "2小时");
  EXPECT_EQ(format_duration_zh(86400), "1天");
  EXPECT_EQ(format_duration_zh(45), "45秒");
}

}  // namespace
}  // namespace luodi
