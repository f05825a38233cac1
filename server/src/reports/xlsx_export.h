// Excel renderings of read models (libxlsxwriter).
#pragma once
#include <string>
#include <variant>
#include <vector>

#include "core/error.h"
#include "domain/org_model.h"

namespace luodi {

// The employee list as an .xlsx file (bytes), Chinese headers, one row each.
// `temp_dir` is where libxlsxwriter may write its working file.
Result<std::string> employees_xlsx(const std::vector<Employee>& employees, const std::string& temp_dir);

// A generic table: bold header row, one row per entry; numbers stay numbers.
using XlsxCell = std::variant<std::string, double>;
Result<std::string> table_xlsx(const std::string& sheet, const std::vector<std::string>& headers,
                               const std::vector<std::vector<XlsxCell>>& rows, const std::string& temp_dir);

}  // namespace luodi
