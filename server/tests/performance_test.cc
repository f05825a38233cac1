#include "domain/performance.h"

#include <gtest/gtest.h>

using namespace luodi;
using Json = nlohmann::json;

namespace {
// The article's template: business KPI 85 %, training participation 10 %, assignment quality 5 %.
std::vector<Indicator> article() {
  return {{"manual", "业务KPI", 85}, {"training_participation", "培训参与", 10}, {"assignment_quality", "作业质量", 5}};
}
RequiredTraining training(Id id, int sessions, int attended, bool assignment, bool on_time, std::optional<double> review) {
  RequiredTraining t;
  t.training_id = id;
  t.title = "培训" + std::to_string(id);
  t.sessions = sessions;
  t.attended = attended;
  t.has_assignment = assignment;
  t.submitted = t.submitted_on_time = on_time;
  t.review_score = review;
  return t;
}
}  // namespace

TEST(Performance, ScoreTable) {
  struct Case {
    const char* what;
    ScoreInput in;
    double total;
    std::vector<double> raws;
  } cases[] = {
      {"all done", {article(), {training(1, 2, 2, true, true, 90)}, {{"业务KPI", 80}}}, 68 + 10 + 4.5, {80, 100, 90}},
      {"half attended, not yet reviewed", {article(), {training(1, 2, 1, true, true, std::nullopt)}, {{"业务KPI", 100}}},
       85 + 5 + 0, {100, 50, 0}},
      {"no required trainings", {article(), {}, {}}, 0 + 10 + 0, {0, 100, 0}},
      {"mean review over two", {article(), {training(1, 1, 1, true, true, 80), training(2, 1, 0, true, true, 100)}, {{"业务KPI", 90}}},
       76.5 + 5 + 4.5, {90, 50, 90}},
  };
  for (const auto& c : cases) {
    ScoreResult r = compute_score(c.in);
    EXPECT_DOUBLE_EQ(r.total, c.total) << c.what;
    ASSERT_EQ(r.indicators.size(), c.raws.size()) << c.what;
    for (size_t i = 0; i < c.raws.size(); ++i) EXPECT_DOUBLE_EQ(r.indicators[i].raw, c.raws[i]) << c.what << " #" << i;
  }
}

TEST(Performance, PendingShowsTheExactScoreIfDone) {
  ScoreInput in;
  in.indicators = {{"manual", "KPI", 80}, {"assignment_submission", "按时提交", 20}};
  in.manual = {{"KPI", 100}};
  in.trainings = {training(1, 1, 1, true, true, std::nullopt), training(2, 1, 1, true, false, std::nullopt)};
  ScoreResult r = compute_score(in);
  EXPECT_DOUBLE_EQ(r.total, 80 + 10);
  ASSERT_EQ(r.pending.size(), 1u);
  EXPECT_EQ(r.pending[0].training_id, 2);
  EXPECT_DOUBLE_EQ(r.pending[0].score_if_done, 100);
  EXPECT_DOUBLE_EQ(r.pending[0].impact, 10);
}

TEST(Performance, IndicatorWeightsMustAddUpTo100) {
  std::vector<Indicator> out;
  FieldErrors ok;
  check_indicators(Json::parse(R"([{"kind":"manual","name":"KPI","weight":85},{"kind":"training_participation","weight":10},
                                   {"kind":"assignment_quality","weight":5}])"),
                   out, ok);
  EXPECT_TRUE(ok.empty());
  EXPECT_EQ(out.size(), 3u);
  FieldErrors bad;
  check_indicators(Json::parse(R"([{"kind":"manual","name":"KPI","weight":85},{"kind":"training_participation","weight":10}])"), out, bad);
  ASSERT_EQ(bad.items().size(), 1u);
  EXPECT_EQ(bad.items()[0].field, "indicators");
  FieldErrors kind;
  check_indicators(Json::parse(R"([{"kind":"vibes","weight":100}])"), out, kind);
  EXPECT_EQ(kind.items()[0].field, "indicators[0].kind");
}
