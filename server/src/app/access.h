// The access policy: every use case decides access through these functions.
//
// Tenant first: every repository call takes the caller's tenant id, so another
// tenant's object is never found (404), whatever the role.
// Then scope:
//   system admin, tenant-wide HR  the whole tenant
//   branch HR                     people, departments, trainings, cycles, bonus
//                                 pools, redemptions... of their branch
//   manager                       people of the departments they head (with
//                                 sub-departments), and themself
//   instructor                    the trainings they teach (training_access.h)
//   employee                      themself
// Tenant-wide catalogues (courses, the question bank, rewards, points rules,
// bonus tiers, leaderboard settings) are shared by the tenant; changing the
// rules that apply to everyone is for tenant admins.
// An object outside the caller's scope is "not found" (404); an object in
// scope that the caller may not change is "forbidden" (403). Lists are
// filtered by the same scope. Writes that affect people check every person
// they touch (422 naming the field when one is out of scope).
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

// May the principal read this submission and its attachments? Its author, the
// training's HR and instructors, and HR administering the author.
bool may_read_submission(Repo& repo, const Principal& p, const Submission& s);

// HR over objects bound to a branch (nullopt: a tenant-wide object, which only
// tenant admins administer).
bool administers_branch(const Principal& p, std::optional<Id> branch_id);
// HR over a person: tenant admins everyone, branch HR the people of their branch.
bool administers(const Principal& p, const Employee& e);
// For HR-only actions on an object of `branch_id`: no HR role → 403 forbidden;
// HR of another branch → 404 not found.
Status allow_hr_of_branch(const Principal& p, std::optional<Id> branch_id);
// Every employee id must exist in the tenant and be administered by the
// principal (and, when `branch_id` is set, belong to that branch); otherwise a
// 422 naming `field` and the first offending id. Duplicates are fine.
Status check_people_administered(Repo& repo, const Principal& p, const std::vector<Id>& ids, const std::string& field,
                                 std::optional<Id> branch_id = std::nullopt);

}  // namespace luodi
