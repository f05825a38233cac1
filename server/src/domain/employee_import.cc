#include "domain/employee_import.h"

#include <algorithm>
#include <unordered_set>

#include "core/csv.h"
#include "core/encoding.h"
#include "domain/employee_rules.h"

namespace luodi {

void DepartmentDirectory::add(const Department& d, const std::string& branch_name) {
  by_name_.emplace(d.name, d);
  by_path_[branch_name + "/" + d.name] = d;
}

std::optional<Department> DepartmentDirectory::resolve(const std::string& cell, bool& ambiguous) const {
  ambiguous = false;
  if (auto it = by_path_.find(cell); it != by_path_.end()) return it->second;
  auto [b, e] = by_name_.equal_range(cell);
  if (b == e) return std::nullopt;
  if (std::next(b) != e) {
    ambiguous = true;
    return std::nullopt;
  }
  return b->second;
}

std::optional<std::string> canonical_import_column(const std::string& raw) {
  std::string h = trim(raw);
  std::string lower = h;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::pair<const char*, const char*> kMap[] = {
      {"工号", "employee_no"},       {"员工编号", "employee_no"},   {"employee_no", "employee_no"},
      {"姓名", "name"},              {"name", "name"},              {"性别", "gender"},
      {"gender", "gender"},          {"手机", "phone"},             {"手机号", "phone"},
      {"电话", "phone"},             {"phone", "phone"},            {"邮箱", "email"},
      {"电子邮箱", "email"},         {"email", "email"},            {"入职日期", "hire_date"},
      {"hire_date", "hire_date"},    {"部门", "department"},        {"department", "department"},
      {"岗位", "position"},          {"职位", "position"},          {"position", "position"},
      {"职级", "job_level"},         {"job_level", "job_level"},    {"用工类型", "employment_type"},
      {"employment_type", "employment_type"}, {"职称系列", "title_series"}, {"title_series", "title_series"},
      {"职称等级", "title_level"},   {"职称级别", "title_level"},   {"title_level", "title_level"},
      {"状态", "status"},            {"status", "status"},
  };
  for (const auto& [k, v] : kMap)
    if (h == k || lower == k) return std::string(v);
  return std::nullopt;
}

Result<ImportPlan> plan_employee_import(std::string_view bytes, const DepartmentDirectory& departments,
                                        size_t max_rows) {
  FieldErrors errs;
  auto text = to_utf8(bytes);
  if (!text) {
    errs.add("file", "文件编码无法识别，请另存为UTF-8或GBK编码的CSV", "The file is neither UTF-8 nor GBK text", 1);
    return std::move(errs).to_error();
  }
  CsvParseResult csv = parse_csv(*text);
  if (!csv.ok) {
    errs.add("file", "引号未闭合", "Unterminated quoted field", csv.error_line);
    return std::move(errs).to_error();
  }
  if (csv.rows.empty()) {
    errs.add("file", "文件为空，第一行应为表头", "The file is empty; the first line must be the header", 1);
    return std::move(errs).to_error();
  }
  if (csv.rows.size() - 1 > max_rows) {
    errs.add("file", "行数超过上限 " + std::to_string(max_rows), "Too many rows (max " + std::to_string(max_rows) + ")", 1);
    return std::move(errs).to_error();
  }

  // Header.
  const CsvRow& header = csv.rows.front();
  std::vector<std::optional<std::string>> columns;
  std::unordered_set<std::string> seen;
  for (const auto& cell : header.cells) {
    auto c = canonical_import_column(cell);
    if (c && !seen.insert(*c).second) {
      errs.add(*c, "表头重复: " + trim(cell), "Duplicate column: " + trim(cell), header.line);
      c.reset();
    }
    columns.push_back(c);
  }
  for (const char* required : {"employee_no", "name", "department"}) {
    if (!seen.count(required)) {
      static const std::unordered_map<std::string, std::string> kZh = {
          {"employee_no", "工号"}, {"name", "姓名"}, {"department", "部门"}};
      errs.add(required, "缺少必需的列: " + kZh.at(required), std::string("Missing required column: ") + required,
               header.line);
    }
  }
  if (!errs.empty()) return std::move(errs).to_error();

  ImportPlan plan;
  std::unordered_map<std::string, int> no_lines;
  for (size_t r = 1; r < csv.rows.size(); ++r) {
    const CsvRow& row = csv.rows[r];
    bool all_empty = std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return trim(c).empty(); });
    if (all_empty) continue;
    ImportRow out;
    out.line = row.line;
    Employee& e = out.employee;
    e.employment_type = "full_time";
    bool has_no = false, has_name = false, has_dept = false;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (!columns[c]) continue;
      const std::string& field = *columns[c];
      std::string value = c < row.cells.size() ? trim(row.cells[c]) : std::string();
      out.present.push_back(field);
      int line = row.line;
      if (field == "employee_no") {
        if (auto v = check_employee_no(value, errs, line)) {
          e.employee_no = *v;
          has_no = true;
        }
      } else if (field == "name") {
        if (auto v = check_person_name(value, errs, line)) {
          e.name = *v;
          has_name = true;
        }
      } else if (field == "department") {
        if (value.empty()) {
          errs.add("department", "部门不能为空", "department is required", line);
        } else {
          bool ambiguous = false;
          auto d = departments.resolve(value, ambiguous);
          if (d) {
            e.department_id = d->id;
            e.branch_id = d->branch_id;
            has_dept = true;
          } else if (ambiguous) {
            errs.add("department", "部门名称不唯一，请写成“分支机构/部门”: " + value,
                     "Department name is ambiguous; write it as branch/department: " + value, line);
          } else {
            errs.add("department", "部门不存在或无权限: " + value, "Unknown department: " + value, line);
          }
        }
      } else if (value.empty()) {
        continue;  // optional fields may be blank
      } else if (field == "gender") {
        e.gender = check_gender(value, errs, line);
      } else if (field == "phone") {
        e.phone = check_phone(value, errs, line);
      } else if (field == "email") {
        e.email = check_email(value, errs, line);
      } else if (field == "hire_date") {
        e.hire_date = check_hire_date(value, errs, line);
      } else if (field == "employment_type") {
        e.employment_type = check_employment_type(value, errs, line);
      } else if (field == "status") {
        if (auto v = check_status(value, errs, line)) e.status = *v;
      } else {
        auto v = check_short_text(field, value, errs, line);
        if (field == "position") e.position = v;
        else if (field == "job_level") e.job_level = v;
        else if (field == "title_series") e.title_series = v;
        else if (field == "title_level") e.title_level = v;
      }
    }
    if (has_no) {
      auto [it, inserted] = no_lines.emplace(e.employee_no, row.line);
      if (!inserted)
        errs.add("employee_no", "工号与第" + std::to_string(it->second) + "行重复",
                 "employee_no duplicates line " + std::to_string(it->second), row.line);
    }
    if (has_no && has_name && has_dept) plan.rows.push_back(std::move(out));
  }
  if (!errs.empty()) {
    auto& items = errs.items();
    std::stable_sort(items.begin(), items.end(), [](const FieldError& a, const FieldError& b) {
      return a.line.value_or(0) < b.line.value_or(0);
    });
    return std::move(errs).to_error();
  }
  return plan;
}

}  // namespace luodi
