// The points ledger: awards from training events (consumed from the outbox),
// HR adjustments, balances and history. Append-only; the balance is derived.
// Thread-safe (stateless over the Database).
#pragma once
#include <nlohmann/json.hpp>

#include "app/event_pump.h"
#include "app/page.h"
#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"
#include "domain/points_ledger.h"
#include "domain/points_rules.h"

namespace luodi {

struct PointsView {
  std::int64_t balance = 0;
  std::int64_t held = 0;  // reserved by pending redemptions (rewards store)
  std::vector<PointsEntry> entries;
  std::optional<std::string> next_cursor;
};

class PointsService {
 public:
  PointsService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The outbox consumer that pays awards (see EventPump).
  EventConsumer consumer();

  Result<PointsView> mine(const Principal& p, PageRequest page);
  Result<PointsView> of_employee(const Principal& p, Id employee, PageRequest page);
  // HR adjustment (positive or negative); audited. A deduction takes at most the
  // available points (balance − held by pending redemptions): beyond that,
  // 422 insufficient_points with a detail (field "points") naming the available amount.
  Result<PointsEntry> adjust(const Principal& p, Id employee, int amount, const std::string& reason);
  Result<PointsRules> rules(const Principal& p);
  Result<PointsRules> set_rules(const Principal& p, const nlohmann::json& body);

 private:
  Result<PointsView> view(Repo& repo, Id tenant, Id employee, PageRequest page);

  Database& db_;
  const Clock& clock_;
};

// The tenant's rules (defaults where none are stored).
PointsRules load_points_rules(Repo& repo, Id tenant);

// A person's balance and held points, read in the caller's transaction.
PointsPosition points_position(Repo& repo, Id tenant, Id employee, UnixSeconds now);

// 422 insufficient_points: `needed` points cannot be taken from `pos`; the
// detail (field "points") names the available amount.
Error insufficient_points(const PointsPosition& pos, std::int64_t needed);

// Writes the expiry rows due for one person at `now` (expiry_entries() over
// the stored ledger and holds); returns how many. The caller has locked the
// person's points (Repo::lock_points) in the same write transaction.
int expire_points(Repo& repo, Id tenant, Id employee, UnixSeconds now);

}  // namespace luodi
