#include "core/csv.h"

namespace luodi {

CsvParseResult parse_csv(std::string_view text) {
  CsvParseResult out;
  CsvRow row;
  std::string cell;
  bool in_quotes = false;
  bool cell_started = false;  // anything seen in this row
  int record = 1;             // spreadsheet row of the current record
  row.line = 1;
  int quote_line = 0;

  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
  };
  auto end_row = [&] {
    end_cell();
    bool blank = row.cells.size() == 1 && row.cells[0].empty() && !cell_started;
    if (!blank) out.rows.push_back(std::move(row));
    row = CsvRow{};
    cell_started = false;
    row.line = ++record;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        cell.push_back(c);
      }
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        cell_started = true;
        quote_line = record;
        break;
      case ',':
        cell_started = true;
        end_cell();
        break;
      case '\r':
        // CRLF: the LF ends the row. A CR alone ends it too (classic Mac
        // line ends, still written by some exporters).
        if (i + 1 < text.size() && text[i + 1] == '\n') break;
        end_row();
        break;
      case '\n':
        end_row();
        break;
      default:
        cell_started = true;
        cell.push_back(c);
    }
  }
  if (in_quotes) {
    out.ok = false;
    out.error_line = quote_line;
    return out;
  }
  if (cell_started || !cell.empty() || !row.cells.empty()) end_row();
  return out;
}

}  // namespace luodi
