// Engagement around training work: likes on reflections (paying the author
// points, capped per day), notifications, badges, leaderboards with the
// tenant's privacy option, points expiry, and the event consumers that keep
// stored scores and badges current. Thread-safe.
#pragma once
#include <nlohmann/json.hpp>

#include "app/event_pump.h"
#include "app/page.h"
#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

class EngagementService {
 public:
  EngagementService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Consumers for the event pump: "scores" (stored performance scores) and "badges".
  EventConsumer score_consumer();
  EventConsumer badge_consumer();
  // Periodic work for the pump: writes expiry entries for expired points, never taking points held
  // by pending redemptions (see expiry_entries()); returns how many people were swept.
  Result<int> sweep_expired_points();

  Result<nlohmann::json> reflections(const Principal& p, Id training, PageRequest page);
  Result<nlohmann::json> like(const Principal& p, Id submission, bool on);

  Result<nlohmann::json> notifications(const Principal& p, PageRequest page);
  Status mark_read(const Principal& p, const nlohmann::json& body);

  Result<nlohmann::json> badges(const Principal& p, std::optional<Id> employee);

  // scope: company | department; period: month | quarter | year | all.
  Result<nlohmann::json> points_leaderboard(const Principal& p, const std::string& scope, std::optional<Id> department,
                                            const std::string& period);
  Result<nlohmann::json> leaderboard_settings(const Principal& p);
  Result<nlohmann::json> set_leaderboard_settings(const Principal& p, const nlohmann::json& body);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace luodi
