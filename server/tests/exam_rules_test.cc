#include "domain/exam_rules.h"

#include <gtest/gtest.h>

using namespace luodi;
using Json = nlohmann::json;

namespace {
Question make(const char* json) {
  Question q;
  FieldErrors errs;
  apply_question_json(Json::parse(json), true, q, errs);
  EXPECT_TRUE(errs.empty()) << (errs.empty() ? "" : errs.items()[0].field + ": " + errs.items()[0].message_en);
  return q;
}
}  // namespace

TEST(ExamRules, GradingTable) {
  Question single = make(R"({"kind":"single","stem":"s","options":[{"key":"A","text":"a"},{"key":"B","text":"b"}],"answer":"B","points":2})");
  Question multi = make(R"({"kind":"multiple","stem":"m","options":[{"key":"A","text":"a"},{"key":"B","text":"b"},{"key":"C","text":"c"}],"answer":["A","C"]})");
  Question tf = make(R"({"kind":"true_false","stem":"t","answer":false})");
  Question fill = make(R"({"kind":"fill_blank","stem":"首都是__，简称__","answer":["北京|Beijing","京"],"points":3})");
  Question essay = make(R"({"kind":"short_answer","stem":"谈谈体会","answer":null,"points":10})");
  struct Case {
    const Question* q;
    Json answer;
    std::optional<double> points;
  } cases[] = {
      {&single, "B", 2},           {&single, "A", 0},          {&single, nullptr, 0},
      {&multi, {"C", "A"}, 1},     {&multi, {"A"}, 0},         {&multi, {"A", "B", "C"}, 0},
      {&tf, false, 1},             {&tf, "false", 0},          {&fill, {" beijing ", "京"}, 3},
      {&fill, {"北京", "沪"}, 0},  {&fill, {"北京"}, 0},       {&essay, "很有收获", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(grade_answer(*c.q, c.answer), c.points) << c.q->kind << " " << c.answer.dump();
}

TEST(ExamRules, InvalidQuestionsNameTheField) {
  struct Case {
    const char* json;
    const char* field;
  } cases[] = {
      {R"({"kind":"single","stem":"x","options":[{"key":"A","text":"a"}],"answer":"A"})", "options"},
      {R"({"kind":"single","stem":"x","options":[{"key":"A","text":"a"},{"key":"B","text":"b"}],"answer":"C"})", "answer"},
      {R"({"kind":"essay","stem":"x","answer":"a"})", "kind"},
      {R"({"kind":"true_false","stem":"x","answer":true,"points":0})", "points"},
      {R"({"kind":"fill_blank","stem":"x","answer":[]})", "answer"},
      {R"({"kind":"single","stem":"","options":[{"key":"A","text":"a"},{"key":"A","text":"b"}],"answer":"A"})", "stem"},
  };
  for (const auto& c : cases) {
    Question q;
    FieldErrors errs;
    apply_question_json(Json::parse(c.json), true, q, errs);
    ASSERT_FALSE(errs.empty()) << c.json;
    EXPECT_EQ(errs.items()[0].field, c.field) << c.json;
  }
}

TEST(ExamRules, AttemptGradingAndDeadline) {
  Question a = make(R"({"kind":"true_false","stem":"t","answer":true,"points":4})");
  a.id = 1;
  Question b = make(R"({"kind":"short_answer","stem":"e","points":6})");
  b.id = 2;
  Grading g = grade_attempt({a, b}, Json{{"1", true}, {"2", "文本"}});
  EXPECT_DOUBLE_EQ(g.objective_points, 4);
  EXPECT_DOUBLE_EQ(g.total_points, 10);
  EXPECT_TRUE(g.needs_manual);
  EXPECT_DOUBLE_EQ(percent(4, 10), 40.0);
  EXPECT_DOUBLE_EQ(percent(2, 3), 66.7);
  EXPECT_EQ(attempt_deadline(1000, 30, std::nullopt), 1000 + 1800);
  EXPECT_EQ(attempt_deadline(1000, 30, 1500), 1500);
}

TEST(ExamRules, QuestionJsonRoundTripHidesAnswers) {
  Question q = make(R"({"kind":"fill_blank","stem":"x__","answer":["a|b"],"points":2,"tags":["公文"]})");
  q.id = 9;
  EXPECT_FALSE(question_json(q, false).contains("answer"));
  EXPECT_EQ(question_json(q, false)["blanks"], 1);
  Question back = question_from_json(question_json(q, true));
  EXPECT_EQ(question_json(back, true), question_json(q, true));
}
