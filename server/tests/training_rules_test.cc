#include "domain/training_rules.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace luodi;
using Json = nlohmann::json;

TEST(TrainingRules, DueDateFromLastSessionEndPlusDays) {
  Training t;
  t.sessions = {{1, 0, 1000, 2000, "", "", 1}, {2, 0, 5000, 9000, "", "", 1}};
  EXPECT_FALSE(assignment_due_at(t).has_value());
  t.assignment = AssignmentSpec{};
  EXPECT_EQ(*assignment_due_at(t), 9000 + 3 * 86400);  // default 3 days
  t.assignment->due_days_after_end = 1;
  EXPECT_EQ(*assignment_due_at(t), 9000 + 86400);
  t.assignment->due_at = 123;
  EXPECT_EQ(*assignment_due_at(t), 123);
}

TEST(TrainingRules, TrainingJsonErrorsNameNestedFields) {
  Training t;
  FieldErrors errs;
  apply_training_json(Json::parse(R"({"sessions":[{"start_at":"2026-12-01T10:00:00+08:00","end_at":"2026-12-01T09:00:00+08:00"},
                                                 {"start_at":"bad"}],
                                      "assignment":{"min_chars":-1,"rubric":[{"name":"内容","max_score":60}]},
                                      "audience":{"roles":["wizard"]}})"),
                      true, t, errs);
  std::vector<std::string> fields;
  for (auto& e : errs.items()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"course_id", "audience.roles", "assignment.min_chars", "assignment.rubric",
                                              "sessions[0].end_at", "sessions[1].start_at", "sessions[1].end_at"}));
}

TEST(TrainingRules, AudienceMatchesAnyCriterionAndSkipsLeavers) {
  std::vector<Department> ds = {{1, 1, 1, std::nullopt, std::nullopt, "销售部"}, {2, 1, 1, 1, std::nullopt, "销售一部"},
                                {3, 1, 1, std::nullopt, std::nullopt, "研发部"}};
  OrgTree tree(ds);
  auto emp = [](Id id, Id dept, std::string status, std::vector<std::string> roles, std::string level) {
    Employee e;
    e.id = id;
    e.department_id = dept;
    e.status = std::move(status);
    e.roles = std::move(roles);
    e.job_level = std::move(level);
    return e;
  };
  std::vector<Employee> es = {emp(10, 2, "active", {"employee"}, "P3"), emp(11, 2, "left", {"employee"}, "P3"),
                              emp(12, 3, "active", {"manager"}, "P5"), emp(13, 3, "active", {"employee"}, "P7"),
                              emp(14, 3, "active", {"employee"}, "P1")};
  Audience a;
  a.departments = {{1, true}};
  a.roles = {"manager"};
  a.job_levels = {"P7"};
  EXPECT_EQ(resolve_audience(a, es, tree), (std::vector<Id>{10, 12, 13}));
  a = Audience{};
  a.departments = {{1, false}};  // without subtree: nobody sits directly in 销售部
  EXPECT_TRUE(resolve_audience(a, es, tree).empty());
}

TEST(TrainingRules, SubmissionCountsCharactersNotBytes) {
  AssignmentSpec spec;
  spec.min_chars = 200;
  spec.max_attachments = 2;
  std::string text;
  for (int i = 0; i < 199; ++i) text += "学";
  FieldErrors errs;
  check_submission(spec, text, 0, true, errs);
  ASSERT_EQ(errs.items().size(), 1u);
  EXPECT_EQ(errs.items()[0].field, "text");
  FieldErrors ok;
  check_submission(spec, text + "习", 2, true, ok);
  EXPECT_TRUE(ok.empty());
  FieldErrors draft;
  check_submission(spec, "短", 0, false, draft);  // drafts may be short
  EXPECT_TRUE(draft.empty());
  FieldErrors many;
  check_submission(spec, text + "习", 3, true, many);
  EXPECT_EQ(many.items()[0].field, "attachments");
}

TEST(TrainingRules, SubmissionCountsOnlyVisibleCharacters) {
  AssignmentSpec spec;
  spec.min_chars = 20;
  auto times = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  struct Row {
    std::string what, text;
    bool accepted;
    std::string message_has;
  };
  const std::vector<Row> rows = {
      {"20 Han characters", times("学", 20), true, ""},
      {"19 Han characters", times("学", 19), false, "(has 19)"},
      {"20 NULs", std::string(20, '\0'), false, "control characters (U+0000)"},
      {"20 zero-width spaces", times("\u200B", 20), false, "(has 0)"},
      {"20 ideographic spaces", times("\u3000", 20), false, "(has 0)"},
      {"19 letters padded with ZWJ and BOM", times("a\u200D\uFEFF", 19), false, "(has 19)"},
      {"20 letters among line breaks and tabs", times("字\n\t", 20), true, ""},
      {"escape codes", "\x1b[2J" + times("字", 20), false, "(U+001B)"},
      {"tag characters", times("\U000E0041", 40), false, "(has 0)"},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.what);
    FieldErrors errs;
    check_submission(spec, r.text, 0, true, errs);
    EXPECT_EQ(errs.empty(), r.accepted);
    if (!r.accepted) {
      ASSERT_EQ(errs.items().size(), 1u);
      EXPECT_EQ(errs.items()[0].field, "text");
      EXPECT_NE(errs.items()[0].message_en.find(r.message_has), std::string::npos) << errs.items()[0].message_en;
    }
  }
}

TEST(TrainingRules, CheckinWindow) {
  TrainingSession s{1, 1, 10000, 13600, "", "", 1};
  EXPECT_FALSE(checkin_window_open(s, 10000 - 1801));
  EXPECT_TRUE(checkin_window_open(s, 10000 - 1800));
  EXPECT_TRUE(checkin_window_open(s, 13600));
  EXPECT_FALSE(checkin_window_open(s, 13601));
}
