#include "core/encoding.h"
#include "core/time.h"

#include <gtest/gtest.h>

using namespace luodi;

TEST(Encoding, StripsBomAndKeepsUtf8) {
  EXPECT_EQ(*to_utf8("\xEF\xBB\xBF工号,姓名"), "工号,姓名");
  EXPECT_EQ(*to_utf8("plain"), "plain");
}

TEST(Encoding, DecodesGbk) {
  // "工号,姓名" in GBK.
  const std::string gbk = "\xB9\xA4\xBA\xC5,\xD0\xD5\xC3\xFB";
  auto out = to_utf8(gbk);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "工号,姓名");
}

TEST(Encoding, Utf8LengthAndTrim) {
  EXPECT_EQ(utf8_length("王小雨"), 3u);
  EXPECT_EQ(trim("\u3000 张三 \t"), "张三");
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
}

TEST(Encoding, PrintableUtf8) {
  struct Case {
    std::string in;
    size_t max;
    std::string want;
  };
  const Case cases[] = {
      {"Mozilla/5.0 (iPhone) 微信", 100, "Mozilla/5.0 (iPhone) 微信"},
      {std::string("a\0b\r\nc\x7f", 7), 100, "a b  c "},
      {"ok\xC0\xAFok\xFF", 100, "ok??ok?"},
      {"王小雨", 7, "王小"},    // never cuts a character in half
      {"abcdef", 3, "abc"},
      {"\xE7\x8E", 100, "??"},  // truncated sequence
      {"", 10, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(printable_utf8(c.in, c.max), c.want) << c.in;
}

TEST(Time, Rfc3339RoundTripAndOffsets) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(*parse_rfc3339("2026-11-27T13:31:36+08:00"), *parse_rfc3339("2026-11-27T05:31:36Z"));
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2024-02-29T23:59:59.5Z")), "2024-02-29T23:59:59Z");
  EXPECT_FALSE(parse_rfc3339("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-11-27 05:31"));
}

TEST(Time, NormalizeDate) {
  EXPECT_EQ(*normalize_date("2024/3/5"), "2024-03-05");
  EXPECT_EQ(*normalize_date("2024-12-31"), "2024-12-31");
  EXPECT_FALSE(normalize_date("2024-13-01"));
  EXPECT_FALSE(normalize_date("2023-02-29"));
  EXPECT_FALSE(normalize_date("2024/03-05"));
  EXPECT_FALSE(normalize_date("yesterday"));
}
