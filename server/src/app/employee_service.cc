#include "app/employee_service.h"

#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/audit_service.h"
#include "app/crypto.h"
#include "app/model_json.h"
#include "domain/employee_import.h"
#include "domain/employee_rules.h"
#include "domain/org_tree.h"
#include "domain/password_policy.h"

namespace luodi {

namespace {
// Other modules (stored performance scores) follow an employee's department, level and status.
void employee_changed(Repo& repo, const Employee& e, UnixSeconds at) {
  repo.insert_event(OutboxEvent{0, e.tenant_id, "employee.changed", nlohmann::json{{"employee_id", e.id}}.dump(), at});
}
}  // namespace

using Json = nlohmann::json;

namespace {

// Builds the repository query for a filter within the caller's scope.
// Returns false if nothing can match.
bool build_query(const Principal& p, const EmployeeFilter& f, const OrgTree& tree, EmployeeQuery& q) {
  q.tenant_id = p.tenant_id;
  q.branch_id = f.branch_id;
  q.status = f.status;
  q.q = f.q;
  if (f.department_id) {
    if (!tree.find(*f.department_id)) return false;
    q.department_ids = f.include_subtree ? tree.subtree(*f.department_id) : std::vector<Id>{*f.department_id};
  }
  return restrict_query(employee_read_scope(p, tree), q);
}

// Who may grant which role.
bool may_grant(const Principal& actor, const RoleGrant& g) {
  switch (g.role) {
    case Role::kSysAdmin: return actor.is_sys_admin();
    case Role::kHrAdmin: return actor.is_tenant_admin();
    default: return actor.is_admin();
  }
}

}  // namespace

Result<Page<Employee>> EmployeeService::list(const Principal& p, const EmployeeFilter& f, PageRequest page) {
  Page<Employee> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    OrgTree tree(repo.departments(p.tenant_id, false));
    EmployeeQuery q;
    if (!build_query(p, f, tree, q)) return ok_status();
    q.after_id = page.after_id;
    q.limit = page.limit + 1;
    out.items = repo.employees(q);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  finish_page(out, page.limit, [](const auto& x) { return x.id; });
  return out;
}

Result<std::vector<Employee>> EmployeeService::list_all(const Principal& p, const EmployeeFilter& f, int max_rows) {
  std::vector<Employee> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    OrgTree tree(repo.departments(p.tenant_id, false));
    EmployeeQuery q;
    if (!build_query(p, f, tree, q)) return ok_status();
    q.limit = max_rows;
    out = repo.employees(q);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Employee> EmployeeService::get(const Principal& p, Id id) {
  std::optional<Employee> e;
  Status st = db_.read([&](Repo& repo) -> Status {
    e = repo.employee(p.tenant_id, id);
    if (!e) return Error::not_found();
    OrgTree tree(repo.departments(p.tenant_id, false));
    if (!scope_contains(employee_read_scope(p, tree), *e)) return Error::not_found();
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return *e;
}

Result<Employee> EmployeeService::own(const Principal& p) {
  if (!p.employee_id) return Error::not_found();
  std::optional<Employee> e;
  Status st = db_.read([&](Repo& repo) -> Status {
    e = repo.employee(p.tenant_id, *p.employee_id);
    return e ? ok_status() : Status(Error::not_found());
  });
  if (!st) return std::move(st).error();
  return *e;
}

namespace {

// Validates links and account changes against the database; fills `errs`.
void check_employee_links(Repo& repo, const Principal& p, Employee& e, const AccountChanges& acct,
                          std::optional<Id> existing_user, FieldErrors& errs) {
  if (e.department_id) {
    auto d = repo.department(p.tenant_id, e.department_id);
    if (!d || !can_admin_branch(p, d->branch_id))
      errs.add("department_id", "部门不存在或不在您的管理范围内", "department not found in your scope");
    else e.branch_id = d->branch_id;
  }
  if (e.manager_id) {
    if (e.id && *e.manager_id == e.id) errs.add("manager_id", "上级不能是本人", "an employee cannot manage himself");
    else if (!repo.employee(p.tenant_id, *e.manager_id)) errs.add("manager_id", "上级不存在", "manager not found");
  }
  if (auto other = repo.employee_by_no(p.tenant_id, e.employee_no); other && other->id != e.id)
    errs.add("employee_no", "工号已存在: " + e.employee_no, "employee_no already exists: " + e.employee_no);
  if (acct.login && *acct.login) {
    for (const User& u : repo.users_by_login(**acct.login))
      if (u.tenant_id == p.tenant_id && (!existing_user || u.id != *existing_user))
        errs.add("login", "登录名已被使用", "login is already taken");
  }
  if (acct.roles)
    for (const auto& g : *acct.roles)
      if (!may_grant(p, g)) {
        errs.add("roles", std::string("无权授予角色 ") + role_name(g.role), std::string("you may not grant ") + role_name(g.role));
        break;
      }
}

// Keeps the login of `e` (if any) in step with its status after an import
// changed it; leaving ends every session. Returns the login's id.
std::optional<Id> sync_login_status(Repo& repo, const Employee& e, UnixSeconds now) {
  auto u = repo.user_by_employee(e.tenant_id, e.id);
  if (!u) return std::nullopt;
  const bool active = e.status == "active";
  if (u->active != active) {
    u->active = active;
    repo.update_user(*u);
  }
  if (!active) repo.revoke_user_tokens(e.tenant_id, u->id, "", now);
  return u->id;
}

bool is_conflict(const FieldErrors& errs) {
  for (auto& f : const_cast<FieldErrors&>(errs).items())
    if ((f.field == "employee_no" || f.field == "login") && f.message_en.find("already") != std::string::npos) return true;
  return false;
}

Error link_error(FieldErrors&& errs) {
  bool conflict = is_conflict(errs);
  Error e = std::move(errs).to_error();
  if (conflict && e.details.size() == 1) {
    e.code = ErrorCode::kConflict;
    e.message = e.details[0].message;
    e.message_en = e.details[0].message_en;
  }
  return e;
}

// Applies account changes (login, password, roles) for employee `e`. The
// login's `active` flag follows the employee's status: someone who has left
// cannot sign in (AuthService refuses inactive users).
void apply_account(Repo& repo, const Principal& p, const Employee& e, const AccountChanges& acct,
                   std::optional<User>& user, const std::string& password_hash) {
  if (acct.login && !*acct.login) {  // login removed
    if (user) repo.delete_user(p.tenant_id, user->id);
    user.reset();
    return;
  }
  if (!user && acct.login) {
    User u;
    u.tenant_id = p.tenant_id;
    u.login = **acct.login;
    u.name = e.name;
    u.employee_id = e.id;
    u.password_hash = password_hash;
    u.active = e.status == "active";
    u.roles = acct.roles ? *acct.roles : std::vector<RoleGrant>{RoleGrant{Role::kEmployee, std::nullopt}};
    u.id = repo.insert_user(u);
    user = u;
    return;
  }
  if (user) {
    if (acct.login) user->login = **acct.login;
    if (!password_hash.empty()) user->password_hash = password_hash;
    if (acct.roles) user->roles = *acct.roles;
    user->name = e.name;
    user->active = e.status == "active";
    repo.update_user(*user);
  }
}

}  // namespace

Result<Employee> EmployeeService::create(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  Employee e;
  AccountChanges acct;
  FieldErrors errs;
  apply_employee_json(body, true, e, acct, errs);
  if (acct.login && *acct.login && !acct.password)
    errs.add("password", "创建登录账号时需要设置初始密码", "password is required when creating a login");
  if (acct.password) {
    std::string login = acct.login && *acct.login ? **acct.login : std::string();
    if (!acct.login || !*acct.login) errs.add("login", "设置密码需要同时设置登录名", "login is required with a password");
    else if (auto problem = check_password_strength(login, *acct.password)) errs.add("password", problem->zh, problem->en);
  }
  if (!errs.empty()) return std::move(errs).to_error();
  const std::string hash = acct.password ? hash_password(*acct.password) : std::string();
  e.tenant_id = p.tenant_id;
  e.created_at = e.updated_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    FieldErrors link_errs;
    check_employee_links(repo, p, e, acct, std::nullopt, link_errs);
    if (!link_errs.empty()) return link_error(std::move(link_errs));
    e.id = repo.insert_employee(e);
    employee_changed(repo, e, clock_.now());
    std::optional<User> user;
    apply_account(repo, p, e, acct, user, hash);
    auto stored = repo.employee(p.tenant_id, e.id);
    record_audit(repo, p, e.created_at, "create", "employee", e.id, e.branch_id, std::nullopt, to_json(*stored));
    e = *stored;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return e;
}

Result<Employee> EmployeeService::update(const Principal& p, Id id, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  std::optional<Id> touched_user;
  Employee result;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto cur = repo.employee(p.tenant_id, id);
    if (!cur) return Error::not_found();
    OrgTree tree(repo.departments(p.tenant_id, false));
    if (!scope_contains(employee_read_scope(p, tree), *cur)) return Error::not_found();
    if (!can_admin_branch(p, cur->branch_id)) return Error::forbidden();
    Employee e = *cur;
    AccountChanges acct;
    FieldErrors errs;
    apply_employee_json(body, false, e, acct, errs);
    auto user = repo.user_by_employee(p.tenant_id, id);
    if (acct.password) {
      std::string login = acct.login && *acct.login ? **acct.login : (user ? user->login : std::string());
      if (login.empty()) errs.add("login", "设置密码需要登录名", "login is required with a password");
      else if (auto problem = check_password_strength(login, *acct.password)) errs.add("password", problem->zh, problem->en);
    }
    if (acct.login && *acct.login && !user && !acct.password)
      errs.add("password", "创建登录账号时需要设置初始密码", "password is required when creating a login");
    if (!errs.empty()) return std::move(errs).to_error();
    check_employee_links(repo, p, e, acct, user ? std::optional<Id>(user->id) : std::nullopt, errs);
    if (!errs.empty()) return link_error(std::move(errs));
    e.updated_at = clock_.now();
    repo.update_employee(e);
    employee_changed(repo, e, clock_.now());
    const std::string hash = acct.password ? hash_password(*acct.password) : std::string();
    if (user) touched_user = user->id;
    apply_account(repo, p, e, acct, user, hash);
    // A new password or leaving ends every session of the login.
    if ((acct.password || e.status != "active") && user) repo.revoke_user_tokens(p.tenant_id, user->id, "", e.updated_at);
    auto stored = repo.employee(p.tenant_id, id);
    record_audit(repo, p, e.updated_at, "update", "employee", id, e.branch_id, to_json(*cur), to_json(*stored));
    result = *stored;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  if (touched_user) auth_.forget_user(p.tenant_id, *touched_user);
  return result;
}

Status EmployeeService::remove(const Principal& p, Id id) {
  std::optional<Id> touched_user;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto cur = repo.employee(p.tenant_id, id);
    if (!cur) return Error::not_found();
    OrgTree tree(repo.departments(p.tenant_id, false));
    if (!scope_contains(employee_read_scope(p, tree), *cur)) return Error::not_found();
    if (!can_admin_branch(p, cur->branch_id)) return Error::forbidden();
    if (repo.employee_has_history(p.tenant_id, id))
      return Error::conflict("id", "该员工已有业务记录（如担任部门负责人或是他人上级），请改为“离职”状态",
                             "The employee has history (manages a department or people); set status to left instead");
    if (auto u = repo.user_by_employee(p.tenant_id, id)) {
      touched_user = u->id;
      repo.revoke_user_tokens(p.tenant_id, u->id, "", clock_.now());
      repo.delete_user(p.tenant_id, u->id);
    }
    repo.delete_employee(p.tenant_id, id);
    record_audit(repo, p, clock_.now(), "delete", "employee", id, cur->branch_id, to_json(*cur), std::nullopt);
    return ok_status();
  });
  if (st && touched_user) auth_.forget_user(p.tenant_id, *touched_user);
  return st;
}

Result<ImportOutcome> EmployeeService::import_csv(const Principal& p, std::string_view body, bool dry_run) {
  if (!p.is_admin()) return Error::forbidden();
  ImportOutcome outcome;
  outcome.dry_run = dry_run;
  const UnixSeconds now = clock_.now();
  std::vector<Id> touched_users;  // logins whose status changed
  // Validation and writing share one transaction, so what was validated is what is written.
  auto run = [&](Repo& repo) -> Status {
    DepartmentDirectory dir;
    std::vector<Branch> branches = repo.branches(p.tenant_id, std::nullopt, std::nullopt, std::nullopt, 0, 100000);
    std::unordered_map<Id, std::string> branch_names;
    for (const auto& b : branches) branch_names[b.id] = b.name;
    for (const auto& d : repo.departments(p.tenant_id, false))
      if (can_admin_branch(p, d.branch_id)) dir.add(d, branch_names[d.branch_id]);
    auto plan = plan_employee_import(body, dir);
    if (!plan) return std::move(plan).error();

    // Existing employees by number (one query for the whole tenant).
    EmployeeQuery all;
    all.tenant_id = p.tenant_id;
    all.limit = 10000000;
    std::unordered_map<std::string, Employee> existing;
    for (auto& e : repo.employees(all)) existing.emplace(e.employee_no, std::move(e));

    FieldErrors errs;
    for (const auto& row : plan->rows) {
      auto it = existing.find(row.employee.employee_no);
      if (it != existing.end() && !can_admin_branch(p, it->second.branch_id))
        errs.add("employee_no", "该工号属于您管理范围以外的员工", "employee_no belongs to an employee outside your scope", row.line);
    }
    if (!errs.empty()) return std::move(errs).to_error();

    for (const auto& row : plan->rows) {
      auto it = existing.find(row.employee.employee_no);
      auto has = [&](const char* f) { return std::find(row.present.begin(), row.present.end(), f) != row.present.end(); };
      if (it == existing.end()) {
        Employee e = row.employee;
        e.tenant_id = p.tenant_id;
        e.created_at = e.updated_at = now;
        ++outcome.created;
        if (dry_run) continue;
        e.id = repo.insert_employee(e);
        employee_changed(repo, e, clock_.now());
        record_audit(repo, p, now, "import", "employee", e.id, e.branch_id, std::nullopt, to_json(e));
      } else {
        const Employee before = it->second;
        Employee e = before;
        const Employee& in = row.employee;
        e.name = in.name;
        e.department_id = in.department_id;
        e.branch_id = in.branch_id;
        if (has("gender")) e.gender = in.gender;
        if (has("phone")) e.phone = in.phone;
        if (has("email")) e.email = in.email;
        if (has("hire_date")) e.hire_date = in.hire_date;
        if (has("position")) e.position = in.position;
        if (has("job_level")) e.job_level = in.job_level;
        if (has("employment_type")) e.employment_type = in.employment_type;
        if (has("title_series")) e.title_series = in.title_series;
        if (has("title_level")) e.title_level = in.title_level;
        if (has("status")) e.status = in.status;
        e.updated_at = now;
        ++outcome.updated;
        if (dry_run) continue;
        repo.update_employee(e);
        employee_changed(repo, e, clock_.now());
        if (e.status != before.status)
          if (auto u = sync_login_status(repo, e, now)) touched_users.push_back(*u);
        record_audit(repo, p, now, "import", "employee", e.id, e.branch_id, to_json(before), to_json(e));
      }
    }
    return ok_status();
  };
  // A dry run writes nothing, so it needs only a read connection.
  Status st = dry_run ? db_.read(run) : db_.write(run);
  if (!st) return std::move(st).error();
  for (Id u : touched_users) auth_.forget_user(p.tenant_id, u);
  return outcome;
}

}  // namespace luodi
