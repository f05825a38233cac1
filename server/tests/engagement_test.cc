#include <gtest/gtest.h>

#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/engagement_service.h"
#include "app/performance_service.h"
#include "app/points_service.h"
#include "app/score_engine.h"
#include "app/training_service.h"
#include "domain/bonus.h"
#include "test_db.h"

using namespace luodi;
using Json = nlohmann::json;

TEST(Bonus, TierTable) {
  auto tiers = default_bonus_tiers();
  struct Case {
    double rate, multiplier;
  } cases[] = {{1.0, 1.0}, {0.95, 1.0}, {0.9499, 0.9}, {0.8, 0.9}, {0.79, 0.7}, {0, 0.7}};
  for (const auto& c : cases) EXPECT_DOUBLE_EQ(tier_for(tiers, c.rate).multiplier, c.multiplier) << c.rate;
  FieldErrors errs;
  auto parsed = parse_bonus_tiers(Json::parse(R"({"tiers":[{"min_rate":0,"multiplier":0.5},{"min_rate":0.9,"multiplier":1.2}]})"), errs);
  ASSERT_TRUE(errs.empty());
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_DOUBLE_EQ(parsed[0].min_rate, 0.9);  // sorted descending
  for (const char* bad : {R"({"tiers":[]})", R"({"tiers":[{"min_rate":0.5,"multiplier":1}]})",
                          R"({"tiers":[{"min_rate":0,"multiplier":1},{"min_rate":0,"multiplier":2}]})",
                          R"({"tiers":[{"min_rate":1.5,"multiplier":1}]})", R"({"tiers":[{"min_rate":0,"multiplier":-1}]})"}) {
    FieldErrors e;
    parse_bonus_tiers(Json::parse(bad), e);
    EXPECT_FALSE(e.empty()) << bad;
  }
}

TEST(Bonus, PoolFiguresTable) {
  const auto tiers = default_bonus_tiers();  // ≥95% 1.0, ≥80% 0.9, else 0.7
  struct Case {
    double base;
    std::int64_t required, on_time;
    double rate, multiplier, amount;
  } cases[] = {
      {10000, 0, 0, 1, 1.0, 10000},        // nothing required: rate 1
      {10000, 2, 1, 0.5, 0.7, 7000},       //
      {10000, 3, 2, 0.6667, 0.7, 7000},    // rate shown to 4 decimals
      {10000, 20, 19, 0.95, 1.0, 10000},   // on the step
      {12345.67, 10, 8, 0.8, 0.9, 11111.1},  // cents
      {0, 5, 0, 0, 0.7, 0},                // no base
  };
  for (const auto& c : cases) {
    const auto f = bonus_pool_figures(c.base, c.required, c.on_time, tiers);
    EXPECT_DOUBLE_EQ(f.rate, c.rate) << c.required << "/" << c.on_time;
    EXPECT_DOUBLE_EQ(f.tier.multiplier, c.multiplier) << c.required << "/" << c.on_time;
    EXPECT_DOUBLE_EQ(f.amount, c.amount) << c.required << "/" << c.on_time;
    EXPECT_EQ(f.required, c.required);
    EXPECT_EQ(f.on_time, c.on_time);
  }
}

class EngagementFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto_init();
    db_ = test_support::open_fresh(GetParam());
    ASSERT_TRUE(seed_demo(*db_, clock_, "demo1234").ok());
    AuthService auth(*db_, clock_);
    hr_ = auth.login("hr", "demo1234")->principal;
    emp_ = auth.login("employee", "demo1234")->principal;
    mgr_ = auth.login("manager", "demo1234")->principal;
    instructor_ = auth.login("instructor", "demo1234")->principal;
  }
  std::unique_ptr<SociDatabase> db_;
  FakeClock clock_{1'790'000'000};
  Principal hr_, emp_, mgr_, instructor_;
};

TEST_P(EngagementFlow, StoredScoresEqualAFullRecomputation) {
  TrainingService training(*db_, clock_);
  PerformanceService perf(*db_, clock_);
  EngagementService engagement(*db_, clock_);
  PointsService points(*db_, clock_);
  EventPump pump(*db_, {points.consumer(), engagement.score_consumer(), engagement.badge_consumer()});
  const std::string today = local_date(clock_.now());
  Id branch = 0;
  (void)db_->read([&](Repo& repo) -> Status {
    branch = repo.employee(emp_.tenant_id, *emp_.employee_id)->branch_id;
    return ok_status();
  });
  auto cycle = perf.create_cycle(hr_, Json{{"branch_id", branch}, {"name", "2026Q4"}, {"period", "quarter"}, {"start_date", today},
                                           {"end_date", local_date(clock_.now() + 60 * 86400)}});
  ASSERT_TRUE(cycle.ok()) << cycle.error().message_en;
  const Id cid = (*cycle)["id"].get<Id>();
  ASSERT_TRUE(perf.create_template(hr_, Json{{"cycle_id", cid},
                                             {"name", "全员"},
                                             {"indicators", {{{"kind", "manual"}, {"name", "KPI"}, {"weight", 85}},
                                                             {{"kind", "training_participation"}, {"name", "参训"}, {"weight", 10}},
                                                             {{"kind", "assignment_quality"}, {"name", "质量"}, {"weight", 5}}}}})
                  .ok());
  ASSERT_TRUE(perf.put_manual(hr_, cid, Json{{"employee_id", *emp_.employee_id}, {"indicator", "KPI"}, {"value", 90}}).ok());
  auto course = training.create_course(hr_, Json{{"title", "绩效联动"}, {"category", "professional"}});
  const UnixSeconds start = clock_.now() + 60;
  auto t = training.create_training(hr_, Json{{"course_id", course->id},
                                              {"required", true},
                                              {"instructors", {*instructor_.employee_id}},
                                              {"audience", {{"employees", {*emp_.employee_id, *mgr_.employee_id}}}},
                                              {"assignment", {{"min_chars", 2}}},
                                              {"sessions", {{{"start_at", format_rfc3339(start)}, {"end_at", format_rfc3339(start + 3600)}}}}});
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  ASSERT_TRUE(training.publish(hr_, t->id).ok());
  auto tok = training.checkin_token(hr_, t->sessions[0].id, "http://x");
  ASSERT_TRUE(training.checkin(emp_, t->sessions[0].id, tok->token).ok());
  auto s = training.put_submission(emp_, t->id, {"很好的培训", {}, true}, "");
  ASSERT_TRUE(s.ok());
  ReviewInput review;
  review.score = 80;
  ASSERT_TRUE(training.review(instructor_, s->id, review).ok());
  ASSERT_TRUE(pump.run_once().ok());

  // The author hears about the review.
  auto notes = engagement.notifications(emp_, PageRequest{});
  ASSERT_TRUE(notes.ok());
  bool reviewed = false;
  for (const auto& n : (*notes)["items"])
    if (n["kind"] == "reflection_reviewed") {
      reviewed = true;
      EXPECT_NE(n["title"].get<std::string>().find("80 分"), std::string::npos) << n.dump();
    }
  EXPECT_TRUE(reviewed) << notes->dump();

  // The event-updated rows, then a full recomputation: identical.
  std::vector<StoredScore> before, after;
  (void)db_->read([&](Repo& repo) -> Status {
    before = repo.stored_scores(hr_.tenant_id, cid, std::nullopt, "", 10000);
    return ok_status();
  });
  ASSERT_FALSE(before.empty());
  auto live = perf.performance(emp_, std::nullopt);
  ASSERT_TRUE(live.ok());
  // 90×85% + 100×10% + 80×5% = 76.5 + 10 + 4.
  EXPECT_DOUBLE_EQ((*live)["total"].get<double>(), 90.5);
  ASSERT_TRUE(perf.recompute(hr_, cid).ok());
  (void)db_->read([&](Repo& repo) -> Status {
    after = repo.stored_scores(hr_.tenant_id, cid, std::nullopt, "", 10000);
    return ok_status();
  });
  ASSERT_EQ(before.size(), after.size());
  bool saw_employee = false;
  for (size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(before[i].employee_id, after[i].employee_id);
    EXPECT_DOUBLE_EQ(before[i].total, after[i].total) << before[i].employee_no;
    EXPECT_EQ(before[i].detail_json, after[i].detail_json) << before[i].employee_no;
    if (before[i].employee_id == *emp_.employee_id) {
      saw_employee = true;
      EXPECT_DOUBLE_EQ(before[i].total, 90.5);
    }
  }
  EXPECT_TRUE(saw_employee);

  // The manager has not submitted: the team's missing list and the first_reflection badge of the employee.
  auto badges = engagement.badges(emp_, std::nullopt);
  ASSERT_TRUE(badges.ok());
  EXPECT_EQ((*badges)["items"][0]["earned"], true);

  // Close freezes: a later manual change is refused and payroll reads the frozen score.
  ASSERT_TRUE(perf.close(hr_, cid).ok());
  EXPECT_EQ(perf.put_manual(hr_, cid, Json{{"employee_id", *emp_.employee_id}, {"indicator", "KPI"}, {"value", 10}}).error().name,
            "cycle_closed");
  auto frozen = perf.scores(hr_, cid, std::nullopt, "", 1000);
  ASSERT_TRUE(frozen.ok());
  EXPECT_EQ((*frozen)["frozen"], true);
  bool found = false;
  for (const auto& row : (*frozen)["items"])
    if (row["employee_id"] == *emp_.employee_id) {
      found = true;
      EXPECT_DOUBLE_EQ(row["total"].get<double>(), 90.5);
    }
  EXPECT_TRUE(found);
}

// Closing a cycle freezes its bonus pools with the scores: later submissions,
// base and tier changes move nothing until a reopen (with a reason, audited);
// closing again takes a new snapshot.
TEST_P(EngagementFlow, ClosedCycleFreezesBonusPools) {
  TrainingService training(*db_, clock_);
  PerformanceService perf(*db_, clock_);
  EngagementService engagement(*db_, clock_);
  EventPump pump(*db_, {engagement.score_consumer()});
  const std::string today = local_date(clock_.now());
  Id branch = 0, team = 0;
  (void)db_->read([&](Repo& repo) -> Status {
    auto e = repo.employee(emp_.tenant_id, *emp_.employee_id);
    branch = e->branch_id;
    team = e->department_id;  // 销售一部: 王小雨 and her manager 张伟
    return ok_status();
  });
  auto cycle = perf.create_cycle(hr_, Json{{"branch_id", branch}, {"name", "2026Q4"}, {"period", "quarter"}, {"start_date", today},
                                           {"end_date", local_date(clock_.now() + 60 * 86400)}});
  ASSERT_TRUE(cycle.ok()) << cycle.error().message_en;
  const Id cid = (*cycle)["id"].get<Id>();
  ASSERT_TRUE(perf.set_bonus_pool(hr_, team, Json{{"cycle_id", cid}, {"base_amount", 10000}}).ok());
  auto course = training.create_course(hr_, Json{{"title", "奖金池冻结"}, {"category", "professional"}});
  const UnixSeconds start = clock_.now() + 60;
  auto t = training.create_training(hr_, Json{{"course_id", course->id},
                                              {"required", true},
                                              {"audience", {{"employees", {*emp_.employee_id, *mgr_.employee_id}}}},
                                              {"assignment", {{"min_chars", 2}}},
                                              {"sessions", {{{"start_at", format_rfc3339(start)}, {"end_at", format_rfc3339(start + 3600)}}}}});
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  ASSERT_TRUE(training.publish(hr_, t->id).ok());
  ASSERT_TRUE(training.put_submission(emp_, t->id, {"很好的培训", {}, true}, "").ok());
  ASSERT_TRUE(pump.run_once().ok());

  // Open: live figures. One of two in on time: 50% → the 0.7 tier.
  auto live = perf.bonus_pool(hr_, team, cid);
  ASSERT_TRUE(live.ok()) << live.error().message_en;
  EXPECT_EQ((*live)["frozen"], false);
  EXPECT_TRUE((*live)["frozen_at"].is_null());
  EXPECT_DOUBLE_EQ((*live)["rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ((*live)["amount"].get<double>(), 7000);
  ASSERT_EQ((*live)["missing"].size(), 1u);
  EXPECT_EQ((*live)["missing"][0]["employee_id"], *mgr_.employee_id);
  const Json live_list = perf.bonus_pools(hr_, cid).value();

  // Close: the snapshot equals what was live at that moment.
  clock_.advance(3600);
  ASSERT_TRUE(perf.close(hr_, cid).ok());
  const std::string closed_at = format_rfc3339(clock_.now());
  auto frozen = perf.bonus_pool(hr_, team, cid);
  ASSERT_TRUE(frozen.ok());
  EXPECT_EQ((*frozen)["frozen"], true);
  EXPECT_EQ((*frozen)["frozen_at"], closed_at);
  Json same = *frozen, was = *live;
  for (Json* j : {&same, &was}) {
    j->erase("frozen");
    j->erase("frozen_at");
  }
  EXPECT_EQ(same, was);
  auto frozen_list = perf.bonus_pools(hr_, cid);
  ASSERT_TRUE(frozen_list.ok());
  EXPECT_EQ((*frozen_list)["frozen"], true);
  EXPECT_EQ((*frozen_list)["frozen_at"], closed_at);
  ASSERT_EQ((*frozen_list)["items"].size(), live_list["items"].size());
  for (size_t i = 0; i < live_list["items"].size(); ++i) {
    Json a = (*frozen_list)["items"][i], b = live_list["items"][i];
    EXPECT_EQ(a["frozen"], true);
    for (Json* j : {&a, &b}) {
      j->erase("frozen");
      j->erase("frozen_at");
    }
    EXPECT_EQ(a, b);
  }

  // Later facts and settings change nothing while closed: the manager hands in, the tiers change.
  ASSERT_TRUE(training.put_submission(mgr_, t->id, {"补交心得", {}, true}, "").ok());
  ASSERT_TRUE(pump.run_once().ok());
  ASSERT_TRUE(perf.set_bonus_tiers(hr_, Json{{"tiers", {{{"min_rate", 0}, {"multiplier", 0.5}}}}}).ok());
  EXPECT_EQ(perf.bonus_pool(hr_, team, cid).value(), *frozen);
  EXPECT_EQ(perf.bonus_pools(hr_, cid).value(), *frozen_list);
  EXPECT_EQ(perf.set_bonus_pool(hr_, team, Json{{"cycle_id", cid}, {"base_amount", 1}}).error().name, "cycle_closed");
  auto table = perf.bonus_pools_table(hr_, cid);
  ASSERT_TRUE(table.ok());
  bool row = false;
  for (const auto& r : table->rows)
    if (std::get<std::string>(r[0]) == (*frozen)["department_name"].get<std::string>()) {
      row = true;
      EXPECT_DOUBLE_EQ(std::get<double>(r[7]), 7000);
      EXPECT_EQ(std::get<std::string>(r[8]), "关闭时快照 " + closed_at);
    }
  EXPECT_TRUE(row);
  auto ranking = perf.department_ranking(hr_, cid);
  ASSERT_TRUE(ranking.ok());
  EXPECT_EQ((*ranking)["frozen"], true);
  for (const auto& r : (*ranking)["items"])
    if (r["department_id"] == team) EXPECT_DOUBLE_EQ(r["rate"].get<double>(), 0.5);

  // Reopen (needs a reason; audited with the dropped pools): live figures again.
  EXPECT_EQ(perf.reopen(hr_, cid, Json::object()).error().details[0].field, "reason");
  ASSERT_TRUE(perf.reopen(hr_, cid, Json{{"reason", "补交心得后重算"}}).ok());
  auto reopened = perf.bonus_pool(hr_, team, cid);
  EXPECT_EQ((*reopened)["frozen"], false);
  EXPECT_DOUBLE_EQ((*reopened)["rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ((*reopened)["amount"].get<double>(), 5000);  // the new single tier: 0.5
  EXPECT_TRUE((*reopened)["missing"].empty());
  std::vector<AuditEntry> audit;
  (void)db_->read([&](Repo& repo) -> Status {
    AuditQuery q;
    q.tenant_id = hr_.tenant_id;
    q.entity = "performance_cycle";
    q.entity_id = cid;
    q.action = "reopen";
    audit = repo.audit(q);
    return ok_status();
  });
  ASSERT_EQ(audit.size(), 1u);
  Json before = Json::parse(audit[0].before_json.value_or("{}"));
  bool audited = false;
  for (const auto& x : before["bonus_pools"])
    if (x["department_id"] == team) {
      audited = true;
      EXPECT_DOUBLE_EQ(x["amount"].get<double>(), 7000);
    }
  EXPECT_TRUE(audited) << before.dump();
  EXPECT_EQ(Json::parse(audit[0].after_json.value_or("{}"))["reason"], "补交心得后重算");

  // Closing again takes a new snapshot.
  clock_.advance(60);
  ASSERT_TRUE(perf.close(hr_, cid).ok());
  auto again = perf.bonus_pool(hr_, team, cid);
  EXPECT_EQ((*again)["frozen"], true);
  EXPECT_EQ((*again)["frozen_at"], format_rfc3339(clock_.now()));
  EXPECT_DOUBLE_EQ((*again)["amount"].get<double>(), 5000);
}

TEST_P(EngagementFlow, ExpiredPointsAreSweptWithoutGoingNegative) {
  PointsService points(*db_, clock_);
  EngagementService engagement(*db_, clock_);
  ASSERT_TRUE(points.set_rules(hr_, Json{{"expiry_days", 1}}).ok());
  (void)db_->write([&](Repo& repo) -> Status {
    PointsEntry e{0, emp_.tenant_id, *emp_.employee_id, 100, "checkin", "session:1", "签到", clock_.now(), clock_.now() + 86400, std::nullopt};
    repo.insert_points(e);
    PointsEntry spend{0, emp_.tenant_id, *emp_.employee_id, -30, "redemption", "redemption:1", "兑换", clock_.now() + 10, std::nullopt, std::nullopt};
    repo.insert_points(spend);
    return ok_status();
  });
  EXPECT_EQ(engagement.sweep_expired_points().value(), 0);
  clock_.advance(86400 + 1);
  EXPECT_EQ(engagement.sweep_expired_points().value(), 1);
  EXPECT_EQ(engagement.sweep_expired_points().value(), 0);  // once
  auto mine = points.mine(emp_, PageRequest{});
  EXPECT_EQ(mine->balance, 0);
  EXPECT_EQ(mine->entries.front().rule, "expiry");
  EXPECT_EQ(mine->entries.front().amount, -70);
}

INSTANTIATE_TEST_SUITE_P(Dialects, EngagementFlow, ::testing::ValuesIn(luodi::test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });
