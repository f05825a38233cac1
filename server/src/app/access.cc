#include "app/access.h"

#include <algorithm>

#include "app/training_access.h"

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

bool may_read_submission(Repo& repo, const Principal& p, const Submission& s) {
  if (p.employee_id && *p.employee_id == s.employee_id) return true;
  if (auto t = repo.training(p.tenant_id, s.training_id); t && (is_hr_for(p, *t) || is_instructor(p, *t))) return true;
  if (!p.is_admin()) return false;
  auto author = repo.employee(p.tenant_id, s.employee_id);
  return author && administers(p, *author);
}

bool administers_branch(const Principal& p, std::optional<Id> branch_id) {
  if (p.is_tenant_admin()) return true;
  auto b = p.hr_branch();
  return b && branch_id && *b == *branch_id;
}

bool administers(const Principal& p, const Employee& e) { return administers_branch(p, e.branch_id); }

Status allow_hr_of_branch(const Principal& p, std::optional<Id> branch_id) {
  if (!p.is_admin()) return Error::forbidden();
  if (!administers_branch(p, branch_id)) return Error::not_found();
  return ok_status();
}

Status check_people_administered(Repo& repo, const Principal& p, const std::vector<Id>& ids, const std::string& field,
                                 std::optional<Id> branch_id) {
  for (Id id : ids) {
    auto e = repo.employee(p.tenant_id, id);
    if (!e || !administers(p, *e))
      return Error::validation(field, "员工不存在或不在你的管理范围: " + std::to_string(id),
                               "no such employee in your scope: " + std::to_string(id));
    if (branch_id && e->branch_id != *branch_id)
      return Error::validation(field, "员工不属于该分支机构: " + std::to_string(id),
                               "employee " + std::to_string(id) + " is not in this branch");
  }
  return ok_status();
}

}  // namespace luodi
