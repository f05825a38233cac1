// Ports to storage. The store/ layer implements them with SQL; the app layer
// only sees these calls. A Repo is bound to one connection (and, inside
// Database::write, one transaction); it is not thread-safe and must not
// outlive the callback it was handed to.
//
// Failures: methods throw on storage faults; Database::read/write catch them
// and turn them into Error values (unique clashes become kConflict), so no
// exception leaves the store layer.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/incentive_repository.h"
#include "app/training_repository.h"
#include "core/error.h"
#include "domain/org_model.h"

namespace luodi {

struct EmployeeQuery {
  Id tenant_id = 0;
  std::optional<Id> branch_id;
  std::optional<std::vector<Id>> department_ids;  // restrict to these (empty = none)
  std::optional<Id> only_id;
  std::optional<std::string> status;
  std::optional<std::string> q;  // substring of name or employee_no
  Id after_id = 0;               // cursor: ids greater than this
  int limit = 50;                // rows to return at most
};

// One line of the audit trail (see app/audit_service.h for the vocabulary).
struct AuditEntry {
  Id id = 0;
  Id tenant_id = 0;
  UnixSeconds at = 0;
  std::optional<Id> actor_id;           // user; none for the system and for failed logins
  std::optional<Id> actor_employee_id;  // the employee behind that user, if any
  std::string actor_name;               // for a failed login: the login name tried
  std::string action;                   // create | update | delete | submit | login | ...
  std::string entity;                   // branch | employee | submission | user | ...
  Id entity_id = 0;
  std::optional<Id> branch_id;  // for branch-limited HR visibility
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::optional<std::string> ip;          // client address of the request
  std::optional<std::string> user_agent;  // its User-Agent
};

struct AuditQuery {
  Id tenant_id = 0;
  std::optional<std::string> entity;
  std::optional<Id> entity_id;
  std::optional<Id> actor_id;
  std::optional<std::string> action;
  std::optional<UnixSeconds> from;
  std::optional<UnixSeconds> to;
  std::optional<Id> branch_id;
  std::optional<Id> before_id;  // cursor: ids smaller than this (newest first)
  int limit = 50;
};

struct StoredToken {
  Id tenant_id = 0;
  Id user_id = 0;
  UnixSeconds expires_at = 0;
  bool revoked = false;
};

class Repo : public TrainingRepo, public IncentiveRepo {
 public:
  ~Repo() override = default;

  // Tenants.
  virtual std::optional<Tenant> tenant_by_code(const std::string& code) = 0;
  virtual Id insert_tenant(const Tenant& t) = 0;

  // Branches.
  virtual std::vector<Branch> branches(Id tenant, std::optional<Id> only, const std::optional<std::string>& kind,
                                       const std::optional<std::string>& q, Id after_id, int limit) = 0;
  virtual std::optional<Branch> branch(Id tenant, Id id) = 0;
  virtual Id insert_branch(const Branch& b) = 0;
  virtual void update_branch(const Branch& b) = 0;
  virtual void delete_branch(Id tenant, Id id) = 0;
  virtual std::int64_t count_departments_in_branch(Id tenant, Id branch) = 0;

  // Departments (department() fills manager_name and employee_count).
  // with_stats fills manager_name and employee_count (costs a scan of employees).
  virtual std::vector<Department> departments(Id tenant, bool with_stats) = 0;
  virtual std::optional<Department> department(Id tenant, Id id) = 0;
  virtual Id insert_department(const Department& d) = 0;
  virtual void update_department(const Department& d) = 0;
  virtual void delete_department(Id tenant, Id id) = 0;
  virtual std::int64_t count_employees(Id tenant, std::optional<Id> branch, std::optional<Id> department) = 0;

  // Employees (login, roles, branch_name and department_name filled).
  virtual std::vector<Employee> employees(const EmployeeQuery& q) = 0;
  virtual std::optional<Employee> employee(Id tenant, Id id) = 0;
  virtual std::optional<Employee> employee_by_no(Id tenant, const std::string& employee_no) = 0;
  virtual Id insert_employee(const Employee& e) = 0;
  virtual void update_employee(const Employee& e) = 0;
  virtual void delete_employee(Id tenant, Id id) = 0;
  virtual bool employee_has_history(Id tenant, Id id) = 0;

  // Users and roles.
  virtual std::vector<User> users_by_login(const std::string& login) = 0;  // across tenants
  virtual std::optional<User> user(Id tenant, Id id) = 0;
  virtual std::optional<User> user_by_employee(Id tenant, Id employee_id) = 0;
  virtual Id insert_user(const User& u) = 0;  // also stores u.roles
  virtual void update_user(const User& u) = 0;  // login, name, hash, employee, active, roles
  virtual void delete_user(Id tenant, Id id) = 0;

  // Tokens (only hashes are stored).
  virtual void insert_token(const std::string& hash, Id tenant, Id user, UnixSeconds created, UnixSeconds expires) = 0;
  virtual std::optional<StoredToken> token(const std::string& hash) = 0;
  virtual void revoke_token(const std::string& hash, UnixSeconds at) = 0;
  virtual void revoke_user_tokens(Id tenant, Id user, const std::string& except_hash, UnixSeconds at) = 0;
  virtual void delete_expired_tokens(UnixSeconds now) = 0;

  // Failed logins, for throttling (kept a day; ip may be empty).
  virtual void record_login_failure(const std::string& login, UnixSeconds at, const std::string& ip) = 0;
  virtual std::int64_t count_login_failures(const std::string& login, UnixSeconds since) = 0;

  // Audit trail. Append-only: there is deliberately no update or delete, and
  // the database refuses them too (triggers, migration 9).
  virtual void insert_audit(const AuditEntry& e) = 0;
  virtual std::vector<AuditEntry> audit(const AuditQuery& q) = 0;
};

// What one health probe of the database found.
struct DatabaseProbe {
  int schema_version = 0;      // newest migration the database has applied
  int pending_migrations = 0;  // migrations of this build the database lacks
};

// A database: hands out Repos bound to a connection. Thread-safe.
class Database {
 public:
  virtual ~Database() = default;
  // "sqlite" or "postgresql".
  virtual const std::string& dialect() const = 0;
  // Runs `fn` on a read connection. Returns fn's result, or an Error if storage failed.
  virtual Status read(const std::function<Status(Repo&)>& fn) = 0;
  // Runs `fn` in one transaction on a write connection; commits if fn returns
  // ok, rolls back otherwise (or if storage failed).
  virtual Status write(const std::function<Status(Repo&)>& fn) = 0;
  // Goes up after every committed write through this object. Caches of
  // derived data compare it to know they are still current in this process.
  virtual std::uint64_t generation() const = 0;
  // One cheap round trip on a connection of its own (it never waits for a
  // pooled one): which migrations the database holds. kUnavailable when the
  // database cannot be reached; on PostgreSQL that is known within a few
  // seconds (short connect and statement timeouts), never hangs longer.
  virtual Result<DatabaseProbe> ping() = 0;
};

}  // namespace luodi
