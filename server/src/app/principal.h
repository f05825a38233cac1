// Who is calling: the authenticated user and what they may do.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/org_model.h"

namespace luodi {

struct Principal {
  Id tenant_id = 0;
  Id user_id = 0;
  std::string login;
  std::string name;
  std::optional<Id> employee_id;
  std::vector<RoleGrant> roles;
  std::string token_hash;  // of the token this request came with

  bool has(Role r) const {
    for (const auto& g : roles)
      if (g.role == r) return true;
    return false;
  }
  bool is_sys_admin() const { return has(Role::kSysAdmin); }
  // HR admin over the whole tenant (no branch limit), or system admin.
  bool is_tenant_admin() const {
    if (is_sys_admin()) return true;
    for (const auto& g : roles)
      if (g.role == Role::kHrAdmin && !g.branch_id) return true;
    return false;
  }
  // The branch an HR admin is limited to, if that is all the admin rights they have.
  std::optional<Id> hr_branch() const {
    if (is_tenant_admin()) return std::nullopt;
    for (const auto& g : roles)
      if (g.role == Role::kHrAdmin && g.branch_id) return g.branch_id;
    return std::nullopt;
  }
  bool is_admin() const { return is_tenant_admin() || hr_branch().has_value(); }
};

}  // namespace luodi
