#include "reports/xlsx_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace luodi {

namespace {
const char* gender_zh(const std::optional<std::string>& g) {
  if (!g) return "";
  return *g == "male" ? "男" : (*g == "female" ? "女" : "");
}
const char* employment_zh(const std::optional<std::string>& t) {
  if (!t) return "";
  if (*t == "full_time") return "全职";
  if (*t == "part_time") return "兼职";
  if (*t == "contract") return "合同";
  if (*t == "intern") return "实习";
  if (*t == "dispatched") return "劳务派遣";
  return "";
}
}  // namespace

namespace {
Result<std::string> finish(lxw_workbook* wb, const std::string& path) {
  std::error_code ec;
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(path, ec);
    return Error::internal(std::string("xlsx: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path, ec);
  return ss.str();
}
// A constant-memory workbook in temp_dir; `path` receives its file name.
lxw_workbook* open_workbook(const std::string& temp_dir, const char* prefix, std::string& path) {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  std::filesystem::create_directories(temp_dir, ec);
  path = temp_dir + "/" + prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>(temp_dir.c_str());
  return workbook_new_opt(path.c_str(), &options);
}
}  // namespace

Result<std::string> employees_xlsx(const std::vector<Employee>& employees, const std::string& temp_dir) {
  std::string path;
  lxw_workbook* wb = open_workbook(temp_dir, "export", path);
  if (!wb) return Error::internal("cannot create workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "员工名单");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xE8F0FE);
  const char* headers[] = {"工号", "姓名", "性别", "手机", "邮箱", "入职日期", "分支机构", "部门",
                           "岗位", "职级", "用工类型", "职称系列", "职称等级", "状态", "登录名"};
  const double widths[] = {10, 10, 6, 15, 26, 12, 20, 14, 14, 8, 10, 14, 10, 6, 14};
  for (lxw_col_t col = 0; col < std::size(headers); ++col) {
    worksheet_set_column(ws, col, col, widths[col], nullptr);
    worksheet_write_string(ws, 0, col, headers[col], head);
  }
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  auto s = [](const std::optional<std::string>& v) { return v ? v->c_str() : ""; };
  for (const auto& e : employees) {
    const char* cells[] = {e.employee_no.c_str(), e.name.c_str(), gender_zh(e.gender), s(e.phone), s(e.email),
                           s(e.hire_date), e.branch_name.c_str(), e.department_name.c_str(), s(e.position),
                           s(e.job_level), employment_zh(e.employment_type), s(e.title_series), s(e.title_level),
                           e.status == "left" ? "离职" : "在职", s(e.login)};
    for (lxw_col_t col = 0; col < std::size(cells); ++col)
      if (*cells[col]) worksheet_write_string(ws, row, col, cells[col], nullptr);
    ++row;
  }
  return finish(wb, path);
}


Result<std::string> table_xlsx(const std::string& sheet, const std::vector<std::string>& headers,
                               const std::vector<std::vector<XlsxCell>>& rows, const std::string& temp_dir) {
  std::string path;
  lxw_workbook* wb = open_workbook(temp_dir, "table", path);
  if (!wb) return Error::internal("cannot create workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xE8F0FE);
  for (lxw_col_t col = 0; col < headers.size(); ++col) {
    worksheet_set_column(ws, col, col, col < 4 ? 14 : 12, nullptr);
    worksheet_write_string(ws, 0, col, headers[col].c_str(), head);
  }
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  for (const auto& r : rows) {
    for (lxw_col_t col = 0; col < r.size(); ++col) {
      if (const auto* s = std::get_if<std::string>(&r[col])) {
        if (!s->empty()) worksheet_write_string(ws, row, col, s->c_str(), nullptr);
      } else {
        worksheet_write_number(ws, row, col, std::get<double>(r[col]), nullptr);
      }
    }
    ++row;
  }
  return finish(wb, path);
}

}  // namespace luodi
