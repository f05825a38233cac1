#include "app/points_service.h"

#include <algorithm>

#include "app/access.h"
#include "app/audit_service.h"
#include "app/badges.h"
#include "app/crypto.h"
#include "core/encoding.h"
#include "core/unicode.h"
#include "domain/org_tree.h"

namespace luodi {

using Json = nlohmann::json;

PointsRules load_points_rules(Repo& repo, Id tenant) {
  PointsRules r;
  if (auto s = repo.tenant_setting(tenant, "points_rules")) {
    Json j = Json::parse(*s, nullptr, false);
    FieldErrors ignored;
    if (j.is_object()) apply_points_rules_json(j, r, ignored);
  }
  return r;
}

PointsPosition points_position(Repo& repo, Id tenant, Id employee, UnixSeconds now) {
  return PointsPosition{repo.points_balance(tenant, employee, now), repo.points_held(tenant, employee)};
}

Error insufficient_points(const PointsPosition& pos, std::int64_t needed) {
  const std::int64_t available = std::max<std::int64_t>(0, pos.available());
  const std::string a = std::to_string(available), n = std::to_string(needed);
  Error e = Error::named(ErrorCode::kValidationFailed, "insufficient_points",
                         "可用积分不足：需要 " + n + "，可用 " + a + "（余额 " + std::to_string(pos.balance) + "，待审批兑换占用 " +
                             std::to_string(pos.held) + "）",
                         "Not enough available points: needs " + n + ", available " + a + " (balance " +
                             std::to_string(pos.balance) + ", held by pending redemptions " + std::to_string(pos.held) + ")");
  e.details.push_back(FieldError{"points", "可用积分为 " + a, "available points: " + a, std::nullopt});
  return e;
}

int expire_points(Repo& repo, Id tenant, Id employee, UnixSeconds now) {
  int n = 0;
  for (const auto& x : expiry_entries(repo.all_points_entries(tenant, employee), repo.points_held(tenant, employee), now))
    if (repo.insert_points(x)) ++n;
  return n;
}

EventConsumer PointsService::consumer() {
  return EventConsumer{"points", [this](Repo& repo, const OutboxEvent& e) -> Status {
                         Json payload = Json::parse(e.payload_json, nullptr, false);
                         if (payload.is_discarded()) return ok_status();
                         const PointsRules rules = load_points_rules(repo, e.tenant_id);
                         for (const auto& a : awards_for_event(e.kind, payload, rules)) {
                           PointsEntry entry;
                           entry.tenant_id = e.tenant_id;
                           entry.employee_id = a.employee_id;
                           entry.amount = a.amount;
                           entry.rule = a.rule;
                           entry.source_key = a.source_key;
                           entry.reason = a.reason;
                           entry.created_at = e.created_at;
                           if (rules.expiry_days > 0) entry.expires_at = e.created_at + static_cast<UnixSeconds>(rules.expiry_days) * 86400;
                           if (a.rule == "like_received") {
                             // At most like_daily_cap points a (local) day from likes.
                             const std::int64_t today = repo.points_of_rule_since(
                                 e.tenant_id, a.employee_id, "like_received", local_midnight(local_date(e.created_at)));
                             const std::int64_t room = rules.like_daily_cap - today;
                             if (room <= 0) continue;
                             entry.amount = static_cast<int>(std::min<std::int64_t>(entry.amount, room));
                           }
                           // A second award for the same source is ignored.
                           if (repo.insert_points(entry))
                             notify(repo, e.tenant_id, a.employee_id, "points_awarded", "积分 +" + std::to_string(entry.amount),
                                    "Points +" + std::to_string(entry.amount), a.reason, "/m/points", a.rule + ":" + a.source_key,
                                    e.created_at);
                         }
                         return ok_status();
                       }};
}

Result<PointsView> PointsService::view(Repo& repo, Id tenant, Id employee, PageRequest page) {
  PointsView v;
  const PointsPosition pos = points_position(repo, tenant, employee, clock_.now());
  v.balance = pos.balance;
  v.held = pos.held;
  v.entries = repo.points_entries(tenant, employee, page.after_id, page.limit + 1);
  v.next_cursor = cut_page(v.entries, page.limit, [](const PointsEntry& e) { return std::to_string(e.id); });
  return v;
}

Result<PointsView> PointsService::mine(const Principal& p, PageRequest page) {
  if (!p.employee_id) return Error::not_found();
  std::optional<PointsView> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto v = view(repo, p.tenant_id, *p.employee_id, page);
    if (!v) return std::move(v).error();
    out = std::move(v.value());
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return *out;
}

Result<PointsView> PointsService::of_employee(const Principal& p, Id employee, PageRequest page) {
  std::optional<PointsView> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto e = repo.employee(p.tenant_id, employee);
    if (!e) return Error::not_found();
    OrgTree tree(repo.departments(p.tenant_id, false));
    if (!scope_contains(employee_read_scope(p, tree), *e)) return Error::not_found();
    auto v = view(repo, p.tenant_id, employee, page);
    if (!v) return std::move(v).error();
    out = std::move(v.value());
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return *out;
}

Result<PointsEntry> PointsService::adjust(const Principal& p, Id employee, int amount, const std::string& reason_raw) {
  if (!p.is_admin()) return Error::forbidden();
  FieldErrors errs;
  const std::string reason = trim(reason_raw);
  if (amount == 0 || amount < -100000 || amount > 100000)
    errs.add("amount", "调整积分应为非零整数（-100000 到 100000）", "amount must be a non-zero integer from -100000 to 100000");
  if (visible_char_count(reason) == 0 || utf8_length(reason) > 200)
    errs.add("reason", "请填写调整原因（最长200字）", "reason is required (max 200 characters)");
  else check_text_chars("reason", reason, TextKind::kMultiLine, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  PointsEntry entry;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto e = repo.employee(p.tenant_id, employee);
    if (!e) return Error::not_found();
    if (!can_admin_branch(p, e->branch_id)) return Error::not_found();
    if (amount < 0) {
      repo.lock_points(p.tenant_id, employee);  // against a concurrent redemption, deduction or expiry
      const PointsPosition pos = points_position(repo, p.tenant_id, employee, now);
      if (!may_take(pos, -static_cast<std::int64_t>(amount))) return insufficient_points(pos, -static_cast<std::int64_t>(amount));
    }
    entry.tenant_id = p.tenant_id;
    entry.employee_id = employee;
    entry.amount = amount;
    entry.rule = "adjustment";
    entry.source_key = "adjustment:" + random_token();
    entry.reason = reason;
    entry.created_at = now;
    entry.created_by = p.user_id;
    repo.insert_points(entry);
    entry.id = repo.points_entry_id(p.tenant_id, employee, entry.rule, entry.source_key).value_or(0);
    record_audit(repo, p, now, "create", "points", employee, e->branch_id, std::nullopt,
                 Json{{"id", entry.id}, {"employee_id", employee}, {"amount", amount}, {"reason", reason}});
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return entry;
}

Result<PointsRules> PointsService::rules(const Principal& p) {
  PointsRules r;
  Status st = db_.read([&](Repo& repo) -> Status {
    r = load_points_rules(repo, p.tenant_id);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return r;
}

Result<PointsRules> PointsService::set_rules(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_tenant_admin()) return Error::forbidden();
  PointsRules r;
  Status st = db_.write([&](Repo& repo) -> Status {
    PointsRules before = load_points_rules(repo, p.tenant_id);
    r = before;
    FieldErrors errs;
    apply_points_rules_json(body, r, errs);
    if (!errs.empty()) return std::move(errs).to_error();
    repo.put_tenant_setting(p.tenant_id, "points_rules", points_rules_json(r).dump());
    record_audit(repo, p, clock_.now(), "update", "points_rules", p.tenant_id, std::nullopt, points_rules_json(before),
                 points_rules_json(r));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return r;
}

}  // namespace luodi
