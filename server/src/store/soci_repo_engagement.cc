// SQL of the second half of incentives: score facts in bulk, stored scores,
// bonus pools, likes, points expiry, leaderboards, notifications, badges.
#include <unordered_map>

#include "store/soci_repo.h"
#include "store/sql.h"
#include "store/sql_params.h"

namespace luodi {

using sql::p;
using sql::Param;
using sql::Row;
using namespace sql;

namespace {
// Required, published trainings with a session starting in [:f, :to).
const char* kRequiredInRange =
    "SELECT DISTINCT rt.id FROM trainings rt JOIN training_sessions rs ON rs.tenant_id = rt.tenant_id AND rs.training_id = rt.id "
    "WHERE rt.tenant_id = :t AND rt.status = 'published' AND rt.required <> 0 AND rs.start_at >= :f AND rs.start_at < :to";
}  // namespace

Id SociRepo::consumer_position(const std::string& consumer) {
  auto rows = s_.query("SELECT last_event_id FROM consumer_cursors WHERE consumer = :c", {p("c", consumer)});
  return rows.empty() ? 0 : rows[0].i64(0);
}

Id SociRepo::max_event_id() { return s_.query_i64("SELECT COALESCE(MAX(id), 0) FROM outbox"); }

std::vector<CycleRequirement> SociRepo::cycle_requirements(Id tenant, UnixSeconds from, UnixSeconds to, std::optional<Id> employee,
                                                          std::optional<Id> branch) {
  std::vector<Param> params{pid("t", tenant), p("f", static_cast<long long>(from)), p("to", static_cast<long long>(to))};
  if (employee) params.push_back(pid("e", *employee));
  const std::vector<Param> training_params = params;  // the trainings query does not look at people
  if (branch && !employee) params.push_back(pid("br", *branch));
  // For one person, only the trainings they are enrolled in (index enrollments_employee_training).
  const std::string req = std::string(kRequiredInRange) +
                          (employee ? " AND rt.id IN (SELECT me.training_id FROM enrollments me WHERE me.tenant_id = :t AND me.employee_id = :e)" : "");
  auto emp_filter = [&](const std::string& col) {
    if (employee) return " AND " + col + " = :e";
    if (branch) return " AND " + col + " IN (SELECT be.id FROM employees be WHERE be.tenant_id = :t AND be.branch_id = :br)";
    return std::string();
  };

  struct TrainingInfo {
    std::string title;
    bool has_assignment = false;
    bool has_exam = false;
    std::vector<Id> sessions;
  };
  std::unordered_map<Id, TrainingInfo> trainings;
  std::unordered_map<Id, Id> session_training;
  std::string q1 =
      "SELECT t.id, t.title, CASE WHEN t.assignment_json IS NULL THEN 0 ELSE 1 END, s.id, "
      "(SELECT COUNT(*) FROM exams x WHERE x.tenant_id = t.tenant_id AND x.training_id = t.id) "
      "FROM trainings t JOIN training_sessions s ON s.tenant_id = t.tenant_id AND s.training_id = t.id "
      "WHERE t.tenant_id = :t AND t.status = 'published' AND t.required <> 0 AND s.start_at >= :f AND s.start_at < :to";
  if (employee) q1 += " AND t.id IN (SELECT me.training_id FROM enrollments me WHERE me.tenant_id = :t AND me.employee_id = :e)";
  for (const auto& r : s_.query(q1, training_params)) {
    auto& info = trainings[r.i64(0)];
    info.title = r.str(1);
    info.has_assignment = r.i64(2) != 0;
    info.has_exam = r.i64(4) > 0;
    info.sessions.push_back(r.i64(3));
    session_training[r.i64(3)] = r.i64(0);
  }
  std::vector<CycleRequirement> out;
  if (trainings.empty()) return out;

  // (employee, training) → index into out.
  auto key = [](Id e, Id t) { return (static_cast<unsigned long long>(e) << 32) ^ static_cast<unsigned long long>(t); };
  std::unordered_map<unsigned long long, size_t> index;
  for (const auto& r : s_.query("SELECT en.employee_id, en.training_id FROM enrollments en WHERE en.tenant_id = :t AND "
                                "en.training_id IN (" + req + ")" + emp_filter("en.employee_id") + " ORDER BY en.employee_id, en.training_id",
                                params)) {
    auto it = trainings.find(r.i64(1));
    if (it == trainings.end()) continue;
    CycleRequirement c;
    c.employee_id = r.i64(0);
    c.training.training_id = r.i64(1);
    c.training.title = it->second.title;
    c.training.sessions = static_cast<int>(it->second.sessions.size());
    c.training.has_assignment = it->second.has_assignment;
    c.training.has_exam = it->second.has_exam;
    index[key(c.employee_id, c.training.training_id)] = out.size();
    out.push_back(std::move(c));
  }
  for (const auto& r : s_.query("SELECT a.session_id, a.employee_id FROM attendance a JOIN training_sessions s ON s.tenant_id = "
                                "a.tenant_id AND s.id = a.session_id JOIN trainings t ON t.tenant_id = s.tenant_id AND t.id = "
                                "s.training_id WHERE a.tenant_id = :t AND a.present <> 0 AND t.status = 'published' AND t.required "
                                "<> 0 AND s.start_at >= :f AND s.start_at < :to" + emp_filter("a.employee_id"),
                                params)) {
    auto st = session_training.find(r.i64(0));
    if (st == session_training.end()) continue;
    auto it = index.find(key(r.i64(1), st->second));
    if (it != index.end()) ++out[it->second].training.attended;
  }
  for (const auto& r : s_.query("SELECT training_id, employee_id, status, late, score FROM submissions WHERE tenant_id = :t AND "
                                "training_id IN (" + req + ")" + emp_filter("employee_id"),
                                params)) {
    auto it = index.find(key(r.i64(1), r.i64(0)));
    if (it == index.end()) continue;
    RequiredTraining& rt = out[it->second].training;
    const std::string status = r.str(2);
    rt.submitted = status == "submitted" || status == "late" || status == "reviewed";
    rt.submitted_on_time = rt.submitted && r.i64(3) == 0;
    if (status == "reviewed" && !r.null(4)) rt.review_score = r.f64(4);
  }
  for (const auto& r : s_.query("SELECT x.training_id, a.employee_id, MAX(a.score) FROM exams x JOIN exam_attempts a ON a.tenant_id = "
                                "x.tenant_id AND a.exam_id = x.id WHERE x.tenant_id = :t AND a.status = 'graded' AND x.training_id IN (" +
                                    req + ")" + emp_filter("a.employee_id") + " GROUP BY x.training_id, a.employee_id",
                                params)) {
    auto it = index.find(key(r.i64(1), r.i64(0)));
    if (it != index.end() && !r.null(2)) out[it->second].training.best_exam_score = r.f64(2);
  }
  return out;
}

void SociRepo::update_cycle(const PerformanceCycle& c) {
  s_.exec("UPDATE performance_cycles SET name = :n, status = :st, closed_at = :ca, reopen_reason = :rr WHERE tenant_id = :t AND id = :id",
          {p("n", c.name), p("st", c.status), pt("ca", c.closed_at),
           c.reopen_reason.empty() ? Param{"rr", std::monostate{}} : p("rr", c.reopen_reason), pid("t", c.tenant_id), pid("id", c.id)});
}

std::vector<ManualValue> SociRepo::manual_entries(Id tenant, Id cycle, std::optional<Id> employee) {
  std::string text = "SELECT m.employee_id, m.indicator, m.value, m.updated_at, e.employee_no, e.name FROM performance_manual m "
                     "JOIN employees e ON e.tenant_id = m.tenant_id AND e.id = m.employee_id WHERE m.tenant_id = :t AND m.cycle_id = :c";
  std::vector<Param> params{pid("t", tenant), pid("c", cycle)};
  if (employee) {
    text += " AND m.employee_id = :e";
    params.push_back(pid("e", *employee));
  }
  text += " ORDER BY e.employee_no, m.indicator";
  std::vector<ManualValue> out;
  for (const auto& r : s_.query(text, params)) out.push_back(ManualValue{r.i64(0), r.str(1), r.f64(2), r.i64(3), r.str(4), r.str(5)});
  return out;
}

std::vector<Employee> SociRepo::active_employees(Id tenant, std::optional<Id> branch) {
  std::string text = "SELECT id, employee_no, name, branch_id, department_id, job_level, hire_date, manager_id FROM employees "
                     "WHERE tenant_id = :t AND status = 'active'";
  std::vector<Param> params{pid("t", tenant)};
  if (branch) {
    text += " AND branch_id = :b";
    params.push_back(pid("b", *branch));
  }
  text += " ORDER BY id";
  std::vector<Employee> out;
  for (const auto& r : s_.query(text, params)) {
    Employee e;
    e.id = r.i64(0);
    e.tenant_id = tenant;
    e.employee_no = r.str(1);
    e.name = r.str(2);
    e.branch_id = r.i64(3);
    e.department_id = r.i64(4);
    e.job_level = r.opt_str(5);
    e.hire_date = r.opt_str(6);
    e.manager_id = opt_id(r, 7);
    out.push_back(std::move(e));
  }
  return out;
}

void SociRepo::upsert_score(const StoredScore& s) {
  s_.exec("INSERT INTO performance_scores (tenant_id, cycle_id, employee_id, template_id, total, detail_json, computed_at, frozen) "
          "VALUES (:t, :c, :e, :tp, :tot, :d, :at, :f) ON CONFLICT (tenant_id, cycle_id, employee_id) DO UPDATE SET "
          "template_id = excluded.template_id, total = excluded.total, detail_json = excluded.detail_json, "
          "computed_at = excluded.computed_at, frozen = excluded.frozen",
          {pid("t", s.tenant_id), pid("c", s.cycle_id), pid("e", s.employee_id), pid("tp", s.template_id), p("tot", s.total),
           p("d", s.detail_json), p("at", static_cast<long long>(s.computed_at)), p("f", s.frozen ? 1 : 0)});
}

void SociRepo::delete_scores(Id tenant, Id cycle, std::optional<Id> employee) {
  if (employee)
    s_.exec("DELETE FROM performance_scores WHERE tenant_id = :t AND cycle_id = :c AND employee_id = :e",
            {pid("t", tenant), pid("c", cycle), pid("e", *employee)});
  else
    s_.exec("DELETE FROM performance_scores WHERE tenant_id = :t AND cycle_id = :c", {pid("t", tenant), pid("c", cycle)});
}

namespace {
const char* kScoreSelect =
    "SELECT s.tenant_id, s.cycle_id, s.employee_id, s.template_id, s.total, s.detail_json, s.computed_at, s.frozen, "
    "e.employee_no, e.name, COALESCE(d.name, ''), COALESCE(tp.name, ''), e.department_id FROM performance_scores s "
    "JOIN employees e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id "
    "LEFT JOIN departments d ON d.tenant_id = e.tenant_id AND d.id = e.department_id "
    "LEFT JOIN performance_templates tp ON tp.tenant_id = s.tenant_id AND tp.id = s.template_id ";
StoredScore score_of(const Row& r) {
  StoredScore s;
  s.tenant_id = r.i64(0);
  s.cycle_id = r.i64(1);
  s.employee_id = r.i64(2);
  s.template_id = r.i64(3);
  s.total = r.f64(4);
  s.detail_json = r.str(5);
  s.computed_at = r.i64(6);
  s.frozen = r.i64(7) != 0;
  s.employee_no = r.str(8);
  s.name = r.str(9);
  s.department_name = r.str(10);
  s.template_name = r.str(11);
  s.department_id = r.i64(12);
  return s;
}
}  // namespace

std::optional<StoredScore> SociRepo::stored_score(Id tenant, Id cycle, Id employee) {
  auto rows = s_.query(std::string(kScoreSelect) + "WHERE s.tenant_id = :t AND s.cycle_id = :c AND s.employee_id = :e",
                       {pid("t", tenant), pid("c", cycle), pid("e", employee)});
  if (rows.empty()) return std::nullopt;
  return score_of(rows[0]);
}

std::vector<StoredScore> SociRepo::stored_scores(Id tenant, Id cycle, const std::optional<std::vector<Id>>& department_ids,
                                                 const std::string& after_no, int limit) {
  std::vector<StoredScore> out;
  if (department_ids && department_ids->empty()) return out;
  std::vector<Param> params{pid("t", tenant), pid("c", cycle), p("a", after_no), p("l", limit)};
  std::string text = std::string(kScoreSelect) + "WHERE s.tenant_id = :t AND s.cycle_id = :c AND e.employee_no > :a";
  if (department_ids) text += " AND e.department_id IN (" + in_list("d", *department_ids, params) + ")";
  text += " ORDER BY e.employee_no LIMIT :l";
  for (const auto& r : s_.query(text, params)) out.push_back(score_of(r));
  return out;
}

void SociRepo::set_scores_frozen(Id tenant, Id cycle, bool frozen) {
  s_.exec("UPDATE performance_scores SET frozen = :f WHERE tenant_id = :t AND cycle_id = :c",
          {p("f", frozen ? 1 : 0), pid("t", tenant), pid("c", cycle)});
}

std::vector<std::pair<Id, double>> SociRepo::bonus_bases(Id tenant, Id cycle) {
  std::vector<std::pair<Id, double>> out;
  for (const auto& r : s_.query("SELECT department_id, base_amount FROM bonus_pools WHERE tenant_id = :t AND cycle_id = :c",
                                {pid("t", tenant), pid("c", cycle)}))
    out.emplace_back(r.i64(0), r.f64(1));
  return out;
}

void SociRepo::put_bonus_base(Id tenant, Id cycle, Id department, double amount, Id by, UnixSeconds at) {
  s_.exec("INSERT INTO bonus_pools (tenant_id, cycle_id, department_id, base_amount, updated_by, updated_at) VALUES "
          "(:t, :c, :d, :a, :by, :at) ON CONFLICT (tenant_id, cycle_id, department_id) DO UPDATE SET "
          "base_amount = excluded.base_amount, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
          {pid("t", tenant), pid("c", cycle), pid("d", department), p("a", amount), pid("by", by), p("at", static_cast<long long>(at))});
}

void SociRepo::replace_bonus_snapshots(Id tenant, Id cycle, const std::vector<BonusPoolSnapshot>& rows) {
  delete_bonus_snapshots(tenant, cycle);
  long long position = 0;
  for (const auto& x : rows) {
    const BonusPoolFigures& f = x.figures;
    s_.exec("INSERT INTO bonus_pool_snapshots (tenant_id, cycle_id, department_id, position, department_name, base_amount, required, "
            "on_time, rate, tier_min_rate, multiplier, amount, missing_json, frozen_at) VALUES (:t, :c, :d, :pos, :n, :b, :rq, :ot, :r, "
            ":tm, :m, :a, :mj, :at)",
            {pid("t", tenant), pid("c", cycle), pid("d", x.department_id), p("pos", position++), p("n", x.department_name),
             p("b", f.base_amount),
             p("rq", static_cast<long long>(f.required)), p("ot", static_cast<long long>(f.on_time)), p("r", f.rate),
             p("tm", f.tier.min_rate), p("m", f.tier.multiplier), p("a", f.amount), p("mj", x.missing_json),
             p("at", static_cast<long long>(x.frozen_at))});
  }
}

void SociRepo::delete_bonus_snapshots(Id tenant, Id cycle) {
  s_.exec("DELETE FROM bonus_pool_snapshots WHERE tenant_id = :t AND cycle_id = :c", {pid("t", tenant), pid("c", cycle)});
}

std::vector<BonusPoolSnapshot> SociRepo::bonus_snapshots(Id tenant, Id cycle, std::optional<Id> department, bool with_missing) {
  std::string text = std::string("SELECT department_id, department_name, base_amount, required, on_time, rate, tier_min_rate, multiplier, "
                                 "amount, frozen_at, ") +
                     (with_missing ? "missing_json" : "''") + " FROM bonus_pool_snapshots WHERE tenant_id = :t AND cycle_id = :c";
  std::vector<Param> params{pid("t", tenant), pid("c", cycle)};
  if (department) {
    text += " AND department_id = :d";
    params.push_back(pid("d", *department));
  }
  text += " ORDER BY position";
  std::vector<BonusPoolSnapshot> out;
  for (const auto& r : s_.query(text, params)) {
    BonusPoolSnapshot x;
    x.department_id = r.i64(0);
    x.department_name = r.str(1);
    x.figures.base_amount = r.f64(2);
    x.figures.required = r.i64(3);
    x.figures.on_time = r.i64(4);
    x.figures.rate = r.f64(5);
    x.figures.tier = BonusTier{r.f64(6), r.f64(7)};
    x.figures.amount = r.f64(8);
    x.frozen_at = r.i64(9);
    x.missing_json = r.str(10);
    out.push_back(std::move(x));
  }
  return out;
}

bool SociRepo::insert_like(Id tenant, Id submission, Id employee, UnixSeconds at) {
  return s_.exec("INSERT INTO submission_likes (tenant_id, submission_id, employee_id, created_at) VALUES (:t, :s, :e, :at) "
                 "ON CONFLICT (tenant_id, submission_id, employee_id) DO NOTHING",
                 {pid("t", tenant), pid("s", submission), pid("e", employee), p("at", static_cast<long long>(at))}) > 0;
}

bool SociRepo::delete_like(Id tenant, Id submission, Id employee) {
  return s_.exec("DELETE FROM submission_likes WHERE tenant_id = :t AND submission_id = :s AND employee_id = :e",
                 {pid("t", tenant), pid("s", submission), pid("e", employee)}) > 0;
}

std::int64_t SociRepo::count_likes(Id tenant, Id submission) {
  return s_.query_i64("SELECT COUNT(*) FROM submission_likes WHERE tenant_id = :t AND submission_id = :s",
                      {pid("t", tenant), pid("s", submission)});
}

std::vector<ReflectionRow> SociRepo::reflections(Id tenant, Id training, Id viewer, int offset, int limit) {
  std::vector<ReflectionRow> out;
  for (const auto& r : s_.query(
           "SELECT s.id, s.employee_id, e.name, COALESCE(d.name, ''), s.text, s.excellent, s.submitted_at, "
           "(SELECT COUNT(*) FROM submission_likes l WHERE l.tenant_id = s.tenant_id AND l.submission_id = s.id), "
           "(SELECT COUNT(*) FROM submission_likes l WHERE l.tenant_id = s.tenant_id AND l.submission_id = s.id AND l.employee_id = :v) "
           "FROM submissions s JOIN employees e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id "
           "LEFT JOIN departments d ON d.tenant_id = e.tenant_id AND d.id = e.department_id "
           "WHERE s.tenant_id = :t AND s.training_id = :tr AND s.status IN ('submitted', 'late', 'reviewed') "
           "ORDER BY s.excellent DESC, s.submitted_at DESC, s.id DESC LIMIT :l OFFSET :o",
           {pid("t", tenant), pid("tr", training), pid("v", viewer), p("l", limit), p("o", offset)})) {
    ReflectionRow row;
    row.submission_id = r.i64(0);
    row.employee_id = r.i64(1);
    row.name = r.str(2);
    row.department_name = r.str(3);
    row.text = r.str(4);
    row.excellent = r.i64(5) != 0;
    row.submitted_at = opt_time(r, 6);
    row.likes = r.i64(7);
    row.liked_by_me = r.i64(8) > 0;
    out.push_back(std::move(row));
  }
  return out;
}

std::int64_t SociRepo::points_of_rule_since(Id tenant, Id employee, const std::string& rule, UnixSeconds since) {
  return s_.query_i64("SELECT COALESCE(SUM(amount), 0) FROM points_ledger WHERE tenant_id = :t AND employee_id = :e AND rule = :r "
                      "AND created_at >= :s",
                      {pid("t", tenant), pid("e", employee), p("r", rule), p("s", static_cast<long long>(since))});
}

std::vector<std::pair<Id, std::int64_t>> SociRepo::points_earned(Id tenant, UnixSeconds from, UnixSeconds to) {
  std::vector<std::pair<Id, std::int64_t>> out;
  for (const auto& r : s_.query("SELECT employee_id, SUM(amount) FROM points_ledger WHERE tenant_id = :t AND created_at >= :f AND "
                                "created_at < :to AND amount > 0 AND rule <> 'expiry' GROUP BY employee_id",
                                {pid("t", tenant), p("f", static_cast<long long>(from)), p("to", static_cast<long long>(to))}))
    out.emplace_back(r.i64(0), r.i64(1));
  return out;
}

std::vector<std::pair<Id, Id>> SociRepo::employees_with_expired_lots(UnixSeconds now, int limit) {
  std::vector<std::pair<Id, Id>> out;
  for (const auto& r : s_.query(
           "SELECT DISTINCT l.tenant_id, l.employee_id FROM points_ledger l WHERE l.expires_at <= :n AND l.amount > 0 AND NOT EXISTS "
           "(SELECT 1 FROM points_ledger x WHERE x.tenant_id = l.tenant_id AND x.employee_id = l.employee_id AND x.rule = 'expiry' "
           "AND x.source_key = 'lot:' || CAST(l.id AS TEXT)) ORDER BY l.tenant_id, l.employee_id LIMIT :l",
           {p("n", static_cast<long long>(now)), p("l", limit)}))
    out.emplace_back(r.i64(0), r.i64(1));
  return out;
}

std::vector<PointsEntry> SociRepo::all_points_entries(Id tenant, Id employee) {
  std::vector<PointsEntry> out;
  for (const auto& r : s_.query("SELECT id, amount, rule, source_key, created_at, expires_at FROM points_ledger WHERE tenant_id = :t "
                                "AND employee_id = :e ORDER BY created_at, id",
                                {pid("t", tenant), pid("e", employee)})) {
    PointsEntry e;
    e.id = r.i64(0);
    e.tenant_id = tenant;
    e.employee_id = employee;
    e.amount = static_cast<int>(r.i64(1));
    e.rule = r.str(2);
    e.source_key = r.str(3);
    e.created_at = r.i64(4);
    e.expires_at = opt_time(r, 5);
    out.push_back(std::move(e));
  }
  return out;
}

bool SociRepo::insert_notification(const Notification& n) {
  return s_.exec("INSERT INTO notifications (tenant_id, employee_id, kind, title, title_en, body, link, source_key, created_at) "
                 "VALUES (:t, :e, :k, :ti, :te, :b, :l, :s, :at) ON CONFLICT (tenant_id, employee_id, kind, source_key) DO NOTHING",
                 {pid("t", n.tenant_id), pid("e", n.employee_id), p("k", n.kind), p("ti", n.title), p("te", n.title_en),
                  p("b", n.body), p("l", n.link), p("s", n.source_key), p("at", static_cast<long long>(n.created_at))}) > 0;
}

std::vector<Notification> SociRepo::notifications(Id tenant, Id employee, Id before_id, int limit) {
  std::string text = "SELECT id, kind, title, title_en, body, link, source_key, created_at, read_at FROM notifications "
                     "WHERE tenant_id = :t AND employee_id = :e";
  std::vector<Param> params{pid("t", tenant), pid("e", employee), p("l", limit)};
  if (before_id > 0) {
    text += " AND id < :b";
    params.push_back(pid("b", before_id));
  }
  text += " ORDER BY id DESC LIMIT :l";
  std::vector<Notification> out;
  for (const auto& r : s_.query(text, params)) {
    Notification n;
    n.id = r.i64(0);
    n.tenant_id = tenant;
    n.employee_id = employee;
    n.kind = r.str(1);
    n.title = r.str(2);
    n.title_en = r.str(3);
    n.body = r.str(4);
    n.link = r.str(5);
    n.source_key = r.str(6);
    n.created_at = r.i64(7);
    n.read_at = opt_time(r, 8);
    out.push_back(std::move(n));
  }
  return out;
}

std::int64_t SociRepo::count_unread(Id tenant, Id employee) {
  return s_.query_i64("SELECT COUNT(*) FROM notifications WHERE tenant_id = :t AND employee_id = :e AND read_at IS NULL",
                      {pid("t", tenant), pid("e", employee)});
}

void SociRepo::mark_read(Id tenant, Id employee, const std::vector<Id>& ids, bool all, UnixSeconds at) {
  std::vector<Param> params{pid("t", tenant), pid("e", employee), p("at", static_cast<long long>(at))};
  std::string text = "UPDATE notifications SET read_at = :at WHERE tenant_id = :t AND employee_id = :e AND read_at IS NULL";
  if (!all) {
    if (ids.empty()) return;
    text += " AND id IN (" + in_list("i", ids, params) + ")";
  }
  s_.exec(text, params);
}

bool SociRepo::insert_badge(Id tenant, Id employee, const std::string& code, UnixSeconds at) {
  return s_.exec("INSERT INTO badges (tenant_id, employee_id, code, awarded_at) VALUES (:t, :e, :c, :at) "
                 "ON CONFLICT (tenant_id, employee_id, code) DO NOTHING",
                 {pid("t", tenant), pid("e", employee), p("c", code), p("at", static_cast<long long>(at))}) > 0;
}

std::vector<std::pair<std::string, UnixSeconds>> SociRepo::badges(Id tenant, Id employee) {
  std::vector<std::pair<std::string, UnixSeconds>> out;
  for (const auto& r : s_.query("SELECT code, awarded_at FROM badges WHERE tenant_id = :t AND employee_id = :e ORDER BY awarded_at",
                                {pid("t", tenant), pid("e", employee)}))
    out.emplace_back(r.str(0), r.i64(1));
  return out;
}

BadgeStats SociRepo::badge_stats(Id tenant, Id employee) {
  auto rows = s_.query(
      "SELECT (SELECT COUNT(*) FROM submissions WHERE tenant_id = :t AND employee_id = :e AND status IN ('submitted', 'late', 'reviewed')), "
      "(SELECT COUNT(*) FROM submissions WHERE tenant_id = :t AND employee_id = :e AND excellent <> 0), "
      "(SELECT COUNT(*) FROM submission_likes l JOIN submissions s ON s.tenant_id = l.tenant_id AND s.id = l.submission_id "
      "WHERE s.tenant_id = :t AND s.employee_id = :e), "
      "(SELECT COALESCE(SUM(amount), 0) FROM points_ledger WHERE tenant_id = :t AND employee_id = :e AND amount > 0 AND rule <> 'expiry'), "
      "(SELECT COUNT(*) FROM attendance WHERE tenant_id = :t AND employee_id = :e AND present <> 0)",
      {pid("t", tenant), pid("e", employee)});
  BadgeStats b;
  if (!rows.empty()) {
    b.reflections = rows[0].i64(0);
    b.excellent = rows[0].i64(1);
    b.likes = rows[0].i64(2);
    b.points_earned = rows[0].i64(3);
    b.checkins = rows[0].i64(4);
  }
  return b;
}

}  // namespace luodi
