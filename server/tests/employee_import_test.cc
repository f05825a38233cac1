#include "domain/employee_import.h"

#include <gtest/gtest.h>

using namespace luodi;

namespace {
DepartmentDirectory directory() {
  DepartmentDirectory dir;
  Department sales{1, 1, 10, std::nullopt, std::nullopt, "销售一部"};
  Department rnd{2, 1, 10, std::nullopt, std::nullopt, "研发部"};
  Department office1{3, 1, 10, std::nullopt, std::nullopt, "办公室"};
  Department office2{4, 1, 20, std::nullopt, std::nullopt, "办公室"};
  dir.add(sales, "科技");
  dir.add(rnd, "科技");
  dir.add(office1, "科技");
  dir.add(office2, "研究院");
  return dir;
}
}  // namespace

TEST(EmployeeImport, ValidFileWithChineseHeadersAndBom) {
  auto plan = plan_employee_import("\xEF\xBB\xBF工号,姓名,部门,性别,入职日期\nX1,张三,销售一部,男,2020/1/5\nX2,李四,研究院/办公室,,\n",
                                   directory());
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->rows.size(), 2u);
  EXPECT_EQ(plan->rows[0].employee.department_id, 1);
  EXPECT_EQ(*plan->rows[0].employee.hire_date, "2020-01-05");
  EXPECT_EQ(plan->rows[1].employee.department_id, 4);
  EXPECT_EQ(plan->rows[1].line, 3);
}

TEST(EmployeeImport, EveryBadRowIsReportedWithSpreadsheetLines) {
  auto plan = plan_employee_import(
      "employee_no,name,department,hire_date\nA1,甲,研发部,2020-01-01\nA2,,研发部,\nA3,丙,研发部,\nA4,丁,研发部,2020-13-01\n"
      "A5,戊,不存在部,\nA6,己,办公室,\nA1,庚,研发部,\n",
      directory());
  ASSERT_FALSE(plan.ok());
  std::vector<std::pair<int, std::string>> got;
  for (const auto& d : plan.error().details) got.emplace_back(*d.line, d.field);
  EXPECT_EQ(got, (std::vector<std::pair<int, std::string>>{
                     {3, "name"}, {5, "hire_date"}, {6, "department"}, {7, "department"}, {8, "employee_no"}}));
}

TEST(EmployeeImport, MissingRequiredColumnsAndGarbage) {
  auto plan = plan_employee_import("姓名\n张三\n", directory());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().details.size(), 2u);
  auto bad = plan_employee_import("\xFF\xFE\x00\x01garbage\x80", directory());
  EXPECT_FALSE(bad.ok());
}
