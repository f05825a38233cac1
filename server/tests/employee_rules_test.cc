#include "domain/employee_rules.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace luodi;

TEST(EmployeeRules, CreateRequiresCoreFieldsAndNamesEachBadField) {
  Employee e;
  AccountChanges acct;
  FieldErrors errs;
  apply_employee_json(nlohmann::json{{"gender", "x"}, {"email", "nope"}, {"hire_date", "2024-02-30"}}, true, e, acct, errs);
  std::vector<std::string> fields;
  for (auto& f : errs.items()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"employee_no", "name", "gender", "email", "hire_date", "department_id"}));
}

TEST(EmployeeRules, NormalisesChineseValuesAndPatchesOnlyPresentFields) {
  Employee e;
  e.employee_no = "E1";
  e.name = "旧名";
  e.phone = "13800000000";
  AccountChanges acct;
  FieldErrors errs;
  apply_employee_json(nlohmann::json{{"name", " 新名 "}, {"gender", "女"}, {"employment_type", "劳务派遣"},
                                     {"hire_date", "2020/1/2"}, {"roles", {"employee", "manager"}}},
                      false, e, acct, errs);
  EXPECT_TRUE(errs.empty());
  EXPECT_EQ(e.name, "新名");
  EXPECT_EQ(*e.gender, "female");
  EXPECT_EQ(*e.employment_type, "dispatched");
  EXPECT_EQ(*e.hire_date, "2020-01-02");
  EXPECT_EQ(*e.phone, "13800000000");
  ASSERT_TRUE(acct.roles.has_value());
  EXPECT_EQ(acct.roles->size(), 2u);
}

TEST(EmployeeRules, WrongTypesAreValidationErrorsNotCrashes) {
  Employee e;
  AccountChanges acct;
  FieldErrors errs;
  apply_employee_json(nlohmann::json{{"employee_no", 5}, {"name", nullptr}, {"department_id", "abc"}, {"roles", "admin"}},
                      true, e, acct, errs);
  EXPECT_EQ(errs.items().size(), 4u);
}
