// Points for training work: which events earn how many points. Pure.
// Each award names its source, so the ledger can pay it at most once
// (resubmitting, re-reviewing or replaying an event never pays twice).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "domain/org_model.h"

namespace luodi {

// Per-tenant rules; defaults are the article's numbers.
struct PointsRules {
  int on_time_submission = 50;  // a reflection handed in by its due time
  int excellent = 100;          // a reflection marked 优秀
  int checkin = 10;             // attending a session
  int exam_passed = 30;         // passing a training's exam (once per exam)
  int like_received = 2;        // a like on one's reflection
  int like_daily_cap = 20;      // at most this many like points a day
  int expiry_days = 0;          // 0: points never expire
};

struct PointsAward {
  Id employee_id = 0;
  std::string rule;        // on_time_submission | excellent | checkin | exam_passed | like_received
  std::string source_key;  // what it was for, e.g. "submission:42"
  int amount = 0;
  std::string reason;      // zh-CN, shown in the history
};

// The awards one outbox event earns (none for most events).
std::vector<PointsAward> awards_for_event(const std::string& kind, const nlohmann::json& payload, const PointsRules& rules);

nlohmann::json points_rules_json(const PointsRules& r);
// Applies a JSON object of rule values (each 0..10000; expiry_days 0..3650).
void apply_points_rules_json(const nlohmann::json& body, PointsRules& r, FieldErrors& errs);

}  // namespace luodi
