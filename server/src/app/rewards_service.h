// The rewards store: a catalogue of benefits bought with points, and
// redemptions requested → approved (points spent, a benefit entitlement
// granted) | rejected | cancelled (points and stock released). Stock and
// balance never go negative, also under concurrent requests: one
// transaction locks the reward and the person's points. Thread-safe.
#pragma once
#include <nlohmann/json.hpp>

#include "app/page.h"
#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

class RewardsService {
 public:
  RewardsService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // HR sees all items; others those they are eligible for (active only).
  Result<nlohmann::json> catalogue(const Principal& p);
  Result<nlohmann::json> create_reward(const Principal& p, const nlohmann::json& body);
  Result<nlohmann::json> update_reward(const Principal& p, Id id, const nlohmann::json& body);
  // Holds the cost until decided (or spends it at once without approval); at most the available
  // points (balance − held). Errors: insufficient_points (422, detail "points" names the available
  // amount), out_of_stock (409), limit_reached (409), not_eligible (403).
  Result<nlohmann::json> redeem(const Principal& p, Id reward);
  // action: approve (spends exactly the hold) | reject | cancel (release the hold and the
  // stock; points of the hold whose award has expired meanwhile expire at once).
  Result<nlohmann::json> decide(const Principal& p, Id redemption, const std::string& action, const std::string& note);
  Result<nlohmann::json> list(const Principal& p, bool pending_for_me);
  // Benefits granted: one's own (mine), or for HR (their branch or all) and managers (their teams).
  Result<nlohmann::json> entitlements(const Principal& p, bool mine, std::optional<Id> employee, bool active_only, PageRequest page);

 private:
  Database& db_;
  const Clock& clock_;
};

// The default catalogue (the article's benefits), added for a tenant without one.
void ensure_default_rewards(Repo& repo, Id tenant, UnixSeconds now);

}  // namespace luodi
