#include "domain/bonus.h"

#include <algorithm>
#include <cmath>

namespace luodi {

using Json = nlohmann::json;

std::vector<BonusTier> default_bonus_tiers() { return {{0.95, 1.0}, {0.8, 0.9}, {0, 0.7}}; }

BonusTier tier_for(const std::vector<BonusTier>& tiers, double rate) {
  for (const auto& t : tiers)
    if (rate + 1e-9 >= t.min_rate) return t;
  return tiers.empty() ? BonusTier{} : tiers.back();
}

BonusPoolFigures bonus_pool_figures(double base_amount, std::int64_t required, std::int64_t on_time, const std::vector<BonusTier>& tiers) {
  BonusPoolFigures f;
  f.base_amount = base_amount;
  f.required = required;
  f.on_time = on_time;
  const double rate = required > 0 ? static_cast<double>(on_time) / static_cast<double>(required) : 1.0;
  f.rate = std::round(rate * 10000) / 10000;
  f.tier = tier_for(tiers, rate);
  f.amount = std::round(base_amount * f.tier.multiplier * 100) / 100;
  return f;
}

std::vector<BonusTier> parse_bonus_tiers(const Json& body, FieldErrors& errs) {
  std::vector<BonusTier> out;
  if (!body.is_object() || !body.contains("tiers") || !body["tiers"].is_array() || body["tiers"].empty() || body["tiers"].size() > 10) {
    errs.add("tiers", "请设置1到10档系数", "tiers must be a list of 1 to 10 steps");
    return out;
  }
  for (const auto& t : body["tiers"]) {
    if (!t.is_object() || !t.contains("min_rate") || !t["min_rate"].is_number() || !t.contains("multiplier") ||
        !t["multiplier"].is_number()) {
      errs.add("tiers", "每档需要 min_rate 和 multiplier", "each tier needs min_rate and multiplier");
      return {};
    }
    BonusTier b{t["min_rate"].get<double>(), t["multiplier"].get<double>()};
    if (!(b.min_rate >= 0 && b.min_rate <= 1)) {
      errs.add("tiers", "提交率门槛应在0到1之间", "min_rate must be between 0 and 1");
      return {};
    }
    if (!(b.multiplier >= 0 && b.multiplier <= 10)) {
      errs.add("tiers", "系数应在0到10之间", "multiplier must be between 0 and 10");
      return {};
    }
    out.push_back(b);
  }
  std::sort(out.begin(), out.end(), [](const BonusTier& a, const BonusTier& b) { return a.min_rate > b.min_rate; });
  for (size_t i = 1; i < out.size(); ++i)
    if (std::fabs(out[i].min_rate - out[i - 1].min_rate) < 1e-9) {
      errs.add("tiers", "提交率门槛不能重复", "min_rate values must differ");
      return {};
    }
  if (out.back().min_rate != 0) {
    errs.add("tiers", "需要一档门槛为0（兜底系数）", "one tier must have min_rate 0");
    return {};
  }
  return out;
}

Json bonus_tiers_json(const std::vector<BonusTier>& tiers) {
  Json arr = Json::array();
  for (const auto& t : tiers) arr.push_back(Json{{"min_rate", t.min_rate}, {"multiplier", t.multiplier}});
  return Json{{"tiers", arr}};
}

}  // namespace luodi
