#include "store/soci_repo.h"

#include <ctime>
#include <unordered_map>

#include "store/sql.h"
#include "store/sql_params.h"

namespace luodi {

using sql::p;
using sql::Param;
using sql::Row;
using namespace sql;

namespace {

Branch branch_of(const Row& r) {
  Branch b;
  b.id = r.i64(0);
  b.tenant_id = r.i64(1);
  b.name = r.str(2);
  b.kind = r.str(3);
  b.time_zone = r.str(4);
  b.created_at = r.i64(5);
  b.updated_at = r.i64(6);
  return b;
}
const char* kBranchCols = "id, tenant_id, name, kind, time_zone, created_at, updated_at";

Department department_of(const Row& r, bool with_stats) {
  Department d;
  d.id = r.i64(0);
  d.tenant_id = r.i64(1);
  d.branch_id = r.i64(2);
  d.parent_id = opt_id(r, 3);
  d.manager_id = opt_id(r, 4);
  d.name = r.str(5);
  d.created_at = r.i64(6);
  d.updated_at = r.i64(7);
  if (with_stats) {
    d.manager_name = r.opt_str(8);
    d.employee_count = r.i64(9);
  }
  return d;
}

const char* kEmployeeSelect =
    "SELECT e.id, e.tenant_id, e.employee_no, e.name, e.gender, e.phone, e.email, e.hire_date, e.branch_id, "
    "e.department_id, e.position, e.job_level, e.employment_type, e.title_series, e.title_level, e.status, "
    "e.manager_id, e.created_at, e.updated_at, u.id, u.login, b.name, d.name "
    "FROM employees e "
    "JOIN branches b ON b.tenant_id = e.tenant_id AND b.id = e.branch_id "
    "JOIN departments d ON d.tenant_id = e.tenant_id AND d.id = e.department_id "
    "LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.employee_id = e.id ";

Employee employee_of(const Row& r) {
  Employee e;
  e.id = r.i64(0);
  e.tenant_id = r.i64(1);
  e.employee_no = r.str(2);
  e.name = r.str(3);
  e.gender = r.opt_str(4);
  e.phone = r.opt_str(5);
  e.email = r.opt_str(6);
  e.hire_date = r.opt_str(7);
  e.branch_id = r.i64(8);
  e.department_id = r.i64(9);
  e.position = r.opt_str(10);
  e.job_level = r.opt_str(11);
  e.employment_type = r.opt_str(12);
  e.title_series = r.opt_str(13);
  e.title_level = r.opt_str(14);
  e.status = r.str(15);
  e.manager_id = opt_id(r, 16);
  e.created_at = r.i64(17);
  e.updated_at = r.i64(18);
  e.user_id = opt_id(r, 19);
  e.login = r.opt_str(20);
  e.branch_name = r.str(21);
  e.department_name = r.str(22);
  return e;
}

std::vector<Param> employee_params(const Employee& e) {
  return {pid("tenant", e.tenant_id),       p("no", e.employee_no),           p("name", e.name),
          p("gender", e.gender),            p("phone", e.phone),              p("email", e.email),
          p("hire", e.hire_date),           pid("branch", e.branch_id),       pid("dept", e.department_id),
          p("position", e.position),        p("level", e.job_level),          p("etype", e.employment_type),
          p("tseries", e.title_series),     p("tlevel", e.title_level),       p("status", e.status),
          pid("manager", e.manager_id),     p("created", static_cast<long long>(e.created_at)),
          p("updated", static_cast<long long>(e.updated_at))};
}

}  // namespace

// ---------------------------------------------------------------- tenants

std::optional<Tenant> SociRepo::tenant_by_code(const std::string& code) {
  auto rows = s_.query("SELECT id, code, name, time_zone FROM tenants WHERE code = :c", {p("c", code)});
  if (rows.empty()) return std::nullopt;
  return Tenant{rows[0].i64(0), rows[0].str(1), rows[0].str(2), rows[0].str(3)};
}

Id SociRepo::insert_tenant(const Tenant& t) {
  return s_.query_i64("INSERT INTO tenants (code, name, time_zone, created_at) VALUES (:c, :n, :tz, :at) RETURNING id",
                        {p("c", t.code), p("n", t.name), p("tz", t.time_zone), p("at", static_cast<long long>(std::time(nullptr)))});
}

// ---------------------------------------------------------------- branches

std::vector<Branch> SociRepo::branches(Id tenant, std::optional<Id> only, const std::optional<std::string>& kind,
                                       const std::optional<std::string>& q, Id after_id, int limit) {
  std::string text = std::string("SELECT ") + kBranchCols + " FROM branches WHERE tenant_id = :t AND id > :after";
  std::vector<Param> params{pid("t", tenant), pid("after", after_id)};
  if (only) {
    text += " AND id = :only";
    params.push_back(pid("only", *only));
  }
  if (kind) {
    text += " AND kind = :kind";
    params.push_back(p("kind", *kind));
  }
  if (q) {
    text += " AND name LIKE :q ESCAPE '!'";
    params.push_back(p("q", like_pattern(*q)));
  }
  text += " ORDER BY id LIMIT :lim";
  params.push_back(p("lim", limit));
  std::vector<Branch> out;
  for (const auto& r : s_.query(text, params)) out.push_back(branch_of(r));
  return out;
}

std::optional<Branch> SociRepo::branch(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kBranchCols + " FROM branches WHERE tenant_id = :t AND id = :id",
                         {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return branch_of(rows[0]);
}

Id SociRepo::insert_branch(const Branch& b) {
  return s_.query_i64("INSERT INTO branches (tenant_id, name, kind, time_zone, created_at, updated_at) "
      "VALUES (:t, :n, :k, :tz, :c, :u) RETURNING id",
      {pid("t", b.tenant_id), p("n", b.name), p("k", b.kind), p("tz", b.time_zone),
       p("c", static_cast<long long>(b.created_at)), p("u", static_cast<long long>(b.updated_at))});
}

void SociRepo::update_branch(const Branch& b) {
  s_.exec("UPDATE branches SET name = :n, kind = :k, time_zone = :tz, updated_at = :u WHERE tenant_id = :t AND id = :id",
            {p("n", b.name), p("k", b.kind), p("tz", b.time_zone), p("u", static_cast<long long>(b.updated_at)),
             pid("t", b.tenant_id), pid("id", b.id)});
}

void SociRepo::delete_branch(Id tenant, Id id) {
  s_.exec("DELETE FROM user_roles WHERE tenant_id = :t AND branch_id = :id", {pid("t", tenant), pid("id", id)});
  s_.exec("DELETE FROM branches WHERE tenant_id = :t AND id = :id", {pid("t", tenant), pid("id", id)});
}

std::int64_t SociRepo::count_departments_in_branch(Id tenant, Id branch) {
  return s_.query_i64("SELECT COUNT(*) FROM departments WHERE tenant_id = :t AND branch_id = :b",
                        {pid("t", tenant), pid("b", branch)});
}

// ---------------------------------------------------------------- departments

std::vector<Department> SociRepo::departments(Id tenant, bool with_stats) {
  std::string text =
      with_stats
          ? "SELECT d.id, d.tenant_id, d.branch_id, d.parent_id, d.manager_id, d.name, d.created_at, d.updated_at, "
            "m.name, COALESCE(c.n, 0) FROM departments d "
            "LEFT JOIN employees m ON m.tenant_id = d.tenant_id AND m.id = d.manager_id "
            "LEFT JOIN (SELECT department_id, COUNT(*) AS n FROM employees WHERE tenant_id = :t2 AND status = 'active' "
            "GROUP BY department_id) c ON c.department_id = d.id "
            "WHERE d.tenant_id = :t ORDER BY d.id"
          : "SELECT id, tenant_id, branch_id, parent_id, manager_id, name, created_at, updated_at FROM departments "
            "WHERE tenant_id = :t ORDER BY id";
  std::vector<Param> params{pid("t", tenant)};
  if (with_stats) params.push_back(pid("t2", tenant));
  std::vector<Department> out;
  for (const auto& r : s_.query(text, params)) out.push_back(department_of(r, with_stats));
  return out;
}

std::optional<Department> SociRepo::department(Id tenant, Id id) {
  auto rows = s_.query("SELECT d.id, d.tenant_id, d.branch_id, d.parent_id, d.manager_id, d.name, d.created_at, d.updated_at, m.name, "
      "(SELECT COUNT(*) FROM employees x WHERE x.tenant_id = d.tenant_id AND x.department_id = d.id AND x.status = 'active') "
      "FROM departments d LEFT JOIN employees m ON m.tenant_id = d.tenant_id AND m.id = d.manager_id "
      "WHERE d.tenant_id = :t AND d.id = :id",
      {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return department_of(rows[0], true);
}

Id SociRepo::insert_department(const Department& d) {
  return s_.query_i64("INSERT INTO departments (tenant_id, branch_id, parent_id, manager_id, name, created_at, updated_at) "
      "VALUES (:t, :b, :p, :m, :n, :c, :u) RETURNING id",
      {pid("t", d.tenant_id), pid("b", d.branch_id), pid("p", d.parent_id), pid("m", d.manager_id), p("n", d.name),
       p("c", static_cast<long long>(d.created_at)), p("u", static_cast<long long>(d.updated_at))});
}

void SociRepo::update_department(const Department& d) {
  s_.exec("UPDATE departments SET parent_id = :p, manager_id = :m, name = :n, updated_at = :u "
            "WHERE tenant_id = :t AND id = :id",
            {pid("p", d.parent_id), pid("m", d.manager_id), p("n", d.name), p("u", static_cast<long long>(d.updated_at)),
             pid("t", d.tenant_id), pid("id", d.id)});
}

void SociRepo::delete_department(Id tenant, Id id) {
  s_.exec("DELETE FROM departments WHERE tenant_id = :t AND id = :id", {pid("t", tenant), pid("id", id)});
}

std::int64_t SociRepo::count_employees(Id tenant, std::optional<Id> branch, std::optional<Id> department) {
  std::string text = "SELECT COUNT(*) FROM employees WHERE tenant_id = :t";
  std::vector<Param> params{pid("t", tenant)};
  if (branch) {
    text += " AND branch_id = :b";
    params.push_back(pid("b", *branch));
  }
  if (department) {
    text += " AND department_id = :d";
    params.push_back(pid("d", *department));
  }
  return s_.query_i64(text, params);
}

// ---------------------------------------------------------------- employees

std::vector<Employee> SociRepo::employees(const EmployeeQuery& q) {
  std::string text = std::string(kEmployeeSelect) + "WHERE e.tenant_id = :t AND e.id > :after";
  std::vector<Param> params{pid("t", q.tenant_id), pid("after", q.after_id)};
  if (q.branch_id) {
    text += " AND e.branch_id = :branch";
    params.push_back(pid("branch", *q.branch_id));
  }
  if (q.department_ids) {
    if (q.department_ids->empty()) return {};
    text += " AND e.department_id IN (" + in_list("d", *q.department_ids, params) + ")";
  }
  if (q.only_id) {
    text += " AND e.id = :only";
    params.push_back(pid("only", *q.only_id));
  }
  if (q.status) {
    text += " AND e.status = :status";
    params.push_back(p("status", *q.status));
  }
  if (q.q && !q.q->empty()) {
    text += " AND (e.name LIKE :q ESCAPE '!' OR e.employee_no LIKE :q2 ESCAPE '!')";
    params.push_back(p("q", like_pattern(*q.q)));
    params.push_back(p("q2", like_pattern(*q.q)));
  }
  text += " ORDER BY e.id LIMIT :lim";
  params.push_back(p("lim", q.limit));
  std::vector<Employee> out;
  for (const auto& r : s_.query(text, params)) out.push_back(employee_of(r));

  // Roles of the users behind these employees.
  std::vector<Id> user_ids;
  std::unordered_map<Id, Employee*> by_user;
  for (auto& e : out)
    if (e.user_id) {
      user_ids.push_back(*e.user_id);
      by_user[*e.user_id] = &e;
    }
  if (user_ids.empty()) return out;
  std::vector<Param> rp{pid("t", q.tenant_id)};
  std::string rtext = "SELECT user_id, role FROM user_roles WHERE tenant_id = :t";
  if (user_ids.size() <= 500) rtext += " AND user_id IN (" + in_list("u", user_ids, rp) + ")";
  rtext += " ORDER BY user_id, role";
  for (const auto& r : s_.query(rtext, rp)) {
    auto it = by_user.find(r.i64(0));
    if (it != by_user.end()) it->second->roles.push_back(r.str(1));
  }
  return out;
}

std::optional<Employee> SociRepo::employee(Id tenant, Id id) {
  EmployeeQuery q;
  q.tenant_id = tenant;
  q.only_id = id;
  q.limit = 1;
  auto v = employees(q);
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::optional<Employee> SociRepo::employee_by_no(Id tenant, const std::string& employee_no) {
  auto rows = s_.query("SELECT id FROM employees WHERE tenant_id = :t AND employee_no = :no",
                         {pid("t", tenant), p("no", employee_no)});
  if (rows.empty()) return std::nullopt;
  return employee(tenant, rows[0].i64(0));
}

Id SociRepo::insert_employee(const Employee& e) {
  return s_.query_i64("INSERT INTO employees (tenant_id, employee_no, name, gender, phone, email, hire_date, branch_id, department_id, "
      "position, job_level, employment_type, title_series, title_level, status, manager_id, created_at, updated_at) "
      "VALUES (:tenant, :no, :name, :gender, :phone, :email, :hire, :branch, :dept, :position, :level, :etype, "
      ":tseries, :tlevel, :status, :manager, :created, :updated) RETURNING id",
      employee_params(e));
}

void SociRepo::update_employee(const Employee& e) {
  auto params = employee_params(e);
  params.push_back(pid("id", e.id));
  s_.exec("UPDATE employees SET employee_no = :no, name = :name, gender = :gender, phone = :phone, email = :email, "
            "hire_date = :hire, branch_id = :branch, department_id = :dept, position = :position, job_level = :level, "
            "employment_type = :etype, title_series = :tseries, title_level = :tlevel, status = :status, "
            "manager_id = :manager, created_at = :created, updated_at = :updated "
            "WHERE tenant_id = :tenant AND id = :id",
            params);
}

void SociRepo::delete_employee(Id tenant, Id id) {
  s_.exec("DELETE FROM employees WHERE tenant_id = :t AND id = :id", {pid("t", tenant), pid("id", id)});
}

bool SociRepo::employee_has_history(Id tenant, Id id) {
  auto n = s_.query_i64("SELECT (SELECT COUNT(*) FROM departments WHERE tenant_id = :t AND manager_id = :id) + "
      "(SELECT COUNT(*) FROM employees WHERE tenant_id = :t2 AND manager_id = :id2)",
      {pid("t", tenant), pid("id", id), pid("t2", tenant), pid("id2", id)});
  return n > 0;
}

// ---------------------------------------------------------------- users

namespace {
const char* kUserCols =
    "id, tenant_id, login, name, password_hash, employee_id, active, "
    "(SELECT e.branch_id FROM employees e WHERE e.tenant_id = users.tenant_id AND e.id = users.employee_id)";
User user_of(const Row& r) {
  User u;
  u.id = r.i64(0);
  u.tenant_id = r.i64(1);
  u.login = r.str(2);
  u.name = r.str(3);
  u.password_hash = r.str(4);
  u.employee_id = opt_id(r, 5);
  u.active = r.i64(6) != 0;
  u.employee_branch_id = opt_id(r, 7);
  return u;
}
}  // namespace

void SociRepo::fill_roles(std::vector<User>& users) {
  for (auto& u : users) {
    for (const auto& r : s_.query("SELECT role, branch_id FROM user_roles WHERE tenant_id = :t AND user_id = :u ORDER BY role",
                                    {pid("t", u.tenant_id), pid("u", u.id)})) {
      if (auto role = parse_role(r.str(0))) u.roles.push_back(RoleGrant{*role, opt_id(r, 1)});
    }
  }
}

void SociRepo::store_roles(const User& u) {
  s_.exec("DELETE FROM user_roles WHERE tenant_id = :t AND user_id = :u", {pid("t", u.tenant_id), pid("u", u.id)});
  for (const auto& g : u.roles)
    s_.exec("INSERT INTO user_roles (tenant_id, user_id, role, branch_id) VALUES (:t, :u, :r, :b)",
              {pid("t", u.tenant_id), pid("u", u.id), p("r", role_name(g.role)), pid("b", g.branch_id)});
}

std::vector<User> SociRepo::users_by_login(const std::string& login) {
  std::vector<User> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kUserCols + " FROM users WHERE login = :l", {p("l", login)}))
    out.push_back(user_of(r));
  fill_roles(out);
  return out;
}

std::optional<User> SociRepo::user(Id tenant, Id id) {
  std::vector<User> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kUserCols + " FROM users WHERE tenant_id = :t AND id = :id",
                                  {pid("t", tenant), pid("id", id)}))
    out.push_back(user_of(r));
  if (out.empty()) return std::nullopt;
  fill_roles(out);
  return out[0];
}

std::optional<User> SociRepo::user_by_employee(Id tenant, Id employee_id) {
  std::vector<User> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kUserCols + " FROM users WHERE tenant_id = :t AND employee_id = :e",
                                  {pid("t", tenant), pid("e", employee_id)}))
    out.push_back(user_of(r));
  if (out.empty()) return std::nullopt;
  fill_roles(out);
  return out[0];
}

Id SociRepo::insert_user(const User& u) {
  const long long now = std::time(nullptr);
  User stored = u;
  stored.id = s_.query_i64("INSERT INTO users (tenant_id, login, name, password_hash, employee_id, active, created_at, updated_at) "
      "VALUES (:t, :l, :n, :h, :e, :a, :c, :u) RETURNING id",
      {pid("t", u.tenant_id), p("l", u.login), p("n", u.name), p("h", u.password_hash), pid("e", u.employee_id),
       p("a", u.active ? 1 : 0), p("c", now), p("u", now)});
  store_roles(stored);
  return stored.id;
}

void SociRepo::update_user(const User& u) {
  s_.exec("UPDATE users SET login = :l, name = :n, password_hash = :h, employee_id = :e, active = :a, updated_at = :u "
            "WHERE tenant_id = :t AND id = :id",
            {p("l", u.login), p("n", u.name), p("h", u.password_hash), pid("e", u.employee_id), p("a", u.active ? 1 : 0),
             p("u", static_cast<long long>(std::time(nullptr))), pid("t", u.tenant_id), pid("id", u.id)});
  store_roles(u);
}

void SociRepo::delete_user(Id tenant, Id id) {
  s_.exec("DELETE FROM user_roles WHERE tenant_id = :t AND user_id = :u", {pid("t", tenant), pid("u", id)});
  s_.exec("DELETE FROM auth_tokens WHERE tenant_id = :t AND user_id = :u", {pid("t", tenant), pid("u", id)});
  s_.exec("DELETE FROM users WHERE tenant_id = :t AND id = :u", {pid("t", tenant), pid("u", id)});
}

// ---------------------------------------------------------------- tokens

void SociRepo::insert_token(const std::string& hash, Id tenant, Id user, UnixSeconds created, UnixSeconds expires) {
  s_.exec("INSERT INTO auth_tokens (token_hash, tenant_id, user_id, created_at, expires_at) VALUES (:h, :t, :u, :c, :e)",
            {p("h", hash), pid("t", tenant), pid("u", user), p("c", static_cast<long long>(created)),
             p("e", static_cast<long long>(expires))});
}

std::optional<StoredToken> SociRepo::token(const std::string& hash) {
  auto rows = s_.query("SELECT tenant_id, user_id, expires_at, revoked_at FROM auth_tokens WHERE token_hash = :h",
                         {p("h", hash)});
  if (rows.empty()) return std::nullopt;
  return StoredToken{rows[0].i64(0), rows[0].i64(1), rows[0].i64(2), !rows[0].null(3)};
}

void SociRepo::revoke_token(const std::string& hash, UnixSeconds at) {
  s_.exec("UPDATE auth_tokens SET revoked_at = :a WHERE token_hash = :h AND revoked_at IS NULL",
            {p("a", static_cast<long long>(at)), p("h", hash)});
}

void SociRepo::revoke_user_tokens(Id tenant, Id user, const std::string& except_hash, UnixSeconds at) {
  s_.exec("UPDATE auth_tokens SET revoked_at = :a WHERE tenant_id = :t AND user_id = :u AND token_hash <> :h "
            "AND revoked_at IS NULL",
            {p("a", static_cast<long long>(at)), pid("t", tenant), pid("u", user), p("h", except_hash)});
}

void SociRepo::delete_expired_tokens(UnixSeconds now) {
  s_.exec("DELETE FROM auth_tokens WHERE expires_at < :n", {p("n", static_cast<long long>(now))});
  s_.exec("DELETE FROM login_failures WHERE at < :n", {p("n", static_cast<long long>(now - 86400))});
}

void SociRepo::record_login_failure(const std::string& login, UnixSeconds at, const std::string& ip) {
  s_.exec("INSERT INTO login_failures (login, at, ip) VALUES (:l, :a, :ip)",
          {p("l", login), p("a", static_cast<long long>(at)), p("ip", ip.empty() ? std::optional<std::string>() : ip)});
}

std::int64_t SociRepo::count_login_failures(const std::string& login, UnixSeconds since) {
  return s_.query_i64("SELECT COUNT(*) FROM login_failures WHERE login = :l AND at > :s",
                        {p("l", login), p("s", static_cast<long long>(since))});
}

// ---------------------------------------------------------------- audit

// The only statement that writes audit_log: rows are appended, never changed.
void SociRepo::insert_audit(const AuditEntry& e) {
  s_.exec("INSERT INTO audit_log (tenant_id, at, actor_id, actor_employee_id, actor_name, action, entity, entity_id, branch_id, "
          "before_json, after_json, ip, user_agent) "
          "VALUES (:t, :at, :actor, :aemp, :aname, :action, :entity, :eid, :branch, :before, :after, :ip, :ua)",
          {pid("t", e.tenant_id), p("at", static_cast<long long>(e.at)), pid("actor", e.actor_id),
           pid("aemp", e.actor_employee_id), p("aname", e.actor_name), p("action", e.action), p("entity", e.entity),
           pid("eid", e.entity_id), pid("branch", e.branch_id), p("before", e.before_json), p("after", e.after_json),
           p("ip", e.ip), p("ua", e.user_agent)});
}

std::vector<AuditEntry> SociRepo::audit(const AuditQuery& q) {
  std::string text =
      "SELECT id, tenant_id, at, actor_id, actor_name, action, entity, entity_id, branch_id, before_json, after_json, "
      "actor_employee_id, ip, user_agent "
      "FROM audit_log WHERE tenant_id = :t";
  std::vector<Param> params{pid("t", q.tenant_id)};
  if (q.entity) { text += " AND entity = :entity"; params.push_back(p("entity", *q.entity)); }
  if (q.entity_id) { text += " AND entity_id = :eid"; params.push_back(pid("eid", *q.entity_id)); }
  if (q.actor_id) { text += " AND actor_id = :actor"; params.push_back(pid("actor", *q.actor_id)); }
  if (q.action) { text += " AND action = :action"; params.push_back(p("action", *q.action)); }
  if (q.from) { text += " AND at >= :from"; params.push_back(p("from", static_cast<long long>(*q.from))); }
  if (q.to) { text += " AND at <= :to"; params.push_back(p("to", static_cast<long long>(*q.to))); }
  if (q.branch_id) { text += " AND branch_id = :branch"; params.push_back(pid("branch", *q.branch_id)); }
  if (q.before_id) { text += " AND id < :before"; params.push_back(pid("before", *q.before_id)); }
  text += " ORDER BY id DESC LIMIT :lim";
  params.push_back(p("lim", q.limit));
  std::vector<AuditEntry> out;
  for (const auto& r : s_.query(text, params)) {
    AuditEntry e;
    e.id = r.i64(0);
    e.tenant_id = r.i64(1);
    e.at = r.i64(2);
    e.actor_id = opt_id(r, 3);
    e.actor_name = r.str(4);
    e.action = r.str(5);
    e.entity = r.str(6);
    e.entity_id = r.i64(7);
    e.branch_id = opt_id(r, 8);
    e.before_json = r.opt_str(9);
    e.after_json = r.opt_str(10);
    e.actor_employee_id = opt_id(r, 11);
    e.ip = r.opt_str(12);
    e.user_agent = r.opt_str(13);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace luodi
