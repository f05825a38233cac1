// The ledger arithmetic: available = balance − held decides deductions,
// holds, approvals and expiry (domain/points_ledger.h).
#include <gtest/gtest.h>

#include <random>

#include "domain/points_ledger.h"

using namespace luodi;

namespace {
PointsEntry award(Id id, int amount, UnixSeconds at, std::optional<UnixSeconds> expires = std::nullopt) {
  PointsEntry e;
  e.id = id;
  e.amount = amount;
  e.rule = "checkin";
  e.source_key = "session:" + std::to_string(id);
  e.created_at = at;
  e.expires_at = expires;
  return e;
}
PointsEntry debit(Id id, int amount, UnixSeconds at, const std::string& rule = "redemption") {
  PointsEntry e;
  e.id = id;
  e.amount = -amount;
  e.rule = rule;
  e.source_key = rule + ":" + std::to_string(id);
  e.created_at = at;
  return e;
}
PointsEntry expired(Id id, int amount, const std::string& key, UnixSeconds at) {
  PointsEntry e;
  e.id = id;
  e.amount = -amount;
  e.rule = "expiry";
  e.source_key = key;
  e.created_at = at;
  return e;
}
// "lot:1=-20@50" per row: the whole answer in one comparable string.
std::string render(const std::vector<PointsEntry>& rows) {
  std::string out;
  for (const auto& r : rows) {
    if (!out.empty()) out += " ";
    out += r.source_key + "=" + std::to_string(r.amount) + "@" + std::to_string(r.created_at);
  }
  return out;
}
std::int64_t sum(const std::vector<PointsEntry>& rows) {
  std::int64_t s = 0;
  for (const auto& r : rows) s += r.amount;
  return s;
}
}  // namespace

TEST(PointsLedger, AvailableDecidesWhatMayBeTaken) {
  struct Case {
    PointsPosition pos;
    std::int64_t amount;
    bool take;   // a deduction or a new hold of `amount`
    bool spend;  // approving a pending redemption of cost `amount`
  } cases[] = {
      {{0, 0}, 0, true, true},         // nothing to measure, nothing taken
      {{0, 0}, 1, false, false},       // no ledger
      {{100, 0}, 100, true, false},    // all of it; no hold to spend
      {{100, 0}, 101, false, false},   //
      {{100, 100}, 1, false, true},    // all held: nothing available, the hold itself may be spent
      {{100, 100}, 100, false, true},  //
      {{100, 30}, 70, true, false},    // exactly the available amount; more than is held
      {{100, 30}, 30, true, true},     // a hold of 30 may be spent
      {{100, 30}, 71, false, false},   // one more than available
      {{100, 130}, 10, false, false},  // broken ledger (held above balance): nothing moves
      {{-5, 0}, 1, false, false},      // broken ledger (negative)
      {{100, 30}, -10, true, false},   // not a taking
  };
  for (const auto& c : cases) {
    EXPECT_EQ(may_take(c.pos, c.amount), c.take) << c.pos.balance << "/" << c.pos.held << " take " << c.amount;
    EXPECT_EQ(may_spend_hold(c.pos, c.amount), c.spend) << c.pos.balance << "/" << c.pos.held << " spend " << c.amount;
  }
  EXPECT_EQ((PointsPosition{100, 30}.available()), 70);
  EXPECT_EQ((PointsPosition{0, 0}.available()), 0);
}

TEST(PointsLedger, ExpiryTakesOnlyWhatIsNotHeld) {
  struct Case {
    const char* name;
    std::vector<PointsEntry> ledger;
    std::int64_t held;
    UnixSeconds now;
    std::string want;
  } cases[] = {
      {"no ledger", {}, 0, 100, ""},
      {"no ledger, something held (broken)", {}, 50, 100, ""},
      {"not expired yet", {award(1, 100, 10, 500)}, 0, 100, ""},
      {"never expires", {award(1, 100, 10)}, 0, 100, ""},
      {"expired, nothing held", {award(1, 100, 10, 50)}, 0, 100, "lot:1=-100@50"},
      {"expired, all held: marked, nothing taken", {award(1, 100, 10, 50)}, 100, 100, "lot:1=0@50"},
      {"expired, part held", {award(1, 100, 10, 50)}, 30, 100, "lot:1=-70@50"},
      {"oldest spent first, the rest expires",
       {award(1, 100, 10, 50), award(2, 50, 15, 500), debit(3, 80, 20)}, 0, 60, "lot:1=-20@50"},
      {"holds reserve the oldest points",
       {award(1, 100, 10, 50), award(2, 100, 15, 500)}, 150, 100, "lot:1=0@50"},
      {"two expired awards, hold covers the first and part of the second",
       {award(1, 100, 10, 50), award(2, 50, 15, 60)}, 120, 100, "lot:1=0@50 lot:2=-30@60"},
      {"spent and held together",
       {award(1, 100, 10, 50), debit(2, 40, 20)}, 50, 100, "lot:1=-10@50"},
      {"fully spent award is marked", {award(1, 30, 10, 50), debit(2, 30, 20)}, 0, 60, "lot:1=0@50"},
      {"marked and spent: nothing more", {award(1, 30, 10, 50), debit(2, 30, 20), expired(3, 0, "lot:1", 50)}, 0, 600, ""},
      {"hold released after expiry: the rest expires now",
       {award(1, 100, 10, 50), expired(2, 70, "lot:1", 50)}, 0, 900, "lot:1:2=-30@900"},
      {"hold still pending after expiry: nothing more",
       {award(1, 100, 10, 50), expired(2, 70, "lot:1", 50)}, 30, 900, ""},
      {"hold approved after expiry: spent, nothing more",
       {award(1, 100, 10, 50), expired(2, 70, "lot:1", 50), debit(3, 30, 200)}, 0, 900, ""},
      {"fully held, then released: third row numbered on",
       {award(1, 100, 10, 50), expired(2, 0, "lot:1", 50), expired(3, 60, "lot:1:2", 300)}, 0, 900, "lot:1:3=-40@900"},
      {"debits above awards (broken): nothing expires",
       {award(1, 100, 10, 50), debit(2, 150, 20, "adjustment")}, 0, 100, "lot:1=0@50"},
  };
  for (const auto& c : cases) {
    const auto rows = expiry_entries(c.ledger, c.held, c.now);
    EXPECT_EQ(render(rows), c.want) << c.name;
    // Never below what is held (when the ledger covered it before).
    const std::int64_t before = sum(c.ledger);
    if (before >= c.held) EXPECT_GE(before + sum(rows), c.held) << c.name;
    for (const auto& r : rows) EXPECT_EQ(r.rule, "expiry") << c.name;
  }
}

// Random ledgers: expiry never takes held points, never makes a balance
// negative, and a second run right after the first writes nothing.
TEST(PointsLedger, ExpiryPropertiesOnRandomLedgers) {
  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  int checked = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<PointsEntry> ledger;
    std::int64_t balance = 0;
    Id next = 1;
    UnixSeconds t = 0;
    const int n = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int i = 0; i < n; ++i) {
      t += std::uniform_int_distribution<int>(1, 20)(rng);
      if (balance > 0 && rng() % 3 == 0) {
        const int x = std::uniform_int_distribution<int>(1, static_cast<int>(balance))(rng);
        ledger.push_back(debit(next++, x, t));
        balance -= x;
      } else {
        const int x = std::uniform_int_distribution<int>(1, 100)(rng);
        ledger.push_back(rng() % 4 ? award(next++, x, t, t + std::uniform_int_distribution<int>(1, 80)(rng)) : award(next++, x, t));
        balance += x;
      }
    }
    const std::int64_t held = balance > 0 ? std::uniform_int_distribution<std::int64_t>(0, balance)(rng) : 0;
    const UnixSeconds now = t + std::uniform_int_distribution<int>(0, 100)(rng);
    auto rows = expiry_entries(ledger, held, now);
    const std::int64_t after = balance + sum(rows);
    ASSERT_GE(after, held) << "seed " << seed << " round " << round;
    for (auto& r : rows) {
      ASSERT_LE(r.amount, 0) << "seed " << seed;
      r.id = next++;
      ledger.push_back(r);
    }
    ASSERT_EQ(render(expiry_entries(ledger, held, now)), "") << "seed " << seed << " round " << round;
    // Releasing the hold lets the held part of expired awards go too, once.
    auto released = expiry_entries(ledger, 0, now);
    for (auto& r : released) {
      r.id = next++;
      ledger.push_back(r);
    }
    ASSERT_GE(after + sum(released), 0) << "seed " << seed;
    ASSERT_EQ(render(expiry_entries(ledger, 0, now)), "") << "seed " << seed << " round " << round;
    ++checked;
  }
  EXPECT_EQ(checked, 2000);
}
