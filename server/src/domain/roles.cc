#include "domain/org_model.h"

namespace luodi {

const char* role_name(Role r) {
  switch (r) {
    case Role::kEmployee: return "employee";
    case Role::kManager: return "manager";
    case Role::kInstructor: return "instructor";
    case Role::kHrAdmin: return "hr_admin";
    case Role::kSysAdmin: return "sys_admin";
  }
  return "employee";
}

std::optional<Role> parse_role(std::string_view s) {
  if (s == "employee") return Role::kEmployee;
  if (s == "manager") return Role::kManager;
  if (s == "instructor") return Role::kInstructor;
  if (s == "hr_admin") return Role::kHrAdmin;
  if (s == "sys_admin") return Role::kSysAdmin;
  return std::nullopt;
}

}  // namespace luodi
