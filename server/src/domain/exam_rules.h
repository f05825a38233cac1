// Exam rules: what a valid question is, how answers are graded, when an
// attempt must end. Pure; table-driven tests in exam_rules_test.cc.
//
// Answer shapes: single → "A"; multiple → ["A","C"] (order-free, all must
// match); true_false → true|false; fill_blank → ["x|y", "z"] one entry per
// blank, alternatives separated by '|', compared trimmed and
// case-insensitively; short_answer → reference text or null (graded by hand).
#pragma once
#include <optional>

#include "core/error.h"
#include "domain/exam_model.h"

namespace luodi {

void apply_question_json(const nlohmann::json& body, bool creating, Question& q, FieldErrors& errs);

// Points for one answer of an objective question: all or nothing. nullopt
// for short answers (a person grades them).
std::optional<double> grade_answer(const Question& q, const nlohmann::json& answer);

struct Grading {
  nlohmann::json awarded = nlohmann::json::object();  // question id → points (objective ones)
  double objective_points = 0;
  double total_points = 0;
  bool needs_manual = false;  // has short answers
};
Grading grade_attempt(const std::vector<Question>& questions, const nlohmann::json& answers);

// Percent (0-100, one decimal) of `points` out of `total`.
double percent(double points, double total);

// When an attempt started at `started` must end.
UnixSeconds attempt_deadline(UnixSeconds started, int time_limit_minutes, std::optional<UnixSeconds> closes_at);

// Number of blanks in a fill-in question (entries of its answer).
int blank_count(const Question& q);

// JSON of a question; `with_answer` false hides the key (for people taking the exam).
nlohmann::json question_json(const Question& q, bool with_answer);
// Back from question_json(q, true) (trusted, stored data).
Question question_from_json(const nlohmann::json& j);

}  // namespace luodi
