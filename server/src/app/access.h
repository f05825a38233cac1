// Authorization by role and scope. Rule of the house: an object outside the
// caller's scope (or tenant) is "not found" (404); an object in scope that
// the caller may not change is "forbidden" (403).
#pragma once
#include <optional>
#include <vector>

#include "app/principal.h"
#include "app/repository.h"
#include "domain/org_tree.h"

namespace luodi {

// Which employees a principal may read.
struct EmployeeScope {
  bool all = false;                     // whole tenant
  std::optional<Id> branch_id;          // one branch
  std::optional<std::vector<Id>> departments;  // these departments (manager)
  std::optional<Id> self;               // own record
};

EmployeeScope employee_read_scope(const Principal& p, const OrgTree& tree);
bool scope_contains(const EmployeeScope& s, const Employee& e);
// Narrows a query to a scope; false if the intersection is certainly empty.
bool restrict_query(const EmployeeScope& s, EmployeeQuery& q);

// May the principal create/update/delete employees and departments in this branch?
bool can_admin_branch(const Principal& p, Id branch_id);
// May the principal see this branch at all?
bool can_see_branch(const Principal& p, Id branch_id);

}  // namespace luodi
