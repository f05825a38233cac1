#include "app/model_json.h"

namespace luodi {

using Json = nlohmann::json;

namespace {
template <typename T>
Json opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}
}  // namespace

Json to_json(const Branch& b) {
  return Json{{"id", b.id},
              {"name", b.name},
              {"kind", b.kind},
              {"time_zone", b.time_zone},
              {"created_at", format_rfc3339(b.created_at)},
              {"updated_at", format_rfc3339(b.updated_at)}};
}

Json to_json(const Department& d) {
  return Json{{"id", d.id},
              {"name", d.name},
              {"branch_id", d.branch_id},
              {"parent_id", opt(d.parent_id)},
              {"manager_id", opt(d.manager_id)},
              {"manager_name", opt(d.manager_name)},
              {"employee_count", d.employee_count},
              {"created_at", format_rfc3339(d.created_at)},
              {"updated_at", format_rfc3339(d.updated_at)}};
}

Json roles_json(const std::vector<RoleGrant>& roles) {
  Json out = Json::array();
  for (const auto& r : roles) out.push_back(role_name(r.role));
  return out;
}

Json to_json(const Employee& e) {
  Json roles = Json::array();
  for (const auto& r : e.roles) roles.push_back(r);
  return Json{{"id", e.id},
              {"employee_no", e.employee_no},
              {"name", e.name},
              {"gender", opt(e.gender)},
              {"phone", opt(e.phone)},
              {"email", opt(e.email)},
              {"hire_date", opt(e.hire_date)},
              {"branch_id", e.branch_id},
              {"department_id", e.department_id},
              {"branch_name", e.branch_name},
              {"department_name", e.department_name},
              {"position", opt(e.position)},
              {"job_level", opt(e.job_level)},
              {"employment_type", opt(e.employment_type)},
              {"title_series", opt(e.title_series)},
              {"title_level", opt(e.title_level)},
              {"status", e.status},
              {"manager_id", opt(e.manager_id)},
              {"login", opt(e.login)},
              {"roles", roles},
              {"created_at", format_rfc3339(e.created_at)},
              {"updated_at", format_rfc3339(e.updated_at)}};
}

Json to_json(const AuditEntry& a) {
  auto parse = [](const std::optional<std::string>& s) -> Json {
    if (!s) return nullptr;
    Json j = Json::parse(*s, nullptr, false);
    return j.is_discarded() ? Json(*s) : j;
  };
  return Json{{"id", a.id},
              {"at", format_rfc3339(a.at)},
              {"actor_id", opt(a.actor_id)},
              {"actor_employee_id", opt(a.actor_employee_id)},
              {"actor_name", a.actor_name},
              {"action", a.action},
              {"entity", a.entity},
              {"entity_id", a.entity_id},
              {"branch_id", opt(a.branch_id)},
              {"before", parse(a.before_json)},
              {"after", parse(a.after_json)},
              {"ip", a.ip ? Json(*a.ip) : Json(nullptr)},
              {"user_agent", a.user_agent ? Json(*a.user_agent) : Json(nullptr)}};
}

}  // namespace luodi
