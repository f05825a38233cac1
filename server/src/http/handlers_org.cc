// Branches, departments and the audit trail.
#include <algorithm>

#include "app/model_json.h"
#include "http/handler_util.h"

namespace luodi::http {

using Json = nlohmann::json;

void register_org_routes(Api& api) {
  const Services& s = api.services();

  // ------------------------------------------------------------ branches
  api.add("GET", "/api/v1/branches", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            BranchFilter f{query_str(c, "kind"), query_str(c, "q")};
            if (f.kind && *f.kind != "enterprise" && *f.kind != "public_institution")
              return error_response(invalid_parameter("kind", "类型应为 enterprise 或 public_institution",
                                                      "kind must be enterprise or public_institution"),
                                    c.lang);
            LUODI_TRY(result, s.org->list_branches(c.me(), f, page));
            return json_response(200, page_json(result));
          }});
  api.add("POST", "/api/v1/branches", {true, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(b, s.org->create_branch(c.me(), body));
            return json_response(201, to_json(b));
          }});
  api.add("GET", "/api/v1/branches/{id}", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(b, s.org->get_branch(c.me(), id));
            return json_response(200, to_json(b));
          }});
  api.add("PATCH", "/api/v1/branches/{id}", {true, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(b, s.org->update_branch(c.me(), id, body));
            return json_response(200, to_json(b));
          }});
  api.add("DELETE", "/api/v1/branches/{id}", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY_STATUS(s.org->delete_branch(c.me(), id));
            return no_content();
          }});

  // ------------------------------------------------------------ departments
  api.add("GET", "/api/v1/departments", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(page, page_request(c, 1000));
            DepartmentFilter f;
            LUODI_TRY(branch, query_id(c, "branch_id"));
            f.branch_id = branch;
            if (auto it = c.query.find("parent_id"); it != c.query.end() && it->second == "null") {
              f.roots_only = true;
            } else {
              LUODI_TRY(parent, query_id(c, "parent_id"));
              f.parent_id = parent;
            }
            f.q = query_str(c, "q");
            LUODI_TRY(result, s.org->list_departments(c.me(), f, page));
            return json_response(200, page_json(result));
          }});
  api.add("POST", "/api/v1/departments", {true, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(d, s.org->create_department(c.me(), body));
            return json_response(201, to_json(d));
          }});
  api.add("GET", "/api/v1/departments/{id}", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(d, s.org->get_department(c.me(), id));
            return json_response(200, to_json(d));
          }});
  api.add("GET", "/api/v1/departments/{id}/tree", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(tree, s.org->department_tree(c.me(), id));
            return json_response(200, tree);
          }});
  api.add("PATCH", "/api/v1/departments/{id}", {true, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(d, s.org->update_department(c.me(), id, body));
            return json_response(200, to_json(d));
          }});
  api.add("DELETE", "/api/v1/departments/{id}", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY_STATUS(s.org->delete_department(c.me(), id));
            return no_content();
          }});

  // ------------------------------------------------------------ audit
  api.add("GET", "/api/v1/audit", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            AuditQuery q;
            q.limit = page.limit;
            if (page.after_id > 0) q.before_id = page.after_id;
            q.entity = query_str(c, "entity");
            q.action = query_str(c, "action");
            auto one_of = [](const std::vector<std::string>& list) {
              std::string out;
              for (const auto& v : list) out += (out.empty() ? "" : ", ") + v;
              return out;
            };
            const auto& entities = audit_entities();
            const auto& actions = audit_actions();
            if (q.entity && std::find(entities.begin(), entities.end(), *q.entity) == entities.end())
              return error_response(invalid_parameter("entity", "对象类型无效，应为: " + one_of(entities),
                                                      "entity must be one of " + one_of(entities)),
                                    c.lang);
            if (q.action && std::find(actions.begin(), actions.end(), *q.action) == actions.end())
              return error_response(invalid_parameter("action", "操作类型无效，应为: " + one_of(actions),
                                                      "action must be one of " + one_of(actions)),
                                    c.lang);
            LUODI_TRY(eid, query_id(c, "entity_id"));
            q.entity_id = eid;
            LUODI_TRY(actor, query_id(c, "actor_id"));
            q.actor_id = actor;
            for (const char* name : {"from", "to"}) {
              if (auto v = query_str(c, name)) {
                auto t = parse_rfc3339(*v);
                if (!t)
                  return error_response(invalid_parameter(name, "应为RFC 3339时间，如 2026-01-31T08:00:00+08:00",
                                                          "must be an RFC 3339 time"),
                                        c.lang);
                (std::string(name) == "from" ? q.from : q.to) = *t;
              }
            }
            LUODI_TRY(result, s.audit->list(c.me(), q));
            Json items = Json::array();
            for (const auto& a : result.items) items.push_back(to_json(a));
            return json_response(200, Json{{"items", std::move(items)},
                                           {"next_cursor", result.next_cursor ? Json(*result.next_cursor) : Json(nullptr)}});
          }});
}

}  // namespace luodi::http
