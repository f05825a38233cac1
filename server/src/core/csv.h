// RFC 4180 CSV parsing (quotes, doubled quotes, commas and newlines inside
// quotes; rows end with CRLF, LF or a lone CR). Input must already be UTF-8.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace luodi {

struct CsvRow {
  int line = 0;  // spreadsheet row number (1-based): newlines inside quotes do not count
  std::vector<std::string> cells;
};

struct CsvParseResult {
  std::vector<CsvRow> rows;  // blank lines are skipped
  bool ok = true;
  int error_line = 0;        // row where an unterminated quote started
};

CsvParseResult parse_csv(std::string_view text);

}  // namespace luodi
