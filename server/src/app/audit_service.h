// The audit trail: every write records who, when, what, before and after.
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/principal.h"
#include "app/repository.h"

namespace luodi {

// Appends one audit entry inside the caller's transaction.
void record_audit(Repo& repo, const Principal& actor, UnixSeconds at, const std::string& action,
                  const std::string& entity, Id entity_id, std::optional<Id> branch_id,
                  const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after);

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
