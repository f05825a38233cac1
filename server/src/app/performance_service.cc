#include "app/performance_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <unordered_map>

#include "app/access.h"
#include "app/audit_service.h"
#include "core/encoding.h"
#include "core/unicode.h"
#include "domain/org_tree.h"
#include "domain/performance.h"
#include "domain/training_rules.h"
#include "app/score_engine.h"
#include "app/badges.h"
#include "domain/bonus.h"
#include "core/csv.h"
#include "domain/json_ids.h"

namespace luodi {

using Json = nlohmann::json;

namespace {

Json cycle_json(const PerformanceCycle& c) {
  return Json{{"id", c.id},
              {"branch_id", c.branch_id},
              {"name", c.name},
              {"period", c.period},
              {"start_date", c.start_date},
              {"end_date", c.end_date},
              {"status", c.status},
              {"closed_at", c.closed_at ? Json(format_rfc3339(*c.closed_at)) : Json(nullptr)},
              {"reopen_reason", c.reopen_reason.empty() ? Json(nullptr) : Json(c.reopen_reason)}};
}
Json template_json(const PerformanceTemplate& t) {
  Json pop = Json::parse(t.population_json, nullptr, false);
  Json ind = Json::parse(t.indicators_json, nullptr, false);
  return Json{{"id", t.id}, {"cycle_id", t.cycle_id}, {"name", t.name}, {"population", pop.is_discarded() ? Json::object() : pop},
              {"indicators", ind.is_discarded() ? Json::array() : ind}};
}

// ---- bonus pools: live figures, and the snapshot a closed cycle reads ----

std::vector<BonusTier> load_tiers(Repo& repo, Id tenant) {
  if (auto v = repo.tenant_setting(tenant, "bonus_tiers")) {
    FieldErrors ignored;
    auto t = parse_bonus_tiers(Json::parse(*v, nullptr, false), ignored);
    if (ignored.empty() && !t.empty()) return t;
  }
  return default_bonus_tiers();
}

Json missing_json(const std::vector<MissingItem>& items) {
  Json m = Json::array();
  for (const auto& x : items)
    m.push_back(Json{{"employee_id", x.employee_id}, {"employee_no", x.employee_no}, {"name", x.name}, {"training_id", x.training_id},
                     {"title", x.title}, {"status", x.late ? "late" : "missing"}});
  return m;
}

// The pools of the cycle's branch from live facts (frozen_at 0): of every department, each with its
// missing list when `with_missing`; or of `department` only, with its missing list.
std::vector<BonusPoolSnapshot> live_pools(Repo& repo, const PerformanceCycle& c, const OrgTree& tree, std::optional<Id> department,
                                          bool with_missing) {
  std::unordered_map<Id, std::vector<MissingItem>> missing;
  auto counts = department ? team_counts(repo, c, tree, department, &missing[*department])
                           : team_counts(repo, c, tree, std::nullopt, nullptr, with_missing ? &missing : nullptr);
  const auto tiers = load_tiers(repo, c.tenant_id);
  std::unordered_map<Id, double> bases;
  for (const auto& [dep, amount] : repo.bonus_bases(c.tenant_id, c.id)) bases[dep] = amount;
  std::vector<BonusPoolSnapshot> out;
  for (const auto& d : tree.all()) {
    if (d.branch_id != c.branch_id || (department && d.id != *department)) continue;
    BonusPoolSnapshot x;
    x.department_id = d.id;
    x.department_name = d.name;
    const TeamCounts& t = counts[d.id];
    x.figures = bonus_pool_figures(bases[d.id], t.required, t.on_time, tiers);
    if (with_missing || department) x.missing_json = missing_json(missing[d.id]).dump();
    out.push_back(std::move(x));
  }
  return out;
}

// What a pool read shows: the snapshot while the cycle is closed (when it has one; a cycle closed
// before snapshots existed shows live figures, marked not frozen), else live figures.
struct PoolsRead {
  std::vector<BonusPoolSnapshot> pools;
  bool frozen = false;
};
PoolsRead read_pools(Repo& repo, const PerformanceCycle& c, const OrgTree& tree, std::optional<Id> department) {
  PoolsRead r;
  if (c.status != "open") {
    r.pools = repo.bonus_snapshots(c.tenant_id, c.id, department, department.has_value());
    r.frozen = !r.pools.empty() || (department && !repo.bonus_snapshots(c.tenant_id, c.id, std::nullopt, false).empty());
    if (r.frozen) {
      if (r.pools.empty()) {
        // A department made after the close: it had no pool then.
        BonusPoolSnapshot x;
        x.department_id = *department;
        if (const Department* d = tree.find(*department)) x.department_name = d->name;
        x.figures = bonus_pool_figures(0, 0, 0, load_tiers(repo, c.tenant_id));
        x.missing_json = "[]";
        x.frozen_at = c.closed_at.value_or(0);
        r.pools.push_back(std::move(x));
      }
      return r;
    }
  }
  r.pools = live_pools(repo, c, tree, department, false);
  return r;
}

Json pool_json(const BonusPoolSnapshot& x, Id cycle, bool frozen) {
  const BonusPoolFigures& f = x.figures;
  return Json{{"department_id", x.department_id},
              {"department_name", x.department_name},
              {"cycle_id", cycle},
              {"base_amount", f.base_amount},
              {"required", f.required},
              {"on_time", f.on_time},
              {"rate", f.rate},
              {"tier", Json{{"min_rate", f.tier.min_rate}, {"multiplier", f.tier.multiplier}}},
              {"amount", f.amount},
              {"frozen", frozen},
              {"frozen_at", frozen ? Json(format_rfc3339(x.frozen_at)) : Json(nullptr)}};
}

// The pools in an audit record: the figures without the missing lists.
Json pools_audit_json(const std::vector<BonusPoolSnapshot>& pools) {
  Json a = Json::array();
  for (const auto& x : pools)
    a.push_back(Json{{"department_id", x.department_id}, {"base_amount", x.figures.base_amount}, {"required", x.figures.required},
                     {"on_time", x.figures.on_time}, {"rate", x.figures.rate}, {"multiplier", x.figures.tier.multiplier},
                     {"amount", x.figures.amount}});
  return a;
}

}  // namespace

Result<Json> PerformanceService::create_cycle(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  PerformanceCycle c;
  FieldErrors errs;
  c.branch_id = read_required_id(body, "branch_id", errs).value_or(0);
  if (!body.contains("name") || !body["name"].is_string() || trim(body["name"].get<std::string>()).empty() ||
      utf8_length(body["name"].get<std::string>()) > 100)
    errs.add("name", "请填写周期名称（最长100字）", "name is required (max 100 characters)");
  else if (check_text_chars("name", body["name"].get_ref<const std::string&>(), TextKind::kSingleLine, errs))
    c.name = trim(body["name"].get<std::string>());
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

Result<Json> PerformanceService::create_template(const Principal& p, const Json& body) { return save_template(p, body, std::nullopt); }

Result<Json> PerformanceService::update_template(const Principal& p, Id id, const Json& body) { return save_template(p, body, id); }

// Create (no id) or replace (id) a template; either way every stored score of the cycle is recomputed.
Result<Json> PerformanceService::save_template(const Principal& p, const Json& body, std::optional<Id> id) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  if (id) {  // access to an existing template before its content is judged
    Status access = db_.read([&](Repo& repo) -> Status {
      auto cur = repo.template_by_id(p.tenant_id, *id);
      auto c = cur ? repo.cycle(p.tenant_id, cur->cycle_id) : std::nullopt;
      return c && administers_branch(p, c->branch_id) ? ok_status() : Status(Error::not_found());
    });
    if (!access) return std::move(access).error();
  }
  FieldErrors errs;
  PerformanceTemplate t;
  if (id) {
    // The cycle is the template's own; a cycle_id in the body is ignored.
  } else {
    t.cycle_id = read_required_id(body, "cycle_id", errs).value_or(0);
  }
  if (!body.contains("name") || !body["name"].is_string() || visible_char_count(body["name"].get<std::string>()) == 0 ||
      utf8_length(body["name"].get<std::string>()) > 100)
    errs.add("name", "请填写模板名称（最长100字）", "name is required (max 100 characters)");
  else if (check_text_chars("name", body["name"].get_ref<const std::string&>(), TextKind::kSingleLine, errs))
    t.name = trim(body["name"].get<std::string>());
  Json pop = body.contains("population") && body["population"].is_object() ? body["population"] : Json::object();
  Json clean{{"departments", Json::array()}, {"job_levels", Json::array()}, {"min_tenure_years", 0}};
  if (pop.contains("departments")) {
    if (!pop["departments"].is_array()) errs.add("population.departments", "应为部门ID数组", "must be an array of department ids");
    else
      for (const auto& d : pop["departments"]) {
        if (!is_json_id(d)) {
          add_id_type_error("population.departments", d, errs);
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
    std::optional<PerformanceTemplate> before;
    if (id) {
      before = repo.template_by_id(p.tenant_id, *id);
      if (!before) return Error::not_found();
      t.id = *id;
      t.cycle_id = before->cycle_id;
      t.created_at = before->created_at;
    }
    auto c = repo.cycle(p.tenant_id, t.cycle_id);
    if (!c || !can_see_branch(p, c->branch_id)) {
      if (id) return Error::not_found();
      return Error::validation("cycle_id", "考核周期不存在", "cycle not found");
    }
    if (!can_admin_branch(p, c->branch_id)) return Error::forbidden();
    for (const auto& d : clean["departments"]) {
      auto dep = repo.department(p.tenant_id, d.get<Id>());
      if (!dep || dep->branch_id != c->branch_id)
        return Error::validation("population.departments", "部门不存在或不属于本周期的分支机构: " + std::to_string(d.get<Id>()),
                                 "no such department in the cycle's branch: " + std::to_string(d.get<Id>()));
    }
    if (c->status != "open") return Error::named(ErrorCode::kConflict, "cycle_closed", "考核周期已关闭", "The cycle is closed");
    const UnixSeconds now = clock_.now();
    if (id) {
      repo.update_template(t);
      record_audit(repo, p, now, "update", "performance_template", t.id, c->branch_id, template_json(*before), template_json(t));
    } else {
      t.id = repo.insert_template(t);
      record_audit(repo, p, now, "create", "performance_template", t.id, c->branch_id, std::nullopt, template_json(t));
    }
    recompute_cycle(repo, *c, now, false);
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
  const UnixSeconds now = clock_.now();
  return db_.write([&](Repo& repo) -> Status {
    // Access first: the cycle (tenant, branch), the role; then the content.
    auto c = repo.cycle(p.tenant_id, cycle);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    if (!p.is_admin() && !p.has(Role::kManager)) return Error::forbidden();
    FieldErrors errs;
    Id employee = 0;
    std::string indicator;
    double value = 0;
    employee = read_required_id(body, "employee_id", errs).value_or(0);
    if (!body.contains("indicator") || !body["indicator"].is_string()) errs.add("indicator", "请指定指标名称", "indicator is required");
    else indicator = body["indicator"].get<std::string>();
    if (!body.contains("value") || !body["value"].is_number() || body["value"].get<double>() < 0 || body["value"].get<double>() > 100)
      errs.add("value", "数值应在0到100之间", "value must be between 0 and 100");
    else value = body["value"].get<double>();
    if (!errs.empty()) return std::move(errs).to_error();
    auto e = repo.employee(p.tenant_id, employee);
    OrgTree tree(repo.departments(p.tenant_id, false));
    if (!e || !scope_contains(employee_read_scope(p, tree), *e) || e->branch_id != c->branch_id)
      return Error::validation("employee_id", "员工不存在或不在本周期的分支机构", "employee not found in this cycle's branch");
    if (!p.is_admin() && p.employee_id == e->id) return Error::forbidden();  // a manager does not rate himself
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
    refresh_employee_scores(repo, p.tenant_id, employee, now);
    record_audit(repo, p, now, "update", "performance_manual", employee, c->branch_id, std::nullopt,
                 Json{{"cycle_id", cycle}, {"employee_id", employee}, {"indicator", indicator}, {"value", value}});
    return ok_status();
  });
}

Result<Json> PerformanceService::performance(const Principal& p, std::optional<Id> employee_id) {
  Json out{{"cycle", nullptr}, {"template", nullptr}, {"total", 0}, {"indicators", Json::array()}, {"pending", Json::array()},
           {"warnings", Json::array()}};
  const UnixSeconds now = clock_.now();
  const std::string today = local_date(now);
  Status st = db_.read([&](Repo& repo) -> Status {
    Id who = 0;
    if (!employee_id) {
      if (!p.employee_id) return Error::not_found();
      who = *p.employee_id;
    } else {
      who = *employee_id;
    }
    auto e = repo.employee(p.tenant_id, who);
    if (!e) return Error::not_found();
    std::optional<OrgTree> tree;
    if (employee_id) {
      tree.emplace(repo.departments(p.tenant_id, false));
      if (!scope_contains(employee_read_scope(p, *tree), *e)) return Error::not_found();
    }
    // The cycle of the employee's branch covering today (open first, else the closed one), with its score.
    std::vector<PerformanceCycle> covering;
    for (auto& c : repo.cycles(p.tenant_id, e->branch_id))
      if (today >= c.start_date && today <= c.end_date) covering.push_back(std::move(c));
    std::stable_sort(covering.begin(), covering.end(), [](const auto& a, const auto& b) { return a.status == "open" && b.status != "open"; });
    // Stored scores are current when the score consumer has seen every event; otherwise compute live.
    std::optional<bool> caught_up;
    for (const auto& c : covering) {
      Json detail;
      Id template_id = 0;
      std::string template_name;
      double total = 0;
      const bool open = c.status == "open";
      if (open && !caught_up) caught_up = repo.consumer_position("scores") >= repo.max_event_id();
      if (!open || *caught_up) {
        // Closed: the frozen snapshot; open and current: the stored row (none: not in the population).
        auto stored = repo.stored_score(p.tenant_id, c.id, who);
        if (!stored) continue;
        detail = Json::parse(stored->detail_json, nullptr, false);
        template_id = stored->template_id;
        template_name = stored->template_name;
        total = stored->total;
      } else {
        auto templates = repo.templates(p.tenant_id, c.id);
        if (templates.empty()) continue;
        if (!tree) tree.emplace(repo.departments(p.tenant_id, false));
        auto s = score_employee(repo, c, templates, *e, *tree, today);
        if (!s) continue;
        detail = score_detail_json(s->result);
        template_id = s->tmpl->id;
        template_name = s->tmpl->name;
        total = s->result.total;
      }
      out["cycle"] = cycle_json(c);
      out["template"] = Json{{"id", template_id}, {"name", template_name}};
      out["total"] = total;
      out["frozen"] = !open;
      if (detail.is_object())
        for (const char* k : {"indicators", "pending", "warnings"})
          if (detail.contains(k)) out[k] = detail[k];
      break;
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

// ---- cycle life: close, reopen, recompute; stored scores for payroll ----

Result<Json> PerformanceService::get_cycle(const Principal& p, Id id) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    out = cycle_json(*c);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> PerformanceService::recompute(const Principal& p, Id id) {
  if (!p.is_admin()) return Error::forbidden();
  Json out;
  const auto started = std::chrono::steady_clock::now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    if (!can_admin_branch(p, c->branch_id)) return Error::forbidden();
    if (c->status != "open") return Error::named(ErrorCode::kConflict, "cycle_closed", "考核周期已关闭，成绩已冻结", "The cycle is closed; its scores are frozen");
    const UnixSeconds now = clock_.now();
    out["employees"] = recompute_cycle(repo, *c, now, false);
    record_audit(repo, p, now, "recompute", "performance_cycle", c->id, c->branch_id, std::nullopt,
                 Json{{"employees", out["employees"]}});
    return ok_status();
  });
  if (!st) return std::move(st).error();
  out["millis"] = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  return out;
}

Result<Json> PerformanceService::close(const Principal& p, Id id) {
  if (!p.is_admin()) return Error::forbidden();
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    if (!can_admin_branch(p, c->branch_id)) return Error::forbidden();
    if (c->status != "open") return Error::named(ErrorCode::kConflict, "cycle_closed", "考核周期已关闭", "The cycle is already closed");
    Json before = cycle_json(*c);
    const int n = recompute_cycle(repo, *c, now, true);
    // The bonus pools freeze with the scores, in the same transaction.
    OrgTree tree(repo.departments(p.tenant_id, false));
    auto pools = live_pools(repo, *c, tree, std::nullopt, true);
    for (auto& x : pools) x.frozen_at = now;
    repo.replace_bonus_snapshots(p.tenant_id, c->id, pools);
    c->status = "closed";
    c->closed_at = now;
    repo.update_cycle(*c);
    out = cycle_json(*c);
    Json after = out;
    after["scores_frozen"] = n;
    after["bonus_pools"] = pools_audit_json(pools);
    record_audit(repo, p, now, "close", "performance_cycle", c->id, c->branch_id, before, after);
    award_quarter_badges(repo, *c, now);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> PerformanceService::reopen(const Principal& p, Id id, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  std::string reason = body.contains("reason") && body["reason"].is_string() ? trim(body["reason"].get<std::string>()) : "";
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    if (!can_admin_branch(p, c->branch_id)) return Error::forbidden();
    if (visible_char_count(reason) == 0 || utf8_length(reason) > 500)
      return Error::validation("reason", "重新开放需要填写原因（最长500字）", "reopening needs a reason (max 500 characters)");
    if (FieldErrors errs; !check_text_chars("reason", reason, TextKind::kMultiLine, errs)) return std::move(errs).to_error();
    if (c->status == "open") return Error::named(ErrorCode::kConflict, "cycle_open", "考核周期未关闭", "The cycle is not closed");
    Json before = cycle_json(*c);
    // The frozen pools are dropped (kept in this audit record); reads show live figures until the next close.
    before["bonus_pools"] = pools_audit_json(repo.bonus_snapshots(p.tenant_id, c->id, std::nullopt, false));
    repo.delete_bonus_snapshots(p.tenant_id, c->id);
    c->status = "open";
    c->reopen_reason = reason;
    repo.update_cycle(*c);
    repo.set_scores_frozen(p.tenant_id, c->id, false);
    recompute_cycle(repo, *c, now, false);
    out = cycle_json(*c);
    Json after = out;
    after["reason"] = reason;
    record_audit(repo, p, now, "reopen", "performance_cycle", c->id, c->branch_id, before, after);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

namespace {
// Departments a principal may see scores of (nullopt: all in the branch).
std::optional<std::vector<Id>> score_scope(const Principal& p, const OrgTree& tree, Id branch) {
  if (can_admin_branch(p, branch)) return std::nullopt;
  std::vector<Id> out;
  if (p.has(Role::kManager) && p.employee_id)
    for (const auto& d : tree.all())
      if (d.manager_id && *d.manager_id == *p.employee_id)
        for (Id s : tree.subtree(d.id)) out.push_back(s);
  return out;
}
Json stored_score_json(const StoredScore& s) {
  Json detail = Json::parse(s.detail_json, nullptr, false);
  return Json{{"employee_id", s.employee_id},
              {"employee_no", s.employee_no},
              {"name", s.name},
              {"department_id", s.department_id},
              {"department_name", s.department_name},
              {"template_id", s.template_id},
              {"template_name", s.template_name},
              {"total", s.total},
              {"indicators", detail.is_object() && detail.contains("indicators") ? detail["indicators"] : Json::array()},
              {"computed_at", format_rfc3339(s.computed_at)}};
}
}  // namespace

Result<Json> PerformanceService::scores(const Principal& p, Id id, std::optional<Id> department, const std::string& after_no, int limit) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    OrgTree tree(repo.departments(p.tenant_id, false));
    auto scope = score_scope(p, tree, c->branch_id);
    if (scope && scope->empty()) return Error::forbidden();
    std::optional<std::vector<Id>> depts = scope;
    if (department) {
      std::vector<Id> sub = tree.subtree(*department);
      if (scope) {
        std::vector<Id> both;
        for (Id d : sub)
          if (std::find(scope->begin(), scope->end(), d) != scope->end()) both.push_back(d);
        sub = both;
      }
      depts = sub;
    }
    auto rows = repo.stored_scores(p.tenant_id, id, depts, after_no, limit + 1);
    auto next = cut_page(rows, limit, [](const StoredScore& r) { return r.employee_no; });
    Json items = Json::array();
    for (const auto& r : rows) items.push_back(stored_score_json(r));
    out = Json{{"cycle", cycle_json(*c)}, {"frozen", c->status != "open"}, {"items", items},
               {"next_cursor", next ? Json(*next) : Json(nullptr)}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<ScoreTable> PerformanceService::scores_table(const Principal& p, Id id) {
  std::vector<StoredScore> rows;
  std::vector<Indicator> columns;
  std::string cycle_name;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    cycle_name = c->name;
    OrgTree tree(repo.departments(p.tenant_id, false));
    auto scope = score_scope(p, tree, c->branch_id);
    if (scope && scope->empty()) return Error::forbidden();
    rows = repo.stored_scores(p.tenant_id, id, scope, "", 1000000);
    for (const auto& t : repo.templates(p.tenant_id, id))
      for (const auto& i : template_indicators(t)) {
        bool seen = false;
        for (const auto& x : columns) seen = seen || x.name == i.name;
        if (!seen) columns.push_back(i);
      }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  std::vector<std::string> headers{"工号", "姓名", "部门", "考核模板"};
  for (const auto& i : columns) headers.push_back(i.name + "（" + std::to_string(static_cast<int>(i.weight)) + "%）");
  headers.push_back("总分");
  ScoreTable table;
  table.headers = headers;
  for (const auto& s : rows) {
    std::vector<ScoreTable::Cell> r{s.employee_no, s.name, s.department_name, s.template_name};
    Json detail = Json::parse(s.detail_json, nullptr, false);
    for (const auto& i : columns) {
      ScoreTable::Cell cell = std::string();
      if (detail.is_object() && detail["indicators"].is_array())
        for (const auto& x : detail["indicators"])
          if (x.value("name", "") == i.name) cell = x.value("raw", 0.0);
      r.push_back(cell);
    }
    r.push_back(s.total);
    table.rows.push_back(std::move(r));
  }
  return table;
}

Result<Json> PerformanceService::manual_list(const Principal& p, Id id, std::optional<Id> employee) {
  Json items = Json::array();
  Status st = db_.read([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    OrgTree tree(repo.departments(p.tenant_id, false));
    auto scope = employee_read_scope(p, tree);
    for (const auto& m : repo.manual_entries(p.tenant_id, id, employee)) {
      auto e = repo.employee(p.tenant_id, m.employee_id);
      if (!e || !scope_contains(scope, *e)) continue;
      items.push_back(Json{{"employee_id", m.employee_id}, {"employee_no", m.employee_no}, {"name", m.name},
                           {"indicator", m.indicator}, {"value", m.value}, {"updated_at", format_rfc3339(m.updated_at)}});
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}};
}

Result<Json> PerformanceService::manual_import(const Principal& p, Id id, std::string_view bytes, bool dry_run) {
  if (!p.is_admin()) return Error::forbidden();
  Status access = db_.read([&](Repo& repo) -> Status {  // the cycle first, then the file
    auto c = repo.cycle(p.tenant_id, id);
    return c && administers_branch(p, c->branch_id) ? ok_status() : Status(Error::not_found());
  });
  if (!access) return std::move(access).error();
  Json errors = Json::array();
  auto err = [&](int line, const std::string& field, const std::string& zh, const std::string& en) {
    errors.push_back(Json{{"line", line}, {"field", field}, {"message", zh}, {"message_en", en}});
  };
  auto text = to_utf8(bytes);
  if (!text) return Error::validation("file", "文件编码无法识别，请另存为UTF-8或GBK编码的CSV", "The file is neither UTF-8 nor GBK text");
  CsvParseResult csv = parse_csv(*text);
  if (!csv.ok) return Error::validation("file", "第" + std::to_string(csv.error_line) + "行引号未闭合", "Unterminated quoted field");
  if (csv.rows.empty()) return Error::validation("file", "文件为空，第一行应为表头：工号,指标,数值", "The file is empty; the header is employee_no,indicator,value");
  if (csv.rows.size() > 50001) return Error::validation("file", "行数超过上限 50000", "Too many rows (max 50000)");
  int col_no = -1, col_ind = -1, col_val = -1;
  const auto& header = csv.rows.front();
  for (size_t i = 0; i < header.cells.size(); ++i) {
    std::string h = trim(header.cells[i]);
    if (i == 0 && h.rfind("\xEF\xBB\xBF", 0) == 0) h = h.substr(3);
    if (h == "工号" || h == "employee_no") col_no = static_cast<int>(i);
    else if (h == "指标" || h == "indicator") col_ind = static_cast<int>(i);
    else if (h == "数值" || h == "value" || h == "分数") col_val = static_cast<int>(i);
  }
  if (col_no < 0 || col_ind < 0 || col_val < 0)
    return Error::validation("file", "表头应为：工号,指标,数值", "The header must be employee_no,indicator,value");
  int imported = 0;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, id);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    if (!can_admin_branch(p, c->branch_id)) return Error::forbidden();
    if (c->status != "open") return Error::named(ErrorCode::kConflict, "cycle_closed", "考核周期已关闭", "The cycle is closed");
    std::set<std::string> manual_names;
    for (const auto& t : repo.templates(p.tenant_id, id))
      for (const auto& i : template_indicators(t))
        if (i.kind == "manual") manual_names.insert(i.name);
    struct Row { Id employee; std::string indicator; double value; };
    std::vector<Row> rows;
    for (size_t r = 1; r < csv.rows.size(); ++r) {
      const auto& row = csv.rows[r];
      auto cell = [&](int i) { return i < static_cast<int>(row.cells.size()) ? trim(row.cells[i]) : std::string(); };
      if (cell(col_no).empty() && cell(col_ind).empty() && cell(col_val).empty()) continue;
      auto e = repo.employee_by_no(p.tenant_id, cell(col_no));
      if (!e || e->branch_id != c->branch_id) {
        err(row.line, "employee_no", "工号不存在或不属于该周期的分支机构：" + cell(col_no), "unknown employee_no in this branch: " + cell(col_no));
        continue;
      }
      if (!manual_names.count(cell(col_ind))) {
        err(row.line, "indicator", "该周期没有此手工指标：" + cell(col_ind), "no manual indicator of that name: " + cell(col_ind));
        continue;
      }
      const std::string v = cell(col_val);
      char* endp = nullptr;
      double value = std::strtod(v.c_str(), &endp);
      if (v.empty() || endp != v.c_str() + v.size() || !(value >= 0 && value <= 100)) {
        err(row.line, "value", "数值应在0到100之间：" + v, "value must be between 0 and 100: " + v);
        continue;
      }
      rows.push_back(Row{e->id, cell(col_ind), value});
    }
    if (!errors.empty() || dry_run) {
      imported = errors.empty() ? static_cast<int>(rows.size()) : 0;
      return ok_status();
    }
    std::set<Id> touched;
    for (const auto& r : rows) {
      repo.put_manual_value(p.tenant_id, id, r.employee, r.indicator, r.value, p.user_id, now);
      touched.insert(r.employee);
    }
    for (Id e : touched) refresh_employee_scores(repo, p.tenant_id, e, now);
    imported = static_cast<int>(rows.size());
    record_audit(repo, p, now, "import", "performance_manual", id, c->branch_id, std::nullopt,
                 Json{{"cycle_id", id}, {"rows", imported}});
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"dry_run", dry_run}, {"imported", imported}, {"errors", errors}};
}

// ---- team bonus pool ----

namespace {
// HR of the branch, or the head of the department or of one above it.
bool may_see_team(const Principal& p, const OrgTree& tree, Id branch, Id department) {
  if (can_admin_branch(p, branch)) return true;
  if (!p.has(Role::kManager) || !p.employee_id) return false;
  for (const Department* d = tree.find(department); d; d = d->parent_id ? tree.find(*d->parent_id) : nullptr)
    if (d->manager_id && *d->manager_id == *p.employee_id) return true;
  return false;
}
}  // namespace

Result<Json> PerformanceService::bonus_tiers(const Principal& p) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    out = bonus_tiers_json(load_tiers(repo, p.tenant_id));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> PerformanceService::set_bonus_tiers(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_tenant_admin()) return Error::forbidden();
  FieldErrors errs;
  auto tiers = parse_bonus_tiers(body, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  Json out = bonus_tiers_json(tiers);
  Status st = db_.write([&](Repo& repo) -> Status {
    Json before = bonus_tiers_json(load_tiers(repo, p.tenant_id));
    repo.put_tenant_setting(p.tenant_id, "bonus_tiers", out.dump());
    record_audit(repo, p, clock_.now(), "update", "bonus_tiers", p.tenant_id, std::nullopt, before, out);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> PerformanceService::bonus_pool(const Principal& p, Id department, Id cycle) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    // The department first (tenant, then scope), then the cycle it is asked for.
    OrgTree tree(repo.departments(p.tenant_id, false));
    const Department* d = tree.find(department);
    if (!d || !can_see_branch(p, d->branch_id)) return Error::not_found();
    if (!may_see_team(p, tree, d->branch_id, department)) return Error::forbidden();
    auto c = repo.cycle(p.tenant_id, cycle);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::validation("cycle", "考核周期不存在", "cycle not found");
    if (d->branch_id != c->branch_id) return Error::validation("cycle", "该部门不属于此考核周期的分支机构", "the department is not in the cycle's branch");
    PoolsRead r = read_pools(repo, *c, tree, department);
    if (r.pools.empty()) return Error::not_found();
    out = pool_json(r.pools.front(), cycle, r.frozen);
    Json m = Json::parse(r.pools.front().missing_json, nullptr, false);
    out["missing"] = m.is_array() ? m : Json::array();
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> PerformanceService::set_bonus_pool(const Principal& p, Id department, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  Status access = db_.read([&](Repo& repo) -> Status {  // the department first, then the content
    auto d = repo.department(p.tenant_id, department);
    return d && administers_branch(p, d->branch_id) ? ok_status() : Status(Error::not_found());
  });
  if (!access) return std::move(access).error();
  FieldErrors errs;
  Id cycle = 0;
  double base = 0;
  cycle = read_required_id(body, "cycle_id", errs).value_or(0);
  if (!body.contains("base_amount") || !body["base_amount"].is_number() || body["base_amount"].get<double>() < 0 ||
      body["base_amount"].get<double>() > 1e12)
    errs.add("base_amount", "基数应为不小于0的金额", "base_amount must be an amount of at least 0");
  else base = std::round(body["base_amount"].get<double>() * 100) / 100;
  if (!errs.empty()) return std::move(errs).to_error();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, cycle);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::validation("cycle_id", "考核周期不存在", "cycle not found");
    if (!can_admin_branch(p, c->branch_id)) return Error::forbidden();
    auto d = repo.department(p.tenant_id, department);
    if (!d) return Error::not_found();
    if (d->branch_id != c->branch_id) return Error::validation("cycle_id", "该部门不属于此考核周期的分支机构", "the department is not in the cycle's branch");
    if (c->status != "open") return Error::named(ErrorCode::kConflict, "cycle_closed", "考核周期已关闭", "The cycle is closed");
    repo.put_bonus_base(p.tenant_id, cycle, department, base, p.user_id, clock_.now());
    record_audit(repo, p, clock_.now(), "update", "bonus_pool", department, c->branch_id, std::nullopt,
                 Json{{"cycle_id", cycle}, {"department_id", department}, {"base_amount", base}});
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return bonus_pool(p, department, cycle);
}

Result<Json> PerformanceService::bonus_pools(const Principal& p, Id cycle) {
  Json items = Json::array();
  bool frozen = false;
  std::optional<std::string> frozen_at;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, cycle);
    if (!c || !can_see_branch(p, c->branch_id)) return Error::not_found();
    if (!can_admin_branch(p, c->branch_id)) return Error::forbidden();
    OrgTree tree(repo.departments(p.tenant_id, false));
    PoolsRead r = read_pools(repo, *c, tree, std::nullopt);
    frozen = r.frozen;
    if (frozen && !r.pools.empty()) frozen_at = format_rfc3339(r.pools.front().frozen_at);
    for (const auto& x : r.pools) items.push_back(pool_json(x, cycle, r.frozen));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}, {"frozen", frozen}, {"frozen_at", frozen_at ? Json(*frozen_at) : Json(nullptr)}};
}

Result<ScoreTable> PerformanceService::bonus_pools_table(const Principal& p, Id cycle) {
  auto pools = bonus_pools(p, cycle);
  if (!pools) return std::move(pools).error();
  ScoreTable table;
  table.headers = {"部门", "奖金基数", "应交心得", "按时提交", "按时提交率", "档位门槛", "系数", "奖金池金额", "数据"};
  for (const auto& x : (*pools)["items"]) {
    const std::string source = x["frozen"].get<bool>() ? "关闭时快照 " + x["frozen_at"].get<std::string>() : "实时";
    table.rows.push_back({x["department_name"].get<std::string>(), x["base_amount"].get<double>(),
                          static_cast<double>(x["required"].get<std::int64_t>()), static_cast<double>(x["on_time"].get<std::int64_t>()),
                          x["rate"].get<double>(), x["tier"]["min_rate"].get<double>(), x["tier"]["multiplier"].get<double>(),
                          x["amount"].get<double>(), source});
  }
  return table;
}

Result<Json> PerformanceService::department_ranking(const Principal& p, Id cycle) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto c = repo.cycle(p.tenant_id, cycle);
    if (!c || !can_see_branch(p, c->branch_id)) {
      // Employees see their own branch's cycles.
      if (!c || !p.employee_id) return Error::not_found();
      auto me = repo.employee(p.tenant_id, *p.employee_id);
      if (!me || me->branch_id != c->branch_id) return Error::not_found();
    }
    // The same counts as the bonus pools: frozen with them while the cycle is closed.
    OrgTree tree(repo.departments(p.tenant_id, false));
    PoolsRead pools = read_pools(repo, *c, tree, std::nullopt);
    std::vector<std::pair<const BonusPoolSnapshot*, TeamCounts>> rows;
    for (const auto& x : pools.pools)
      if (x.figures.required > 0) rows.emplace_back(&x, TeamCounts{x.figures.required, x.figures.on_time});
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      if (a.second.rate() != b.second.rate()) return a.second.rate() > b.second.rate();
      return a.second.required > b.second.required;
    });
    Json items = Json::array();
    int rank = 0;
    double prev = -1;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].second.rate() != prev) rank = static_cast<int>(i) + 1;
      prev = rows[i].second.rate();
      items.push_back(Json{{"rank", rank}, {"department_id", rows[i].first->department_id}, {"name", rows[i].first->department_name},
                           {"required", rows[i].second.required}, {"on_time", rows[i].second.on_time},
                           {"rate", std::round(rows[i].second.rate() * 10000) / 10000}});
    }
    out = Json{{"cycle", cycle_json(*c)}, {"frozen", pools.frozen}, {"items", items}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

}  // namespace luodi
