// Creating a tenant (a company or group) from the command line:
// `luodi tenant create --name 某集团 --admin-login admin [--code c] [--admin-password p]`.
// A new tenant gets one branch and root department named after it, and one
// administrator (system admin + tenant-wide HR) who is also its first
// employee, so every screen works for them from the first login.
#pragma once
#include <string>

#include "app/repository.h"
#include "core/time.h"

namespace luodi {

struct NewTenant {
  std::string name;            // shown everywhere, e.g. "第二集团"; required, at most 100 characters
  std::string code;            // unique short code ([a-z0-9_-], 2..32); empty = derived from the admin login
  std::string time_zone = "Asia/Shanghai";
  std::string branch_kind = "enterprise";  // "enterprise" | "public_institution"
  std::string admin_login;     // required; unique across tenants ([A-Za-z0-9_.-], 2..64)
  std::string admin_name = "管理员";
  std::string admin_password;  // empty = generate one (returned once in CreatedTenant)
};

struct CreatedTenant {
  Id tenant_id = 0;
  std::string code;
  Id branch_id = 0;
  Id department_id = 0;
  Id admin_user_id = 0;
  Id admin_employee_id = 0;
  std::string admin_password;  // the one set (generated or given)
};

// Creates the tenant, its branch, root department, and the administrator, in
// one transaction. Errors: kValidationFailed naming the field (bad name,
// code, login, weak password), kConflict when the code or the login exists.
Result<CreatedTenant> create_tenant(Database& db, const Clock& clock, NewTenant spec);

}  // namespace luodi
