// The points ledger's arithmetic. Pure.
//
// A person's points are an append-only ledger; the balance is its sum.
// Pending redemptions hold points: they still count in the balance but may
// not be taken by anything else. So every decision that takes points looks
// at the *available* amount:
//
//     available = balance − held
//
// and the ledger keeps, at all times, balance ≥ held ≥ 0 (hence available ≥ 0):
//   - an HR deduction may take at most the available amount;
//   - a redemption may hold at most the available amount;
//   - approving a redemption spends exactly its hold (balance and held drop
//     by the same cost, available is unchanged);
//   - expiry takes only points that are not held (see expiry_entries()).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/org_model.h"

namespace luodi {

// One ledger row. Positive rows are awards ("lots", spent oldest first);
// negative rows are spending, deductions and expiry.
struct PointsEntry {
  Id id = 0;
  Id tenant_id = 0;
  Id employee_id = 0;
  int amount = 0;
  std::string rule;        // on_time_submission | excellent | checkin | exam_passed | like_received | adjustment | redemption | expiry
  std::string source_key;  // unique per (employee, rule); expiry rows: "lot:<id>" then "lot:<id>:<n>"
  std::string reason;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> expires_at;
  std::optional<Id> created_by;  // user, for adjustments
};

// What a person has: the ledger sum and what pending redemptions hold of it.
struct PointsPosition {
  std::int64_t balance = 0;
  std::int64_t held = 0;
  // May be negative only if the ledger was already broken (e.g. by data
  // written before holds were protected); then nothing more can be taken.
  std::int64_t available() const { return balance - held; }
};

// Whether `amount` (> 0) points may be taken now, by a deduction or a new
// hold: never more than the available amount. amount ≤ 0 is always allowed.
bool may_take(const PointsPosition& pos, std::int64_t amount);

// Whether a pending redemption of `cost` may be approved (spent): its hold is
// part of `held` and the balance still covers every hold.
bool may_spend_hold(const PointsPosition& pos, std::int64_t cost);

// The expiry rows still to write for one person's ledger (oldest first, as
// stored), given the points `held` by pending redemptions, at `now`.
//
// FIFO: debits (negative rows other than expiry) consume the oldest awards
// first; then the holds reserve the oldest points left, since approving them
// will spend those. Of an award past its expiry, what is neither spent nor
// reserved expires. So the balance never drops below `held` by expiry.
//
// Each expired award gets one row "lot:<id>" (amount ≤ 0; 0 marks an award
// with nothing left to expire, so a sweep does not look at it again). Points
// of it that were reserved when that row was written expire later, when the
// hold is released without being spent, as further rows "lot:<id>:<n>".
std::vector<PointsEntry> expiry_entries(const std::vector<PointsEntry>& ledger, std::int64_t held, UnixSeconds now);

}  // namespace luodi
