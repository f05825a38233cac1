// The training loop: courses, trainings, enrolments, check-in, hours,
// files, reflections, review, events.
#include <algorithm>
#include <ctime>
#include <shared_mutex>

#include "app/training_json.h"
#include "app/model_json.h"
#include "domain/training_rules.h"
#include "http/handler_util.h"
#include "http/multipart.h"
#include "reports/qr_png.h"

namespace luodi::http {

using Json = nlohmann::json;

namespace {

std::string origin_of(const Ctx& c) {
  std::string host = c.req.host.empty() ? "127.0.0.1:8080" : c.req.host;
  for (char ch : host)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != ':' && ch != '-' && ch != '[' && ch != ']')
      return "http://127.0.0.1:8080";
  return "http://" + host;
}

Result<std::vector<Id>> id_list(const Json& body, const char* field) {
  std::vector<Id> out;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return Error::validation(field, "应为ID数组", std::string(field) + " must be an array of ids");
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<Id>() <= 0)
      return Error::validation(field, "应为ID数组", std::string(field) + " must be an array of ids");
    out.push_back(v.get<Id>());
  }
  return out;
}

Json employee_summary(const Employee& e) {
  return Json{{"id", e.id}, {"employee_no", e.employee_no}, {"name", e.name}, {"department_name", e.department_name}};
}

// Renders GET /me/trainings. The parts of an item that are the same for every
// participant (title, sessions, assignment...) are rendered once per training
// version and cached; only attendance, status and score are written per call.
class MyTrainingsView {
 public:
  std::string render(const std::vector<MyTraining>& list) {
    std::string out = "{\"items\":[";
    bool first = true;
    for (const auto& m : list) {
      if (!first) out += ',';
      first = false;
      append(out, m);
    }
    out += "],\"next_cursor\":null}";
    return out;
  }

 private:
  struct Fragment {
    TrainingVersion version;
    std::string head;                                   // up to and including "sessions":[
    std::vector<std::pair<Id, std::string>> sessions;   // each up to "attended":
    std::vector<double> session_hours;
  };

  std::shared_ptr<const Fragment> fragment(const Training& t, const std::optional<UnixSeconds>& due) {
    const TrainingVersion v{t.id, t.updated_at, t.course_updated_at};
    {
      std::shared_lock lock(mu_);
      auto it = cache_.find(t.id);
      if (it != cache_.end() && it->second->version == v) return it->second;
    }
    auto f = std::make_shared<Fragment>();
    f->version = v;
    Json assignment = nullptr;
    if (t.assignment) {
      const AssignmentSpec& a = *t.assignment;
      Json rubric = Json::array();
      for (const auto& r : a.rubric) rubric.push_back(Json{{"name", r.name}, {"max_score", r.max_score}});
      assignment = Json{{"min_chars", a.min_chars},
                        {"due_at", due ? Json(format_rfc3339(*due)) : Json(nullptr)},
                        {"attachments_allowed", a.attachments_allowed},
                        {"max_attachments", a.max_attachments},
                        {"rubric", rubric}};
    }
    Json head{{"training_id", t.id},
              {"title", t.title},
              {"course_title", t.course_title},
              {"category", t.category},
              {"required", t.required},
              {"status_training", t.status},
              {"assignment", assignment},
              {"due_at", due ? Json(format_rfc3339(*due)) : Json(nullptr)},
              {"total_hours", total_hours(t)}};
    std::string h = head.dump(-1, ' ', false, Json::error_handler_t::replace);
    h.pop_back();  // reopen the object
    f->head = h + ",\"sessions\":[";
    for (const auto& s : t.sessions) {
      std::string js = to_json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
      js.pop_back();
      f->sessions.emplace_back(s.id, js + ",\"attended\":");
      f->session_hours.push_back(s.credit_hours);
    }
    std::unique_lock lock(mu_);
    if (cache_.size() > 50000) cache_.clear();
    cache_[t.id] = f;
    return f;
  }

  void append(std::string& out, const MyTraining& m) {
    auto f = fragment(*m.training, m.due_at);
    out += f->head;
    int attended = 0;
    double hours = 0;
    for (size_t i = 0; i < f->sessions.size(); ++i) {
      bool present = false;
      for (const auto& a : m.attendance)
        if (a.session_id == f->sessions[i].first && a.present) {
          present = true;
          hours += a.hours;
        }
      attended += present;
      if (i) out += ',';
      out += f->sessions[i].second;
      out += present ? "true}" : "false}";
    }
    const Submission* s = m.submission ? &*m.submission : nullptr;
    out += "],\"attendance\":{\"attended\":";
    out += std::to_string(attended);
    out += ",\"total\":";
    out += std::to_string(f->sessions.size());
    out += "},\"status\":\"";
    out += m.status;  // a fixed vocabulary, no escaping needed
    out += "\",\"submission_id\":";
    out += s ? std::to_string(s->id) : "null";
    out += ",\"score\":";
    out += s && s->score ? Json(*s->score).dump() : "null";
    out += ",\"excellent\":";
    out += s && s->excellent ? "true" : "false";
    out += ",\"comment\":";
    out += s && s->comment ? Json(*s->comment).dump(-1, ' ', false, Json::error_handler_t::replace) : "null";
    out += ",\"hours\":";
    out += Json(hours).dump();
    out += '}';
  }

  std::shared_mutex mu_;
  std::unordered_map<Id, std::shared_ptr<const Fragment>> cache_;  // guarded by mu_
};

Response binary(std::string content_type, std::string body, bool cache) {
  Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", cache ? "private, max-age=86400" : "no-store");
  return r;
}

}  // namespace

void register_training_routes(Api& api) {
  const Services& s = api.services();
  TrainingService& tr = *s.training;

  // ------------------------------------------------------------ courses
  api.add("GET", "/api/v1/courses", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            CourseFilter f{query_str(c, "q"), query_str(c, "category")};
            if (f.category && *f.category != "public" && *f.category != "professional" && *f.category != "general")
              return error_response(invalid_parameter("category", "类别应为 public、professional 或 general",
                                                      "category must be public, professional or general"),
                                    c.lang);
            LUODI_TRY(result, tr.list_courses(c.me(), f, page));
            return json_response(200, page_json(result));
          }});
  api.add("POST", "/api/v1/courses", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(course, tr.create_course(c.me(), body));
            return json_response(201, to_json(course));
          }});
  api.add("GET", "/api/v1/courses/{id}", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(course, tr.get_course(c.me(), id));
            return json_response(200, to_json(course));
          }});
  api.add("PATCH", "/api/v1/courses/{id}", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(course, tr.update_course(c.me(), id, body));
            return json_response(200, to_json(course));
          }});
  api.add("DELETE", "/api/v1/courses/{id}", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY_STATUS(tr.delete_course(c.me(), id));
            return no_content();
          }});

  // ------------------------------------------------------------ trainings
  api.add("GET", "/api/v1/trainings", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            TrainingFilter f;
            f.status = query_str(c, "status");
            if (f.status && *f.status != "draft" && *f.status != "published")
              return error_response(invalid_parameter("status", "状态应为 draft 或 published", "status must be draft or published"), c.lang);
            f.q = query_str(c, "q");
            LUODI_TRY(course, query_id(c, "course_id"));
            f.course_id = course;
            LUODI_TRY(result, tr.list_trainings(c.me(), f, page));
            return json_response(200, page_json(result));
          }});
  api.add("POST", "/api/v1/trainings", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(t, tr.create_training(c.me(), body));
            return json_response(201, to_json(t));
          }});
  api.add("GET", "/api/v1/trainings/{id}", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(t, tr.get_training(c.me(), id));
            return json_response(200, to_json(t));
          }});
  api.add("PATCH", "/api/v1/trainings/{id}", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(t, tr.update_training(c.me(), id, body));
            return json_response(200, to_json(t));
          }});
  api.add("POST", "/api/v1/trainings/{id}/publish", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(result, tr.publish(c.me(), id));
            return json_response(200, Json{{"training", to_json(result.first)}, {"enrolled", result.second}});
          }});
  api.add("GET", "/api/v1/trainings/{id}/enrollments", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(missing, query_bool(c, "missing"));
            LUODI_TRY(rows, tr.enrollments(c.me(), id, missing));
            Json items = Json::array();
            for (const auto& r : rows) {
              Json j = to_json(r.enrollment);
              j["attended_sessions"] = r.attended_sessions;
              j["submission_status"] = r.submission_status;
              items.push_back(std::move(j));
            }
            return json_response(200, Json{{"items", items}, {"next_cursor", nullptr}});
          }});
  api.add("GET", "/api/v1/trainings/{id}/audience-diff", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(diff, tr.audience_diff(c.me(), id));
            Json add = Json::array(), remove = Json::array();
            for (const auto& e : diff.first) add.push_back(employee_summary(e));
            for (const auto& e : diff.second) remove.push_back(employee_summary(e));
            return json_response(200, Json{{"add", add}, {"remove", remove}});
          }});
  api.add("POST", "/api/v1/trainings/{id}/enrollments", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(add, id_list(body, "add"));
            LUODI_TRY(remove, id_list(body, "remove"));
            LUODI_TRY(counts, tr.change_enrollments(c.me(), id, add, remove));
            return json_response(200, Json{{"added", counts.first}, {"removed", counts.second}});
          }});
  api.add("POST", "/api/v1/trainings/{id}/enroll", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(row, tr.self_enroll(c.me(), id));
            Json j = to_json(row.enrollment);
            j["attended_sessions"] = row.attended_sessions;
            j["submission_status"] = row.submission_status;
            return json_response(200, j);
          }});

  // ------------------------------------------------------------ check-in
  api.add("GET", "/api/v1/sessions/{id}/qr", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(tok, tr.checkin_token(c.me(), id, origin_of(c)));
            return json_response(200, Json{{"token", tok.token},
                                           {"url", tok.url},
                                           {"expires_at", format_rfc3339(tok.expires_at)},
                                           {"rotates_every", tok.rotates_every},
                                           {"training_id", tok.training_id},
                                           {"training_title", tok.training_title},
                                           {"start_at", format_rfc3339(tok.session.start_at)},
                                           {"end_at", format_rfc3339(tok.session.end_at)},
                                           {"place", tok.session.place}});
          }});
  api.add("GET", "/api/v1/sessions/{id}/qr.png", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(tok, tr.checkin_token(c.me(), id, origin_of(c)));
            std::string png = qr_png(tok.url, 10);
            if (png.empty()) return error_response(Error::internal("QR rendering failed"), c.lang);
            return binary("image/png", std::move(png), false);
          }});
  api.add("POST", "/api/v1/sessions/{id}/checkin", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            auto t = body.find("token");
            std::string token;  // empty = missing: judged by the use case after access
            if (t != body.end() && !t->is_null()) {
              if (!t->is_string()) return error_response(Error::validation("token", "签到码应为文本", "token must be a string"), c.lang);
              token = t->get<std::string>();
            }
            LUODI_TRY(a, tr.checkin(c.me(), id, token));
            return json_response(200, to_json(a));
          }});
  api.add("GET", "/api/v1/sessions/{id}/attendance", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(list, tr.session_attendance(c.me(), id));
            return json_response(200, list);
          }});
  api.add("PUT", "/api/v1/sessions/{id}/attendance/{employee_id}", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(emp, path_id(c, "employee_id"));
            LUODI_TRY(body, parse_json_body(c));
            std::optional<bool> present;
            if (body.contains("present") && body["present"].is_boolean()) present = body["present"].get<bool>();
            std::string reason = body.contains("reason") && body["reason"].is_string() ? body["reason"].get<std::string>() : "";
            LUODI_TRY(a, tr.set_attendance(c.me(), id, emp, present, reason));
            // Answer with the same record the attendance list shows.
            LUODI_TRY(list, tr.session_attendance(c.me(), id));
            for (const auto& item : list["items"])
              if (item["employee_id"] == emp) {
                Json out = item;
                out["session_id"] = id;
                out["hours"] = a.hours;
                return json_response(200, out);
              }
            return json_response(200, to_json(a));
          }});

  // ------------------------------------------------------------ hours
  const Clock& clock = *s.clock;
  auto hours_handler = [&tr, &clock](Ctx& c, std::optional<Id> employee) {
    int year = 0;
    if (auto y = query_str(c, "year")) {
      try {
        year = std::stoi(*y);
      } catch (...) {
        year = -1;
      }
      if (year < 1970 || year > 2200)
        return error_response(invalid_parameter("year", "年份无效", "year must be a year like 2026"), c.lang);
    } else {
      year = std::stoi(local_date(clock.now()).substr(0, 4));
    }
    LUODI_TRY(h, tr.hours(c.me(), employee, year));
    Json entries = Json::array();
    for (const auto& e : h.entries) entries.push_back(to_json(e));
    return json_response(200, Json{{"year", h.year},
                                   {"total", h.total},
                                   {"by_category", {{"public", h.by_public}, {"professional", h.by_professional}, {"general", h.by_general}}},
                                   {"entries", entries}});
  };
  api.add("GET", "/api/v1/me/hours", {true, Body::kNone, [hours_handler](Ctx& c) { return hours_handler(c, std::nullopt); }});
  api.add("GET", "/api/v1/employees/{id}/hours", {true, Body::kNone, [hours_handler](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            return hours_handler(c, id);
          }});

  // ------------------------------------------------------------ files
  FileService& files = *s.files;
  api.add("POST", "/api/v1/files", {true, Body::kUpload, [&files](Ctx& c) {
            auto boundary = multipart_boundary(c.req.content_type);
            if (!boundary)
              return error_response(Error::make(ErrorCode::kUnsupportedMediaType, "请以 multipart/form-data 上传文件（字段名 file）",
                                                "Upload with multipart/form-data, field \"file\""),
                                    c.lang);
            auto parts = parse_multipart(c.req.body, *boundary);
            if (!parts) return error_response(Error::make(ErrorCode::kInvalidParameter, "上传内容格式错误", "Malformed multipart body"), c.lang);
            const FormPart* file = nullptr;
            for (const auto& p : *parts)
              if (p.name == "file") file = &p;
            if (!file) return error_response(Error::validation("file", "缺少文件字段 file", "the form field \"file\" is missing"), c.lang);
            LUODI_TRY(f, files.upload(c.me(), file->filename, file->body));
            const std::string url = "/api/v1/files/" + std::to_string(f.id);
            return json_response(201, Json{{"id", f.id},
                                           {"name", f.name},
                                           {"content_type", f.content_type},
                                           {"size", f.size},
                                           {"url", url},
                                           {"thumbnail_url", f.thumbnail_sha256 ? Json(url + "/thumbnail") : Json(nullptr)}});
          }});
  api.add("GET", "/api/v1/files/{id}", {true, Body::kNone, [&files](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(f, files.read(c.me(), id, false));
            return binary(f.content_type, std::move(f.bytes), true);
          }});
  api.add("GET", "/api/v1/files/{id}/thumbnail", {true, Body::kNone, [&files](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(f, files.read(c.me(), id, true));
            return binary(f.content_type, std::move(f.bytes), true);
          }});

  // ------------------------------------------------------------ reflections
  auto view = std::make_shared<MyTrainingsView>();
  api.add("GET", "/api/v1/me/trainings", {true, Body::kNone, [&tr, view](Ctx& c) {
            LUODI_TRY(list, tr.my_trainings(c.me()));
            Response r;
            r.body = view->render(list);
            return r;
          }});
  api.add("GET", "/api/v1/trainings/{id}/submission", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(sub, tr.my_submission(c.me(), id));
            return json_response(200, tr.render_submission(sub));
          }});
  api.add("PUT", "/api/v1/trainings/{id}/submission", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            SubmissionInput in;
            FieldErrors errs;
            if (auto it = body.find("text"); it != body.end() && !it->is_null()) {
              if (!it->is_string()) errs.add("text", "应为文本", "text must be a string");
              else in.text = it->get<std::string>();
            }
            auto att = id_list(body, "attachments");
            if (!att) errs.add("attachments", "应为文件ID数组", "attachments must be an array of file ids");
            else in.attachments = att.value();
            if (auto it = body.find("submit"); it != body.end() && !it->is_null()) {
              if (!it->is_boolean()) errs.add("submit", "应为 true 或 false", "submit must be true or false");
              else in.submit = it->get<bool>();
            }
            if (!errs.empty()) return error_response(std::move(errs).to_error(), c.lang);
            if (c.req.idempotency_key.size() > 200)
              return error_response(invalid_parameter("Idempotency-Key", "过长", "Idempotency-Key is too long"), c.lang);
            LUODI_TRY(sub, tr.put_submission(c.me(), id, in, c.req.idempotency_key));
            return json_response(200, tr.render_submission(sub));
          }});

  // ------------------------------------------------------------ review
  api.add("GET", "/api/v1/reviews/queue", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(page, page_request(c, 500));
            LUODI_TRY(training, query_id(c, "training_id"));
            if (!training)
              return error_response(invalid_parameter("training_id", "请指定培训", "training_id is required"), c.lang);
            LUODI_TRY(result, tr.review_queue(c.me(), *training, page));
            Json items = Json::array();
            std::vector<const Submission*> subs;
            for (const auto& row : result.items) subs.push_back(&row.submission);
            std::vector<Json> rendered = tr.render_submissions(subs);
            for (size_t i = 0; i < result.items.size(); ++i) {
              const SubmissionRow& row = result.items[i];
              const Json& sub = rendered[i];
              items.push_back(Json{{"submission_id", row.submission.id},
                                   {"training_id", row.submission.training_id},
                                   {"employee", {{"id", row.submission.employee_id}, {"name", row.employee_name},
                                                 {"employee_no", row.employee_no}, {"department_name", row.department_name}}},
                                   {"text", row.submission.text},
                                   {"attachments", sub["attachments"]},
                                   {"submitted_at", sub["submitted_at"]},
                                   {"late", row.submission.late},
                                   {"status", row.submission.status},
                                   {"version", row.submission.version}});
            }
            return json_response(200, Json{{"items", items},
                                           {"next_cursor", result.next_cursor ? Json(*result.next_cursor) : Json(nullptr)}});
          }});
  api.add("POST", "/api/v1/submissions/{id}/review", {true, Body::kJson, [&tr](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            ReviewInput in;
            FieldErrors errs;
            if (auto it = body.find("score"); it != body.end() && !it->is_null()) {
              if (!it->is_number()) errs.add("score", "分数应为数字", "score must be a number");
              else in.score = it->get<double>();
            }
            if (auto it = body.find("rubric_scores"); it != body.end() && !it->is_null()) in.rubric_scores = *it;
            for (auto [name, target] : {std::pair{"excellent", &in.excellent}, std::pair{"return_for_revision", &in.return_for_revision}})
              if (auto it = body.find(name); it != body.end() && !it->is_null()) {
                if (!it->is_boolean()) errs.add(name, "应为 true 或 false", std::string(name) + " must be true or false");
                else *target = it->get<bool>();
              }
            if (auto it = body.find("comment"); it != body.end() && !it->is_null()) {
              if (!it->is_string()) errs.add("comment", "评语应为文本", "comment must be a string");
              else in.comment = it->get<std::string>();
            }
            if (!errs.empty()) return error_response(std::move(errs).to_error(), c.lang);
            LUODI_TRY(sub, tr.review(c.me(), id, in));
            return json_response(200, tr.render_submission(sub));
          }});

  // ------------------------------------------------------------ events
  api.add("GET", "/api/v1/events", {true, Body::kNone, [&tr](Ctx& c) {
            LUODI_TRY(page, page_request(c, 1000));
            LUODI_TRY(after, query_id(c, "after"));
            Id from = after ? *after : page.after_id;
            static const std::vector<std::string> kKinds = {
                "attendance.recorded", "submission.submitted", "submission.reviewed", "submission.liked", "exam.graded",
                "feedback.submitted",  "training.published",   "training.updated",    "enrollment.changed", "employee.changed"};
            if (auto k = query_str(c, "kind"); k && std::find(kKinds.begin(), kKinds.end(), *k) == kKinds.end())
              return error_response(invalid_parameter("kind", "未知的事件类型", "unknown event kind"), c.lang);
            LUODI_TRY(result, tr.events(c.me(), from, query_str(c, "kind"), page.limit));
            return json_response(200, page_json(result));
          }});
}

}  // namespace luodi::http
