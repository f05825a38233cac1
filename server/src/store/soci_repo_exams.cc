// SQL of exams and the feedback survey.
#include <algorithm>

#include "app/training_json.h"
#include "domain/exam_rules.h"
#include "store/soci_repo.h"
#include "store/sql.h"
#include "store/sql_params.h"

namespace luodi {

using Json = nlohmann::json;
using sql::p;
using sql::Param;
using sql::Row;
using namespace sql;

namespace {
Json parse(const std::string& s) { return parse_json(s); }
std::optional<UnixSeconds> opt_t(const Row& r, size_t i) { return opt_time(r, i); }

const char* kQuestionCols = "id, tenant_id, kind, stem, options_json, answer_json, points, tags_json, course_id, created_at, updated_at";
Question question_of(const Row& r) {
  Question q;
  q.id = r.i64(0);
  q.tenant_id = r.i64(1);
  q.kind = r.str(2);
  q.stem = r.str(3);
  Json opts = parse(r.str(4));
  if (opts.is_array())
    for (const auto& o : opts) q.options.push_back(QuestionOption{o.value("key", ""), o.value("text", "")});
  q.answer = parse(r.str(5));
  q.points = r.f64(6);
  Json tags = parse(r.str(7));
  if (tags.is_array())
    for (const auto& t : tags)
      if (t.is_string()) q.tags.push_back(t.get<std::string>());
  if (!r.null(8)) q.course_id = r.i64(8);
  q.created_at = r.i64(9);
  q.updated_at = r.i64(10);
  return q;
}
std::vector<Param> question_params(const Question& q) {
  Json opts = Json::array();
  for (const auto& o : q.options) opts.push_back(Json{{"key", o.key}, {"text", o.text}});
  return {pid("t", q.tenant_id), p("kind", q.kind),        p("stem", q.stem),
          p("opts", opts.dump()), p("ans", q.answer.dump()), p("pts", q.points),
          p("tags", Json(q.tags).dump()), pid("course", q.course_id), p("c", static_cast<long long>(q.created_at)),
          p("u", static_cast<long long>(q.updated_at))};
}

const char* kExamCols =
    "id, tenant_id, training_id, title, time_limit_minutes, attempts_allowed, pass_score, question_ids_json, opens_at, closes_at, "
    "created_at, updated_at";
Exam exam_of(const Row& r) {
  Exam e;
  e.id = r.i64(0);
  e.tenant_id = r.i64(1);
  e.training_id = r.i64(2);
  e.title = r.str(3);
  e.time_limit_minutes = static_cast<int>(r.i64(4));
  e.attempts_allowed = static_cast<int>(r.i64(5));
  e.pass_score = r.f64(6);
  e.question_ids = ids_from_json(parse(r.str(7)));
  e.opens_at = opt_t(r, 8);
  e.closes_at = opt_t(r, 9);
  e.created_at = r.i64(10);
  e.updated_at = r.i64(11);
  return e;
}

const char* kAttemptCols =
    "id, tenant_id, exam_id, employee_id, started_at, deadline, status, questions_json, answers_json, awarded_json, submitted_at, "
    "score, objective_score, passed, graded_at";
ExamAttempt attempt_of(const Row& r) {
  ExamAttempt a;
  a.id = r.i64(0);
  a.tenant_id = r.i64(1);
  a.exam_id = r.i64(2);
  a.employee_id = r.i64(3);
  a.started_at = r.i64(4);
  a.deadline = r.i64(5);
  a.status = r.str(6);
  Json qs = parse(r.str(7));
  if (qs.is_array())
    for (const auto& q : qs) a.questions.push_back(question_from_json(q));
  a.answers = parse(r.str(8));
  if (!a.answers.is_object()) a.answers = Json::object();
  a.awarded = parse(r.str(9));
  if (!a.awarded.is_object()) a.awarded = Json::object();
  a.submitted_at = opt_t(r, 10);
  if (!r.null(11)) a.score = r.f64(11);
  if (!r.null(12)) a.objective_score = r.f64(12);
  a.passed = r.i64(13) != 0;
  a.graded_at = opt_t(r, 14);
  return a;
}
std::vector<Param> attempt_params(const ExamAttempt& a) {
  Json qs = Json::array();
  for (const auto& q : a.questions) qs.push_back(question_json(q, true));
  return {pid("t", a.tenant_id),      pid("exam", a.exam_id),         pid("emp", a.employee_id),
          p("start", static_cast<long long>(a.started_at)), p("dl", static_cast<long long>(a.deadline)),
          p("status", a.status),      p("qs", qs.dump()),             p("ans", a.answers.dump()),
          p("awd", a.awarded.dump()), pt("sub", a.submitted_at),      pd("score", a.score),
          pd("obj", a.objective_score), p("passed", a.passed ? 1 : 0), pt("graded", a.graded_at)};
}
}  // namespace

std::vector<Question> SociRepo::questions(Id tenant, const std::optional<std::string>& q, const std::optional<std::string>& kind,
                                          std::optional<Id> course, Id after_id, int limit) {
  std::string text = std::string("SELECT ") + kQuestionCols + " FROM questions WHERE tenant_id = :t AND id > :after";
  std::vector<Param> params{pid("t", tenant), pid("after", after_id)};
  if (q) {
    text += " AND stem LIKE :q ESCAPE '!'";
    params.push_back(p("q", like_pattern(*q)));
  }
  if (kind) {
    text += " AND kind = :kind";
    params.push_back(p("kind", *kind));
  }
  if (course) {
    text += " AND course_id = :course";
    params.push_back(pid("course", *course));
  }
  text += " ORDER BY id LIMIT :lim";
  params.push_back(p("lim", limit));
  std::vector<Question> out;
  for (const auto& r : s_.query(text, params)) out.push_back(question_of(r));
  return out;
}

std::optional<Question> SociRepo::question(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kQuestionCols + " FROM questions WHERE tenant_id = :t AND id = :id",
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return question_of(rows[0]);
}

Id SociRepo::insert_question(const Question& q) {
  return s_.query_i64("INSERT INTO questions (tenant_id, kind, stem, options_json, answer_json, points, tags_json, course_id, "
                      "created_at, updated_at) VALUES (:t, :kind, :stem, :opts, :ans, :pts, :tags, :course, :c, :u) RETURNING id",
                      question_params(q));
}

void SociRepo::update_question(const Question& q) {
  auto params = question_params(q);
  params.push_back(pid("id", q.id));
  s_.exec("UPDATE questions SET kind = :kind, stem = :stem, options_json = :opts, answer_json = :ans, points = :pts, "
          "tags_json = :tags, course_id = :course, created_at = :c, updated_at = :u WHERE tenant_id = :t AND id = :id",
          params);
}

void SociRepo::delete_question(Id tenant, Id id) {
  s_.exec("DELETE FROM questions WHERE tenant_id = :t AND id = :id", {pid("t", tenant), pid("id", id)});
}

bool SociRepo::question_in_use(Id tenant, Id id) {
  return !s_.query("SELECT 1 FROM exam_questions WHERE tenant_id = :t AND question_id = :q LIMIT 1", {pid("t", tenant), pid("q", id)})
              .empty();
}

std::optional<Exam> SociRepo::exam_of_training(Id tenant, Id training) {
  auto rows = s_.query(std::string("SELECT ") + kExamCols + " FROM exams WHERE tenant_id = :t AND training_id = :tr",
                       {pid("t", tenant), pid("tr", training)});
  if (rows.empty()) return std::nullopt;
  return exam_of(rows[0]);
}

std::optional<Exam> SociRepo::exam(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kExamCols + " FROM exams WHERE tenant_id = :t AND id = :id", {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return exam_of(rows[0]);
}

Id SociRepo::upsert_exam(const Exam& e) {
  std::vector<Param> params{pid("t", e.tenant_id),
                            pid("tr", e.training_id),
                            p("title", e.title),
                            p("limit", e.time_limit_minutes),
                            p("att", e.attempts_allowed),
                            p("pass", e.pass_score),
                            p("qids", ids_json(e.question_ids).dump()),
                            pt("opens", e.opens_at),
                            pt("closes", e.closes_at),
                            p("c", static_cast<long long>(e.created_at)),
                            p("u", static_cast<long long>(e.updated_at))};
  Id id;
  if (auto cur = exam_of_training(e.tenant_id, e.training_id)) {
    id = cur->id;
    params.erase(std::remove_if(params.begin(), params.end(), [](const Param& x) { return x.name == "c"; }), params.end());
    params.push_back(pid("id", id));
    s_.exec("UPDATE exams SET title = :title, time_limit_minutes = :limit, attempts_allowed = :att, pass_score = :pass, "
            "question_ids_json = :qids, opens_at = :opens, closes_at = :closes, updated_at = :u "
            "WHERE tenant_id = :t AND id = :id AND training_id = :tr",
            params);
  } else {
    id = s_.query_i64("INSERT INTO exams (tenant_id, training_id, title, time_limit_minutes, attempts_allowed, pass_score, "
                      "question_ids_json, opens_at, closes_at, created_at, updated_at) VALUES (:t, :tr, :title, :limit, :att, "
                      ":pass, :qids, :opens, :closes, :c, :u) RETURNING id",
                      params);
  }
  s_.exec("DELETE FROM exam_questions WHERE tenant_id = :t AND exam_id = :e", {pid("t", e.tenant_id), pid("e", id)});
  for (Id q : e.question_ids)
    s_.exec("INSERT INTO exam_questions (tenant_id, exam_id, question_id) VALUES (:t, :e, :q) ON CONFLICT DO NOTHING",
            {pid("t", e.tenant_id), pid("e", id), pid("q", q)});
  return id;
}

std::vector<ExamAttempt> SociRepo::attempts(Id tenant, Id exam, std::optional<Id> employee) {
  std::string text = std::string("SELECT ") + kAttemptCols + " FROM exam_attempts WHERE tenant_id = :t AND exam_id = :e";
  std::vector<Param> params{pid("t", tenant), pid("e", exam)};
  if (employee) {
    text += " AND employee_id = :emp";
    params.push_back(pid("emp", *employee));
  }
  text += " ORDER BY id";
  std::vector<ExamAttempt> out;
  for (const auto& r : s_.query(text, params)) out.push_back(attempt_of(r));
  return out;
}

std::optional<ExamAttempt> SociRepo::attempt(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kAttemptCols + " FROM exam_attempts WHERE tenant_id = :t AND id = :id",
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return attempt_of(rows[0]);
}

Id SociRepo::insert_attempt(const ExamAttempt& a) {
  return s_.query_i64("INSERT INTO exam_attempts (tenant_id, exam_id, employee_id, started_at, deadline, status, questions_json, "
                      "answers_json, awarded_json, submitted_at, score, objective_score, passed, graded_at) VALUES (:t, :exam, "
                      ":emp, :start, :dl, :status, :qs, :ans, :awd, :sub, :score, :obj, :passed, :graded) RETURNING id",
                      attempt_params(a));
}

void SociRepo::update_attempt(const ExamAttempt& a) {
  auto params = attempt_params(a);
  params.push_back(pid("id", a.id));
  s_.exec("UPDATE exam_attempts SET exam_id = :exam, employee_id = :emp, started_at = :start, deadline = :dl, status = :status, "
          "questions_json = :qs, answers_json = :ans, awarded_json = :awd, submitted_at = :sub, score = :score, "
          "objective_score = :obj, passed = :passed, graded_at = :graded WHERE tenant_id = :t AND id = :id",
          params);
}

bool SociRepo::insert_feedback(const Feedback& f) {
  return s_.exec("INSERT INTO feedback (tenant_id, training_id, employee_id, instructor_rating, course_rating, comment, created_at) "
                 "VALUES (:t, :tr, :e, :ir, :cr, :c, :at) ON CONFLICT (tenant_id, training_id, employee_id) DO NOTHING",
                 {pid("t", f.tenant_id), pid("tr", f.training_id), pid("e", f.employee_id), p("ir", f.instructor_rating),
                  p("cr", f.course_rating), p("c", f.comment), p("at", static_cast<long long>(f.created_at))}) > 0;
}

std::vector<Feedback> SociRepo::feedback_of_trainings(Id tenant, const std::vector<Id>& trainings) {
  std::vector<Feedback> out;
  if (trainings.empty()) return out;
  std::vector<Param> params{pid("t", tenant)};
  const std::string list = in_list("x", trainings, params);
  for (const auto& r : s_.query("SELECT tenant_id, training_id, employee_id, instructor_rating, course_rating, comment, created_at "
                                "FROM feedback WHERE tenant_id = :t AND training_id IN (" + list + ") ORDER BY created_at",
                                params))
    out.push_back(Feedback{r.i64(0), r.i64(1), r.i64(2), static_cast<int>(r.i64(3)), static_cast<int>(r.i64(4)), r.str(5), r.i64(6)});
  return out;
}

}  // namespace luodi
