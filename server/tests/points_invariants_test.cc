// Points and stock invariants under concurrency, on SQLite and PostgreSQL.
//
// Several threads run random operations of every kind that moves points or
// stock (award, HR adjustment, like/unlike, redeem, approve, reject, cancel,
// expiry sweep, stock change) through the services, in batches. After each
// batch the state is read back through the store and every invariant is
// checked:
//   balance ≥ 0; available = balance − held ≥ 0; balance = sum of the ledger;
//   stock ≥ 0; an approved redemption has exactly its spend row (−cost) and
//   no other redemption has one.
// The seed is printed with every failure; LUODI_TEST_SEED=<n> replays a run's
// choices (the interleaving of threads is the machine's).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/engagement_service.h"
#include "app/points_service.h"
#include "app/rewards_service.h"
#include "app/training_service.h"
#include "test_db.h"

using namespace luodi;
using Json = nlohmann::json;

namespace {

constexpr int kThreads = 4;
constexpr int kBatches = 10;
constexpr int kOpsPerThreadPerBatch = 20;

unsigned test_seed() {
  if (const char* s = std::getenv("LUODI_TEST_SEED"); s && *s) return static_cast<unsigned>(std::strtoul(s, nullptr, 10));
  return std::random_device{}();
}

class PointsInvariants : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto_init();
    db_ = test_support::open_fresh(GetParam());
    ASSERT_TRUE(seed_demo(*db_, clock_, "demo1234").ok());
    AuthService auth(*db_, clock_);
    hr_ = auth.login("hr", "demo1234")->principal;
    // Eight people of the company branch, each with a login.
    for (const char* login : {"employee", "manager", "instructor", "E0006", "E0007", "E0008", "E0009", "E0010"}) {
      auto s = auth.login(login, "demo1234");
      ASSERT_TRUE(s.ok()) << login;
      people_.push_back(s->principal);
    }
  }
  std::unique_ptr<SociDatabase> db_;
  FakeClock clock_{1'790'000'000};
  Principal hr_;
  std::vector<Principal> people_;
};

TEST_P(PointsInvariants, HoldBalanceAndStockSurviveRandomConcurrentOperations) {
  const unsigned seed = test_seed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (LUODI_TEST_SEED=" + std::to_string(seed) + " replays the choices)");
  PointsService points(*db_, clock_);
  RewardsService rewards(*db_, clock_);
  EngagementService engagement(*db_, clock_);
  TrainingService training(*db_, clock_);
  EventPump pump(*db_, {points.consumer()});

  // Awards expire a day after they are paid; the clock moves a day per batch.
  ASSERT_TRUE(points.set_rules(hr_, Json{{"expiry_days", 1}, {"exam_passed", 100}, {"like_received", 10}, {"like_daily_cap", 10000}}).ok());
  std::vector<Id> stocked, all_rewards;
  for (const auto& [name, cost, stock, approval] :
       {std::tuple{"限量保温杯", 30, 4, true}, std::tuple{"图书券", 50, 3, true}, std::tuple{"咖啡", 20, -1, false},
        std::tuple{"调休券", 40, -1, true}}) {
    Json body{{"name", name}, {"cost", cost}, {"requires_approval", approval}, {"approver", "hr"}};
    if (stock >= 0) body["stock"] = stock;
    auto r = rewards.create_reward(hr_, body);
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    all_rewards.push_back((*r)["id"].get<Id>());
    if (stock >= 0) stocked.push_back((*r)["id"].get<Id>());
  }
  // Everyone writes a reflection on one training, so they can like each other's.
  std::vector<Id> people_ids;
  for (const auto& p : people_) people_ids.push_back(*p.employee_id);
  auto course = training.create_course(hr_, Json{{"title", "并发积分"}, {"category", "general"}});
  ASSERT_TRUE(course.ok());
  const UnixSeconds start = clock_.now() + 60;
  auto t = training.create_training(hr_, Json{{"course_id", course->id},
                                              {"audience", {{"employees", people_ids}}},
                                              {"assignment", {{"min_chars", 2}}},
                                              {"sessions", {{{"start_at", format_rfc3339(start)}, {"end_at", format_rfc3339(start + 3600)}}}}});
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  ASSERT_TRUE(training.publish(hr_, t->id).ok());
  std::vector<Id> submissions;  // by person index
  for (const auto& p : people_) {
    auto s = training.put_submission(p, t->id, {"学以致用，落到实处", {}, true}, "");
    ASSERT_TRUE(s.ok()) << s.error().message_en;
    submissions.push_back(s->id);
  }
  ASSERT_TRUE(pump.run_once().ok());

  std::mutex fail_mu;
  auto fail = [&](const std::string& what) {
    std::lock_guard lock(fail_mu);
    ADD_FAILURE() << "seed " << seed << ": " << what;
  };
  auto expect_ok_or = [&](const char* op, const Status& st, std::initializer_list<const char*> allowed) {
    if (st) return true;
    for (const char* a : allowed)
      if (st.error().name == a) return false;
    fail(std::string(op) + " failed: " + st.error().name + " " + st.error().message_en);
    return false;
  };
  auto as_status = [](const auto& r) -> Status {
    if (r) return ok_status();
    return r.error();
  };
  // Pending redemptions, read through the store.
  auto pending = [&]() {
    std::vector<Redemption> out;
    (void)db_->read([&](Repo& repo) -> Status {
      out = repo.redemptions(hr_.tenant_id, std::nullopt, std::nullopt, std::string("requested"), 1000);
      return ok_status();
    });
    return out;
  };

  std::atomic<int> exam_no{1};
  std::map<std::string, std::atomic<int>> ran;
  for (const char* k : {"award", "adjust", "like", "redeem", "approve", "reject", "cancel", "sweep", "stock"}) ran[k] = 0;
  std::atomic<int> refused_adjustments{0}, holds{0};

  int batches_run = 0;
  for (int batch = 0; batch < kBatches; ++batch) {
    ++batches_run;
    std::vector<std::thread> threads;
    for (int ti = 0; ti < kThreads; ++ti)
      threads.emplace_back([&, ti] {
        std::mt19937 rng(seed + static_cast<unsigned>(batch * kThreads + ti));
        auto pick = [&](size_t n) { return static_cast<size_t>(std::uniform_int_distribution<size_t>(0, n - 1)(rng)); };
        for (int op = 0; op < kOpsPerThreadPerBatch; ++op) {
          const size_t who = pick(people_.size());
          // Weights: decisions rarer than requests, so holds stay pending across batches (and expiry sweeps).
          static const std::vector<int> kinds{0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4, 5, 6, 6, 7};
          int kind = kinds[pick(kinds.size())];
          // Odd batches earn nothing: the awards of the batch before have just expired, so sweeps meet
          // pending holds backed by expired points.
          if (batch % 2 == 1 && (kind == 0 || kind == 2)) kind = 6;
          switch (kind) {
            case 0: {  // award: an exam passed, paid by the outbox consumer
              const int exam = exam_no++;
              Status st = db_->write([&](Repo& repo) -> Status {
                repo.insert_event(OutboxEvent{0, hr_.tenant_id, "exam.graded",
                                              Json{{"employee_id", people_ids[who]}, {"exam_id", exam}, {"passed", true}}.dump(),
                                              clock_.now()});
                return ok_status();
              });
              expect_ok_or("award", st, {});
              expect_ok_or("pump", as_status(pump.run_once()), {});
              ++ran["award"];
              break;
            }
            case 1: {  // HR adjustment: an award, a random deduction, or one aimed just past the available points
              int amount = std::uniform_int_distribution<int>(-90, 15)(rng);  // mostly deductions: points come from expiring awards
              if (amount == 0) amount = -1;
              if (pick(2) == 0) {
                PointsPosition pos;
                (void)db_->read([&](Repo& repo) -> Status {
                  pos = points_position(repo, hr_.tenant_id, people_ids[who], clock_.now());
                  return ok_status();
                });
                if (pos.balance > 0)
                  amount = -static_cast<int>(std::clamp<std::int64_t>(pos.available() + static_cast<std::int64_t>(pick(static_cast<size_t>(pos.held) + 1)), 1, pos.balance));
              }
              auto r = points.adjust(hr_, people_ids[who], amount, "并发测试");
              expect_ok_or("adjust", as_status(r), {"insufficient_points"});
              if (!r && r.error().name == "insufficient_points") {
                ++refused_adjustments;
                if (amount > 0) fail("an award was refused as insufficient_points");
                if (r.error().details.empty() || r.error().details[0].field != "points") fail("insufficient_points without a points detail");
              }
              ++ran["adjust"];
              break;
            }
            case 2: {  // like or unlike someone else's reflection; likes pay the author
              size_t other = pick(people_.size());
              if (other == who) other = (other + 1) % people_.size();
              expect_ok_or("like", as_status(engagement.like(people_[who], submissions[other], pick(4) != 0)), {});
              expect_ok_or("pump", as_status(pump.run_once()), {});
              ++ran["like"];
              break;
            }
            case 3: {  // redeem
              auto r = rewards.redeem(people_[who], all_rewards[pick(all_rewards.size())]);
              expect_ok_or("redeem", as_status(r), {"insufficient_points", "out_of_stock"});
              if (r && (*r)["status"] == "requested") ++holds;
              ++ran["redeem"];
              break;
            }
            case 4:
            case 5: {  // approve, reject (HR) or cancel (the owner) a pending redemption
              auto list = pending();
              if (list.empty()) break;
              const Redemption d = list[pick(list.size())];
              const char* action = pick(3) == 0 ? "reject" : (pick(3) == 0 ? "cancel" : "approve");
              Principal by = hr_;
              if (std::string(action) == "cancel")
                for (const auto& p : people_)
                  if (*p.employee_id == d.employee_id) by = p;
              // already_decided: another thread got there first.
              expect_ok_or(action, as_status(rewards.decide(by, d.id, action, "")), {"already_decided"});
              ++ran[action];
              break;
            }
            case 6: {  // expiry sweep
              expect_ok_or("sweep", as_status(engagement.sweep_expired_points()), {});
              ++ran["sweep"];
              break;
            }
            case 7: {  // HR changes the stock of a limited item
              const Id id = stocked[pick(stocked.size())];
              expect_ok_or("stock", as_status(rewards.update_reward(hr_, id, Json{{"stock", static_cast<int>(pick(5))}})), {});
              ++ran["stock"];
              break;
            }
          }
        }
      });
    for (auto& th : threads) th.join();

    // ---- invariants, read through the store ----
    SCOPED_TRACE("after batch " + std::to_string(batch));
    (void)db_->read([&](Repo& repo) -> Status {
      const UnixSeconds now = clock_.now();
      std::map<Id, std::vector<PointsEntry>> ledgers;
      for (Id e : people_ids) {
        const auto ledger = repo.all_points_entries(hr_.tenant_id, e);
        std::int64_t sum = 0;
        for (const auto& x : ledger) sum += x.amount;
        const PointsPosition pos = points_position(repo, hr_.tenant_id, e, now);
        EXPECT_EQ(pos.balance, sum) << "employee " << e << ": balance is not the sum of the ledger";
        EXPECT_GE(pos.balance, 0) << "employee " << e;
        EXPECT_GE(pos.held, 0) << "employee " << e;
        EXPECT_GE(pos.available(), 0) << "employee " << e << ": balance " << pos.balance << " below held " << pos.held;
        ledgers[e] = ledger;
      }
      for (Id w : all_rewards) {
        auto r = repo.reward(hr_.tenant_id, w);
        EXPECT_TRUE(!r->stock || *r->stock >= 0) << "reward " << w << " stock " << *r->stock;
      }
      for (const auto& d : repo.redemptions(hr_.tenant_id, std::nullopt, std::nullopt, std::nullopt, 100000)) {
        int rows = 0;
        std::int64_t spent = 0;
        for (const auto& x : ledgers[d.employee_id])
          if (x.rule == "redemption" && x.source_key == "redemption:" + std::to_string(d.id)) {
            ++rows;
            spent += x.amount;
          }
        if (d.status == "approved") {
          EXPECT_EQ(rows, 1) << "approved redemption " << d.id << " has " << rows << " spend rows";
          EXPECT_EQ(spent, -d.cost) << "redemption " << d.id;
        } else {
          EXPECT_EQ(rows, 0) << d.status << " redemption " << d.id << " spent points";
        }
      }
      return ok_status();
    });
    // The service view agrees with the store.
    for (const auto& p : people_) {
      auto v = points.of_employee(hr_, *p.employee_id, PageRequest{});
      ASSERT_TRUE(v.ok());
      EXPECT_GE(v->balance - v->held, 0) << p.login;
    }
    if (::testing::Test::HasFailure()) break;
    clock_.advance(86400);  // this batch's awards expire
  }

  int total = 0;
  std::string summary;
  for (const auto& [k, n] : ran) {
    total += n;
    summary += " " + k + "=" + std::to_string(n.load());
  }
  std::cout << "[ points invariants ] " << (GetParam().rfind("sqlite", 0) == 0 ? "sqlite" : "postgresql") << ": " << total
            << " operations in " << batches_run << " batches on " << kThreads << " threads (seed " << seed << "):" << summary
            << "; holds taken " << holds.load() << ", deductions refused " << refused_adjustments.load() << std::endl;
  RecordProperty("operations", total);
  EXPECT_GE(total, kBatches * kThreads * kOpsPerThreadPerBatch / 2);  // decisions need a pending redemption; the rest always run
}

// Held points cannot be taken by an HR deduction or by expiry, and approval
// afterwards spends exactly the hold (the order of events from the issue).
TEST_P(PointsInvariants, HeldPointsAreProtectedFromDeductionAndExpiry) {
  PointsService points(*db_, clock_);
  RewardsService rewards(*db_, clock_);
  EngagementService engagement(*db_, clock_);
  const Principal& emp = people_[0];
  const Id e = *emp.employee_id;
  auto item = rewards.create_reward(hr_, Json{{"name", "导师午餐"}, {"cost", 80}, {"requires_approval", true}, {"approver", "hr"}});
  ASSERT_TRUE(item.ok());
  // 100 points that expire in a day.
  (void)db_->write([&](Repo& repo) -> Status {
    repo.insert_points(PointsEntry{0, hr_.tenant_id, e, 100, "checkin", "session:900", "签到", clock_.now(), clock_.now() + 86400, std::nullopt});
    return ok_status();
  });
  auto r = rewards.redeem(emp, (*item)["id"].get<Id>());
  ASSERT_TRUE(r.ok()) << r.error().message_en;

  // HR may take the 20 available, not one more; the detail names the available amount.
  auto refused = points.adjust(hr_, e, -21, "误发");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().name, "insufficient_points");
  EXPECT_EQ(refused.error().code, ErrorCode::kValidationFailed);
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0].field, "points");
  EXPECT_EQ(refused.error().details[0].message, "可用积分为 20");
  EXPECT_EQ(refused.error().details[0].message_en, "available points: 20");
  ASSERT_TRUE(points.adjust(hr_, e, -5, "更正").ok());

  // The award expires: only the 15 not held go.
  clock_.advance(86400 + 1);
  EXPECT_EQ(engagement.sweep_expired_points().value(), 1);
  auto mine = points.mine(emp, PageRequest{});
  EXPECT_EQ(mine->balance, 80);
  EXPECT_EQ(mine->held, 80);

  // Approval spends exactly the hold: zero, not negative.
  ASSERT_TRUE(rewards.decide(hr_, (*r)["id"].get<Id>(), "approve", "").ok());
  mine = points.mine(emp, PageRequest{});
  EXPECT_EQ(mine->balance, 0);
  EXPECT_EQ(mine->held, 0);
}

// A hold that kept expired points is released: those points expire then.
TEST_P(PointsInvariants, ReleasedHoldLetsExpiredPointsGo) {
  PointsService points(*db_, clock_);
  RewardsService rewards(*db_, clock_);
  EngagementService engagement(*db_, clock_);
  const Principal& emp = people_[0];
  const Id e = *emp.employee_id;
  auto item = rewards.create_reward(hr_, Json{{"name", "调休半天"}, {"cost", 60}, {"stock", 1}, {"requires_approval", true}, {"approver", "hr"}});
  ASSERT_TRUE(item.ok());
  (void)db_->write([&](Repo& repo) -> Status {
    repo.insert_points(PointsEntry{0, hr_.tenant_id, e, 100, "checkin", "session:901", "签到", clock_.now(), clock_.now() + 86400, std::nullopt});
    repo.insert_points(PointsEntry{0, hr_.tenant_id, e, 30, "excellent", "submission:901", "优秀", clock_.now(), std::nullopt, std::nullopt});
    return ok_status();
  });
  auto r = rewards.redeem(emp, (*item)["id"].get<Id>());
  ASSERT_TRUE(r.ok());
  clock_.advance(86400 + 1);
  EXPECT_EQ(engagement.sweep_expired_points().value(), 1);
  EXPECT_EQ(points.mine(emp, PageRequest{})->balance, 130 - 40);  // 60 of the expired award are held
  ASSERT_TRUE(rewards.decide(emp, (*r)["id"].get<Id>(), "cancel", "").ok());
  auto mine = points.mine(emp, PageRequest{});
  EXPECT_EQ(mine->balance, 30);  // the held 60 expired on release; the award without expiry stays
  EXPECT_EQ(mine->held, 0);
  EXPECT_EQ(mine->entries.front().rule, "expiry");
  EXPECT_EQ(mine->entries.front().amount, -60);
  EXPECT_EQ(engagement.sweep_expired_points().value(), 0);
  auto w = rewards.update_reward(hr_, (*item)["id"].get<Id>(), Json::object());
  EXPECT_EQ((*w)["stock"], 1);  // the stock came back
}

INSTANTIATE_TEST_SUITE_P(Dialects, PointsInvariants, ::testing::ValuesIn(luodi::test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });

}  // namespace
