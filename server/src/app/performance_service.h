// Performance cycles and templates, manual KPI values, and an employee's
// current score computed from live training facts by compute_score(), so a
// submission or a review shows in the score at once. Thread-safe.
#pragma once
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "app/page.h"
#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

// A sheet for the XLSX exports: header row + one row per entry (stored scores, bonus pools).
struct ScoreTable {
  using Cell = std::variant<std::string, double>;
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

class PerformanceService {
 public:
  PerformanceService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<nlohmann::json> create_cycle(const Principal& p, const nlohmann::json& body);
  Result<nlohmann::json> list_cycles(const Principal& p, std::optional<Id> branch);
  Result<nlohmann::json> create_template(const Principal& p, const nlohmann::json& body);
  // Replaces name, population and indicators of a template of an open cycle (the same checks as create).
  Result<nlohmann::json> update_template(const Principal& p, Id id, const nlohmann::json& body);
  Result<nlohmann::json> list_templates(const Principal& p, Id cycle);
  Status put_manual(const Principal& p, Id cycle, const nlohmann::json& body);
  // The score in the current cycle: {"cycle","template","total","indicators","pending","warnings"};
  // "cycle" is null when no open cycle/template covers the employee.
  Result<nlohmann::json> performance(const Principal& p, std::optional<Id> employee);

  // Cycle life and the stored (payroll) scores.
  Result<nlohmann::json> get_cycle(const Principal& p, Id id);
  Result<nlohmann::json> recompute(const Principal& p, Id id);  // {"employees","millis"}
  // Freezes the scores and snapshots every bonus pool of the branch in one transaction; audited.
  Result<nlohmann::json> close(const Principal& p, Id id);
  // Needs a reason; unfreezes the scores and drops the pool snapshot (both kept in the audit record).
  Result<nlohmann::json> reopen(const Principal& p, Id id, const nlohmann::json& body);
  Result<nlohmann::json> scores(const Principal& p, Id id, std::optional<Id> department, const std::string& after_no, int limit);
  Result<ScoreTable> scores_table(const Principal& p, Id id);  // for the XLSX export
  Result<nlohmann::json> manual_list(const Principal& p, Id id, std::optional<Id> employee);
  Result<nlohmann::json> manual_import(const Principal& p, Id id, std::string_view csv, bool dry_run);

  // Team bonus pool and the departments' submission-rate ranking.
  Result<nlohmann::json> bonus_tiers(const Principal& p);
  Result<nlohmann::json> set_bonus_tiers(const Principal& p, const nlohmann::json& body);
  // While a cycle is closed the pools are the snapshot taken by close() ("frozen": true, "frozen_at"):
  // later submissions, base or tier changes do not move them until reopen() drops the snapshot
  // (audited) and the next close() takes a new one. Open cycles show live figures ("frozen": false).
  Result<nlohmann::json> bonus_pool(const Principal& p, Id department, Id cycle);
  Result<nlohmann::json> set_bonus_pool(const Principal& p, Id department, const nlohmann::json& body);
  Result<nlohmann::json> bonus_pools(const Principal& p, Id cycle);
  Result<ScoreTable> bonus_pools_table(const Principal& p, Id cycle);  // bonus_pools() for the XLSX export
  Result<nlohmann::json> department_ranking(const Principal& p, Id cycle);

 private:
  Result<nlohmann::json> save_template(const Principal& p, const nlohmann::json& body, std::optional<Id> id);

  Database& db_;
  const Clock& clock_;
};

}  // namespace luodi
