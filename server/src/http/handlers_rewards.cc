// The rewards store: catalogue, redemptions and their approval.
#include "http/handler_util.h"
#include "domain/json_ids.h"

namespace luodi::http {

using Json = nlohmann::json;

void register_rewards_routes(Api& api) {
  RewardsService& rs = *api.services().rewards;
  api.add("GET", "/api/v1/rewards", {true, Body::kNone, [&rs](Ctx& c) {
            LUODI_TRY(list, rs.catalogue(c.me()));
            return json_response(200, list);
          }});
  api.add("POST", "/api/v1/rewards", {true, Body::kJson, [&rs](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(w, rs.create_reward(c.me(), body));
            return json_response(201, w);
          }});
  api.add("PATCH", "/api/v1/rewards/{id}", {true, Body::kJson, [&rs](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(w, rs.update_reward(c.me(), id, body));
            return json_response(200, w);
          }});
  api.add("POST", "/api/v1/redemptions", {true, Body::kJson, [&rs](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            FieldErrors errs;
            auto reward = read_required_id(body, "reward_id", errs);
            if (!reward) return error_response(std::move(errs).to_error(), c.lang);
            LUODI_TRY(d, rs.redeem(c.me(), *reward));
            return json_response(201, d);
          }});
  api.add("GET", "/api/v1/redemptions", {true, Body::kNone, [&rs](Ctx& c) {
            auto pending = query_str(c, "pending_for");
            if (pending && *pending != "me")
              return error_response(invalid_parameter("pending_for", "只支持 pending_for=me", "only pending_for=me is supported"), c.lang);
            LUODI_TRY(list, rs.list(c.me(), pending.has_value()));
            return json_response(200, list);
          }});
  api.add("GET", "/api/v1/me/entitlements", {true, Body::kNone, [&rs](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            LUODI_TRY(active, query_bool(c, "active"));
            LUODI_TRY(list, rs.entitlements(c.me(), true, std::nullopt, active, page));
            return json_response(200, list);
          }});
  api.add("GET", "/api/v1/entitlements", {true, Body::kNone, [&rs](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            LUODI_TRY(active, query_bool(c, "active"));
            LUODI_TRY(employee, query_id(c, "employee_id"));
            LUODI_TRY(list, rs.entitlements(c.me(), false, employee, active, page));
            return json_response(200, list);
          }});
  for (const char* action : {"approve", "reject", "cancel"}) {
    const std::string pattern = std::string("/api/v1/redemptions/{id}/") + action;
    api.add("POST", pattern.c_str(),
            {true, Body::kJson, [&rs, action = std::string(action)](Ctx& c) {
               LUODI_TRY(id, path_id(c));
               std::string note;
               if (!c.req.body.empty()) {
                 LUODI_TRY(body, parse_json_body(c));
                 if (body.contains("note") && body["note"].is_string()) note = body["note"].get<std::string>();
               }
               LUODI_TRY(d, rs.decide(c.me(), id, action, note));
               return json_response(200, d);
             }});
  }
}

}  // namespace luodi::http
