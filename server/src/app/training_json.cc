#include "app/training_json.h"

#include "domain/training_rules.h"

namespace luodi {

using Json = nlohmann::json;

Json ids_json(const std::vector<Id>& ids) {
  Json out = Json::array();
  for (Id id : ids) out.push_back(id);
  return out;
}

std::vector<Id> ids_from_json(const Json& j) {
  std::vector<Id> out;
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_number_integer()) out.push_back(v.get<Id>());
  return out;
}

Json materials_json(const std::vector<Material>& ms) {
  Json out = Json::array();
  for (const auto& m : ms)
    out.push_back(Json{{"title", m.title}, {"url", m.url ? Json(*m.url) : Json(nullptr)},
                       {"file_id", m.file_id ? Json(*m.file_id) : Json(nullptr)}});
  return out;
}

std::vector<Material> materials_from_json(const Json& j) {
  std::vector<Material> out;
  if (!j.is_array()) return out;
  for (const auto& m : j) {
    Material mat;
    mat.title = m.value("title", "");
    if (m.contains("url") && m["url"].is_string()) mat.url = m["url"].get<std::string>();
    if (m.contains("file_id") && m["file_id"].is_number_integer()) mat.file_id = m["file_id"].get<Id>();
    out.push_back(std::move(mat));
  }
  return out;
}

Json audience_json(const Audience& a) {
  Json depts = Json::array();
  for (const auto& d : a.departments) depts.push_back(Json{{"id", d.id}, {"include_subtree", d.include_subtree}});
  return Json{{"departments", depts}, {"employees", ids_json(a.employees)}, {"roles", a.roles}, {"job_levels", a.job_levels}};
}

Audience audience_from_json(const Json& j) {
  Audience a;
  if (!j.is_object()) return a;
  if (j.contains("departments") && j["departments"].is_array())
    for (const auto& d : j["departments"]) a.departments.push_back(AudienceDepartment{d.value("id", Id{0}), d.value("include_subtree", false)});
  if (j.contains("employees")) a.employees = ids_from_json(j["employees"]);
  if (j.contains("roles") && j["roles"].is_array()) a.roles = j["roles"].get<std::vector<std::string>>();
  if (j.contains("job_levels") && j["job_levels"].is_array()) a.job_levels = j["job_levels"].get<std::vector<std::string>>();
  return a;
}

Json assignment_json(const AssignmentSpec& a) {
  Json rubric = Json::array();
  for (const auto& r : a.rubric) rubric.push_back(Json{{"name", r.name}, {"max_score", r.max_score}});
  return Json{{"min_chars", a.min_chars},
              {"due_at", a.due_at ? Json(*a.due_at) : Json(nullptr)},
              {"due_days_after_end", a.due_days_after_end ? Json(*a.due_days_after_end) : Json(nullptr)},
              {"attachments_allowed", a.attachments_allowed},
              {"max_attachments", a.max_attachments},
              {"rubric", rubric}};
}

AssignmentSpec assignment_from_json(const Json& j) {
  AssignmentSpec a;
  a.min_chars = j.value("min_chars", 0);
  if (j.contains("due_at") && j["due_at"].is_number_integer()) a.due_at = j["due_at"].get<UnixSeconds>();
  if (j.contains("due_days_after_end") && j["due_days_after_end"].is_number_integer())
    a.due_days_after_end = j["due_days_after_end"].get<int>();
  a.attachments_allowed = j.value("attachments_allowed", true);
  a.max_attachments = j.value("max_attachments", 9);
  if (j.contains("rubric") && j["rubric"].is_array())
    for (const auto& r : j["rubric"]) a.rubric.push_back(RubricItem{r.value("name", ""), r.value("max_score", 0.0)});
  return a;
}

Json to_json(const Course& c) {
  return Json{{"id", c.id},
              {"title", c.title},
              {"description", c.description},
              {"category", c.category},
              {"tags", c.tags},
              {"credit_hours", c.credit_hours},
              {"instructors", ids_json(c.instructors)},
              {"materials", materials_json(c.materials)},
              {"created_at", format_rfc3339(c.created_at)},
              {"updated_at", format_rfc3339(c.updated_at)}};
}

Json to_json(const TrainingSession& s) {
  return Json{{"id", s.id},
              {"start_at", format_rfc3339(s.start_at)},
              {"end_at", format_rfc3339(s.end_at)},
              {"place", s.place},
              {"online_url", s.online_url},
              {"credit_hours", s.credit_hours}};
}

Json to_json(const Training& t) {
  Json sessions = Json::array();
  for (const auto& s : t.sessions) sessions.push_back(to_json(s));
  Json assignment = nullptr;
  if (t.assignment) {
    const AssignmentSpec& a = *t.assignment;
    Json rubric = Json::array();
    for (const auto& r : a.rubric) rubric.push_back(Json{{"name", r.name}, {"max_score", r.max_score}});
    auto due = assignment_due_at(t);
    assignment = Json{{"min_chars", a.min_chars},
                      {"due_at", due ? Json(format_rfc3339(*due)) : Json(nullptr)},
                      {"due_days_after_end", a.due_days_after_end ? Json(*a.due_days_after_end) : Json(nullptr)},
                      {"attachments_allowed", a.attachments_allowed},
                      {"max_attachments", a.max_attachments},
                      {"rubric", rubric}};
  }
  return Json{{"id", t.id},
              {"course_id", t.course_id},
              {"course_title", t.course_title},
              {"category", t.category},
              {"title", t.title},
              {"description", t.description},
              {"branch_id", t.branch_id ? Json(*t.branch_id) : Json(nullptr)},
              {"instructors", ids_json(t.instructors)},
              {"sessions", sessions},
              {"audience", audience_json(t.audience)},
              {"required", t.required},
              {"self_enrollment", {{"enabled", t.self_enrollment}, {"capacity", t.capacity ? Json(*t.capacity) : Json(nullptr)}}},
              {"assignment", assignment},
              {"feedback_enabled", t.feedback_enabled},
              {"status", t.status},
              {"published_at", t.published_at ? Json(format_rfc3339(*t.published_at)) : Json(nullptr)},
              {"enrolled_count", t.enrolled_count},
              {"total_hours", total_hours(t)},
              {"created_at", format_rfc3339(t.created_at)},
              {"updated_at", format_rfc3339(t.updated_at)}};
}

Json to_json(const Enrollment& e) {
  return Json{{"training_id", e.training_id},   {"employee_id", e.employee_id},
              {"employee_no", e.employee_no},   {"name", e.name},
              {"department_name", e.department_name}, {"source", e.source},
              {"enrolled_at", format_rfc3339(e.enrolled_at)}};
}

Json to_json(const Attendance& a) {
  return Json{{"session_id", a.session_id},
              {"employee_id", a.employee_id},
              {"present", a.present},
              {"checked_in_at", format_rfc3339(a.checked_in_at)},
              {"method", a.method},
              {"hours", a.hours}};
}

Json to_json(const HoursEntry& h) {
  return Json{{"id", h.id},
              {"source", h.source},
              {"category", h.category},
              {"hours", h.hours},
              {"date", h.date},
              {"training_id", h.training_id ? Json(*h.training_id) : Json(nullptr)},
              {"title", h.title}};
}

Json to_json(const OutboxEvent& e) {
  Json payload = Json::parse(e.payload_json, nullptr, false);
  return Json{{"id", e.id}, {"kind", e.kind}, {"payload", payload.is_discarded() ? Json::object() : payload},
              {"created_at", format_rfc3339(e.created_at)}};
}

}  // namespace luodi
