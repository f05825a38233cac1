// Performance cycles, templates, manual KPI values, the live score.
#include "http/handler_util.h"

namespace luodi::http {

using Json = nlohmann::json;

void register_performance_routes(Api& api) {
  PerformanceService& ps = *api.services().performance;
  api.add("POST", "/api/v1/performance/cycles", {true, 64 * 1024, [&ps](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(cycle, ps.create_cycle(c.me(), body));
            return json_response(201, cycle);
          }});
  api.add("GET", "/api/v1/performance/cycles", {true, 0, [&ps](Ctx& c) {
            LUODI_TRY(branch, query_id(c, "branch_id"));
            LUODI_TRY(list, ps.list_cycles(c.me(), branch));
            return json_response(200, list);
          }});
  api.add("GET", "/api/v1/performance/cycles/{id}/templates", {true, 0, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(list, ps.list_templates(c.me(), id));
            return json_response(200, list);
          }});
  api.add("POST", "/api/v1/performance/templates", {true, 256 * 1024, [&ps](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(t, ps.create_template(c.me(), body));
            return json_response(201, t);
          }});
  api.add("PUT", "/api/v1/performance/cycles/{id}/manual", {true, 64 * 1024, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY_STATUS(ps.put_manual(c.me(), id, body));
            return no_content();
          }});
  api.add("GET", "/api/v1/me/performance", {true, 0, [&ps](Ctx& c) {
            LUODI_TRY(result, ps.performance(c.me(), std::nullopt));
            return json_response(200, result);
          }});
  api.add("GET", "/api/v1/employees/{id}/performance", {true, 0, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(result, ps.performance(c.me(), id));
            return json_response(200, result);
          }});
}

}  // namespace luodi::http
