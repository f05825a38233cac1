#include "app/auth_service.h"

#include "app/audit_service.h"
#include "app/crypto.h"
#include "core/encoding.h"
#include "core/units.h"
#include "domain/password_policy.h"

namespace luodi {

Principal principal_of(const User& u) {
  Principal p;
  p.tenant_id = u.tenant_id;
  p.user_id = u.id;
  p.login = u.login;
  p.name = u.name;
  p.employee_id = u.employee_id;
  p.employee_branch_id = u.employee_branch_id;
  p.roles = u.roles;
  return p;
}

AuthService::AuthService(Database& db, const Clock& clock, AuthOptions options)
    : db_(db), clock_(clock), options_(options) {}

Result<LoginResult> AuthService::login(const std::string& login, const std::string& password, const RequestMeta& meta) {
  FieldErrors errs;
  if (login.empty()) errs.add("login", "请输入登录名", "login is required");
  if (password.empty()) errs.add("password", "请输入密码", "password is required");
  if (!errs.empty()) return std::move(errs).to_error();
  if (login.size() > 100 || password.size() > 1024)
    return Error::make(ErrorCode::kInvalidCredentials, "用户名或密码错误", "Wrong login or password");

  const UnixSeconds now = clock_.now();
  std::vector<User> users;
  std::int64_t failures = 0;
  Status st = db_.read([&](Repo& repo) -> Status {
    failures = repo.count_login_failures(login, now - options_.failure_window_seconds);
    users = repo.users_by_login(login);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  if (failures >= options_.max_failures)
    return Error::make(ErrorCode::kTooManyAttempts,
                       "登录失败次数过多，请" + format_duration_zh(options_.failure_window_seconds) + "后再试",
                       "Too many failed attempts; try again in " + format_duration_en(options_.failure_window_seconds));

  // The same login may exist in several tenants: an active account whose
  // password matches wins; an inactive one (the employee has left) is only
  // named once its password was right, so the answer reveals nothing else.
  const User* match = nullptr;
  std::vector<const User*> inactive_matches;
  for (const auto& u : users)
    if (verify_password(u.password_hash, password)) {
      if (u.active) {
        match = &u;
        break;
      }
      inactive_matches.push_back(&u);
    }
  // A refused attempt, in the audit trail of the tenant whose login it names
  // (no actor: nobody got in; the login name tried, never the password).
  auto audit_refusal = [&](Repo& repo, const User& u, const char* reason, bool locked) {
    AuditEntry e;
    e.tenant_id = u.tenant_id;
    e.at = now;
    e.actor_name = printable_utf8(login, 100);
    e.action = "login_failed";
    e.entity = "user";
    e.entity_id = u.id;
    e.branch_id = u.employee_branch_id;
    nlohmann::json after{{"login", e.actor_name}, {"reason", reason}};
    if (locked) after["locked"] = true;
    e.after_json = after.dump();
    if (!meta.ip.empty()) e.ip = meta.ip;
    if (!meta.user_agent.empty()) e.user_agent = meta.user_agent;
    repo.insert_audit(e);
  };
  if (!match && !inactive_matches.empty()) {
    Status w = db_.write([&](Repo& repo) -> Status {
      for (const User* u : inactive_matches) audit_refusal(repo, *u, "account_inactive", false);
      return ok_status();
    });
    if (!w) return std::move(w).error();
    return Error::named(ErrorCode::kForbidden, "account_inactive", "该账号已停用（员工已离职），无法登录",
                        "This account is inactive (the employee has left) and cannot sign in");
  }
  if (!match) {
    if (users.empty()) verify_password(hash_password("timing-equaliser-1"), password);  // keep timing similar
    const bool locks = failures + 1 >= options_.max_failures;
    Status w = db_.write([&](Repo& repo) -> Status {
      repo.record_login_failure(login, now, meta.ip);
      for (const auto& u : users) audit_refusal(repo, u, "invalid_credentials", locks);
      return ok_status();
    });
    if (!w) return std::move(w).error();
    return Error::make(ErrorCode::kInvalidCredentials, "用户名或密码错误", "Wrong login or password");
  }

  LoginResult out;
  out.token = random_token();
  out.expires_at = now + options_.token_ttl_seconds;
  out.principal = principal_of(*match);
  out.principal.token_hash = token_hash(out.token);
  out.principal.meta = meta;
  Status w = db_.write([&](Repo& repo) -> Status {
    repo.insert_token(out.principal.token_hash, match->tenant_id, match->id, now, out.expires_at);
    record_audit(repo, out.principal, now, "login", "user", match->id, match->employee_branch_id, std::nullopt, std::nullopt);
    return ok_status();
  });
  if (!w) return std::move(w).error();
  return out;
}

Result<Principal> AuthService::load_principal(Repo& repo, Id tenant, Id user_id) {
  auto u = repo.user(tenant, user_id);
  if (!u || !u->active) return Error::unauthorized();
  return principal_of(*u);
}

std::optional<Principal> AuthService::authenticate_cached(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  const std::string hash = token_hash(token);
  const UnixSeconds now = clock_.now();
  std::shared_lock lock(mu_);
  auto it = cache_.find(hash);
  if (it != cache_.end() && it->second.cached_until > now && it->second.token_expires_at > now) return it->second.principal;
  return std::nullopt;
}

Result<Principal> AuthService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 200) return Error::unauthorized();
  const std::string hash = token_hash(token);
  const UnixSeconds now = clock_.now();
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && it->second.cached_until > now && it->second.token_expires_at > now)
      return it->second.principal;
  }
  std::optional<Principal> found;
  UnixSeconds expires = 0;
  // A forget_user() while we read means what we read may already be revoked: then do not cache it.
  const std::uint64_t epoch = forget_epoch_.load(std::memory_order_acquire);
  Status st = db_.read([&](Repo& repo) -> Status {
    auto t = repo.token(hash);
    if (!t || t->revoked || t->expires_at <= now) return Error::unauthorized();
    auto p = load_principal(repo, t->tenant_id, t->user_id);
    if (!p) return std::move(p).error();
    found = std::move(p.value());
    expires = t->expires_at;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  found->token_hash = hash;
  if (options_.cache_seconds > 0) {
    std::unique_lock lock(mu_);
    if (forget_epoch_.load(std::memory_order_acquire) == epoch) {
      if (cache_.size() > 100000) cache_.clear();  // bound memory; entries are cheap to rebuild
      cache_[hash] = Cached{*found, expires, now + options_.cache_seconds};
    }
  }
  return *found;
}

Status AuthService::logout(const Principal& p) {
  {
    std::unique_lock lock(mu_);
    cache_.erase(p.token_hash);
  }
  return db_.write([&](Repo& repo) -> Status {
    const UnixSeconds now = clock_.now();
    repo.revoke_token(p.token_hash, now);
    record_audit(repo, p, now, "logout", "user", p.user_id, p.employee_branch_id, std::nullopt, std::nullopt);
    return ok_status();
  });
}

void AuthService::forget_user(Id tenant, Id user) {
  std::unique_lock lock(mu_);
  forget_epoch_.fetch_add(1, std::memory_order_acq_rel);
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.principal.tenant_id == tenant && it->second.principal.user_id == user) it = cache_.erase(it);
    else ++it;
  }
}

Status AuthService::change_password(const Principal& p, const std::string& old_password,
                                    const std::string& new_password) {
  FieldErrors errs;
  if (old_password.empty()) errs.add("old_password", "请输入原密码", "old_password is required");
  if (auto problem = check_password_strength(p.login, new_password))
    errs.add("new_password", problem->zh, problem->en);
  if (!errs.empty()) return std::move(errs).to_error();

  std::optional<User> user;
  Status st = db_.read([&](Repo& repo) -> Status {
    user = repo.user(p.tenant_id, p.user_id);
    return user ? ok_status() : Status(Error::unauthorized());
  });
  if (!st) return st;
  if (!verify_password(user->password_hash, old_password))
    return Error::validation("old_password", "原密码不正确", "The current password is wrong");
  if (old_password == new_password)
    return Error::validation("new_password", "新密码不能与原密码相同", "The new password must differ from the current one");
  user->password_hash = hash_password(new_password);
  const UnixSeconds now = clock_.now();
  Status w = db_.write([&](Repo& repo) -> Status {
    repo.update_user(*user);
    repo.revoke_user_tokens(p.tenant_id, p.user_id, p.token_hash, now);
    record_audit(repo, p, now, "password", "user", p.user_id, p.employee_branch_id, std::nullopt, std::nullopt);
    return ok_status();
  });
  if (!w) return w;
  // Other sessions of this user were revoked; drop them from the cache but keep ours.
  std::unique_lock lock(mu_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.principal.tenant_id == p.tenant_id && it->second.principal.user_id == p.user_id &&
        it->first != p.token_hash)
      it = cache_.erase(it);
    else
      ++it;
  }
  return ok_status();
}

}  // namespace luodi
