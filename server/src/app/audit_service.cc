#include "app/audit_service.h"

#include <nlohmann/json.hpp>

#include "app/page.h"

namespace luodi {

void record_audit(Repo& repo, const Principal& actor, UnixSeconds at, const std::string& action,
                  const std::string& entity, Id entity_id, std::optional<Id> branch_id,
                  const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after) {
  AuditEntry e;
  e.tenant_id = actor.tenant_id;
  e.at = at;
  if (actor.user_id > 0) e.actor_id = actor.user_id;
  e.actor_employee_id = actor.employee_id;
  e.actor_name = actor.name.empty() ? actor.login : actor.name;
  if (!actor.meta.ip.empty()) e.ip = actor.meta.ip;
  if (!actor.meta.user_agent.empty()) e.user_agent = actor.meta.user_agent;
  e.action = action;
  e.entity = entity;
  e.entity_id = entity_id;
  e.branch_id = branch_id;
  if (before) e.before_json = before->dump();
  if (after) e.after_json = after->dump();
  repo.insert_audit(e);
}

const std::vector<std::string>& audit_actions() {
  static const std::vector<std::string> kActions = {"create", "update",    "delete", "import",    "password",
                                                    "close",  "reopen",    "recompute", "submit", "checkin",
                                                    "login",  "login_failed", "logout"};
  return kActions;
}

const std::vector<std::string>& audit_entities() {
  static const std::vector<std::string> kEntities = {
      "branch",      "department",   "employee",          "user",                 "course",
      "training",    "enrollment",   "attendance",        "submission",           "file",
      "question",    "exam",         "exam_attempt",      "feedback",             "like",
      "points",      "points_rules", "performance_cycle", "performance_template", "performance_manual",
      "reward",      "redemption",   "bonus_tiers",       "bonus_pool",           "leaderboard_settings"};
  return kEntities;
}

Result<AuditPage> AuditService::list(const Principal& p, AuditQuery q) {
  if (!p.is_admin()) return Error::forbidden();
  q.tenant_id = p.tenant_id;
  if (auto b = p.hr_branch()) q.branch_id = b;
  const int limit = q.limit;
  q.limit = limit + 1;
  AuditPage page;
  Status st = db_.read([&](Repo& repo) -> Status {
    page.items = repo.audit(q);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  finish_page(page, limit, [](const auto& x) { return x.id; });
  return page;
}

}  // namespace luodi
