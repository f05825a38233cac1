// Branches and the department tree: reading and changing them, with scope
// checks and audit records. Thread-safe (stateless over the Database).
#pragma once
#include <nlohmann/json_fwd.hpp>

#include "app/page.h"
#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

struct BranchFilter {
  std::optional<std::string> kind;
  std::optional<std::string> q;
};

struct DepartmentFilter {
  std::optional<Id> branch_id;
  std::optional<Id> parent_id;
  bool roots_only = false;  // parent_id=null was asked for
  std::optional<std::string> q;
};

class OrgService {
 public:
  OrgService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Page<Branch>> list_branches(const Principal& p, const BranchFilter& f, PageRequest page);
  Result<Branch> get_branch(const Principal& p, Id id);
  // Body fields: name (required), kind (required), time_zone (default Asia/Shanghai).
  Result<Branch> create_branch(const Principal& p, const nlohmann::json& body);
  Result<Branch> update_branch(const Principal& p, Id id, const nlohmann::json& body);
  // kConflict if the branch still has departments.
  Status delete_branch(const Principal& p, Id id);

  Result<Page<Department>> list_departments(const Principal& p, const DepartmentFilter& f, PageRequest page);
  Result<Department> get_department(const Principal& p, Id id);
  // The department with "children" nested recursively.
  Result<nlohmann::json> department_tree(const Principal& p, Id id);
  // Body fields: name, branch_id (required), parent_id, manager_id.
  Result<Department> create_department(const Principal& p, const nlohmann::json& body);
  Result<Department> update_department(const Principal& p, Id id, const nlohmann::json& body);
  // kConflict if it has child departments or employees.
  Status delete_department(const Principal& p, Id id);

 private:
  Database& db_;
  const Clock& clock_;
};

// Accepts IANA-looking names ("Asia/Shanghai", "UTC").
bool plausible_time_zone(const std::string& tz);

}  // namespace luodi
