#include <gtest/gtest.h>

#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/points_service.h"
#include "app/training_service.h"
#include "domain/points_rules.h"
#include "test_db.h"

using namespace luodi;
using Json = nlohmann::json;

TEST(PointsRules, AwardsTable) {
  PointsRules r;
  struct Case {
    const char* kind;
    Json payload;
    std::vector<std::pair<std::string, int>> want;  // rule, amount
  } cases[] = {
      {"submission.submitted", {{"employee_id", 5}, {"submission_id", 9}, {"late", false}}, {{"on_time_submission", 50}}},
      {"submission.submitted", {{"employee_id", 5}, {"submission_id", 9}, {"late", true}}, {}},
      {"submission.reviewed", {{"employee_id", 5}, {"submission_id", 9}, {"excellent", true}}, {{"excellent", 100}}},
      {"submission.reviewed", {{"employee_id", 5}, {"submission_id", 9}, {"excellent", false}}, {}},
      {"attendance.recorded", {{"employee_id", 5}, {"session_id", 3}, {"present", true}}, {{"checkin", 10}}},
      {"attendance.recorded", {{"employee_id", 5}, {"session_id", 3}, {"present", false}}, {}},
      {"exam.graded", {{"employee_id", 5}, {"exam_id", 2}, {"passed", true}}, {{"exam_passed", 30}}},
      {"feedback.submitted", {{"employee_id", 5}}, {}},
      {"submission.submitted", {{"submission_id", 9}}, {}},  // no employee: nothing
  };
  for (const auto& c : cases) {
    std::vector<std::pair<std::string, int>> got;
    for (const auto& a : awards_for_event(c.kind, c.payload, r)) got.emplace_back(a.rule, a.amount);
    EXPECT_EQ(got, c.want) << c.kind << " " << c.payload.dump();
  }
  // The source names the object, not the event: a second submission event of the same reflection maps to the same key.
  EXPECT_EQ(awards_for_event("submission.submitted", {{"employee_id", 5}, {"submission_id", 9}, {"version", 2}}, r)[0].source_key,
            "submission:9");
}

class PointsFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto_init();
    db_ = test_support::open_fresh(GetParam());
    ASSERT_TRUE(seed_demo(*db_, clock_, "demo1234").ok());
    AuthService auth(*db_, clock_);
    hr_ = auth.login("hr", "demo1234")->principal;
    emp_ = auth.login("employee", "demo1234")->principal;
    instructor_ = auth.login("instructor", "demo1234")->principal;
  }
  std::unique_ptr<SociDatabase> db_;
  FakeClock clock_{1'790'000'000};
  Principal hr_, emp_, instructor_;
};

TEST_P(PointsFlow, EventsPayOncePerSource) {
  TrainingService training(*db_, clock_);
  PointsService points(*db_, clock_);
  EventPump pump(*db_, {points.consumer()});
  auto course = training.create_course(hr_, Json{{"title", "积分测试"}, {"category", "general"}});
  const UnixSeconds start = clock_.now() + 60;
  auto t = training.create_training(
      hr_, Json{{"course_id", course->id},
                {"instructors", {*instructor_.employee_id}},
                {"audience", {{"employees", {*emp_.employee_id}}}},
                {"assignment", {{"min_chars", 2}}},
                {"sessions", {{{"start_at", format_rfc3339(start)}, {"end_at", format_rfc3339(start + 3600)}}}}});
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  ASSERT_TRUE(training.publish(hr_, t->id).ok());
  auto tok = training.checkin_token(hr_, t->sessions[0].id, "http://x");
  ASSERT_TRUE(training.checkin(emp_, t->sessions[0].id, tok->token).ok());
  auto s = training.put_submission(emp_, t->id, {"很好的培训", {}, true}, "");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(training.put_submission(emp_, t->id, {"很好的培训，补充", {}, true}, "").ok());  // resubmission
  ASSERT_TRUE(pump.run_once().ok());
  EXPECT_EQ(points.mine(emp_, PageRequest{})->balance, 10 + 50);

  ReviewInput review;
  review.score = 95;
  review.excellent = true;
  ASSERT_TRUE(training.review(instructor_, s->id, review).ok());
  ASSERT_TRUE(training.review(instructor_, s->id, review).ok());  // re-review: same source
  ASSERT_TRUE(pump.run_once().ok());
  auto mine = points.mine(emp_, PageRequest{});
  EXPECT_EQ(mine->balance, 160);
  EXPECT_EQ(mine->entries.size(), 3u);

  // Replaying the whole outbox pays nothing more.
  (void)db_->write([](Repo& repo) -> Status {
    repo.consumer_cursor("points");
    repo.set_consumer_cursor("points", 0);
    return ok_status();
  });
  ASSERT_TRUE(pump.run_once().ok());
  EXPECT_EQ(points.mine(emp_, PageRequest{})->balance, 160);

  // HR adjustments: audited, cannot push the balance below zero.
  EXPECT_EQ(points.adjust(hr_, *emp_.employee_id, -500, "误发").error().name, "insufficient_points");
  ASSERT_TRUE(points.adjust(hr_, *emp_.employee_id, -60, "更正").ok());
  EXPECT_EQ(points.mine(emp_, PageRequest{})->balance, 100);
  EXPECT_EQ(points.adjust(emp_, *emp_.employee_id, 100, "自己加").error().code, ErrorCode::kForbidden);
}

TEST_P(PointsFlow, RulesAreConfigurablePerTenant) {
  PointsService points(*db_, clock_);
  EXPECT_EQ(points.rules(hr_)->on_time_submission, 50);
  auto r = points.set_rules(hr_, Json{{"on_time_submission", 80}, {"expiry_days", 365}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(points.rules(emp_)->on_time_submission, 80);
  EXPECT_EQ(points.set_rules(hr_, Json{{"checkin", -1}}).error().details[0].field, "checkin");
  EXPECT_EQ(points.set_rules(emp_, Json{{"checkin", 1}}).error().code, ErrorCode::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Dialects, PointsFlow, ::testing::ValuesIn(luodi::test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });
