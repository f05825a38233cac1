// Points: balance and history, HR adjustments, the tenant's rules.
#include "http/handler_util.h"
#include "domain/json_ids.h"

namespace luodi::http {

using Json = nlohmann::json;

namespace {
Json entry_json(const PointsEntry& e) {
  return Json{{"id", e.id},
              {"amount", e.amount},
              {"rule", e.rule},
              {"source", e.source_key},
              {"reason", e.reason},
              {"created_at", format_rfc3339(e.created_at)},
              {"expires_at", e.expires_at ? Json(format_rfc3339(*e.expires_at)) : Json(nullptr)}};
}
Json view_json(const PointsView& v) {
  Json entries = Json::array();
  for (const auto& e : v.entries) entries.push_back(entry_json(e));
  return Json{{"balance", v.balance},
              {"held", v.held},
              {"available", v.balance - v.held},
              {"entries", entries},
              {"next_cursor", v.next_cursor ? Json(*v.next_cursor) : Json(nullptr)}};
}
}  // namespace

void register_points_routes(Api& api) {
  PointsService& ps = *api.services().points;
  api.add("GET", "/api/v1/me/points", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            LUODI_TRY(v, ps.mine(c.me(), page));
            return json_response(200, view_json(v));
          }});
  api.add("GET", "/api/v1/employees/{id}/points", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(page, page_request(c));
            LUODI_TRY(v, ps.of_employee(c.me(), id, page));
            return json_response(200, view_json(v));
          }});
  api.add("POST", "/api/v1/points/adjustments", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            FieldErrors errs;
            Id employee = 0;
            int amount = 0;
            std::string reason;
            employee = read_required_id(body, "employee_id", errs).value_or(0);
            if (!body.contains("amount") || !body["amount"].is_number_integer() || body["amount"].get<long long>() < -100000 ||
                body["amount"].get<long long>() > 100000)
              errs.add("amount", "调整积分应为整数", "amount must be an integer");
            else amount = body["amount"].get<int>();
            if (body.contains("reason") && body["reason"].is_string()) reason = body["reason"].get<std::string>();
            if (!errs.empty()) return error_response(std::move(errs).to_error(), c.lang);
            LUODI_TRY(e, ps.adjust(c.me(), employee, amount, reason));
            return json_response(201, entry_json(e));
          }});
  api.add("GET", "/api/v1/points/rules", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(r, ps.rules(c.me()));
            return json_response(200, points_rules_json(r));
          }});
  api.add("PUT", "/api/v1/points/rules", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(r, ps.set_rules(c.me(), body));
            return json_response(200, points_rules_json(r));
          }});
}

}  // namespace luodi::http
