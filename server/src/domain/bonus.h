// Team bonus pool: a base amount times a multiplier chosen from a step table
// on the team's on-time submission rate. Pure.
#pragma once
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace luodi {

struct BonusTier {
  double min_rate = 0;    // 0..1, inclusive lower bound
  double multiplier = 1;  // 0..10
};

// ≥95% → 1.0, ≥80% → 0.9, otherwise 0.7 (the article's example).
std::vector<BonusTier> default_bonus_tiers();
// The tier of a rate: the highest min_rate not above it (tiers sorted descending).
BonusTier tier_for(const std::vector<BonusTier>& tiers, double rate);
// One team's pool in a cycle: the base amount times the multiplier of the
// tier that its on-time submission rate reaches. These are the figures a
// closed cycle freezes and payroll reads.
struct BonusPoolFigures {
  double base_amount = 0;
  std::int64_t required = 0;  // required reflections of the team's people
  std::int64_t on_time = 0;   // of which handed in on time
  double rate = 1;            // on_time / required, 1 when nothing was required; rounded to 4 decimals
  BonusTier tier;             // chosen on the unrounded rate
  double amount = 0;          // base_amount × tier.multiplier, rounded to cents
};
BonusPoolFigures bonus_pool_figures(double base_amount, std::int64_t required, std::int64_t on_time, const std::vector<BonusTier>& tiers);

// Parses {"tiers":[{"min_rate","multiplier"}]}: 1..10 tiers, distinct rates, one at 0; sorted descending.
std::vector<BonusTier> parse_bonus_tiers(const nlohmann::json& body, FieldErrors& errs);
nlohmann::json bonus_tiers_json(const std::vector<BonusTier>& tiers);

}  // namespace luodi
