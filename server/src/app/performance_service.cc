#include "app/performance_service.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "app/access.h"
#include "app/audit_service.h"
#include "core/encoding.h"
#include "domain/org_tree.h"
#include "domain/performance.h"
#include "domain/training_rules.h"

namespace luodi {

using Json = nlohmann::json;

namespace {

Json cycle_json(const PerformanceCycle& c) {
  return Json{{"id", c.id},           {"branch_id", c.branch_id}, {"name", c.name},     {"period", c.period},
              {"start_date", c.start_date}, {"end_date", c.end_date},   {"status", c.status}};
}
Json template_json(const PerformanceTemplate& t) {
  Json pop = Json::parse(t.population_json, nullptr, false);
  Json ind = Json::parse(t.indicators_json, nullptr, false);
  return Json{{"id", t.id}, {"cycle_id", t.cycle_id}, {"name", t.name}, {"population", pop.is_discarded() ? Json::object() : pop},
              {"indicators", ind.is_discarded() ? Json::array() : ind}};
}

// Does a template's population include this employee?
bool in_population(const Json& pop, const Employee& e, const OrgTree& tree, const std::string& today) {
  if (pop.contains("departments") && pop["departments"].is_array() && !pop["departments"].empty()) {
    bool any = false;
    for (const auto& d : pop["departments"])
      if (d.is_number_integer() && tree.is_in_subtree(d.get<Id>(), e.department_id)) any = true;
    if (!any) return false;
  }
  if (pop.contains("job_levels") && pop["job_levels"].is_array() && !pop["job_levels"].empty()) {
    bool any = false;
    for (const auto& l : pop["job_levels"])
      if (l.is_string() && e.job_level && *e.job_level == l.get<std::string>()) any = true;
    if (!any) return false;
  }
  if (pop.contains("min_tenure_years") && pop["min_tenure_years"].is_number() && pop["min_tenure_years"].get<double>() > 0) {
    if (!e.hire_date) return false;
    int years = std::stoi(today.substr(0, 4)) - std::stoi(e.hire_date->substr(0, 4));
    if (today.substr(5) < e.hire_date->substr(5)) --years;
    if (years < pop["min_tenure_years"].get<double>()) return false;
  }
  return true;
}
}  // namespace

Result<Json> PerformanceService::create_cycle(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  PerformanceCycle c;
  FieldErrors errs;
  if (!body.contains("branch_id") || !body["branch_id"].is_number_integer()) errs.add("branch_id", "请选择分支机构", "branch_id is required");
  else c.branch_id = body["branch_id"].get<Id>();
  if (!body.contains("name") || !body["name"].is_string() || trim(body["name"].get<std::string>()).empty() ||
      utf8_length(body["name"].get<std::string>()) > 100)
    errs.add("name", "请填写周期名称（最长100字）", "name is required (max 100 characters)");
  else c.name = trim(body["name"].get<std::string>());
  if (!body.contains("period") || !body["period"].is_string() ||
      (body["period"] != "month" && body["period"] != "quarter" && body["period"] != "year"))
    errs.add("period", "周期应为 month、quarter 或 year", "period must be month, quarter or year");
  else c.period = body["period"].get<std::string>();
  for (auto [name, target] : {std::pair{"start_date", &c.start_date}, std::pair{"end_date", &c.end_date}}) {
    std::optional<std::string> d;
    if (body.contains(name) && body[name].is_string()) d = normalize_date(body[name].get<std::string>());
    if (!d) errs.add(name, "日期格式应为 YYYY-MM-DD", std::string(name) + " must be a date YYYY-MM-DD");
    else *target = *d;
  }
  if (!c.start_date.empty() && !c.end_date.empty() && c.end_date < c.start_date) errs.add("end_date", "结束日期应不早于开始日期", "end_date must not be before start_date");
  if (!errs.empty()) return std::move(errs).to_error();
  c.tenant_id = p.tenant_id;
  c.created_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    if (!repo.branch(p.tenant_id, c.branch_id) || !can_see_branch(p, c.branch_id))
      return Error::validation("branch_id", "分支机构不存在", "branch not found");
    if (!can_admin_branch(p, c.branch_id)) return Error::forbidden();
    c.id = repo.insert_cycle(c);
    record_audit(repo, p, c.created_at, "create", "performance_cycle", c.id, c.branch_id, std::nullopt, cycle_json(c));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return cycle_json(c);
}

Result<Json> PerformanceService::list_cycles(const Principal& p, std::optional<Id> branch) {
  Json items = Json::array();
  Status st = db_.read([&](Repo& repo) -> Status {
    for (const auto& c : repo.cycles(p.tenant_id, branch))
      if (can_see_branch(p, c.branch_id)) items.push_back(cycle_json(c));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}, {"next_cursor", nullptr}};
}

Result<Json> PerformanceService::create_template(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  FieldErrors errs;
  PerformanceTemplate t;
  if (!body.contains("cycle_id") || !body["cycle_id"].is_number_integer()) errs.add("cycle_id", "请选择考核周期", "cycle_id is required");
  else t.cycle_id = body["cycle_id"].get<Id>();
  if (!body.contains("name") || !body["name"].is_string() || trim(body["name"].get<std::string>()).empty())
    errs.add("name", "请填写模板名称", "name is required");
  else t.name = trim(body["name"].get<std::string>());
  Json pop = body.contains("population") && body["population"].is_object() ? body["population"] : Json::object();
  Json clean{{"departments", Json::array()}, {"job_levels", Json::array()}, {"min_tenure_years", 0}};
  if (pop.contains("departments")) {
    if (!pop["departments"].is_array()) errs.add("population.departments", "应为部门ID数组", "must be an array of department ids");
    else
      for (const auto& d : pop["departments"]) {
        if (!d.is_number_integer()) {
          errs.add("population.departments", "应为部门ID数组", "must be an array of department ids");
          break;
        }
        clean["departments"].push_back(d);
      }
  }
  if (pop.contains("job_levels") && pop["job_levels"].is_array())
    for (const auto& l : pop["job_levels"])
      if (l.is_string()) clean["job_levels"].push_back(l);
  if (pop.contains("min_tenure_years")) {
    if (!pop["min_tenure_years"].is_number() || pop["min_tenure_years"].get<double>() < 0 || pop["min_tenure_years"].get<double>() > 60)
      errs.add("population.min_tenure_years", "应为0到60之间的数", "must be a number from 0 to 60");
    else clean["min_tenure_years"] = pop["min_tenure_years"];
  }
  std::vector<Indicator> indicators;
  if (!body.contains("indicators")) errs.add("indicators", "请设置考核指标", "indicators is required");
  else check_indicators(body["indicators"], indicators, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  Json ind = Json::array();
  for (const auto& i : indicators) ind.push_back(Json{{"kind", i.kind}, {"name", i.name}, {"weight", i.weight}});
  t.tenant_id = p.tenant_id;
  t.population_json = clean.dump();
  t.indicators_json = ind.dump();
  t.created_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, t.cycle_id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::validation("cycle_id", "考核周期不存在", "cycle not found");
    if (!can_admin_branch(p, c->branch_id)) return Error::forbidden();
    for (const auto& d : clean["departments"])
      if (!repo.department(p.tenant_id, d.get<Id>())) return Error::validation("population.departments", "部门不存在", "department not found");
    t.id = repo.insert_template(t);
    record_audit(repo, p, t.created_at, "create", "performance_template", t.id, c->branch_id, std::nullopt, template_json(t));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return template_json(t);
}

Result<Json> PerformanceService::list_templates(const Principal& p, Id cycle) {
  Json items = Json::array();
  Status st = db_.read([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, cycle);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    for (const auto& t : repo.templates(p.tenant_id, cycle)) items.push_back(template_json(t));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}, {"next_cursor", nullptr}};
}

Status PerformanceService::put_manual(const Principal& p, Id cycle, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  FieldErrors errs;
  Id employee = 0;
  std::string indicator;
  double value = 0;
  if (!body.contains("employee_id") || !body["employee_id"].is_number_integer()) errs.add("employee_id", "请选择员工", "employee_id is required");
  else employee = body["employee_id"].get<Id>();
  if (!body.contains("indicator") || !body["indicator"].is_string()) errs.add("indicator", "请指定指标名称", "indicator is required");
  else indicator = body["indicator"].get<std::string>();
  if (!body.contains("value") || !body["value"].is_number() || body["value"].get<double>() < 0 || body["value"].get<double>() > 100)
    errs.add("value", "数值应在0到100之间", "value must be between 0 and 100");
  else value = body["value"].get<double>();
  if (!errs.empty()) return std::move(errs).to_error();
  const UnixSeconds now = clock_.now();
  return db_.write([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, cycle);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    auto e = repo.employee(p.tenant_id, employee);
    OrgTree tree(repo.departments(p.tenant_id, false));
    if (!e || !scope_contains(employee_read_scope(p, tree), *e)) return Error::validation("employee_id", "员工不存在", "employee not found");
    if (!p.is_admin() && !(p.has(Role::kManager) && p.employee_id != e->id)) return Error::forbidden();
    if (c->status != "open") return Error::named(ErrorCode::kConflict, "cycle_closed", "考核周期已关闭", "The cycle is closed");
    bool known = false;
    for (const auto& t : repo.templates(p.tenant_id, cycle)) {
      Json ind = Json::parse(t.indicators_json, nullptr, false);
      if (ind.is_array())
        for (const auto& i : ind)
          if (i.value("kind", "") == "manual" && i.value("name", "") == indicator) known = true;
    }
    if (!known) return Error::validation("indicator", "该周期没有此手工指标", "no manual indicator of that name in this cycle");
    repo.put_manual_value(p.tenant_id, cycle, employee, indicator, value, p.user_id, now);
    record_audit(repo, p, now, "update", "performance_manual", employee, c->branch_id, std::nullopt,
                 Json{{"cycle_id", cycle}, {"employee_id", employee}, {"indicator", indicator}, {"value", value}});
    return ok_status();
  });
}

Result<Json> PerformanceService::performance(const Principal& p, std::optional<Id> employee_id) {
  Json out{{"cycle", nullptr}, {"template", nullptr}, {"total", 0}, {"indicators", Json::array()}, {"pending", Json::array()},
           {"warnings", Json::array()}};
  const std::string today = local_date(clock_.now());
  Status st = db_.read([&](Repo& repo) -> Status {
    Id who = 0;
    OrgTree tree(repo.departments(p.tenant_id, false));
    if (!employee_id) {
      if (!p.employee_id) return Error::not_found();
      who = *p.employee_id;
    } else {
      who = *employee_id;
    }
    auto e = repo.employee(p.tenant_id, who);
    if (!e) return Error::not_found();
    if (employee_id && !scope_contains(employee_read_scope(p, tree), *e)) return Error::not_found();

    // The open cycle of the employee's branch covering today, and the first template whose population holds them.
    std::optional<PerformanceCycle> cycle;
    std::optional<PerformanceTemplate> tmpl;
    for (const auto& c : repo.cycles(p.tenant_id, e->branch_id)) {
      if (c.status != "open" || today < c.start_date || today > c.end_date) continue;
      for (const auto& t : repo.templates(p.tenant_id, c.id)) {
        Json pop = Json::parse(t.population_json, nullptr, false);
        if (!pop.is_discarded() && in_population(pop, *e, tree, today)) {
          cycle = c;
          tmpl = t;
          break;
        }
      }
      if (cycle) break;
    }
    if (!cycle) return ok_status();

    ScoreInput in;
    Json ind = Json::parse(tmpl->indicators_json, nullptr, false);
    for (const auto& i : ind) in.indicators.push_back(Indicator{i.value("kind", ""), i.value("name", ""), i.value("weight", 0.0)});
    for (const auto& [name, value] : repo.manual_values(p.tenant_id, cycle->id, who)) in.manual[name] = value;

    // Required trainings with a session inside the cycle.
    std::unordered_map<Id, bool> present;
    for (const auto& a : repo.attendance_of_employee_all(p.tenant_id, who)) present[a.session_id] = a.present;
    std::unordered_map<Id, Submission> subs;
    for (auto& s : repo.submission_summaries_of_employee(p.tenant_id, who)) subs.emplace(s.training_id, std::move(s));
    std::unordered_map<Id, double> exams;
    for (const auto& [t, score] : repo.best_exam_scores(p.tenant_id, who)) exams[t] = score;
    std::vector<Training> required;
    for (auto& t : repo.trainings_of_employee(p.tenant_id, who)) {
      if (!t.required) continue;
      bool inside = false;
      for (const auto& s : t.sessions) {
        const std::string d = local_date(s.start_at);
        if (d >= cycle->start_date && d <= cycle->end_date) inside = true;
      }
      if (inside) required.push_back(std::move(t));
    }
    std::vector<Id> ids;
    for (const auto& t : required) ids.push_back(t.id);
    auto with_exam = repo.trainings_with_exam(p.tenant_id, ids);
    for (const auto& t : required) {
      RequiredTraining r;
      r.training_id = t.id;
      r.title = t.title;
      for (const auto& s : t.sessions) {
        const std::string d = local_date(s.start_at);
        if (d < cycle->start_date || d > cycle->end_date) continue;
        ++r.sessions;
        if (present[s.id]) ++r.attended;
      }
      r.has_assignment = t.assignment.has_value();
      if (auto it = subs.find(t.id); it != subs.end()) {
        const Submission& s = it->second;
        r.submitted = s.status == "submitted" || s.status == "late" || s.status == "reviewed";
        r.submitted_on_time = r.submitted && !s.late;
        if (s.status == "reviewed" && s.score) r.review_score = s.score;
      }
      r.has_exam = std::find(with_exam.begin(), with_exam.end(), t.id) != with_exam.end();
      if (auto it = exams.find(t.id); it != exams.end()) r.best_exam_score = it->second;
      in.trainings.push_back(r);
    }
    ScoreResult score = compute_score(in);
    out["cycle"] = cycle_json(*cycle);
    out["template"] = Json{{"id", tmpl->id}, {"name", tmpl->name}};
    out["total"] = score.total;
    for (const auto& s : score.indicators)
      out["indicators"].push_back(Json{{"kind", s.indicator.kind}, {"name", s.indicator.name}, {"weight", s.indicator.weight},
                                       {"raw", s.raw}, {"contribution", s.contribution}});
    for (const auto& pnd : score.pending) {
      out["pending"].push_back(Json{{"training_id", pnd.training_id}, {"title", pnd.title}, {"kind", pnd.kind},
                                    {"score_if_done", pnd.score_if_done}, {"impact", pnd.impact}});
      if (pnd.impact > 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", pnd.impact);
        std::string x = buf;
        while (x.back() == '0') x.pop_back();
        if (x.back() == '.') x.pop_back();
        const bool exam = pnd.kind == "exam";
        out["warnings"].push_back(Json{{"training_id", pnd.training_id},
                                       {"kind", pnd.kind},
                                       {"impact", pnd.impact},
                                       {"message", "《" + pnd.title + "》" + (exam ? "考试未完成" : "心得未提交") + "将影响绩效 -" + x + " 分"},
                                       {"message_en", std::string(exam ? "Exam" : "Reflection") + " missing for \"" + pnd.title +
                                                          "\": costs " + x + " points of score"}});
      }
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

}  // namespace luodi
