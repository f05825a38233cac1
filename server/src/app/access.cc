#include "app/access.h"

#include <algorithm>

namespace luodi {

EmployeeScope employee_read_scope(const Principal& p, const OrgTree& tree) {
  EmployeeScope s;
  if (p.is_tenant_admin()) {
    s.all = true;
    return s;
  }
  if (auto b = p.hr_branch()) {
    s.branch_id = b;
    return s;
  }
  if (p.has(Role::kManager) && p.employee_id) {
    std::vector<Id> ids;
    for (const auto& d : tree.all())
      if (d.manager_id == p.employee_id) {
        for (Id id : tree.subtree(d.id))
          if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
    if (!ids.empty()) {
      s.departments = std::move(ids);
      s.self = p.employee_id;  // a manager also sees himself, wherever he sits
      return s;
    }
  }
  s.self = p.employee_id ? *p.employee_id : -1;
  return s;
}

bool scope_contains(const EmployeeScope& s, const Employee& e) {
  if (s.all) return true;
  if (s.branch_id) return e.branch_id == *s.branch_id;
  if (s.self && e.id == *s.self) return true;
  if (s.departments)
    return std::find(s.departments->begin(), s.departments->end(), e.department_id) != s.departments->end();
  return false;
}

bool restrict_query(const EmployeeScope& s, EmployeeQuery& q) {
  if (s.all) return true;
  if (s.branch_id) {
    if (q.branch_id && *q.branch_id != *s.branch_id) return false;
    q.branch_id = s.branch_id;
    return true;
  }
  if (s.departments) {
    std::vector<Id> allowed;
    if (q.department_ids) {
      for (Id d : *q.department_ids)
        if (std::find(s.departments->begin(), s.departments->end(), d) != s.departments->end()) allowed.push_back(d);
    } else {
      allowed = *s.departments;
    }
    q.department_ids = std::move(allowed);
    return !q.department_ids->empty();
  }
  if (s.self && *s.self > 0) {
    if (q.only_id && *q.only_id != *s.self) return false;
    q.only_id = s.self;
    return true;
  }
  return false;
}

bool can_admin_branch(const Principal& p, Id branch_id) {
  if (p.is_tenant_admin()) return true;
  auto b = p.hr_branch();
  return b && *b == branch_id;
}

bool can_see_branch(const Principal& p, Id branch_id) {
  auto b = p.hr_branch();
  return !b || *b == branch_id;
}

}  // namespace luodi
