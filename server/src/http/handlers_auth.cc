// Health, the spec, login/logout, the caller's profile and password.
#include <fstream>
#include <sstream>

#include "app/model_json.h"
#include "http/handler_util.h"

namespace luodi::http {

using Json = nlohmann::json;

namespace {
Json user_json(const Principal& p) {
  std::optional<Id> hr_branch = p.hr_branch();
  return Json{{"id", p.user_id},
              {"login", p.login},
              {"name", p.name},
              {"roles", roles_json(p.roles)},
              {"hr_branch_id", hr_branch ? Json(*hr_branch) : Json(nullptr)},
              {"employee_id", p.employee_id ? Json(*p.employee_id) : Json(nullptr)}};
}

std::string string_field(const Json& body, const char* name, FieldErrors& errs) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_string()) {
    errs.add(name, "应为文本", std::string(name) + " must be a string");
    return {};
  }
  return it->get<std::string>();
}
}  // namespace

void register_auth_routes(Api& api) {
  const Services& s = api.services();

  api.add("GET", "/api/v1/health", {false, Body::kNone, [&s, &api](Ctx&) { return health_response(api.health().check(), false, s); }});
  api.add("GET", "/api/v1/health/ready", {false, Body::kNone, [&s, &api](Ctx&) { return health_response(api.health().check(), true, s); }});

  api.add("GET", "/api/v1/openapi.json", {false, Body::kNone, [&s](Ctx& c) {
            std::ifstream in(s.openapi_path, std::ios::binary);
            if (!in)
              return error_response(Error::make(ErrorCode::kNotFound, "接口文档尚未构建（运行 make build）",
                                                "The API spec has not been built (run make build)"),
                                    c.lang);
            std::stringstream ss;
            ss << in.rdbuf();
            Response r;
            r.body = ss.str();
            return r;
          }});

  api.add("POST", "/api/v1/auth/login", {false, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            FieldErrors errs;
            std::string login = string_field(body, "login", errs);
            std::string password = string_field(body, "password", errs);
            if (!errs.empty()) return error_response(std::move(errs).to_error(), c.lang);
            LUODI_TRY(result, s.auth->login(login, password, request_meta(c.req)));
            return json_response(200, Json{{"token", result.token},
                                           {"expires_at", format_rfc3339(result.expires_at)},
                                           {"user", user_json(result.principal)}});
          }});

  api.add("POST", "/api/v1/auth/logout", {true, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY_STATUS(s.auth->logout(c.me()));
            return no_content();
          }});

  api.add("GET", "/api/v1/me", {true, Body::kNone, [&s, &api](Ctx& c) {
            const Principal& p = c.me();
            Json employee = nullptr;
            if (p.employee_id) {
              auto e = s.employees->own(p);
              if (e) employee = to_json(e.value());
              else if (e.error().code != ErrorCode::kNotFound) return error_response(e.error(), c.lang);
            }
            Json user = user_json(p);
            Json roles = user["roles"];
            Response r = json_response(200, Json{{"user", std::move(user)}, {"roles", std::move(roles)}, {"employee", std::move(employee)}});
            api.remember_me(p, r.body);
            return r;
          }});

  api.add("POST", "/api/v1/me/password", {true, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            FieldErrors errs;
            std::string old_pw = string_field(body, "old_password", errs);
            std::string new_pw = string_field(body, "new_password", errs);
            if (!errs.empty()) return error_response(std::move(errs).to_error(), c.lang);
            LUODI_TRY_STATUS(s.auth->change_password(c.me(), old_pw, new_pw));
            return no_content();
          }});
}

}  // namespace luodi::http
