#include "app/score_engine.h"

#include <charconv>
#include <cstdio>
#include <unordered_map>

#include "core/time.h"

namespace luodi {

using Json = nlohmann::json;

std::pair<UnixSeconds, UnixSeconds> cycle_window(const PerformanceCycle& c) {
  return {local_midnight(c.start_date), local_midnight(c.end_date) + 86400};
}

std::string population_day(const PerformanceCycle& c, UnixSeconds now) {
  std::string today = local_date(now);
  return today > c.end_date ? c.end_date : today;
}

bool in_population(const Json& pop, const Employee& e, const OrgTree& tree, const std::string& today) {
  if (!pop.is_object()) return false;
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
    if (!e.hire_date || e.hire_date->size() < 10) return false;
    int years = std::stoi(today.substr(0, 4)) - std::stoi(e.hire_date->substr(0, 4));
    if (today.substr(5) < e.hire_date->substr(5)) --years;
    if (years < pop["min_tenure_years"].get<double>()) return false;
  }
  return true;
}

const PerformanceTemplate* template_for(const std::vector<PerformanceTemplate>& templates, const Employee& e, const OrgTree& tree,
                                        const std::string& today) {
  for (const auto& t : templates) {
    Json pop = Json::parse(t.population_json, nullptr, false);
    if (!pop.is_discarded() && in_population(pop, e, tree, today)) return &t;
  }
  return nullptr;
}

std::vector<Indicator> template_indicators(const PerformanceTemplate& t) {
  std::vector<Indicator> out;
  Json ind = Json::parse(t.indicators_json, nullptr, false);
  if (ind.is_array())
    for (const auto& i : ind) out.push_back(Indicator{i.value("kind", ""), i.value("name", ""), i.value("weight", 0.0)});
  return out;
}

namespace {
std::string points_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string x = buf;
  while (x.back() == '0') x.pop_back();
  if (x.back() == '.') x.pop_back();
  return x;
}
}  // namespace

namespace {
void put_str(std::string& out, std::string_view v) {
  out.push_back('"');
  for (char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}
void put_num(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ec == std::errc() ? end : buf);
}
void put_num(std::string& out, Id v) { out += std::to_string(v); }
}  // namespace

// Written directly (no JSON tree): a cycle recompute renders thousands of these.
std::string score_detail(const ScoreResult& score) {
  std::string out;
  out.reserve(256 + score.pending.size() * 200);
  out += "{\"indicators\":[";
  bool first = true;
  for (const auto& s : score.indicators) {
    if (!first) out.push_back(',');
    first = false;
    out += "{\"kind\":";
    put_str(out, s.indicator.kind);
    out += ",\"name\":";
    put_str(out, s.indicator.name);
    out += ",\"weight\":";
    put_num(out, s.indicator.weight);
    out += ",\"raw\":";
    put_num(out, s.raw);
    out += ",\"contribution\":";
    put_num(out, s.contribution);
    out.push_back('}');
  }
  out += "],\"pending\":[";
  first = true;
  for (const auto& pnd : score.pending) {
    if (!first) out.push_back(',');
    first = false;
    out += "{\"training_id\":";
    put_num(out, pnd.training_id);
    out += ",\"title\":";
    put_str(out, pnd.title);
    out += ",\"kind\":";
    put_str(out, pnd.kind);
    out += ",\"score_if_done\":";
    put_num(out, pnd.score_if_done);
    out += ",\"impact\":";
    put_num(out, pnd.impact);
    out.push_back('}');
  }
  out += "],\"warnings\":[";
  first = true;
  for (const auto& pnd : score.pending) {
    if (pnd.impact <= 0) continue;
    if (!first) out.push_back(',');
    first = false;
    const std::string x = points_text(pnd.impact);
    const bool exam = pnd.kind == "exam";
    out += "{\"training_id\":";
    put_num(out, pnd.training_id);
    out += ",\"kind\":";
    put_str(out, pnd.kind);
    out += ",\"impact\":";
    put_num(out, pnd.impact);
    out += ",\"message\":";
    put_str(out, "《" + pnd.title + "》" + (exam ? "考试未完成" : "心得未提交") + "将影响绩效 -" + x + " 分");
    out += ",\"message_en\":";
    put_str(out, std::string(exam ? "Exam" : "Reflection") + " missing for \"" + pnd.title + "\": costs " + x + " points of score");
    out.push_back('}');
  }
  out += "]}";
  return out;
}

Json score_detail_json(const ScoreResult& score) { return Json::parse(score_detail(score)); }

namespace {
ScoreInput input_for(const PerformanceTemplate& t, std::vector<RequiredTraining> trainings, const std::map<std::string, double>& manual) {
  ScoreInput in;
  in.indicators = template_indicators(t);
  in.trainings = std::move(trainings);
  in.manual = manual;
  return in;
}
}  // namespace

std::optional<EmployeeScore> score_employee(Repo& repo, const PerformanceCycle& c, const std::vector<PerformanceTemplate>& templates,
                                            const Employee& e, const OrgTree& tree, const std::string& today) {
  const PerformanceTemplate* t = template_for(templates, e, tree, today);
  if (!t) return std::nullopt;
  auto [from, to] = cycle_window(c);
  std::vector<RequiredTraining> trainings;
  for (auto& r : repo.cycle_requirements(c.tenant_id, from, to, e.id, std::nullopt)) trainings.push_back(std::move(r.training));
  std::map<std::string, double> manual;
  for (const auto& m : repo.manual_entries(c.tenant_id, c.id, e.id)) manual[m.indicator] = m.value;
  return EmployeeScore{t, compute_score(input_for(*t, std::move(trainings), manual))};
}

void refresh_scores(Repo& repo, Id tenant, const std::vector<Id>& employees, UnixSeconds now) {
  // Open cycles with templates per branch, and the department tree: loaded once for all these people.
  std::unordered_map<Id, std::vector<std::pair<PerformanceCycle, std::vector<PerformanceTemplate>>>> by_branch;
  std::optional<OrgTree> tree;
  for (Id employee : employees) {
    // The person's row lock (PostgreSQL; SQLite serialises writers) before their facts are read:
    // two refreshes of one person (a KPI write and the event pump) then run one after the other,
    // and the later one reads what the earlier committed instead of overwriting it with an older score.
    repo.lock_points(tenant, employee);
    auto e = repo.employee(tenant, employee);
    if (!e) continue;
    auto it = by_branch.find(e->branch_id);
    if (it == by_branch.end()) {
      std::vector<std::pair<PerformanceCycle, std::vector<PerformanceTemplate>>> open;
      for (auto& c : repo.cycles(tenant, e->branch_id)) {
        if (c.status != "open") continue;
        auto templates = repo.templates(tenant, c.id);
        if (!templates.empty()) open.emplace_back(std::move(c), std::move(templates));
      }
      it = by_branch.emplace(e->branch_id, std::move(open)).first;
    }
    for (const auto& [c, templates] : it->second) {
      auto existing = repo.stored_score(tenant, c.id, employee);
      if (existing && existing->frozen) continue;
      if (!tree) tree.emplace(repo.departments(tenant, false));
      auto s = e->status == "active" ? score_employee(repo, c, templates, *e, *tree, population_day(c, now)) : std::nullopt;
      if (!s) {
        if (existing) repo.delete_scores(tenant, c.id, employee);
        continue;
      }
      StoredScore row;
      row.tenant_id = tenant;
      row.cycle_id = c.id;
      row.employee_id = employee;
      row.template_id = s->tmpl->id;
      row.total = s->result.total;
      row.detail_json = score_detail(s->result);
      row.computed_at = now;
      repo.upsert_score(row);
    }
  }
}

void refresh_employee_scores(Repo& repo, Id tenant, Id employee, UnixSeconds now) { refresh_scores(repo, tenant, {employee}, now); }

int recompute_cycle(Repo& repo, const PerformanceCycle& c, UnixSeconds now, bool freeze) {
  const Id tenant = c.tenant_id;
  auto templates = repo.templates(tenant, c.id);
  repo.delete_scores(tenant, c.id, std::nullopt);
  if (templates.empty()) return 0;
  OrgTree tree(repo.departments(tenant, false));
  const std::string day = population_day(c, now);
  auto [from, to] = cycle_window(c);
  std::unordered_map<Id, std::vector<RequiredTraining>> facts;
  for (auto& r : repo.cycle_requirements(tenant, from, to, std::nullopt, c.branch_id)) facts[r.employee_id].push_back(std::move(r.training));
  std::unordered_map<Id, std::map<std::string, double>> manual;
  for (const auto& m : repo.manual_entries(tenant, c.id, std::nullopt)) manual[m.employee_id][m.indicator] = m.value;
  int stored = 0;
  StoredScore row;
  row.tenant_id = tenant;
  row.cycle_id = c.id;
  row.computed_at = now;
  row.frozen = freeze;
  std::vector<Json> populations;  // parsed once, not per employee
  std::vector<std::vector<Indicator>> indicators;
  for (const auto& t : templates) {
    populations.push_back(Json::parse(t.population_json, nullptr, false));
    indicators.push_back(template_indicators(t));
  }
  for (const auto& e : repo.active_employees(tenant, c.branch_id)) {
    size_t ti = templates.size();
    for (size_t i = 0; i < templates.size() && ti == templates.size(); ++i)
      if (!populations[i].is_discarded() && in_population(populations[i], e, tree, day)) ti = i;
    if (ti == templates.size()) continue;
    const PerformanceTemplate* t = &templates[ti];
    auto f = facts.find(e.id);
    auto m = manual.find(e.id);
    ScoreInput in;
    in.indicators = indicators[ti];
    if (f != facts.end()) in.trainings = std::move(f->second);
    if (m != manual.end()) in.manual = m->second;
    ScoreResult r = compute_score(in);
    row.employee_id = e.id;
    row.template_id = t->id;
    row.total = r.total;
    row.detail_json = score_detail(r);
    repo.upsert_score(row);
    ++stored;
  }
  return stored;
}

std::unordered_map<Id, TeamCounts> team_counts(Repo& repo, const PerformanceCycle& c, const OrgTree& tree, std::optional<Id> missing_of,
                                               std::vector<MissingItem>* missing,
                                               std::unordered_map<Id, std::vector<MissingItem>>* missing_by_department) {
  std::unordered_map<Id, TeamCounts> out;
  std::unordered_map<Id, Employee> people;
  for (auto& e : repo.active_employees(c.tenant_id, c.branch_id)) people.emplace(e.id, std::move(e));
  auto [from, to] = cycle_window(c);
  for (const auto& r : repo.cycle_requirements(c.tenant_id, from, to, std::nullopt, c.branch_id)) {
    if (!r.training.has_assignment) continue;
    auto it = people.find(r.employee_id);
    if (it == people.end()) continue;
    const bool ok = r.training.submitted_on_time;
    const MissingItem miss{r.employee_id, it->second.employee_no, it->second.name, r.training.training_id, r.training.title,
                           r.training.submitted};
    // The person's department and every department above it.
    for (const Department* d = tree.find(it->second.department_id); d; d = d->parent_id ? tree.find(*d->parent_id) : nullptr) {
      auto& t = out[d->id];
      ++t.required;
      if (ok) ++t.on_time;
      else if (missing_by_department) (*missing_by_department)[d->id].push_back(miss);
    }
    if (!ok && missing && missing_of && tree.is_in_subtree(*missing_of, it->second.department_id)) missing->push_back(miss);
  }
  return out;
}

}  // namespace luodi
