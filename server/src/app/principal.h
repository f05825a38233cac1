// Who is calling: the authenticated user and what they may do.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/org_model.h"

namespace luodi {

// Where a request came from, for the audit trail. Filled by the HTTP layer
// per request (never cached with the token); empty for work that did not
// come over HTTP (seeding, jobs, tests).
struct RequestMeta {
  std::string ip;          // client address (see http/client_address.h)
  std::string user_agent;  // printable UTF-8, at most 512 bytes
};

struct Principal {
  Id tenant_id = 0;
  Id user_id = 0;
  std::string login;
  std::string name;
  std::optional<Id> employee_id;
  std::optional<Id> employee_branch_id;  // the branch of employee_id, when linked
  std::vector<RoleGrant> roles;
  std::string token_hash;  // of the token this request came with
  RequestMeta meta;        // of the current request

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
