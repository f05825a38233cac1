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
