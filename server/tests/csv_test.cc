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
