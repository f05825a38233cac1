// SQL of incentives: consumer cursors, tenant settings, points ledger.
#include "store/soci_repo.h"
#include "store/sql.h"
#include "store/sql_params.h"

namespace luodi {

using sql::p;
using sql::Param;
using sql::Row;
using namespace sql;


Id SociRepo::consumer_cursor(const std::string& consumer) {
  s_.exec("INSERT INTO consumer_cursors (consumer, last_event_id) VALUES (:c, 0) ON CONFLICT (consumer) DO NOTHING", {p("c", consumer)});
  auto rows = s_.query(s_.postgresql() ? "SELECT last_event_id FROM consumer_cursors WHERE consumer = :c FOR UPDATE"
                                       : "SELECT last_event_id FROM consumer_cursors WHERE consumer = :c",
                       {p("c", consumer)});
  return rows.empty() ? 0 : rows[0].i64(0);
}

void SociRepo::set_consumer_cursor(const std::string& consumer, Id last_event_id) {
  s_.exec("UPDATE consumer_cursors SET last_event_id = :l WHERE consumer = :c", {pid("l", last_event_id), p("c", consumer)});
}

std::vector<OutboxEvent> SociRepo::events_after(Id after_id, int limit) {
  std::vector<OutboxEvent> out;
  for (const auto& r : s_.query("SELECT id, tenant_id, kind, payload, created_at FROM outbox WHERE id > :a ORDER BY id LIMIT :l",
                                {pid("a", after_id), p("l", limit)}))
    out.push_back(OutboxEvent{r.i64(0), r.i64(1), r.str(2), r.str(3), r.i64(4)});
  return out;
}

std::optional<std::string> SociRepo::tenant_setting(Id tenant, const std::string& key) {
  auto rows = s_.query("SELECT value FROM tenant_settings WHERE tenant_id = :t AND key = :k", {pid("t", tenant), p("k", key)});
  if (rows.empty()) return std::nullopt;
  return rows[0].str(0);
}

void SociRepo::put_tenant_setting(Id tenant, const std::string& key, const std::string& value) {
  s_.exec("INSERT INTO tenant_settings (tenant_id, key, value) VALUES (:t, :k, :v) "
          "ON CONFLICT (tenant_id, key) DO UPDATE SET value = excluded.value",
          {pid("t", tenant), p("k", key), p("v", value)});
}

bool SociRepo::insert_points(const PointsEntry& e) {
  return s_.exec("INSERT INTO points_ledger (tenant_id, employee_id, amount, rule, source_key, reason, created_at, expires_at, "
                 "created_by) VALUES (:t, :e, :a, :r, :s, :reason, :c, :x, :by) "
                 "ON CONFLICT (tenant_id, employee_id, rule, source_key) DO NOTHING",
                 {pid("t", e.tenant_id), pid("e", e.employee_id), p("a", e.amount), p("r", e.rule), p("s", e.source_key),
                  p("reason", e.reason), p("c", static_cast<long long>(e.created_at)),
                  e.expires_at ? p("x", static_cast<long long>(*e.expires_at)) : Param{"x", std::monostate{}},
                  pid("by", e.created_by)}) > 0;
}

std::optional<Id> SociRepo::points_entry_id(Id tenant, Id employee, const std::string& rule, const std::string& source_key) {
  auto rows = s_.query("SELECT id FROM points_ledger WHERE tenant_id = :t AND employee_id = :e AND rule = :r AND source_key = :s",
                       {pid("t", tenant), pid("e", employee), p("r", rule), p("s", source_key)});
  if (rows.empty()) return std::nullopt;
  return rows[0].i64(0);
}

std::int64_t SociRepo::points_balance(Id tenant, Id employee, UnixSeconds now) {
  // Expired awards are taken out by explicit `expiry` entries (domain/points_ledger.h),
  // so the balance is the plain sum and never goes below zero.
  (void)now;
  return s_.query_i64("SELECT COALESCE(SUM(amount), 0) FROM points_ledger WHERE tenant_id = :t AND employee_id = :e",
                      {pid("t", tenant), pid("e", employee)});
}

std::vector<PointsEntry> SociRepo::points_entries(Id tenant, Id employee, Id before_id, int limit) {
  std::vector<PointsEntry> out;
  std::string text = "SELECT id, tenant_id, employee_id, amount, rule, source_key, reason, created_at, expires_at, created_by "
                     "FROM points_ledger WHERE tenant_id = :t AND employee_id = :e AND amount <> 0";
  std::vector<Param> params{pid("t", tenant), pid("e", employee)};
  if (before_id > 0) {
    text += " AND id < :b";
    params.push_back(pid("b", before_id));
  }
  text += " ORDER BY id DESC LIMIT :l";
  params.push_back(p("l", limit));
  for (const auto& r : s_.query(text, params)) {
    PointsEntry e;
    e.id = r.i64(0);
    e.tenant_id = r.i64(1);
    e.employee_id = r.i64(2);
    e.amount = static_cast<int>(r.i64(3));
    e.rule = r.str(4);
    e.source_key = r.str(5);
    e.reason = r.str(6);
    e.created_at = r.i64(7);
    if (!r.null(8)) e.expires_at = r.i64(8);
    if (!r.null(9)) e.created_by = r.i64(9);
    out.push_back(std::move(e));
  }
  return out;
}

Id SociRepo::insert_cycle(const PerformanceCycle& c) {
  return s_.query_i64("INSERT INTO performance_cycles (tenant_id, branch_id, name, period, start_date, end_date, status, created_at) "
                      "VALUES (:t, :b, :n, :p, :s, :e, :st, :c) RETURNING id",
                      {pid("t", c.tenant_id), pid("b", c.branch_id), p("n", c.name), p("p", c.period), p("s", c.start_date),
                       p("e", c.end_date), p("st", c.status), p("c", static_cast<long long>(c.created_at))});
}

namespace {
const char* kCycleCols = "id, tenant_id, branch_id, name, period, start_date, end_date, status, created_at, closed_at, reopen_reason";
PerformanceCycle cycle_of(const Row& r) {
  PerformanceCycle c{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7), r.i64(8)};
  c.closed_at = opt_time(r, 9);
  if (!r.null(10)) c.reopen_reason = r.str(10);
  return c;
}
}  // namespace

std::optional<PerformanceCycle> SociRepo::cycle(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kCycleCols + " FROM performance_cycles WHERE tenant_id = :t AND id = :id",
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return cycle_of(rows[0]);
}

std::vector<PerformanceCycle> SociRepo::cycles(Id tenant, std::optional<Id> branch) {
  std::string text = std::string("SELECT ") + kCycleCols + " FROM performance_cycles WHERE tenant_id = :t";
  std::vector<Param> params{pid("t", tenant)};
  if (branch) {
    text += " AND branch_id = :b";
    params.push_back(pid("b", *branch));
  }
  text += " ORDER BY start_date DESC, id DESC";
  std::vector<PerformanceCycle> out;
  for (const auto& r : s_.query(text, params)) out.push_back(cycle_of(r));
  return out;
}

Id SociRepo::insert_template(const PerformanceTemplate& t) {
  return s_.query_i64("INSERT INTO performance_templates (tenant_id, cycle_id, name, population_json, indicators_json, created_at) "
                      "VALUES (:t, :c, :n, :p, :i, :at) RETURNING id",
                      {pid("t", t.tenant_id), pid("c", t.cycle_id), p("n", t.name), p("p", t.population_json),
                       p("i", t.indicators_json), p("at", static_cast<long long>(t.created_at))});
}

std::optional<PerformanceTemplate> SociRepo::template_by_id(Id tenant, Id id) {
  auto rows = s_.query("SELECT id, tenant_id, cycle_id, name, population_json, indicators_json, created_at FROM performance_templates "
                       "WHERE tenant_id = :t AND id = :id",
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return PerformanceTemplate{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.i64(6)};
}

void SociRepo::update_template(const PerformanceTemplate& t) {
  s_.exec("UPDATE performance_templates SET name = :n, population_json = :p, indicators_json = :i WHERE tenant_id = :t AND id = :id",
          {p("n", t.name), p("p", t.population_json), p("i", t.indicators_json), pid("t", t.tenant_id), pid("id", t.id)});
}

std::vector<PerformanceTemplate> SociRepo::templates(Id tenant, Id cycle) {
  std::vector<PerformanceTemplate> out;
  for (const auto& r : s_.query("SELECT id, tenant_id, cycle_id, name, population_json, indicators_json, created_at FROM "
                                "performance_templates WHERE tenant_id = :t AND cycle_id = :c ORDER BY id",
                                {pid("t", tenant), pid("c", cycle)}))
    out.push_back(PerformanceTemplate{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.i64(6)});
  return out;
}

void SociRepo::put_manual_value(Id tenant, Id cycle, Id employee, const std::string& indicator, double value, Id by,
                                UnixSeconds at) {
  s_.exec("INSERT INTO performance_manual (tenant_id, cycle_id, employee_id, indicator, value, updated_by, updated_at) "
          "VALUES (:t, :c, :e, :i, :v, :by, :at) ON CONFLICT (tenant_id, cycle_id, employee_id, indicator) DO UPDATE SET "
          "value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
          {pid("t", tenant), pid("c", cycle), pid("e", employee), p("i", indicator), p("v", value), pid("by", by),
           p("at", static_cast<long long>(at))});
}

std::vector<std::pair<std::string, double>> SociRepo::manual_values(Id tenant, Id cycle, Id employee) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& r : s_.query("SELECT indicator, value FROM performance_manual WHERE tenant_id = :t AND cycle_id = :c AND "
                                "employee_id = :e",
                                {pid("t", tenant), pid("c", cycle), pid("e", employee)}))
    out.emplace_back(r.str(0), r.f64(1));
  return out;
}

std::vector<std::pair<Id, double>> SociRepo::best_exam_scores(Id tenant, Id employee) {
  std::vector<std::pair<Id, double>> out;
  for (const auto& r : s_.query("SELECT x.training_id, MAX(a.score) FROM exam_attempts a JOIN exams x ON x.tenant_id = a.tenant_id "
                                "AND x.id = a.exam_id WHERE a.tenant_id = :t AND a.employee_id = :e AND a.status = 'graded' "
                                "GROUP BY x.training_id",
                                {pid("t", tenant), pid("e", employee)}))
    out.emplace_back(r.i64(0), r.f64(1));
  return out;
}

std::vector<Id> SociRepo::trainings_with_exam(Id tenant, const std::vector<Id>& trainings) {
  std::vector<Id> out;
  if (trainings.empty()) return out;
  std::vector<Param> params{pid("t", tenant)};
  const std::string list = in_list("x", trainings, params);
  for (const auto& r : s_.query("SELECT training_id FROM exams WHERE tenant_id = :t AND training_id IN (" + list + ")", params))
    out.push_back(r.i64(0));
  return out;
}

}  // namespace luodi
