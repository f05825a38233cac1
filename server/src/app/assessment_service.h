// Exams (question bank, exams per training, timed attempts graded on the
// server) and the post-training feedback survey. Thread-safe (stateless
// over the Database). Events: exam.graded, feedback.submitted.
#pragma once
#include <nlohmann/json.hpp>

#include "app/page.h"
#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

struct QuestionFilter {
  std::optional<std::string> q;
  std::optional<std::string> kind;
  std::optional<Id> course_id;
};

class AssessmentService {
 public:
  AssessmentService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Page<Question>> list_questions(const Principal& p, const QuestionFilter& f, PageRequest page);
  Result<Question> get_question(const Principal& p, Id id);
  Result<Question> create_question(const Principal& p, const nlohmann::json& body);
  Result<Question> update_question(const Principal& p, Id id, const nlohmann::json& body);
  Status delete_question(const Principal& p, Id id);

  // Exam answers (JSON shapes of docs/api-training.md).
  Result<nlohmann::json> put_exam(const Principal& p, Id training, const nlohmann::json& body);
  Result<nlohmann::json> get_exam(const Principal& p, Id training);
  // Returns the attempt JSON and whether it was newly created (201) or the open one (200).
  Result<std::pair<nlohmann::json, bool>> start_attempt(const Principal& p, Id training);
  Result<nlohmann::json> save_answers(const Principal& p, Id attempt, const nlohmann::json& answers);
  Result<nlohmann::json> submit_attempt(const Principal& p, Id attempt);
  Result<nlohmann::json> get_attempt(const Principal& p, Id attempt);
  Result<nlohmann::json> list_attempts(const Principal& p, Id training);
  Result<nlohmann::json> grade_attempt(const Principal& p, Id attempt, const nlohmann::json& scores);

  Status submit_feedback(const Principal& p, Id training, const nlohmann::json& body);
  Result<nlohmann::json> feedback_summary(const Principal& p, Id training);
  Result<nlohmann::json> instructor_summary(const Principal& p, Id instructor);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace luodi
