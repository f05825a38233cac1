#include "app/assessment_service.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "app/audit_service.h"
#include "app/training_access.h"
#include "app/training_json.h"
#include "core/encoding.h"
#include "core/unicode.h"
#include "domain/exam_rules.h"

namespace luodi {

using Json = nlohmann::json;

namespace {

bool may_author_questions(const Principal& p) { return p.is_admin() || p.has(Role::kInstructor); }

Json time_or_null(const std::optional<UnixSeconds>& t) { return t ? Json(format_rfc3339(*t)) : Json(nullptr); }

Json exam_json(const Exam& e, const std::vector<Question>& qs) {
  double total = 0;
  for (const auto& q : qs) total += q.points;
  return Json{{"id", e.id},
              {"training_id", e.training_id},
              {"title", e.title},
              {"time_limit_minutes", e.time_limit_minutes},
              {"attempts_allowed", e.attempts_allowed},
              {"pass_score", e.pass_score},
              {"question_ids", ids_json(e.question_ids)},
              {"question_count", qs.size()},
              {"total_points", total},
              {"opens_at", time_or_null(e.opens_at)},
              {"closes_at", time_or_null(e.closes_at)},
              {"updated_at", format_rfc3339(e.updated_at)}};
}

// An attempt as its owner or a grader sees it. Correct answers are shown to
// staff, and to the owner once the exam has closed.
Json attempt_json(const ExamAttempt& a, bool show_key, bool show_grading) {
  Json qs = Json::array();
  for (const auto& q : a.questions) {
    Json j = question_json(q, false);
    const std::string key = std::to_string(q.id);
    j["answer"] = a.answers.contains(key) ? a.answers[key] : Json(nullptr);
    if (show_grading) {
      j["points_awarded"] = a.awarded.contains(key) ? a.awarded[key] : Json(nullptr);
      if (q.kind == "short_answer") j["correct"] = nullptr;  // judged by points, not right/wrong
      else if (a.awarded.contains(key)) j["correct"] = a.awarded[key].get<double>() >= q.points;
    }
    if (show_key) j["correct_answer"] = q.answer;
    qs.push_back(std::move(j));
  }
  return Json{{"id", a.id},
              {"exam_id", a.exam_id},
              {"employee_id", a.employee_id},
              {"started_at", format_rfc3339(a.started_at)},
              {"deadline", format_rfc3339(a.deadline)},
              {"status", a.status},
              {"submitted_at", time_or_null(a.submitted_at)},
              {"score", show_grading && a.score ? Json(*a.score) : Json(nullptr)},
              {"objective_score", show_grading && a.objective_score ? Json(*a.objective_score) : Json(nullptr)},
              {"passed", show_grading && a.status == "graded" ? Json(a.passed) : Json(nullptr)},
              {"graded_at", time_or_null(a.graded_at)},
              {"questions", qs}};
}

// Finishes an attempt: objective grading now; fully graded if no short answers.
void finish(ExamAttempt& a, const Exam& e, const Training& t, Repo& repo, UnixSeconds now) {
  Grading g = grade_attempt(a.questions, a.answers);
  for (auto it = a.awarded.begin(); it != a.awarded.end(); ++it)
    if (!g.awarded.contains(it.key())) g.awarded[it.key()] = it.value();  // keep manual grades
  a.awarded = g.awarded;
  a.submitted_at = std::min(now, a.deadline);
  a.objective_score = percent(g.objective_points, g.total_points);
  bool all_graded = true;
  double points = 0;
  for (const auto& q : a.questions) {
    const std::string key = std::to_string(q.id);
    if (!a.awarded.contains(key)) all_graded = false;
    else points += a.awarded[key].get<double>();
  }
  a.score = percent(points, g.total_points);
  if (all_graded) {
    const bool changed = a.status != "graded" || !a.graded_at;
    a.status = "graded";
    a.graded_at = now;
    a.passed = *a.score >= e.pass_score;
    if (changed) repo.insert_event(OutboxEvent{0, a.tenant_id, "exam.graded",
                                  Json{{"attempt_id", a.id}, {"exam_id", e.id}, {"training_id", t.id},
                                       {"employee_id", a.employee_id}, {"score", *a.score}, {"passed", a.passed}}
                                      .dump(),
                                  now});
  } else {
    a.status = "submitted";
  }
}

}  // namespace

// ================================================================ questions

Result<Page<Question>> AssessmentService::list_questions(const Principal& p, const QuestionFilter& f, PageRequest page) {
  if (!may_author_questions(p)) return Error::forbidden();
  Page<Question> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    out.items = repo.questions(p.tenant_id, f.q, f.kind, f.course_id, page.after_id, page.limit + 1);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  finish_page(out, page.limit, [](const auto& x) { return x.id; });
  return out;
}

Result<Question> AssessmentService::get_question(const Principal& p, Id id) {
  if (!may_author_questions(p)) return Error::forbidden();
  std::optional<Question> q;
  Status st = db_.read([&](Repo& repo) -> Status {
    q = repo.question(p.tenant_id, id);
    return q ? ok_status() : Status(Error::not_found());
  });
  if (!st) return std::move(st).error();
  return *q;
}

Result<Question> AssessmentService::create_question(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!may_author_questions(p)) return Error::forbidden();
  Question q;
  FieldErrors errs;
  apply_question_json(body, true, q, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  q.tenant_id = p.tenant_id;
  q.created_at = q.updated_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    if (q.course_id && !repo.course(p.tenant_id, *q.course_id)) return Error::validation("course_id", "课程不存在", "course not found");
    q.id = repo.insert_question(q);
    record_audit(repo, p, q.created_at, "create", "question", q.id, std::nullopt, std::nullopt, question_json(q, true));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return q;
}

Result<Question> AssessmentService::update_question(const Principal& p, Id id, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!may_author_questions(p)) return Error::forbidden();
  Question q;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto cur = repo.question(p.tenant_id, id);
    if (!cur) return Error::not_found();
    q = *cur;
    FieldErrors errs;
    apply_question_json(body, false, q, errs);
    if (!errs.empty()) return std::move(errs).to_error();
    q.updated_at = clock_.now();
    repo.update_question(q);
    record_audit(repo, p, q.updated_at, "update", "question", id, std::nullopt, question_json(*cur, true), question_json(q, true));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return q;
}

Status AssessmentService::delete_question(const Principal& p, Id id) {
  if (!may_author_questions(p)) return Error::forbidden();
  return db_.write([&](Repo& repo) -> Status {
    auto cur = repo.question(p.tenant_id, id);
    if (!cur) return Error::not_found();
    if (repo.question_in_use(p.tenant_id, id))
      return Error::conflict("id", "该题目已被考试使用，不能删除", "The question is used by an exam");
    repo.delete_question(p.tenant_id, id);
    record_audit(repo, p, clock_.now(), "delete", "question", id, std::nullopt, question_json(*cur, true), std::nullopt);
    return ok_status();
  });
}

// ================================================================ exams

Result<Json> AssessmentService::put_exam(const Principal& p, Id training, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t) return Error::not_found();
    if (!p.is_admin()) return Error::forbidden();
    if (!is_hr_for(p, *t)) return Error::not_found();
    Exam e = repo.exam_of_training(p.tenant_id, training).value_or(Exam{});
    const bool creating = e.id == 0;
    FieldErrors errs;
    if (auto it = body.find("title"); it != body.end() && !it->is_null()) {
      if (!it->is_string() || utf8_length(it->get<std::string>()) > 200) errs.add("title", "标题最长200字", "title is too long");
      else if (check_text_chars("title", it->get_ref<const std::string&>(), TextKind::kSingleLine, errs)) e.title = trim(it->get<std::string>());
    }
    if (e.title.empty()) e.title = t->title + " 考试";
    auto int_field = [&](const char* name, int lo, int hi, int& target, bool required) {
      auto it = body.find(name);
      if (it == body.end() || it->is_null()) {
        if (required) errs.add(name, "必填", std::string(name) + " is required");
        return;
      }
      if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi)
        errs.add(name, "应为" + std::to_string(lo) + "到" + std::to_string(hi) + "之间的整数",
                 std::string(name) + " must be an integer between " + std::to_string(lo) + " and " + std::to_string(hi));
      else target = it->get<int>();
    };
    int_field("time_limit_minutes", 1, 600, e.time_limit_minutes, creating);
    int_field("attempts_allowed", 1, 10, e.attempts_allowed, false);
    if (auto it = body.find("pass_score"); it != body.end() && !it->is_null()) {
      if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 100) errs.add("pass_score", "及格分应在0到100之间", "pass_score must be 0-100");
      else e.pass_score = it->get<double>();
    }
    for (auto [name, target] : {std::pair{"opens_at", &e.opens_at}, std::pair{"closes_at", &e.closes_at}}) {
      auto it = body.find(name);
      if (it == body.end()) continue;
      if (it->is_null()) {
        target->reset();
        continue;
      }
      std::optional<UnixSeconds> v;
      if (it->is_string()) v = parse_rfc3339(it->get<std::string>());
      if (!v) errs.add(name, "时间格式应为RFC 3339", std::string(name) + " must be an RFC 3339 time");
      else *target = v;
    }
    if (e.opens_at && e.closes_at && *e.closes_at <= *e.opens_at) errs.add("closes_at", "结束时间应晚于开始时间", "closes_at must be after opens_at");
    std::vector<Question> qs;
    if (auto it = body.find("question_ids"); it != body.end()) {
      std::vector<Id> ids;
      bool ok = it->is_array() && !it->empty() && it->size() <= 200;
      if (ok)
        for (const auto& v : *it) {
          if (!v.is_number_integer() || v.get<Id>() <= 0) ok = false;
          else if (std::find(ids.begin(), ids.end(), v.get<Id>()) == ids.end()) ids.push_back(v.get<Id>());
        }
      if (!ok) errs.add("question_ids", "请选择1到200道题目", "question_ids must list 1 to 200 question ids");
      else e.question_ids = ids;
    } else if (creating) {
      errs.add("question_ids", "请选择题目", "question_ids is required");
    }
    for (Id q : e.question_ids) {
      auto question = repo.question(p.tenant_id, q);
      if (!question) {
        errs.add("question_ids", "题目不存在: " + std::to_string(q), "no such question: " + std::to_string(q));
        break;
      }
      qs.push_back(*question);
    }
    if (!errs.empty()) return std::move(errs).to_error();
    e.tenant_id = p.tenant_id;
    e.training_id = training;
    if (creating) e.created_at = now;
    e.updated_at = now;
    e.id = repo.upsert_exam(e);
    record_audit(repo, p, now, creating ? "create" : "update", "exam", e.id, t->branch_id, std::nullopt, exam_json(e, qs));
    out = exam_json(e, qs);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> AssessmentService::get_exam(const Principal& p, Id training) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t) return Error::not_found();
    const bool staff = is_hr_for(p, *t) || is_instructor(p, *t);
    const bool enrolled = p.employee_id && repo.enrollment(p.tenant_id, training, *p.employee_id);
    if (!staff && !enrolled) return Error::not_found();
    auto e = repo.exam_of_training(p.tenant_id, training);
    if (!e) return Error::not_found();
    std::vector<Question> qs;
    for (Id q : e->question_ids)
      if (auto question = repo.question(p.tenant_id, q)) qs.push_back(*question);
    out = exam_json(*e, qs);
    if (enrolled) {
      Json mine = Json::array();
      for (const auto& a : repo.attempts(p.tenant_id, e->id, *p.employee_id))
        mine.push_back(Json{{"id", a.id}, {"status", a.status}, {"started_at", format_rfc3339(a.started_at)},
                            {"deadline", format_rfc3339(a.deadline)},
                            {"score", a.score && a.status == "graded" ? Json(*a.score) : Json(nullptr)},
                            {"passed", a.status == "graded" ? Json(a.passed) : Json(nullptr)}});
      out["my_attempts"] = mine;
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<std::pair<Json, bool>> AssessmentService::start_attempt(const Principal& p, Id training) {
  Json out;
  bool created = false;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t) return Error::not_found();
    if (!p.employee_id || !repo.enrollment(p.tenant_id, training, *p.employee_id) || t->status != "published")
      return is_hr_for(p, *t) || is_instructor(p, *t)
                 ? Status(Error::named(ErrorCode::kForbidden, "not_enrolled", "您未报名该培训", "You are not enrolled in this training"))
                 : Status(Error::not_found());
    auto e = repo.exam_of_training(p.tenant_id, training);
    if (!e) return Error::not_found();
    repo.lock_enrollment(p.tenant_id, training, *p.employee_id);  // parallel starts make one attempt
    auto mine = repo.attempts(p.tenant_id, e->id, *p.employee_id);
    for (auto& a : mine)
      if (a.status == "in_progress") {
        if (now <= a.deadline) {
          out = attempt_json(a, false, false);
          return ok_status();
        }
        finish(a, *e, *t, repo, now);  // ran out of time: counts as submitted
        repo.update_attempt(a);
      }
    if ((e->opens_at && now < *e->opens_at) || (e->closes_at && now >= *e->closes_at))
      return Error::named(ErrorCode::kConflict, "exam_closed", "考试不在开放时间内", "The exam is not open now");
    if (static_cast<int>(mine.size()) >= e->attempts_allowed)
      return Error::named(ErrorCode::kConflict, "attempts_exhausted", "考试次数已用完", "No attempts left");
    ExamAttempt a;
    a.tenant_id = p.tenant_id;
    a.exam_id = e->id;
    a.employee_id = *p.employee_id;
    a.started_at = now;
    a.deadline = attempt_deadline(now, e->time_limit_minutes, e->closes_at);
    for (Id q : e->question_ids)
      if (auto question = repo.question(p.tenant_id, q)) a.questions.push_back(*question);
    a.id = repo.insert_attempt(a);
    record_audit(repo, p, now, "create", "exam_attempt", a.id, p.employee_branch_id, std::nullopt,
                 Json{{"exam_id", e->id}, {"training_id", training}, {"questions", a.questions.size()},
                      {"deadline", format_rfc3339(a.deadline)}});
    out = attempt_json(a, false, false);
    created = true;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return std::pair{out, created};
}

Result<Json> AssessmentService::save_answers(const Principal& p, Id attempt_id, const Json& answers) {
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto a = repo.attempt(p.tenant_id, attempt_id);
    if (!a || !p.employee_id || a->employee_id != *p.employee_id) return Error::not_found();
    if (!answers.is_object()) return Error::validation("answers", "答案应为对象 {题目ID: 答案}", "answers must be an object {question id: answer}");
    if (a->status != "in_progress")
      return Error::named(ErrorCode::kConflict, "attempt_finished", "本次考试已交卷", "This attempt has been submitted");
    if (now > a->deadline)
      return Error::named(ErrorCode::kConflict, "attempt_expired", "考试时间已到，已保存的答案将计入成绩", "Time is up; saved answers count");
    std::set<std::string> ids;
    for (const auto& q : a->questions) ids.insert(std::to_string(q.id));
    for (auto it = answers.begin(); it != answers.end(); ++it) {
      if (!ids.count(it.key())) return Error::validation("answers", "题目不在本次考试中: " + it.key(), "not a question of this exam: " + it.key());
      if (it.value().dump().size() > 20000) return Error::validation("answers", "答案过长", "answer too long");
      a->answers[it.key()] = it.value();
    }
    repo.update_attempt(*a);
    Json saved = Json::array();
    for (auto it = answers.begin(); it != answers.end(); ++it) saved.push_back(it.key());
    record_audit(repo, p, now, "update", "exam_attempt", a->id, p.employee_branch_id, std::nullopt,
                 Json{{"saved", std::move(saved)}, {"answered", a->answers.size()}});
    out = attempt_json(*a, false, false);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> AssessmentService::submit_attempt(const Principal& p, Id attempt_id) {
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto a = repo.attempt(p.tenant_id, attempt_id);
    if (!a || !p.employee_id || a->employee_id != *p.employee_id) return Error::not_found();
    auto e = repo.exam(p.tenant_id, a->exam_id);
    auto t = e ? repo.training(p.tenant_id, e->training_id) : std::nullopt;
    if (!e || !t) return Error::not_found();
    if (a->status == "in_progress") {
      finish(*a, *e, *t, repo, now);
      repo.update_attempt(*a);
      record_audit(repo, p, now, "submit", "exam_attempt", a->id, p.employee_branch_id, Json{{"status", "in_progress"}},
                   Json{{"status", a->status}, {"answered", a->answers.size()},
                        {"score", a->score ? Json(*a->score) : Json(nullptr)},
                        {"passed", a->status == "graded" ? Json(a->passed) : Json(nullptr)}});
    }
    const bool closed = e->closes_at && now >= *e->closes_at;
    out = attempt_json(*a, closed, true);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> AssessmentService::get_attempt(const Principal& p, Id attempt_id) {
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto a = repo.attempt(p.tenant_id, attempt_id);
    if (!a) return Error::not_found();
    auto e = repo.exam(p.tenant_id, a->exam_id);
    auto t = e ? repo.training(p.tenant_id, e->training_id) : std::nullopt;
    if (!e || !t) return Error::not_found();
    const bool owner = p.employee_id && a->employee_id == *p.employee_id;
    const bool staff = is_hr_for(p, *t) || is_instructor(p, *t);
    if (!owner && !staff) return Error::not_found();
    if (a->status == "in_progress" && now > a->deadline) {  // the server enforces the time limit
      finish(*a, *e, *t, repo, now);
      repo.update_attempt(*a);
    }
    const bool closed = e->closes_at && now >= *e->closes_at;
    out = attempt_json(*a, staff || closed, a->status != "in_progress");
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> AssessmentService::list_attempts(const Principal& p, Id training) {
  Json items = Json::array();
  Status st = db_.read([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t) return Error::not_found();
    if (auto a = allow_staff(p, *t); !a) return a;
    auto e = repo.exam_of_training(p.tenant_id, training);
    if (!e) return Error::not_found();
    for (const auto& a : repo.attempts(p.tenant_id, e->id, std::nullopt)) {
      auto emp = repo.employee(p.tenant_id, a.employee_id);
      items.push_back(Json{{"id", a.id},
                           {"employee_id", a.employee_id},
                           {"employee_no", emp ? emp->employee_no : ""},
                           {"name", emp ? emp->name : ""},
                           {"status", a.status},
                           {"started_at", format_rfc3339(a.started_at)},
                           {"submitted_at", time_or_null(a.submitted_at)},
                           {"score", a.score ? Json(*a.score) : Json(nullptr)},
                           {"passed", a.status == "graded" ? Json(a.passed) : Json(nullptr)}});
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}, {"next_cursor", nullptr}};
}

Result<Json> AssessmentService::grade_attempt(const Principal& p, Id attempt_id, const Json& scores) {
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto a = repo.attempt(p.tenant_id, attempt_id);
    if (!a) return Error::not_found();
    auto e = repo.exam(p.tenant_id, a->exam_id);
    auto t = e ? repo.training(p.tenant_id, e->training_id) : std::nullopt;
    if (!e || !t) return Error::not_found();
    if (auto ok = allow_staff(p, *t); !ok) return ok;
    if (!scores.is_object()) return Error::validation("scores", "评分应为对象 {题目ID: 得分}", "scores must be an object {question id: points}");
    if (a->status == "in_progress")
      return Error::named(ErrorCode::kConflict, "not_submitted", "考生尚未交卷", "The attempt has not been submitted");
    FieldErrors errs;
    for (auto it = scores.begin(); it != scores.end(); ++it) {
      const Question* q = nullptr;
      for (const auto& x : a->questions)
        if (std::to_string(x.id) == it.key()) q = &x;
      if (!q || q->kind != "short_answer") {
        errs.add("scores." + it.key(), "只能给简答题评分", "only short answers are graded by hand");
        continue;
      }
      if (!it.value().is_number() || it.value().get<double>() < 0 || it.value().get<double>() > q->points)
        errs.add("scores." + it.key(), "得分应在0到" + std::to_string(static_cast<int>(q->points)) + "之间",
                 "points must be between 0 and the question's points");
      else a->awarded[it.key()] = it.value().get<double>();
    }
    if (!errs.empty()) return std::move(errs).to_error();
    const bool was_graded = a->status == "graded";
    if (was_graded) a->status = "submitted";  // a re-grade announces the new score once more
    finish(*a, *e, *t, repo, a->submitted_at.value_or(now));
    repo.update_attempt(*a);
    record_audit(repo, p, now, "update", "exam_attempt", a->id, t->branch_id, std::nullopt,
                 Json{{"scores", scores}, {"score", a->score ? Json(*a->score) : Json(nullptr)}});
    out = attempt_json(*a, true, true);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

// ================================================================ feedback

Status AssessmentService::submit_feedback(const Principal& p, Id training, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  // Access first (another tenant's or an unseen training is 404 whatever the body), then content.
  Status access = db_.read([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t || t->status != "published") return Error::not_found();
    if (!p.employee_id || !repo.enrollment(p.tenant_id, training, *p.employee_id))
      return is_hr_for(p, *t) || is_instructor(p, *t)
                 ? Status(Error::named(ErrorCode::kForbidden, "not_enrolled", "您未报名该培训", "You are not enrolled in this training"))
                 : Status(Error::not_found());
    return ok_status();
  });
  if (!access) return access;
  FieldErrors errs;
  Feedback f;
  for (auto [name, target] : {std::pair{"instructor_rating", &f.instructor_rating}, std::pair{"course_rating", &f.course_rating}}) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_number_integer() || it->get<int>() < 1 || it->get<int>() > 5)
      errs.add(name, "评分应为1到5的整数", std::string(name) + " must be an integer from 1 to 5");
    else *target = it->get<int>();
  }
  if (auto it = body.find("comment"); it != body.end() && !it->is_null()) {
    if (!it->is_string() || utf8_length(it->get<std::string>()) > 2000) errs.add("comment", "意见最长2000字", "comment is too long (max 2000)");
    else if (check_text_chars("comment", it->get_ref<const std::string&>(), TextKind::kMultiLine, errs)) f.comment = trim(it->get<std::string>());
  }
  if (!errs.empty()) return std::move(errs).to_error();
  const UnixSeconds now = clock_.now();
  return db_.write([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t || t->status != "published") return Error::not_found();
    if (!p.employee_id || !repo.enrollment(p.tenant_id, training, *p.employee_id))
      return is_hr_for(p, *t) || is_instructor(p, *t)
                 ? Status(Error::named(ErrorCode::kForbidden, "not_enrolled", "您未报名该培训", "You are not enrolled in this training"))
                 : Status(Error::not_found());
    if (!t->feedback_enabled)
      return Error::named(ErrorCode::kConflict, "feedback_disabled", "该培训未开启评价", "Feedback is not enabled for this training");
    f.tenant_id = p.tenant_id;
    f.training_id = training;
    f.employee_id = *p.employee_id;
    f.created_at = now;
    if (!repo.insert_feedback(f))
      return Error::named(ErrorCode::kConflict, "feedback_exists", "您已评价过该培训", "You have already given feedback");
    record_audit(repo, p, now, "create", "feedback", training, p.employee_branch_id, std::nullopt,
                 Json{{"training_id", training}, {"instructor_rating", f.instructor_rating}, {"course_rating", f.course_rating},
                      {"comment_chars", utf8_length(f.comment)}});
    repo.insert_event(OutboxEvent{0, p.tenant_id, "feedback.submitted",
                                  Json{{"training_id", training}, {"employee_id", f.employee_id},
                                       {"instructor_rating", f.instructor_rating}, {"course_rating", f.course_rating}}
                                      .dump(),
                                  now});
    return ok_status();
  });
}

namespace {
double avg(double sum, int n) { return n ? std::round(sum / n * 100) / 100 : 0; }
}  // namespace

Result<Json> AssessmentService::feedback_summary(const Principal& p, Id training) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t) return Error::not_found();
    if (auto a = allow_staff(p, *t); !a) return a;
    auto list = repo.feedback_of_trainings(p.tenant_id, {training});
    double is = 0, cs = 0;
    Json comments = Json::array();
    for (const auto& f : list) {
      is += f.instructor_rating;
      cs += f.course_rating;
      if (!f.comment.empty()) comments.push_back(Json{{"comment", f.comment}, {"created_at", format_rfc3339(f.created_at)}});
    }
    const int n = static_cast<int>(list.size());
    out = Json{{"training_id", training}, {"count", n}, {"instructor_avg", avg(is, n)}, {"course_avg", avg(cs, n)}, {"comments", comments}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> AssessmentService::instructor_summary(const Principal& p, Id instructor) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    if (!repo.employee(p.tenant_id, instructor)) return Error::not_found();  // tenant first
    if (!p.is_admin() && !(p.employee_id && *p.employee_id == instructor)) return Error::forbidden();
    TrainingQuery q;
    q.tenant_id = p.tenant_id;
    q.instructor = instructor;
    q.limit = 100000;
    if (auto b = p.hr_branch(); b && !(p.employee_id && *p.employee_id == instructor)) {
      q.branch_id = b;
      q.include_tenant_wide = false;
    }
    auto trainings = repo.trainings(q);
    std::vector<Id> ids;
    for (const auto& t : trainings) ids.push_back(t.id);
    auto list = repo.feedback_of_trainings(p.tenant_id, ids);
    double total = 0;
    Json per = Json::array();
    for (const auto& t : trainings) {
      double s = 0;
      int n = 0;
      for (const auto& f : list)
        if (f.training_id == t.id) {
          s += f.instructor_rating;
          ++n;
        }
      if (n) per.push_back(Json{{"training_id", t.id}, {"title", t.title}, {"count", n}, {"instructor_avg", avg(s, n)}});
      total += s;
    }
    const int n = static_cast<int>(list.size());
    out = Json{{"instructor_id", instructor}, {"count", n}, {"instructor_avg", avg(total, n)}, {"trainings", per}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

}  // namespace luodi
