#include "domain/points_ledger.h"

#include <algorithm>
#include <unordered_map>

namespace luodi {

bool may_take(const PointsPosition& pos, std::int64_t amount) { return amount <= 0 || amount <= pos.available(); }

bool may_spend_hold(const PointsPosition& pos, std::int64_t cost) {
  return cost >= 0 && cost <= pos.held && pos.available() >= 0;
}

namespace {
// The award an expiry row belongs to: "lot:12" and "lot:12:3" → 12; 0 if malformed.
Id lot_of(const std::string& source_key) {
  if (source_key.rfind("lot:", 0) != 0) return 0;
  Id id = 0;
  for (size_t i = 4; i < source_key.size() && source_key[i] != ':'; ++i) {
    if (source_key[i] < '0' || source_key[i] > '9') return 0;
    id = id * 10 + (source_key[i] - '0');
  }
  return id;
}
}  // namespace

std::vector<PointsEntry> expiry_entries(const std::vector<PointsEntry>& ledger, std::int64_t held, UnixSeconds now) {
  struct Expired {
    std::int64_t amount = 0;  // points of the award already expired (≥ 0)
    int rows = 0;             // expiry rows written for it
  };
  std::unordered_map<Id, Expired> expired;
  std::int64_t debits = 0;
  for (const auto& e : ledger) {
    if (e.rule == "expiry") {
      auto& x = expired[lot_of(e.source_key)];
      x.amount -= e.amount;
      ++x.rows;
    } else if (e.amount < 0) {
      debits -= e.amount;
    }
  }
  std::int64_t reserve = std::max<std::int64_t>(0, held);
  std::vector<PointsEntry> out;
  for (const auto& lot : ledger) {
    if (lot.amount <= 0 || lot.rule == "expiry") continue;
    const Expired x = expired.count(lot.id) ? expired[lot.id] : Expired{};
    const std::int64_t live = std::max<std::int64_t>(0, lot.amount - x.amount);
    const std::int64_t spent = std::min(live, debits);
    debits -= spent;
    const std::int64_t reserved = std::min(live - spent, reserve);
    reserve -= reserved;
    const std::int64_t free = live - spent - reserved;
    if (!lot.expires_at || *lot.expires_at > now) continue;
    if (free == 0 && x.rows > 0) continue;  // nothing more to expire; already marked
    PointsEntry e;
    e.tenant_id = lot.tenant_id;
    e.employee_id = lot.employee_id;
    e.amount = -static_cast<int>(free);
    e.rule = "expiry";
    e.source_key = "lot:" + std::to_string(lot.id) + (x.rows == 0 ? "" : ":" + std::to_string(x.rows + 1));
    e.reason = "积分过期";
    // The first row is dated when the award expired; a later one when its hold was released.
    e.created_at = x.rows == 0 ? *lot.expires_at : now;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace luodi
