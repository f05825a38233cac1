// Employee records and their logins: list/read/change with scope checks,
// bulk CSV import (all-or-nothing) and the rows for an Excel export.
// Thread-safe (stateless over the Database).
#pragma once
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "app/auth_service.h"
#include "app/page.h"
#include "app/principal.h"
#include "app/repository.h"

namespace luodi {

struct EmployeeFilter {
  std::optional<Id> department_id;
  bool include_subtree = false;
  std::optional<Id> branch_id;
  std::optional<std::string> status;
  std::optional<std::string> q;
};

struct ImportOutcome {
  int created = 0;
  int updated = 0;
  bool dry_run = false;
};

class EmployeeService {
 public:
  EmployeeService(Database& db, const Clock& clock, AuthService& auth) : db_(db), clock_(clock), auth_(auth) {}

  Result<Page<Employee>> list(const Principal& p, const EmployeeFilter& f, PageRequest page);
  // Everything the filter matches in scope, for exports (at most `max_rows`).
  Result<std::vector<Employee>> list_all(const Principal& p, const EmployeeFilter& f, int max_rows = 100000);
  Result<Employee> get(const Principal& p, Id id);
  // The caller's own employee record (kNotFound if the user has none).
  Result<Employee> own(const Principal& p);
  Result<Employee> create(const Principal& p, const nlohmann::json& body);
  Result<Employee> update(const Principal& p, Id id, const nlohmann::json& body);
  Status remove(const Principal& p, Id id);
  // CSV body → all rows validated, then one transaction. kValidationFailed
  // lists every bad row; kForbidden for non-admins.
  Result<ImportOutcome> import_csv(const Principal& p, std::string_view body, bool dry_run);

 private:
  Database& db_;
  const Clock& clock_;
  AuthService& auth_;
};

}  // namespace luodi
