// Excel renderings of read models (libxlsxwriter).
#pragma once
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/org_model.h"

namespace luodi {

// The employee list as an .xlsx file (bytes), Chinese headers, one row each.
// `temp_dir` is where libxlsxwriter may write its working file.
Result<std::string> employees_xlsx(const std::vector<Employee>& employees, const std::string& temp_dir);

}  // namespace luodi
