// Training facts → performance scores, shared by the live read
// (/me/performance), the score consumer of the event pump, cycle recompute
// and cycle close. Every path builds the same ScoreInput from the same bulk
// facts (Repo::cycle_requirements) and calls compute_score(), so a stored
// score always equals a full recomputation.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/repository.h"
#include "domain/org_tree.h"
#include "domain/performance.h"

namespace luodi {

// [from, to) in Unix time of a cycle's inclusive local dates.
std::pair<UnixSeconds, UnixSeconds> cycle_window(const PerformanceCycle& c);

// Does a template population ({"departments","job_levels","min_tenure_years"}) hold the employee on `today`?
bool in_population(const nlohmann::json& population, const Employee& e, const OrgTree& tree, const std::string& today);

// The first template of the cycle whose population holds the employee.
const PerformanceTemplate* template_for(const std::vector<PerformanceTemplate>& templates, const Employee& e, const OrgTree& tree,
                                        const std::string& today);

std::vector<Indicator> template_indicators(const PerformanceTemplate& t);

// {"indicators":[...],"pending":[...],"warnings":[...]} as /me/performance shows them.
nlohmann::json score_detail_json(const ScoreResult& r);
std::string score_detail(const ScoreResult& r);  // the same, serialised

// Computes one employee's score in a cycle from live facts (nullopt: not in any template's population).
struct EmployeeScore {
  const PerformanceTemplate* tmpl = nullptr;
  ScoreResult result;
};
std::optional<EmployeeScore> score_employee(Repo& repo, const PerformanceCycle& c, const std::vector<PerformanceTemplate>& templates,
                                            const Employee& e, const OrgTree& tree, const std::string& today);

// Re-stores an employee's scores in every open cycle of their branch (removes rows of cycles whose
// population no longer holds them). Frozen rows are never touched.
void refresh_employee_scores(Repo& repo, Id tenant, Id employee, UnixSeconds now);
// The same for several people of a tenant, sharing the cycles and the department tree.
void refresh_scores(Repo& repo, Id tenant, const std::vector<Id>& employees, UnixSeconds now);

// Recomputes every stored score of a cycle in bulk; `freeze` marks them frozen. Returns the number stored.
int recompute_cycle(Repo& repo, const PerformanceCycle& c, UnixSeconds now, bool freeze);

// On-time submission counts of a cycle's required reflections, per department of its branch
// (each counting its sub-departments; active employees only). When `missing` is given it receives
// the reflections of `missing_of`'s team that are not in on time; when `missing_by_department` is
// given, every department receives those of its team (in the same order).
struct TeamCounts {
  std::int64_t required = 0;
  std::int64_t on_time = 0;
  double rate() const { return required ? static_cast<double>(on_time) / static_cast<double>(required) : 1.0; }
};
struct MissingItem {
  Id employee_id = 0;
  std::string employee_no, name;
  Id training_id = 0;
  std::string title;
  bool late = false;  // submitted, but late
};
std::unordered_map<Id, TeamCounts> team_counts(Repo& repo, const PerformanceCycle& c, const OrgTree& tree, std::optional<Id> missing_of,
                                               std::vector<MissingItem>* missing,
                                               std::unordered_map<Id, std::vector<MissingItem>>* missing_by_department = nullptr);

// The date a cycle's population is judged on: today, or the cycle's last day once it is over.
std::string population_day(const PerformanceCycle& c, UnixSeconds now);

}  // namespace luodi
