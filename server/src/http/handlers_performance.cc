// Performance cycles, templates, manual KPI values, the live score.
#include "http/handler_util.h"
#include "reports/xlsx_export.h"

namespace luodi::http {

using Json = nlohmann::json;

void register_performance_routes(Api& api) {
  PerformanceService& ps = *api.services().performance;
  const std::string temp_dir = api.services().temp_dir;
  api.add("POST", "/api/v1/performance/cycles", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(cycle, ps.create_cycle(c.me(), body));
            return json_response(201, cycle);
          }});
  api.add("GET", "/api/v1/performance/cycles", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(branch, query_id(c, "branch_id"));
            LUODI_TRY(list, ps.list_cycles(c.me(), branch));
            return json_response(200, list);
          }});
  api.add("GET", "/api/v1/performance/cycles/{id}/templates", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(list, ps.list_templates(c.me(), id));
            return json_response(200, list);
          }});
  api.add("POST", "/api/v1/performance/templates", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(t, ps.create_template(c.me(), body));
            return json_response(201, t);
          }});
  api.add("PUT", "/api/v1/performance/templates/{id}", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(t, ps.update_template(c.me(), id, body));
            return json_response(200, t);
          }});
  api.add("PUT", "/api/v1/performance/cycles/{id}/manual", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY_STATUS(ps.put_manual(c.me(), id, body));
            return no_content();
          }});
  api.add("GET", "/api/v1/me/performance", {true, Body::kNone, [&ps, &api](Ctx& c) {
            LUODI_TRY(result, ps.performance(c.me(), std::nullopt));
            Response r = json_response(200, result);
            api.remember_me(c.me(), r.body, 1);
            return r;
          }});
  api.add("GET", "/api/v1/employees/{id}/performance", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(result, ps.performance(c.me(), id));
            return json_response(200, result);
          }});
  api.add("GET", "/api/v1/performance/cycles/{id}", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(cycle, ps.get_cycle(c.me(), id));
            return json_response(200, cycle);
          }});
  api.add("POST", "/api/v1/performance/cycles/{id}/recompute", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(r, ps.recompute(c.me(), id));
            return json_response(200, r);
          }});
  api.add("POST", "/api/v1/performance/cycles/{id}/close", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(r, ps.close(c.me(), id));
            return json_response(200, r);
          }});
  api.add("POST", "/api/v1/performance/cycles/{id}/reopen", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(r, ps.reopen(c.me(), id, body));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/performance/cycles/{id}/scores", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(dept, query_id(c, "department_id"));
            int limit = 50;
            if (auto l = query_str(c, "limit")) {
              try {
                limit = std::stoi(*l);
              } catch (...) {
                limit = -1;
              }
              if (limit < 1 || limit > 1000)
                return error_response(invalid_parameter("limit", "limit 应为1到1000之间的整数", "limit must be an integer from 1 to 1000"), c.lang);
            }
            LUODI_TRY(r, ps.scores(c.me(), id, dept, query_str(c, "cursor").value_or(""), limit));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/performance/cycles/{id}/scores.xlsx", {true, Body::kNone, [&ps, temp_dir](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(table, ps.scores_table(c.me(), id));
            LUODI_TRY(bytes, table_xlsx("绩效成绩", table.headers, table.rows, temp_dir));
            Response r;
            r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            r.body = std::move(bytes);
            r.headers.emplace_back("Content-Disposition",
                                   "attachment; filename=\"scores-" + std::to_string(id) +
                                       ".xlsx\"; filename*=UTF-8''%E7%BB%A9%E6%95%88%E6%88%90%E7%BB%A9-" + std::to_string(id) + ".xlsx");
            return r;
          }});
  api.add("GET", "/api/v1/performance/cycles/{id}/manual", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(emp, query_id(c, "employee_id"));
            LUODI_TRY(r, ps.manual_list(c.me(), id, emp));
            return json_response(200, r);
          }});
  api.add("POST", "/api/v1/performance/cycles/{id}/manual/import", {true, Body::kImport, [&ps](Ctx& c) {
            if (!csv_content_type(c.req.content_type)) return csv_required(c.lang);
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(dry, query_bool(c, "dry_run"));
            LUODI_TRY(r, ps.manual_import(c.me(), id, c.req.body, dry));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/performance/bonus-tiers", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(r, ps.bonus_tiers(c.me()));
            return json_response(200, r);
          }});
  api.add("PUT", "/api/v1/performance/bonus-tiers", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(r, ps.set_bonus_tiers(c.me(), body));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/performance/cycles/{id}/bonus-pools", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(r, ps.bonus_pools(c.me(), id));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/performance/cycles/{id}/bonus-pools.xlsx", {true, Body::kNone, [&ps, temp_dir](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(table, ps.bonus_pools_table(c.me(), id));
            LUODI_TRY(bytes, table_xlsx("团队奖金池", table.headers, table.rows, temp_dir));
            Response r;
            r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            r.body = std::move(bytes);
            r.headers.emplace_back("Content-Disposition",
                                   "attachment; filename=\"bonus-pools-" + std::to_string(id) +
                                       ".xlsx\"; filename*=UTF-8''%E5%9B%A2%E9%98%9F%E5%A5%96%E9%87%91%E6%B1%A0-" + std::to_string(id) +
                                       ".xlsx");
            return r;
          }});
  api.add("GET", "/api/v1/departments/{id}/bonus-pool", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(cycle, query_id(c, "cycle"));
            if (!cycle) return error_response(invalid_parameter("cycle", "请指定考核周期 cycle", "cycle is required"), c.lang);
            LUODI_TRY(r, ps.bonus_pool(c.me(), id, *cycle));
            return json_response(200, r);
          }});
  api.add("PUT", "/api/v1/departments/{id}/bonus-pool", {true, Body::kJson, [&ps](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(r, ps.set_bonus_pool(c.me(), id, body));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/leaderboards/departments", {true, Body::kNone, [&ps](Ctx& c) {
            LUODI_TRY(cycle, query_id(c, "cycle"));
            if (!cycle) return error_response(invalid_parameter("cycle", "请指定考核周期 cycle", "cycle is required"), c.lang);
            LUODI_TRY(r, ps.department_ranking(c.me(), *cycle));
            return json_response(200, r);
          }});
}

void register_engagement_routes(Api& api) {
  EngagementService& es = *api.services().engagement;
  api.add("GET", "/api/v1/trainings/{id}/reflections", {true, Body::kNone, [&es](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(page, page_request(c, 100));
            LUODI_TRY(r, es.reflections(c.me(), id, page));
            return json_response(200, r);
          }});
  api.add("POST", "/api/v1/submissions/{id}/like", {true, Body::kJson, [&es](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(r, es.like(c.me(), id, true));
            return json_response(200, r);
          }});
  api.add("DELETE", "/api/v1/submissions/{id}/like", {true, Body::kJson, [&es](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(r, es.like(c.me(), id, false));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/me/notifications", {true, Body::kNone, [&es](Ctx& c) {
            LUODI_TRY(page, page_request(c, 100));
            LUODI_TRY(r, es.notifications(c.me(), page));
            return json_response(200, r);
          }});
  api.add("POST", "/api/v1/me/notifications/read", {true, Body::kJson, [&es](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY_STATUS(es.mark_read(c.me(), body));
            return no_content();
          }});
  api.add("GET", "/api/v1/me/badges", {true, Body::kNone, [&es](Ctx& c) {
            LUODI_TRY(r, es.badges(c.me(), std::nullopt));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/employees/{id}/badges", {true, Body::kNone, [&es](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(r, es.badges(c.me(), id));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/leaderboards/points", {true, Body::kNone, [&es](Ctx& c) {
            LUODI_TRY(dept, query_id(c, "department_id"));
            LUODI_TRY(r, es.points_leaderboard(c.me(), query_str(c, "scope").value_or("company"), dept,
                                               query_str(c, "period").value_or("month")));
            return json_response(200, r);
          }});
  api.add("GET", "/api/v1/leaderboards/settings", {true, Body::kNone, [&es](Ctx& c) {
            LUODI_TRY(r, es.leaderboard_settings(c.me()));
            return json_response(200, r);
          }});
  api.add("PUT", "/api/v1/leaderboards/settings", {true, Body::kJson, [&es](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(r, es.set_leaderboard_settings(c.me(), body));
            return json_response(200, r);
          }});
}

}  // namespace luodi::http
