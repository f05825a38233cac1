// Plain data of the organisation: tenants, branches, departments, employees,
// users and roles. No behaviour beyond naming; rules live beside it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace luodi {

using Id = std::int64_t;

enum class Role { kEmployee, kManager, kInstructor, kHrAdmin, kSysAdmin };
const char* role_name(Role r);
std::optional<Role> parse_role(std::string_view s);

struct Tenant {
  Id id = 0;
  std::string code;
  std::string name;
  std::string time_zone = "Asia/Shanghai";
};

struct Branch {
  Id id = 0;
  Id tenant_id = 0;
  std::string name;
  std::string kind;  // "enterprise" | "public_institution"
  std::string time_zone = "Asia/Shanghai";
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct Department {
  Id id = 0;
  Id tenant_id = 0;
  Id branch_id = 0;
  std::optional<Id> parent_id;
  std::optional<Id> manager_id;
  std::string name;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  // Read-only, filled by queries that join.
  std::optional<std::string> manager_name;
  std::int64_t employee_count = 0;
};

struct Employee {
  Id id = 0;
  Id tenant_id = 0;
  std::string employee_no;
  std::string name;
  std::optional<std::string> gender;  // "male" | "female"
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> hire_date;  // "YYYY-MM-DD"
  Id branch_id = 0;
  Id department_id = 0;
  std::optional<std::string> position;
  std::optional<std::string> job_level;
  std::optional<std::string> employment_type;
  std::optional<std::string> title_series;
  std::optional<std::string> title_level;
  std::string status = "active";  // "active" | "left"
  std::optional<Id> manager_id;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  // Read-only, joined from users / departments / branches.
  std::optional<Id> user_id;
  std::optional<std::string> login;
  std::vector<std::string> roles;
  std::string branch_name;
  std::string department_name;
};

struct RoleGrant {
  Role role = Role::kEmployee;
  std::optional<Id> branch_id;  // only for hr_admin: limits it to one branch
};

struct User {
  Id id = 0;
  Id tenant_id = 0;
  std::string login;
  std::string name;
  std::string password_hash;
  std::optional<Id> employee_id;
  bool active = true;
  std::vector<RoleGrant> roles;
  std::optional<Id> employee_branch_id;  // read-only: the linked employee's branch (filled by the store)
};

}  // namespace luodi
