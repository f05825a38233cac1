// The training loop end to end through the services, on SQLite (and
// PostgreSQL when LUODI_TEST_PG_URL is set), with a fake clock.
#include <gtest/gtest.h>

#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/training_service.h"
#include "test_db.h"

using namespace luodi;
using Json = nlohmann::json;

class TrainingFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto_init();
    db_ = test_support::open_fresh(GetParam());
    ASSERT_TRUE(seed_demo(*db_, clock_, "demo1234").ok());
    AuthService auth(*db_, clock_);
    for (const char* login : {"hr", "instructor", "employee", "manager"}) principals_[login] = auth.login(login, "demo1234")->principal;
  }
  Id department(const std::string& name) {
    Id out = 0;
    (void)db_->read([&](Repo& repo) -> Status {
      for (const auto& d : repo.departments(principals_["hr"].tenant_id, false))
        if (d.name == name) out = d.id;
      return ok_status();
    });
    return out;
  }
  std::unique_ptr<SociDatabase> db_;
  FakeClock clock_{1'790'000'000};
  std::map<std::string, Principal> principals_;
};

TEST_P(TrainingFlow, PlanCheckInSubmitReview) {
  TrainingService svc(*db_, clock_);
  const Principal& hr = principals_["hr"];
  const Principal& emp = principals_["employee"];
  const Principal& instructor = principals_["instructor"];

  auto course = svc.create_course(hr, Json{{"title", "大客户关系维护"}, {"category", "professional"}, {"credit_hours", 4}});
  ASSERT_TRUE(course.ok()) << course.error().message_en;
  const UnixSeconds start = clock_.now() + 600;
  Json body{{"course_id", course->id},
            {"instructors", {*instructor.employee_id}},
            {"required", true},
            {"audience", {{"departments", {{{"id", department("销售部")}, {"include_subtree", true}}}}}},
            {"assignment", {{"min_chars", 20}, {"due_days_after_end", 3}, {"max_attachments", 2}}},
            {"sessions", {{{"start_at", format_rfc3339(start)}, {"end_at", format_rfc3339(start + 7200)}, {"place", "三楼会议室"}},
                          {{"start_at", format_rfc3339(start + 86400)}, {"end_at", format_rfc3339(start + 86400 + 7200)}}}}};
  auto training = svc.create_training(hr, body);
  ASSERT_TRUE(training.ok()) << training.error().message_en;
  EXPECT_EQ(training->title, "大客户关系维护");
  ASSERT_EQ(training->sessions.size(), 2u);
  EXPECT_DOUBLE_EQ(training->sessions[0].credit_hours, 2.0);  // 4 course hours over 2 sessions

  auto published = svc.publish(hr, training->id);
  ASSERT_TRUE(published.ok());
  EXPECT_GT(published->second, 2);
  EXPECT_EQ(svc.publish(hr, training->id).error().code, ErrorCode::kConflict);

  // Check-in with the rotating token.
  const Id session = training->sessions[0].id;
  auto tok = svc.checkin_token(instructor, session, "http://example");
  ASSERT_TRUE(tok.ok());
  EXPECT_EQ(tok->url, "http://example/m/checkin/" + std::to_string(session) + "?t=" + tok->token);
  EXPECT_EQ(svc.checkin(emp, session, "wrong").error().name, "checkin_token_invalid");
  auto a = svc.checkin(emp, session, tok->token);
  ASSERT_TRUE(a.ok()) << a.error().message_en;
  clock_.advance(31);  // the previous token is still good, and a repeat is idempotent
  auto again = svc.checkin(emp, session, tok->token);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->checked_in_at, a->checked_in_at);
  clock_.advance(60);  // two periods later the old token is refused
  EXPECT_EQ(svc.checkin(principals_["manager"], session, tok->token).error().name, "checkin_token_invalid");
  auto hours = svc.hours(emp, std::nullopt, 2026);
  ASSERT_TRUE(hours.ok());
  EXPECT_DOUBLE_EQ(hours->total, 2.0);
  EXPECT_DOUBLE_EQ(hours->by_professional, 2.0);

  // Manual correction reverses the hours with a negative entry.
  ASSERT_TRUE(svc.set_attendance(hr, session, *emp.employee_id, false, "补录：实际缺席").ok());
  hours = svc.hours(emp, std::nullopt, 2026);
  EXPECT_DOUBLE_EQ(hours->total, 0.0);
  EXPECT_EQ(hours->entries.size(), 2u);

  // Reflection: draft, too short, submit, idempotent retry, resubmit.
  auto mine = svc.my_trainings(emp);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].status, "not_submitted");
  ASSERT_TRUE(svc.put_submission(emp, training->id, {"草稿", {}, false}, "").ok());
  EXPECT_EQ(svc.put_submission(emp, training->id, {"太短了", {}, true}, "").error().details[0].field, "text");
  const std::string text = "这次培训让我重新理解了大客户关系维护的关键在于长期信任。";
  auto s1 = svc.put_submission(emp, training->id, {text, {}, true}, "key-1");
  ASSERT_TRUE(s1.ok()) << s1.error().message_en;
  EXPECT_EQ(s1->status, "submitted");
  EXPECT_EQ(s1->version, 1);
  auto replay = svc.put_submission(emp, training->id, {text, {}, true}, "key-1");
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ(replay->version, 1);
  auto s2 = svc.put_submission(emp, training->id, {text + "补充一点。", {}, true}, "key-2");
  EXPECT_EQ(s2->version, 2);

  // Review by the instructor; others refused; final after review.
  EXPECT_EQ(svc.review(principals_["manager"], s2->id, ReviewInput{90.0}).error().code, ErrorCode::kForbidden);
  auto queue = svc.review_queue(instructor, training->id, PageRequest{});
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->items.size(), 1u);
  ReviewInput review;
  review.score = 92;
  review.excellent = true;
  review.comment = "写得好";
  auto reviewed = svc.review(instructor, s2->id, review);
  ASSERT_TRUE(reviewed.ok());
  EXPECT_EQ(reviewed->status, "reviewed");
  EXPECT_EQ(svc.put_submission(emp, training->id, {text, {}, true}, "").error().name, "already_reviewed");
  mine = svc.my_trainings(emp);
  EXPECT_EQ((*mine)[0].status, "reviewed");
  EXPECT_DOUBLE_EQ(*(*mine)[0].submission->score, 92);

  // Every step left its event in the outbox.
  auto events = svc.events(hr, 0, std::nullopt, 100);
  ASSERT_TRUE(events.ok());
  std::map<std::string, int> kinds;
  for (const auto& e : events->items) ++kinds[e.kind];
  EXPECT_EQ(kinds["attendance.recorded"], 2);
  EXPECT_EQ(kinds["submission.submitted"], 2);
  EXPECT_EQ(kinds["submission.reviewed"], 1);
  EXPECT_EQ(svc.events(emp, 0, std::nullopt, 10).error().code, ErrorCode::kForbidden);
}

TEST_P(TrainingFlow, LateSubmissionAndWindowClosed) {
  TrainingService svc(*db_, clock_);
  const Principal& hr = principals_["hr"];
  const Principal& emp = principals_["employee"];
  auto course = svc.create_course(hr, Json{{"title", "公文写作"}, {"category", "public"}});
  const UnixSeconds start = clock_.now() + 2 * 86400;
  auto training = svc.create_training(
      hr, Json{{"course_id", course->id},
               {"audience", {{"employees", {*emp.employee_id}}}},
               {"assignment", {{"min_chars", 1}, {"due_at", format_rfc3339(clock_.now() - 60)}}},
               {"sessions", {{{"start_at", format_rfc3339(start)}, {"end_at", format_rfc3339(start + 3600)}}}}});
  ASSERT_TRUE(training.ok()) << training.error().message_en;
  ASSERT_TRUE(svc.publish(hr, training->id).ok());
  auto tok = svc.checkin_token(hr, training->sessions[0].id, "http://x");
  EXPECT_EQ(svc.checkin(emp, training->sessions[0].id, tok->token).error().name, "checkin_window_closed");
  auto late = svc.put_submission(emp, training->id, {"心得", {}, true}, "");
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->status, "late");
  EXPECT_TRUE(late->late);
  EXPECT_EQ(svc.checkin(principals_["manager"], training->sessions[0].id, tok->token).error().name, "not_enrolled");
}

INSTANTIATE_TEST_SUITE_P(Dialects, TrainingFlow, ::testing::ValuesIn(luodi::test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });
