#include "core/csv.h"

#include <gtest/gtest.h>

using namespace luodi;

TEST(Csv, QuotesCommasNewlinesAndLineNumbers) {
  auto r = parse_csv("a,b,c\r\n1,\"x, y\",3\n\n2,\"multi\nline\",\"say \"\"hi\"\"\"\n4,5,6");
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0].cells, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(r.rows[1].cells, (std::vector<std::string>{"1", "x, y", "3"}));
  EXPECT_EQ(r.rows[1].line, 2);
  EXPECT_EQ(r.rows[2].line, 4);  // blank line 3 skipped, line numbers kept
  EXPECT_EQ(r.rows[2].cells, (std::vector<std::string>{"2", "multi\nline", "say \"hi\""}));
  EXPECT_EQ(r.rows[3].line, 5);  // a quoted newline stays inside its row, as in a spreadsheet
  EXPECT_EQ(r.rows[3].cells, (std::vector<std::string>{"4", "5", "6"}));
}

TEST(Csv, UnterminatedQuoteReportsItsLine) {
  auto r = parse_csv("a,b\n1,2\n3,\"open\n");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_line, 3);
}

TEST(Csv, EmptyCellsAndTrailingComma) {
  auto r = parse_csv("a,,c,\n");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].cells, (std::vector<std::string>{"a", "", "c", ""}));
}

TEST(Csv, LineEndsCrLfLfAndLoneCrGiveTheSameRows) {
  struct Row {
    const char* what;
    std::string text;
  };
  const std::vector<Row> rows = {
      {"LF", "工号,姓名\nE1,张三\n\nE2,\"李\n四\"\n"},
      {"CRLF", "工号,姓名\r\nE1,张三\r\n\r\nE2,\"李\n四\"\r\n"},
      {"CR only", "工号,姓名\rE1,张三\r\rE2,\"李\n四\"\r"},
      {"CR only, no final line end", "工号,姓名\rE1,张三\r\rE2,\"李\n四\""},
      {"mixed", "工号,姓名\r\nE1,张三\r\nE2,\"李\n四\"\n"},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.what);
    auto csv = parse_csv(r.text);
    ASSERT_TRUE(csv.ok);
    ASSERT_EQ(csv.rows.size(), 3u);
    EXPECT_EQ(csv.rows[0].cells, (std::vector<std::string>{"工号", "姓名"}));
    EXPECT_EQ(csv.rows[1].cells, (std::vector<std::string>{"E1", "张三"}));
    EXPECT_EQ(csv.rows[2].cells, (std::vector<std::string>{"E2", "李\n四"}));
    EXPECT_EQ(csv.rows[1].line, 2);
  }
}
