// Team bonus pool: a base amount times a multiplier chosen from a step table
// on the team's on-time submission rate. Pure.
#pragma once
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
// Parses {"tiers":[{"min_rate","multiplier"}]}: 1..10 tiers, distinct rates, one at 0; sorted descending.
std::vector<BonusTier> parse_bonus_tiers(const nlohmann::json& body, FieldErrors& errs);
nlohmann::json bonus_tiers_json(const std::vector<BonusTier>& tiers);

}  // namespace luodi
