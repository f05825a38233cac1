// SQL of the rewards store.
#include "store/soci_repo.h"
#include "store/sql.h"
#include "store/sql_params.h"

namespace luodi {

using namespace sql;

namespace {
const char* kRewardCols =
    "id, tenant_id, name, description, cost, stock, per_person_limit, limit_period, eligibility_json, requires_approval, "
    "approver, validity_days, active, created_at, updated_at";
Reward reward_of(const Row& r) {
  Reward w;
  w.id = r.i64(0);
  w.tenant_id = r.i64(1);
  w.name = r.str(2);
  w.description = r.str(3);
  w.cost = static_cast<int>(r.i64(4));
  if (!r.null(5)) w.stock = static_cast<int>(r.i64(5));
  if (!r.null(6)) w.per_person_limit = static_cast<int>(r.i64(6));
  w.limit_period = r.str(7);
  w.eligibility_json = r.str(8);
  w.requires_approval = r.i64(9) != 0;
  w.approver = r.str(10);
  w.validity_days = static_cast<int>(r.i64(11));
  w.active = r.i64(12) != 0;
  w.created_at = r.i64(13);
  w.updated_at = r.i64(14);
  return w;
}
std::vector<Param> reward_params(const Reward& w) {
  return {pid("t", w.tenant_id),
          p("n", w.name),
          p("d", w.description),
          p("c", w.cost),
          w.stock ? p("s", *w.stock) : Param{"s", std::monostate{}},
          w.per_person_limit ? p("l", *w.per_person_limit) : Param{"l", std::monostate{}},
          p("lp", w.limit_period),
          p("e", w.eligibility_json),
          p("ra", w.requires_approval ? 1 : 0),
          p("ap", w.approver),
          p("v", w.validity_days),
          p("a", w.active ? 1 : 0),
          p("ca", static_cast<long long>(w.created_at)),
          p("ua", static_cast<long long>(w.updated_at))};
}
const char* kRedemptionSelect =
    "SELECT r.id, r.tenant_id, r.reward_id, r.employee_id, r.cost, r.status, r.approver_employee_id, r.created_at, r.decided_at, "
    "r.decided_by, r.note, w.name, e.name, (SELECT MAX(valid_until) FROM entitlements x WHERE x.tenant_id = r.tenant_id AND "
    "x.redemption_id = r.id) FROM redemptions r JOIN rewards w ON w.tenant_id = r.tenant_id AND w.id = r.reward_id "
    "JOIN employees e ON e.tenant_id = r.tenant_id AND e.id = r.employee_id ";
Redemption redemption_of(const Row& r) {
  Redemption d;
  d.id = r.i64(0);
  d.tenant_id = r.i64(1);
  d.reward_id = r.i64(2);
  d.employee_id = r.i64(3);
  d.cost = static_cast<int>(r.i64(4));
  d.status = r.str(5);
  d.approver_employee_id = opt_id(r, 6);
  d.created_at = r.i64(7);
  d.decided_at = opt_time(r, 8);
  d.decided_by = opt_id(r, 9);
  d.note = r.str(10);
  d.reward_name = r.str(11);
  d.employee_name = r.str(12);
  d.valid_until = opt_time(r, 13);
  return d;
}
}  // namespace

std::vector<Reward> SociRepo::rewards(Id tenant) {
  std::vector<Reward> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kRewardCols + " FROM rewards WHERE tenant_id = :t ORDER BY cost, id",
                                {pid("t", tenant)}))
    out.push_back(reward_of(r));
  return out;
}

std::optional<Reward> SociRepo::reward(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kRewardCols + " FROM rewards WHERE tenant_id = :t AND id = :id", {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return reward_of(rows[0]);
}

std::optional<Reward> SociRepo::reward_for_update(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kRewardCols + " FROM rewards WHERE tenant_id = :t AND id = :id" +
                           (s_.postgresql() ? " FOR UPDATE" : ""),
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return reward_of(rows[0]);
}

Id SociRepo::insert_reward(const Reward& w) {
  return s_.query_i64("INSERT INTO rewards (tenant_id, name, description, cost, stock, per_person_limit, limit_period, "
                      "eligibility_json, requires_approval, approver, validity_days, active, created_at, updated_at) VALUES "
                      "(:t, :n, :d, :c, :s, :l, :lp, :e, :ra, :ap, :v, :a, :ca, :ua) RETURNING id",
                      reward_params(w));
}

void SociRepo::update_reward(const Reward& w) {
  auto params = reward_params(w);
  params.push_back(pid("id", w.id));
  s_.exec("UPDATE rewards SET name = :n, description = :d, cost = :c, stock = :s, per_person_limit = :l, limit_period = :lp, "
          "eligibility_json = :e, requires_approval = :ra, approver = :ap, validity_days = :v, active = :a, created_at = :ca, "
          "updated_at = :ua WHERE tenant_id = :t AND id = :id",
          params);
}

void SociRepo::lock_points(Id tenant, Id employee) {
  if (!s_.postgresql()) return;
  s_.query("SELECT id FROM employees WHERE tenant_id = :t AND id = :e FOR UPDATE", {pid("t", tenant), pid("e", employee)});
}

std::int64_t SociRepo::points_held(Id tenant, Id employee) {
  return s_.query_i64("SELECT COALESCE(SUM(cost), 0) FROM redemptions WHERE tenant_id = :t AND employee_id = :e AND status = 'requested'",
                      {pid("t", tenant), pid("e", employee)});
}

std::int64_t SociRepo::count_redemptions(Id tenant, Id reward, Id employee, UnixSeconds since) {
  return s_.query_i64("SELECT COUNT(*) FROM redemptions WHERE tenant_id = :t AND reward_id = :r AND employee_id = :e AND "
                      "status IN ('requested', 'approved') AND created_at >= :s",
                      {pid("t", tenant), pid("r", reward), pid("e", employee), p("s", static_cast<long long>(since))});
}

Id SociRepo::insert_redemption(const Redemption& d) {
  return s_.query_i64("INSERT INTO redemptions (tenant_id, reward_id, employee_id, cost, status, approver_employee_id, created_at, "
                      "decided_at, decided_by, note) VALUES (:t, :r, :e, :c, :s, :a, :ca, :da, :db, :n) RETURNING id",
                      {pid("t", d.tenant_id), pid("r", d.reward_id), pid("e", d.employee_id), p("c", d.cost), p("s", d.status),
                       pid("a", d.approver_employee_id), p("ca", static_cast<long long>(d.created_at)), pt("da", d.decided_at),
                       pid("db", d.decided_by), p("n", d.note)});
}

void SociRepo::update_redemption(const Redemption& d) {
  s_.exec("UPDATE redemptions SET status = :s, decided_at = :da, decided_by = :db, note = :n WHERE tenant_id = :t AND id = :id",
          {p("s", d.status), pt("da", d.decided_at), pid("db", d.decided_by), p("n", d.note), pid("t", d.tenant_id), pid("id", d.id)});
}

std::optional<Redemption> SociRepo::redemption(Id tenant, Id id) {
  auto rows = s_.query(std::string(kRedemptionSelect) + "WHERE r.tenant_id = :t AND r.id = :id", {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return redemption_of(rows[0]);
}

std::vector<Redemption> SociRepo::redemptions(Id tenant, std::optional<Id> employee, std::optional<Id> approver,
                                              std::optional<std::string> status, int limit) {
  std::string text = std::string(kRedemptionSelect) + "WHERE r.tenant_id = :t";
  std::vector<Param> params{pid("t", tenant)};
  if (employee) {
    text += " AND r.employee_id = :e";
    params.push_back(pid("e", *employee));
  }
  if (approver) {
    text += " AND r.approver_employee_id = :a";
    params.push_back(pid("a", *approver));
  }
  if (status) {
    text += " AND r.status = :s";
    params.push_back(p("s", *status));
  }
  text += " ORDER BY r.id DESC LIMIT :l";
  params.push_back(p("l", limit));
  std::vector<Redemption> out;
  for (const auto& r : s_.query(text, params)) out.push_back(redemption_of(r));
  return out;
}

void SociRepo::insert_entitlement(Id tenant, Id employee, Id redemption, const std::string& benefit, UnixSeconds from,
                                  UnixSeconds until) {
  s_.exec("INSERT INTO entitlements (tenant_id, employee_id, redemption_id, benefit, valid_from, valid_until) VALUES "
          "(:t, :e, :r, :b, :f, :u)",
          {pid("t", tenant), pid("e", employee), pid("r", redemption), p("b", benefit), p("f", static_cast<long long>(from)),
           p("u", static_cast<long long>(until))});
}

std::vector<Entitlement> SociRepo::entitlements(Id tenant, std::optional<Id> employee, const std::optional<std::vector<Id>>& departments,
                                                std::optional<UnixSeconds> active_at, Id before_id, int limit) {
  std::vector<Entitlement> out;
  if (departments && departments->empty()) return out;
  std::vector<Param> params{pid("t", tenant), p("l", limit)};
  std::string text =
      "SELECT n.id, n.employee_id, n.redemption_id, n.benefit, n.valid_from, n.valid_until, e.employee_no, e.name, "
      "COALESCE(d.name, ''), e.department_id FROM entitlements n JOIN employees e ON e.tenant_id = n.tenant_id AND e.id = n.employee_id "
      "LEFT JOIN departments d ON d.tenant_id = e.tenant_id AND d.id = e.department_id WHERE n.tenant_id = :t";
  if (employee) {
    text += " AND n.employee_id = :e";
    params.push_back(pid("e", *employee));
  }
  if (departments) text += " AND e.department_id IN (" + in_list("d", *departments, params) + ")";
  if (active_at) {
    text += " AND n.valid_from <= :a AND n.valid_until > :a";
    params.push_back(p("a", static_cast<long long>(*active_at)));
  }
  if (before_id > 0) {
    text += " AND n.id < :b";
    params.push_back(pid("b", before_id));
  }
  text += " ORDER BY n.id DESC LIMIT :l";
  for (const auto& r : s_.query(text, params)) {
    Entitlement x;
    x.id = r.i64(0);
    x.employee_id = r.i64(1);
    x.redemption_id = r.i64(2);
    x.benefit = r.str(3);
    x.valid_from = r.i64(4);
    x.valid_until = r.i64(5);
    x.employee_no = r.str(6);
    x.name = r.str(7);
    x.department_name = r.str(8);
    x.department_id = r.i64(9);
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace luodi
