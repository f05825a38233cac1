#include "app/tenant_setup.h"

#include "app/crypto.h"
#include "domain/employee_rules.h"
#include "domain/password_policy.h"

namespace luodi {

namespace {

bool code_ok(const std::string& c) {
  if (c.size() < 2 || c.size() > 32) return false;
  for (char ch : c)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-')) return false;
  return true;
}

std::string derive_code(const std::string& login) {
  std::string c;
  for (char ch : login) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) c += ch;
  }
  return "t-" + c.substr(0, 20) + "-" + random_token().substr(0, 6);
}

}  // namespace

Result<CreatedTenant> create_tenant(Database& db, const Clock& clock, NewTenant spec) {
  FieldErrors errs;
  auto name = check_short_text("name", spec.name, errs);
  if (name && name->empty()) {
    errs.add("name", "请填写租户名称", "name is required");
    name.reset();
  }
  auto admin_name = check_short_text("admin_name", spec.admin_name, errs);
  auto login = check_login(spec.admin_login, errs);
  if (spec.code.empty() && login) spec.code = derive_code(*login);
  for (auto& ch : spec.code)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  if (!code_ok(spec.code))
    errs.add("code", "代码为2-32位小写字母、数字、- 或 _", "code must be 2-32 lower-case letters, digits, - or _");
  if (spec.branch_kind != "enterprise" && spec.branch_kind != "public_institution")
    errs.add("branch_kind", "应为 enterprise 或 public_institution", "branch_kind must be enterprise or public_institution");
  const bool generated = spec.admin_password.empty();
  if (generated) spec.admin_password = "Lu" + random_token().substr(0, 14) + "9";
  if (login)
    if (auto problem = check_password_strength(*login, spec.admin_password))
      errs.add("admin_password", problem->zh, problem->en);
  if (!errs.empty()) return std::move(errs).to_error();

  CreatedTenant out;
  out.code = spec.code;
  out.admin_password = spec.admin_password;
  const std::string hash = hash_password(spec.admin_password);  // slow (argon2id): outside the transaction
  const UnixSeconds now = clock.now();
  Status st = db.write([&](Repo& repo) -> Status {
    if (repo.tenant_by_code(spec.code)) return Error::conflict("code", "该租户代码已存在", "A tenant with this code exists");
    if (!repo.users_by_login(*login).empty())
      return Error::conflict("admin_login", "该登录名已被使用", "This login is already taken");
    Tenant t{0, spec.code, *name, spec.time_zone};
    out.tenant_id = t.id = repo.insert_tenant(t);

    Branch b;
    b.tenant_id = t.id;
    b.name = *name;
    b.kind = spec.branch_kind;
    b.time_zone = spec.time_zone;
    b.created_at = b.updated_at = now;
    out.branch_id = b.id = repo.insert_branch(b);

    Department d;
    d.tenant_id = t.id;
    d.branch_id = b.id;
    d.name = "总部";
    d.created_at = d.updated_at = now;
    out.department_id = d.id = repo.insert_department(d);

    Employee e;
    e.tenant_id = t.id;
    e.employee_no = "A0001";
    e.name = *admin_name;
    e.branch_id = b.id;
    e.department_id = d.id;
    e.created_at = e.updated_at = now;
    out.admin_employee_id = e.id = repo.insert_employee(e);

    User u;
    u.tenant_id = t.id;
    u.login = *login;
    u.name = *admin_name;
    u.employee_id = e.id;
    u.password_hash = hash;
    u.roles = {RoleGrant{Role::kSysAdmin, std::nullopt}, RoleGrant{Role::kHrAdmin, std::nullopt},
               RoleGrant{Role::kEmployee, std::nullopt}};
    out.admin_user_id = u.id = repo.insert_user(u);

    AuditEntry a;
    a.tenant_id = t.id;
    a.at = now;
    a.actor_name = "luodi tenant create";
    a.action = "create";
    a.entity = "tenant";
    a.entity_id = t.id;
    a.after_json = std::string("{\"code\":\"") + spec.code + "\",\"admin_login\":\"" + *login + "\"}";
    repo.insert_audit(a);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

}  // namespace luodi
