// The audit trail: every write records who (user and employee), when, what,
// before and after, and from where (client address and User-Agent); so do
// logins (successful and failed) and logouts. Entries are appended in the
// same transaction as the write they describe and are never changed: the
// Repo offers no update or delete and the database refuses both.
//
// Vocabulary (GET /audit filters on it; api/openapi.yaml lists it too):
//   action  create | update | delete | import | password | close | reopen |
//           recompute | submit | checkin | login | login_failed | logout
//   entity  see audit_entities()
// before/after: the object itself for HR and admin writes; a compact summary
// of the effect for an employee's own writes (a submission's status, version
// and character count, not its text). Never passwords, hashes or tokens.
// branch_id: which branch-limited HR admin may see the entry: the object's
// branch for staff writes, the acting employee's branch for their own writes
// and for logins.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/principal.h"
#include "app/repository.h"

namespace luodi {

// Appends one audit entry inside the caller's transaction (one INSERT with
// bound parameters). The actor's user, employee, address and User-Agent come
// from `actor` (its meta is empty for work that did not come over HTTP).
void record_audit(Repo& repo, const Principal& actor, UnixSeconds at, const std::string& action,
                  const std::string& entity, Id entity_id, std::optional<Id> branch_id,
                  const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after);

// The known values of AuditEntry::action and ::entity, for filter validation.
const std::vector<std::string>& audit_actions();
const std::vector<std::string>& audit_entities();

struct AuditPage {
  std::vector<AuditEntry> items;
  std::optional<std::string> next_cursor;
};

class AuditService {
 public:
  explicit AuditService(Database& db) : db_(db) {}
  // HR admins (a branch-limited one sees only its branch) and system admins; others kForbidden.
  Result<AuditPage> list(const Principal& p, AuditQuery q);

 private:
  Database& db_;
};

}  // namespace luodi
