// Logging in and out, authenticating bearer tokens, changing passwords.
// Thread-safe: one instance serves all workers.
#pragma once
#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

struct AuthOptions {
  // How long a token lives after login. Default 7 days.
  std::int64_t token_ttl_seconds = 7 * 24 * 3600;
  // Failed logins allowed per login name within the window before 429.
  int max_failures = 10;
  std::int64_t failure_window_seconds = 15 * 60;
  // How long a validated token is trusted without asking the database again.
  // A logout on this instance takes effect at once; on other instances (when
  // several share PostgreSQL) within this many seconds. 0 disables the cache.
  std::int64_t cache_seconds = 10;
};

struct LoginResult {
  std::string token;
  UnixSeconds expires_at = 0;
  Principal principal;
};

class AuthService {
 public:
  AuthService(Database& db, const Clock& clock, AuthOptions options = {});

  // Errors: kValidationFailed (empty fields), kInvalidCredentials, kTooManyAttempts,
  // kForbidden "account_inactive" (right password, but the login is inactive:
  // its employee has left).
  // Audited with `meta`: a success as "login" by the user; a wrong password as
  // "login_failed" (the login name tried, never the password) in each tenant
  // that has that login, the failure that trips the throttle marked
  // "locked"; the right password of an inactive login as "login_failed" with
  // reason account_inactive. A login name no tenant has is only kept, with the
  // address, for the throttle. Attempts refused while throttled are neither
  // checked nor audited, so a flood of them cannot fill the audit trail.
  Result<LoginResult> login(const std::string& login, const std::string& password, const RequestMeta& meta = {});
  // Errors: kUnauthorized for unknown, expired or revoked tokens and for
  // tokens of inactive logins.
  Result<Principal> authenticate(const std::string& token);
  // Like authenticate, from the in-memory cache only: never touches the
  // database, so it may run on an I/O thread. nullopt means "ask authenticate".
  std::optional<Principal> authenticate_cached(const std::string& token);
  // Revokes the token the principal came with; audited as "logout".
  Status logout(const Principal& p);
  // Errors: kValidationFailed naming old_password or new_password.
  Status change_password(const Principal& p, const std::string& old_password, const std::string& new_password);
  // Drops cached tokens of a user (after role or password changes, leaving,
  // deletion), so the change holds at once on this instance; other instances
  // sharing PostgreSQL notice within `cache_seconds`.
  void forget_user(Id tenant, Id user);

 private:
  struct Cached {
    Principal principal;
    UnixSeconds token_expires_at;
    UnixSeconds cached_until;
  };
  Result<Principal> load_principal(Repo& repo, Id tenant, Id user);

  // Constant after construction.
  Database& db_;
  const Clock& clock_;
  const AuthOptions options_;

  // Guarded by mu_.
  std::shared_mutex mu_;
  std::unordered_map<std::string, Cached> cache_;
  // Bumped by forget_user(): an authenticate() that read the database before
  // a bump must not cache what it read (it may be a revoked session).
  std::atomic<std::uint64_t> forget_epoch_{0};
};

// Builds a Principal for a stored user (roles included).
Principal principal_of(const User& u);

}  // namespace luodi
