// Employees: list, read, change, CSV import, Excel export.
#include "app/model_json.h"
#include "http/handler_util.h"
#include "reports/xlsx_export.h"

namespace luodi::http {

using Json = nlohmann::json;

namespace {

Result<EmployeeFilter> employee_filter(const Ctx& c) {
  EmployeeFilter f;
  auto dept = query_id(c, "department_id");
  if (!dept) return std::move(dept).error();
  f.department_id = dept.value();
  auto branch = query_id(c, "branch_id");
  if (!branch) return std::move(branch).error();
  f.branch_id = branch.value();
  auto subtree = query_bool(c, "include_subtree");
  if (!subtree) return std::move(subtree).error();
  f.include_subtree = subtree.value();
  f.status = query_str(c, "status");
  if (f.status && *f.status != "active" && *f.status != "left")
    return invalid_parameter("status", "状态应为 active 或 left", "status must be active or left");
  f.q = query_str(c, "q");
  if (f.q && f.q->size() > 100) f.q = f.q->substr(0, 100);
  return f;
}


}  // namespace

void register_employee_routes(Api& api) {
  const Services& s = api.services();

  api.add("GET", "/api/v1/employees", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(page, page_request(c));
            LUODI_TRY(f, employee_filter(c));
            LUODI_TRY(result, s.employees->list(c.me(), f, page));
            return json_response(200, page_json(result));
          }});
  api.add("POST", "/api/v1/employees", {true, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(e, s.employees->create(c.me(), body));
            return json_response(201, to_json(e));
          }});
  api.add("GET", "/api/v1/employees/export.xlsx", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(f, employee_filter(c));
            LUODI_TRY(rows, s.employees->list_all(c.me(), f));
            LUODI_TRY(bytes, employees_xlsx(rows, s.temp_dir));
            Response r;
            r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            r.body = std::move(bytes);
            r.headers.emplace_back("Content-Disposition",
                                   "attachment; filename=\"employees.xlsx\"; filename*=UTF-8''%E5%91%98%E5%B7%A5%E5%90%8D%E5%8D%95.xlsx");
            return r;
          }});
  api.add("POST", "/api/v1/employees/import", {true, Body::kImport, [&s](Ctx& c) {
            if (!csv_content_type(c.req.content_type))
              return error_response(Error::make(ErrorCode::kUnsupportedMediaType, "请以 text/csv 格式上传CSV文件",
                                                "Upload the CSV file with Content-Type text/csv"),
                                    c.lang);
            LUODI_TRY(dry, query_bool(c, "dry_run"));
            LUODI_TRY(outcome, s.employees->import_csv(c.me(), c.req.body, dry));
            return json_response(200, Json{{"created", outcome.created}, {"updated", outcome.updated}, {"dry_run", outcome.dry_run}});
          }});
  api.add("GET", "/api/v1/employees/{id}", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(e, s.employees->get(c.me(), id));
            return json_response(200, to_json(e));
          }});
  api.add("PATCH", "/api/v1/employees/{id}", {true, Body::kJson, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY(body, parse_json_body(c));
            LUODI_TRY(e, s.employees->update(c.me(), id, body));
            return json_response(200, to_json(e));
          }});
  api.add("DELETE", "/api/v1/employees/{id}", {true, Body::kNone, [&s](Ctx& c) {
            LUODI_TRY(id, path_id(c));
            LUODI_TRY_STATUS(s.employees->remove(c.me(), id));
            return no_content();
          }});
}

}  // namespace luodi::http
