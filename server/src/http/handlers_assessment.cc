// Question bank, exams and attempts, feedback survey.
#include "domain/exam_rules.h"
#include "http/handler_util.h"

namespace luodi::http {

using Json = nlohmann::json;

namespace {
Json page_of_questions(const Page<Question>& page) {
  Json items = Json::array();
  for (const auto& q : page.items) {
    Json j = question_json(q, true);
    j["created_at"] = format_rfc3339(q.created_at);
    j["updated_at"] = format_rfc3339(q.updated_at);
    items.push_back(std::move(j));
  }
  return Json{{"items", items}, {"next_cursor", page.next_cursor ? Json(*page.next_cursor) : Json(nullptr)}};
}
Json question_out(const Question& q) {
  Json j = question_json(q, true);
  j["created_at"] = format_rfc3339(q.created_at);
  j["updated_at"] = format_rfc3339(q.updated_at);
  return j;
}
}  // namespace

void register_assessment_routes(Api& api) {
  AssessmentService& as = *api.services().assessment;

  api.add("GET", "/api/v1/questions", {true, Body::kNone, [&as](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            QuestionFilter f{query_str(c, "q"), query_str(c, "kind"), std::nullopt};
            if (f.kind && *f.kind != "single" && *f.kind != "multiple" && *f.kind != "true_false" && *f.kind != "fill_blank" &&
                *f.kind != "short_answer")
              return error_response(invalid_parameter("kind", "题型应为 single、multiple、true_false、fill_blank 或 short_answer",
                                                      "kind must be single, multiple, true_false, fill_blank or short_answer"),
                                    c.lang);
            LUODI_TRY(course, query_id(c, "course_id"));
            f.course_id = course;
            LUODI_TRY(result, as.list_questions(c.me(), f, page));
            return json_response(200, page_of_questions(result));
          }});
  api.add("POST", "/api/v1/questions", {true, Body::kJson, [&as](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(q, as.create_question(c.me(), body));
            return json_response(201, question_out(q));
          }});
  api.add("GET", "/api/v1/questions/{id}", {true, Body::kNone, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(q, as.get_question(c.me(), id));
            return json_response(200, question_out(q));
          }});
  api.add("PATCH", "/api/v1/questions/{id}", {true, Body::kJson, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(q, as.update_question(c.me(), id, body));
            return json_response(200, question_out(q));
          }});
  api.add("DELETE", "/api/v1/questions/{id}", {true, Body::kNone, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY_STATUS(as.delete_question(c.me(), id));
            return no_content();
          }});

  api.add("PUT", "/api/v1/trainings/{id}/exam", {true, Body::kJson, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(exam, as.put_exam(c.me(), id, body));
            return json_response(200, exam);
          }});
  api.add("GET", "/api/v1/trainings/{id}/exam", {true, Body::kNone, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(exam, as.get_exam(c.me(), id));
            return json_response(200, exam);
          }});
  api.add("POST", "/api/v1/trainings/{id}/exam/attempts", {true, Body::kJson, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(result, as.start_attempt(c.me(), id));
            return json_response(result.second ? 201 : 200, result.first);
          }});
  api.add("GET", "/api/v1/trainings/{id}/exam/attempts", {true, Body::kNone, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(list, as.list_attempts(c.me(), id));
            return json_response(200, list);
          }});
  api.add("PUT", "/api/v1/exam-attempts/{id}/answers", {true, Body::kJson, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(a, as.save_answers(c.me(), id, body.value("answers", Json())));
            return json_response(200, a);
          }});
  api.add("POST", "/api/v1/exam-attempts/{id}/submit", {true, Body::kJson, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(a, as.submit_attempt(c.me(), id));
            return json_response(200, a);
          }});
  api.add("GET", "/api/v1/exam-attempts/{id}", {true, Body::kNone, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(a, as.get_attempt(c.me(), id));
            return json_response(200, a);
          }});
  api.add("POST", "/api/v1/exam-attempts/{id}/grade", {true, Body::kJson, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(a, as.grade_attempt(c.me(), id, body.value("scores", Json())));
            return json_response(200, a);
          }});

  api.add("POST", "/api/v1/trainings/{id}/feedback", {true, Body::kJson, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY_STATUS(as.submit_feedback(c.me(), id, body));
            return json_response(201, Json{{"training_id", id}, {"status", "received"}});
          }});
  api.add("GET", "/api/v1/trainings/{id}/feedback/summary", {true, Body::kNone, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(s, as.feedback_summary(c.me(), id));
            return json_response(200, s);
          }});
  api.add("GET", "/api/v1/instructors/{id}/feedback-summary", {true, Body::kNone, [&as](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(s, as.instructor_summary(c.me(), id));
            return json_response(200, s);
          }});
}

}  // namespace luodi::http
