// Performance cycles and templates, manual KPI values, and an employee's
// current score computed from live training facts by compute_score(), so a
// submission or a review shows in the score at once. Thread-safe.
#pragma once
#include <nlohmann/json.hpp>

#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

class PerformanceService {
 public:
  PerformanceService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<nlohmann::json> create_cycle(const Principal& p, const nlohmann::json& body);
  Result<nlohmann::json> list_cycles(const Principal& p, std::optional<Id> branch);
  Result<nlohmann::json> create_template(const Principal& p, const nlohmann::json& body);
  Result<nlohmann::json> list_templates(const Principal& p, Id cycle);
  Status put_manual(const Principal& p, Id cycle, const nlohmann::json& body);
  // The score in the current cycle: {"cycle","template","total","indicators","pending","warnings"};
  // "cycle" is null when no open cycle/template covers the employee.
  Result<nlohmann::json> performance(const Principal& p, std::optional<Id> employee);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace luodi
