// Training work → performance score. One pure function computes an
// employee's score for a cycle from the facts; table-driven tests pin it.
//
// Indicators (weights in percent, summing to 100):
//   training_participation  attended sessions of required trainings / their sessions × 100
//   assignment_submission   on-time submissions / required assignments due in the cycle × 100
//   assignment_quality      mean review score of the cycle's reviewed reflections (0 if none)
//   exam_score              mean best exam score of the cycle's required trainings (0 if none)
//   manual                  a value 0-100 entered by a manager, imported or pushed by API
// contribution = raw × weight / 100; total = Σ contributions (two decimals).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "domain/org_model.h"

namespace luodi {

struct Indicator {
  std::string kind;  // training_participation | assignment_submission | assignment_quality | exam_score | manual
  std::string name;
  double weight = 0;
};

// A required training as far as the score is concerned.
struct RequiredTraining {
  Id training_id = 0;
  std::string title;
  int sessions = 0;           // sessions inside the cycle
  int attended = 0;
  bool has_assignment = false;
  bool submitted_on_time = false;
  bool submitted = false;     // on time or late
  std::optional<double> review_score;
  bool has_exam = false;
  std::optional<double> best_exam_score;  // graded attempts only
};

struct ScoreInput {
  std::vector<Indicator> indicators;
  std::vector<RequiredTraining> trainings;
  std::map<std::string, double> manual;  // indicator name → value
};

struct IndicatorScore {
  Indicator indicator;
  double raw = 0;
  double contribution = 0;
};

struct PendingItem {
  Id training_id = 0;
  std::string title;
  std::string kind;  // assignment | exam
  double score_if_done = 0;
  double impact = 0;  // score_if_done - total
};

struct ScoreResult {
  double total = 0;
  std::vector<IndicatorScore> indicators;
  std::vector<PendingItem> pending;
};

ScoreResult compute_score(const ScoreInput& in);

// Validates template indicators: known kinds, names, weights > 0 summing to 100.
void check_indicators(const nlohmann::json& body, std::vector<Indicator>& out, FieldErrors& errs);

}  // namespace luodi
