#include "core/unicode.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace luodi;

namespace {

std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

std::string repeat(char32_t cp, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += utf8(cp);
  return s;
}

// One row per code point: its class as the rules see it.
struct CharRow {
  char32_t cp;
  bool control, format, separator, invisible;
};

}  // namespace

TEST(Unicode, ClassesOfTheCodePointsThatMatter) {
  const std::vector<CharRow> rows = {
      // Cc
      {0x0000, true, false, false, true},   {0x0009, true, false, false, true},   {0x000A, true, false, false, true},
      {0x001F, true, false, false, true},   {0x007F, true, false, false, true},   {0x0085, true, false, false, true},
      {0x009F, true, false, false, true},
      // Cf
      {0x00AD, false, true, false, true},   {0x061C, false, true, false, true},   {0x180E, false, true, false, true},
      {0x200B, false, true, false, true},   {0x200C, false, true, false, true},   {0x200D, false, true, false, true},
      {0x200E, false, true, false, true},   {0x200F, false, true, false, true},   {0x202A, false, true, false, true},
      {0x202E, false, true, false, true},   {0x2060, false, true, false, true},   {0x2064, false, true, false, true},
      {0x2066, false, true, false, true},   {0x2069, false, true, false, true},   {0xFEFF, false, true, false, true},
      {0xFFF9, false, true, false, true},   {0xE0001, false, true, false, true},  {0xE0020, false, true, false, true},
      {0xE007F, false, true, false, true},
      // Zs, Zl, Zp
      {0x0020, false, false, true, true},   {0x00A0, false, false, true, true},   {0x1680, false, false, true, true},
      {0x2000, false, false, true, true},   {0x200A, false, false, true, true},   {0x202F, false, false, true, true},
      {0x205F, false, false, true, true},   {0x3000, false, false, true, true},   {0x2028, false, false, true, true},
      {0x2029, false, false, true, true},
      // Other default-ignorables that draw nothing.
      {0x034F, false, false, false, true},  {0x115F, false, false, false, true},  {0x3164, false, false, false, true},
      {0xFE0F, false, false, false, true},  {0xFFA0, false, false, false, true},  {0x2800, false, false, false, true},
      {0xE0100, false, false, false, true},
      // Visible text, including the neighbours of the ranges above.
      {'A', false, false, false, false},    {0x00A1, false, false, false, false}, {0x00AC, false, false, false, false},
      {0x00AE, false, false, false, false}, {0x1FFF, false, false, false, false}, {0x2010, false, false, false, false},
      {0x2030, false, false, false, false}, {0x2065, false, false, false, false}, {0x2070, false, false, false, false},
      {0x3001, false, false, false, false}, {0x4E2D, false, false, false, false}, {0xFEFE, false, false, false, false},
      {0xFF01, false, false, false, false}, {0x1F600, false, false, false, false}, {0xF0000, false, false, false, false},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(code_point_label(r.cp));
    EXPECT_EQ(is_control_char(r.cp), r.control);
    EXPECT_EQ(is_format_char(r.cp), r.format);
    EXPECT_EQ(is_separator_char(r.cp), r.separator);
    EXPECT_EQ(is_invisible_char(r.cp), r.invisible);
  }
}

TEST(Unicode, VisibleCharCount) {
  struct Row {
    std::string text;
    size_t count;
  };
  const std::vector<Row> rows = {
      {"", 0},
      {"培训心得", 4},
      {"Hello, world", 11},                                   // the space does not count
      {std::string(20, '\0'), 0},                             // twenty NULs
      {repeat(0x200B, 20), 0},                                // twenty zero-width spaces
      {repeat(0x3000, 5) + "学" + repeat(0x00A0, 5), 1},      // ideographic and no-break spaces
      {"一\t二\n三\r\n四", 4},                                // tabs and line breaks
      {repeat(0x202E, 3) + "abc" + repeat(0x2066, 2), 3},    // bidi controls
      {repeat(0xFEFF, 2) + "好" + repeat(0x00AD, 4), 1},      // BOM and soft hyphens
      {repeat(0xE0041, 10) + repeat(0xE007F, 1), 0},          // tag characters
      {repeat(0x2028, 3) + repeat(0x2029, 3), 0},             // line and paragraph separators
      {repeat(0x3164, 4) + repeat(0x2800, 4), 0},             // Hangul filler, braille blank
      {"👩" + utf8(0x200D) + "💻", 2},                        // ZWJ emoji sequence: two pictures
      {"e" + utf8(0x0301), 2},                                // combining marks count (they are visible)
      {"\xE5\xAD", 2},                                        // each byte of a truncated sequence counts as one
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(testing::PrintToString(r.text));
    EXPECT_EQ(visible_char_count(r.text), r.count);
  }
}

TEST(Unicode, ForbiddenCharsBySingleAndMultiLineFields) {
  struct Row {
    std::string text;
    std::optional<char32_t> single, multi;
  };
  const std::vector<Row> rows = {
      {"张三", std::nullopt, std::nullopt},
      {"Zhang San", std::nullopt, std::nullopt},
      {"研发部 (北京)", std::nullopt, std::nullopt},
      {std::string("张\0三", 7), U'\0', U'\0'},
      {"张\t三", U'\t', std::nullopt},
      {"第一行\n第二行\r\n", U'\n', std::nullopt},
      {"a\x1b[31mred", 0x1B, 0x1B},
      {"a" + utf8(0x007F), 0x7F, 0x7F},
      {"a" + utf8(0x0085), 0x85, 0x85},
      {"张" + utf8(0x200B) + "三", 0x200B, std::nullopt},
      {"abc" + utf8(0x202E) + "gpj.exe", 0x202E, std::nullopt},
      {"名" + utf8(0xFEFF), 0xFEFF, std::nullopt},
      {"a" + utf8(0x2028) + "b", 0x2028, std::nullopt},
      {"a" + utf8(0x2029) + "b", 0x2029, std::nullopt},
      {"no-break" + utf8(0x00A0) + "space", std::nullopt, std::nullopt},
      {"👩" + utf8(0x200D) + "💻", 0x200D, std::nullopt},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(testing::PrintToString(r.text));
    EXPECT_EQ(forbidden_char(r.text, TextKind::kSingleLine), r.single);
    EXPECT_EQ(forbidden_char(r.text, TextKind::kMultiLine), r.multi);
  }
}

TEST(Unicode, CheckTextCharsNamesTheFieldAndTheCodePoint) {
  FieldErrors errs;
  EXPECT_TRUE(check_text_chars("name", "王小雨", TextKind::kSingleLine, errs));
  EXPECT_FALSE(check_text_chars("name", "王\x01小雨", TextKind::kSingleLine, errs, 3));
  EXPECT_FALSE(check_text_chars("text", std::string("a\0b", 3), TextKind::kMultiLine, errs));
  ASSERT_EQ(errs.items().size(), 2u);
  EXPECT_EQ(errs.items()[0].field, "name");
  EXPECT_EQ(errs.items()[0].line, 3);
  EXPECT_NE(errs.items()[0].message_en.find("U+0001"), std::string::npos);
  EXPECT_EQ(errs.items()[1].field, "text");
  EXPECT_NE(errs.items()[1].message.find("U+0000"), std::string::npos);
}
