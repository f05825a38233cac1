// Plain data of exams and the feedback survey.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/org_model.h"

namespace luodi {

struct QuestionOption {
  std::string key;
  std::string text;
};

struct Question {
  Id id = 0;
  Id tenant_id = 0;
  std::string kind;  // single | multiple | true_false | fill_blank | short_answer
  std::string stem;
  std::vector<QuestionOption> options;
  nlohmann::json answer;  // shape depends on kind (see exam_rules.h)
  double points = 1;
  std::vector<std::string> tags;
  std::optional<Id> course_id;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct Exam {
  Id id = 0;
  Id tenant_id = 0;
  Id training_id = 0;
  std::string title;
  int time_limit_minutes = 30;
  int attempts_allowed = 1;
  double pass_score = 60;
  std::vector<Id> question_ids;
  std::optional<UnixSeconds> opens_at;
  std::optional<UnixSeconds> closes_at;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct ExamAttempt {
  Id id = 0;
  Id tenant_id = 0;
  Id exam_id = 0;
  Id employee_id = 0;
  UnixSeconds started_at = 0;
  UnixSeconds deadline = 0;
  std::string status = "in_progress";  // in_progress | submitted | graded
  std::vector<Question> questions;     // snapshot taken at the start (answers included)
  nlohmann::json answers = nlohmann::json::object();        // question id (string) → answer
  nlohmann::json awarded = nlohmann::json::object();        // question id (string) → points
  std::optional<UnixSeconds> submitted_at;
  std::optional<double> score;            // percent of total points
  std::optional<double> objective_score;  // percent from objective questions only
  bool passed = false;
  std::optional<UnixSeconds> graded_at;
};

struct Feedback {
  Id tenant_id = 0;
  Id training_id = 0;
  Id employee_id = 0;
  int instructor_rating = 0;
  int course_rating = 0;
  std::string comment;
  UnixSeconds created_at = 0;
};

}  // namespace luodi
