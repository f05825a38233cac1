// Turning an uploaded CSV into validated employee rows, all rows checked
// before anything is written.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "domain/org_model.h"

namespace luodi {

// How a department cell is resolved: by unique name, or "分支/部门" path.
// Only departments the importing user may write to are in the directory.
class DepartmentDirectory {
 public:
  void add(const Department& d, const std::string& branch_name);
  // The department id, or nullopt with `ambiguous` set when several match.
  std::optional<Department> resolve(const std::string& cell, bool& ambiguous) const;

 private:
  std::unordered_multimap<std::string, Department> by_name_;
  std::unordered_map<std::string, Department> by_path_;
};

struct ImportRow {
  int line = 0;
  Employee employee;                 // fields from the file; id unset
  std::vector<std::string> present;  // which Employee fields the file has columns for
};

struct ImportPlan {
  std::vector<ImportRow> rows;
};

// Parses and validates `bytes` (UTF-8 with or without BOM, or GBK). Returns
// every problem found as FieldErrors with line numbers (header = 1), or the
// plan. Duplicate 工号 inside the file is an error on the later line.
Result<ImportPlan> plan_employee_import(std::string_view bytes, const DepartmentDirectory& departments,
                                        size_t max_rows = 50000);

// Column name (Chinese or English) → canonical field name, or nullopt.
std::optional<std::string> canonical_import_column(const std::string& header);

}  // namespace luodi
