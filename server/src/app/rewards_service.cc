#include "app/rewards_service.h"

#include <algorithm>

#include "app/access.h"
#include "app/audit_service.h"
#include "app/badges.h"
#include "app/points_service.h"
#include "core/encoding.h"
#include "core/unicode.h"
#include "domain/org_tree.h"

namespace luodi {

using Json = nlohmann::json;

namespace {

Json reward_json(const Reward& w) {
  Json elig = Json::parse(w.eligibility_json, nullptr, false);
  return Json{{"id", w.id},
              {"name", w.name},
              {"description", w.description},
              {"cost", w.cost},
              {"stock", w.stock ? Json(*w.stock) : Json(nullptr)},
              {"per_person_limit", w.per_person_limit ? Json(*w.per_person_limit) : Json(nullptr)},
              {"limit_period", w.limit_period},
              {"eligibility", elig.is_object() ? elig : Json::object()},
              {"requires_approval", w.requires_approval},
              {"approver", w.approver},
              {"validity_days", w.validity_days},
              {"active", w.active}};
}

Json redemption_json(const Redemption& d) {
  auto t = [](const std::optional<UnixSeconds>& v) { return v ? Json(format_rfc3339(*v)) : Json(nullptr); };
  return Json{{"id", d.id},
              {"reward_id", d.reward_id},
              {"reward_name", d.reward_name},
              {"employee_id", d.employee_id},
              {"employee_name", d.employee_name},
              {"cost", d.cost},
              {"status", d.status},
              {"approver_employee_id", d.approver_employee_id ? Json(*d.approver_employee_id) : Json(nullptr)},
              {"created_at", format_rfc3339(d.created_at)},
              {"decided_at", t(d.decided_at)},
              {"note", d.note},
              {"valid_until", t(d.valid_until)}};
}

// Who decides a redemption: its designated approver (the direct manager), HR
// administering the redeemer when none is designated, and tenant admins.
bool may_decide(Repo& repo, const Principal& p, const Redemption& d) {
  if (p.employee_id && d.approver_employee_id && *d.approver_employee_id == *p.employee_id) return true;
  if (p.is_tenant_admin()) return true;
  if (!p.is_admin() || d.approver_employee_id) return false;
  auto redeemer = repo.employee(p.tenant_id, d.employee_id);
  return redeemer && administers(p, *redeemer);
}

bool eligible(const Reward& w, const Principal& p, const std::optional<Employee>& e) {
  Json elig = Json::parse(w.eligibility_json, nullptr, false);
  if (!elig.is_object()) return true;
  if (elig.contains("roles") && elig["roles"].is_array() && !elig["roles"].empty()) {
    bool any = false;
    for (const auto& r : elig["roles"])
      if (r.is_string())
        if (auto role = parse_role(r.get<std::string>()); role && p.has(*role)) any = true;
    if (!any) return false;
  }
  if (elig.contains("job_levels") && elig["job_levels"].is_array() && !elig["job_levels"].empty()) {
    bool any = false;
    for (const auto& l : elig["job_levels"])
      if (l.is_string() && e && e->job_level && *e->job_level == l.get<std::string>()) any = true;
    if (!any) return false;
  }
  return true;
}

// Start of the current limit period (tenant-local calendar), as Unix seconds.
UnixSeconds period_start(const std::string& period, UnixSeconds now) {
  if (period == "none") return 0;
  const std::string d = local_date(now);
  int y = std::stoi(d.substr(0, 4));
  unsigned m = static_cast<unsigned>(std::stoi(d.substr(5, 2)));
  if (period == "quarter") m = (m - 1) / 3 * 3 + 1;
  if (period == "year") m = 1;
  return local_midnight(y, m, 1);
}

void apply_reward_json(const Json& b, bool creating, Reward& w, FieldErrors& errs) {
  auto text = [&](const char* f, std::string& target, size_t max, bool required, TextKind kind) {
    auto it = b.find(f);
    if (it == b.end()) {
      if (required) errs.add(f, "必填", std::string(f) + " is required");
      return;
    }
    if (!it->is_string() || (required && visible_char_count(it->get<std::string>()) == 0) || utf8_length(it->get<std::string>()) > max)
      errs.add(f, "长度应为1到" + std::to_string(max) + "个字", std::string(f) + " is empty or too long");
    else if (check_text_chars(f, it->get_ref<const std::string&>(), kind, errs)) target = trim(it->get<std::string>());
  };
  text("name", w.name, 100, creating, TextKind::kSingleLine);
  text("description", w.description, 2000, false, TextKind::kMultiLine);
  auto opt_int = [&](const char* f, std::optional<int>& target, int lo, int hi) {
    auto it = b.find(f);
    if (it == b.end()) return;
    if (it->is_null()) target.reset();
    else if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi)
      errs.add(f, "应为" + std::to_string(lo) + "到" + std::to_string(hi) + "之间的整数或 null", std::string(f) + " out of range");
    else target = it->get<int>();
  };
  std::optional<int> cost = creating ? std::nullopt : std::optional<int>(w.cost);
  opt_int("cost", cost, 1, 1000000);
  if (!cost) errs.add("cost", "请设置所需积分", "cost is required");
  else w.cost = *cost;
  opt_int("stock", w.stock, 0, 1000000);
  opt_int("per_person_limit", w.per_person_limit, 1, 1000);
  std::optional<int> validity = w.validity_days;
  opt_int("validity_days", validity, 1, 3650);
  if (validity) w.validity_days = *validity;
  if (auto it = b.find("limit_period"); it != b.end()) {
    if (!it->is_string() || (*it != "none" && *it != "month" && *it != "quarter" && *it != "year"))
      errs.add("limit_period", "应为 none、month、quarter 或 year", "limit_period must be none, month, quarter or year");
    else w.limit_period = it->get<std::string>();
  }
  if (auto it = b.find("approver"); it != b.end()) {
    if (!it->is_string() || (*it != "direct_manager" && *it != "hr")) errs.add("approver", "审批人应为 direct_manager 或 hr", "approver must be direct_manager or hr");
    else w.approver = it->get<std::string>();
  }
  for (auto [f, target] : {std::pair{"requires_approval", &w.requires_approval}, std::pair{"active", &w.active}})
    if (auto it = b.find(f); it != b.end()) {
      if (!it->is_boolean()) errs.add(f, "应为 true 或 false", std::string(f) + " must be true or false");
      else *target = it->get<bool>();
    }
  if (auto it = b.find("eligibility"); it != b.end() && !it->is_null()) {
    if (!it->is_object()) errs.add("eligibility", "应为对象 {roles, job_levels}", "eligibility must be an object");
    else w.eligibility_json = it->dump();
  }
}

}  // namespace

void ensure_default_rewards(Repo& repo, Id tenant, UnixSeconds now) {
  if (!repo.rewards(tenant).empty()) return;
  struct D {
    const char* name;
    const char* description;
    int cost;
    std::optional<int> stock;
    std::optional<int> limit;
    const char* period;
    bool approval;
    const char* approver;
    int days;
  } defaults[] = {
      {"每周一天远程办公", "一个月内每周可选一天远程办公", 300, std::nullopt, 1, "month", true, "direct_manager", 30},
      {"弹性工作制(一个月)", "一个月内上下班时间可弹性安排", 500, std::nullopt, 1, "month", true, "direct_manager", 30},
      {"优先选项目", "下一个项目分配时优先选择", 400, std::nullopt, 1, "quarter", true, "direct_manager", 90},
      {"导师资格", "获得带教新员工的导师资格", 800, std::nullopt, 1, "year", true, "hr", 365},
      {"咖啡券", "公司咖啡吧咖啡一杯", 50, 200, std::nullopt, "none", false, "direct_manager", 30},
  };
  for (const auto& d : defaults) {
    Reward w;
    w.tenant_id = tenant;
    w.name = d.name;
    w.description = d.description;
    w.cost = d.cost;
    w.stock = d.stock;
    w.per_person_limit = d.limit;
    w.limit_period = d.period;
    w.requires_approval = d.approval;
    w.approver = d.approver;
    w.validity_days = d.days;
    w.created_at = w.updated_at = now;
    repo.insert_reward(w);
  }
}

Result<Json> RewardsService::catalogue(const Principal& p) {
  Json items = Json::array();
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    ensure_default_rewards(repo, p.tenant_id, now);
    std::optional<Employee> me = p.employee_id ? repo.employee(p.tenant_id, *p.employee_id) : std::nullopt;
    for (const auto& w : repo.rewards(p.tenant_id)) {
      if (!p.is_admin() && (!w.active || !eligible(w, p, me))) continue;
      items.push_back(reward_json(w));
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}, {"next_cursor", nullptr}};
}

Result<Json> RewardsService::create_reward(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_tenant_admin()) return Error::forbidden();
  Reward w;
  FieldErrors errs;
  apply_reward_json(body, true, w, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  w.tenant_id = p.tenant_id;
  w.created_at = w.updated_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    ensure_default_rewards(repo, p.tenant_id, w.created_at);  // a first custom item must not hide the defaults
    w.id = repo.insert_reward(w);
    record_audit(repo, p, w.created_at, "create", "reward", w.id, std::nullopt, std::nullopt, reward_json(w));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return reward_json(w);
}

Result<Json> RewardsService::update_reward(const Principal& p, Id id, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  Json out;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto cur = repo.reward_for_update(p.tenant_id, id);
    if (!cur) return Error::not_found();
    if (!p.is_tenant_admin()) return Error::forbidden();
    Reward w = *cur;
    FieldErrors errs;
    apply_reward_json(body, false, w, errs);
    if (!errs.empty()) return std::move(errs).to_error();
    w.updated_at = clock_.now();
    repo.update_reward(w);
    record_audit(repo, p, w.updated_at, "update", "reward", id, std::nullopt, reward_json(*cur), reward_json(w));
    out = reward_json(w);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> RewardsService::redeem(const Principal& p, Id reward_id) {
  if (!p.employee_id) return Error::not_found();
  const UnixSeconds now = clock_.now();
  Json out;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto w = repo.reward_for_update(p.tenant_id, reward_id);  // serialises stock
    if (!w || !w->active) return Error::not_found();
    auto me = repo.employee(p.tenant_id, *p.employee_id);
    if (!me) return Error::not_found();
    if (!eligible(*w, p, me))
      return Error::named(ErrorCode::kForbidden, "not_eligible", "您不符合该福利的兑换条件", "You are not eligible for this reward");
    repo.lock_points(p.tenant_id, *p.employee_id);  // serialises this person's spending
    if (w->per_person_limit &&
        repo.count_redemptions(p.tenant_id, reward_id, *p.employee_id, period_start(w->limit_period, now)) >= *w->per_person_limit)
      return Error::named(ErrorCode::kConflict, "limit_reached", "已达到兑换次数上限", "You have reached the limit for this reward");
    if (w->stock && *w->stock <= 0) return Error::named(ErrorCode::kConflict, "out_of_stock", "已兑完", "Out of stock");
    const PointsPosition pos = points_position(repo, p.tenant_id, *p.employee_id, now);
    if (!may_take(pos, w->cost)) return insufficient_points(pos, w->cost);
    Redemption d;
    d.tenant_id = p.tenant_id;
    d.reward_id = reward_id;
    d.employee_id = *p.employee_id;
    d.cost = w->cost;
    d.created_at = now;
    if (w->requires_approval && w->approver == "direct_manager" && me->manager_id) d.approver_employee_id = me->manager_id;
    d.status = w->requires_approval ? "requested" : "approved";
    if (!w->requires_approval) d.decided_at = now;
    d.id = repo.insert_redemption(d);
    if (w->stock) {
      w->stock = *w->stock - 1;
      repo.update_reward(*w);
    }
    if (d.status == "approved") {
      PointsEntry spend{0, p.tenant_id, *p.employee_id, -w->cost, "redemption", "redemption:" + std::to_string(d.id),
                        "兑换：" + w->name, now, std::nullopt, p.user_id};
      repo.insert_points(spend);
      repo.insert_entitlement(p.tenant_id, *p.employee_id, d.id, w->name, now, now + static_cast<UnixSeconds>(w->validity_days) * 86400);
    }
    record_audit(repo, p, now, "create", "redemption", d.id, me->branch_id, std::nullopt,
                 Json{{"reward_id", reward_id}, {"cost", w->cost}, {"status", d.status}});
    if (d.status == "requested" && d.approver_employee_id)
      notify(repo, p.tenant_id, *d.approver_employee_id, "redemption_pending", "待审批：" + me->name + " 兑换「" + w->name + "」",
             "Approval needed: " + me->name + " redeems " + w->name, std::to_string(w->cost) + " 积分", "/m/approvals",
             "redemption:" + std::to_string(d.id), now);
    out = redemption_json(*repo.redemption(p.tenant_id, d.id));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> RewardsService::decide(const Principal& p, Id id, const std::string& action, const std::string& note) {
  if (action != "approve" && action != "reject" && action != "cancel") return Error::not_found();
  if (utf8_length(note) > 500) return Error::validation("note", "说明最长500字", "note is too long (max 500)");
  if (FieldErrors errs; !check_text_chars("note", note, TextKind::kMultiLine, errs)) return std::move(errs).to_error();
  const UnixSeconds now = clock_.now();
  Json out;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto d = repo.redemption(p.tenant_id, id);
    if (!d) return Error::not_found();
    const bool owner = p.employee_id && *p.employee_id == d->employee_id;
    const bool approver = may_decide(repo, p, *d);
    if (action == "cancel" ? !owner && !approver : !approver) return owner ? Status(Error::forbidden()) : Status(Error::not_found());
    auto w = repo.reward_for_update(p.tenant_id, d->reward_id);
    repo.lock_points(p.tenant_id, d->employee_id);
    d = repo.redemption(p.tenant_id, id);  // re-read under the locks
    if (d->status != "requested")
      return Error::named(ErrorCode::kConflict, "already_decided", "该申请已处理", "This request has already been decided");
    d->decided_at = now;
    d->decided_by = p.user_id;
    d->note = trim(note);
    if (action == "approve") {
      // Spends exactly its hold; refused if the ledger no longer covers the holds (data from before holds were protected).
      const PointsPosition pos = points_position(repo, p.tenant_id, d->employee_id, now);
      if (!may_spend_hold(pos, d->cost)) return insufficient_points(PointsPosition{pos.balance, pos.held - d->cost}, d->cost);
      d->status = "approved";
      repo.insert_points(PointsEntry{0, p.tenant_id, d->employee_id, -d->cost, "redemption", "redemption:" + std::to_string(d->id),
                                     "兑换：" + d->reward_name, now, std::nullopt, p.user_id});
      repo.insert_entitlement(p.tenant_id, d->employee_id, d->id, d->reward_name, now,
                              now + static_cast<UnixSeconds>(w ? w->validity_days : 30) * 86400);
    } else {
      d->status = action == "reject" ? "rejected" : "cancelled";
      if (w && w->stock) {
        w->stock = *w->stock + 1;
        repo.update_reward(*w);
      }
    }
    repo.update_redemption(*d);
    // Points the hold kept from expiring expire now that it is released.
    if (d->status != "approved") expire_points(repo, p.tenant_id, d->employee_id, now);
    if (action != "cancel" || !owner) {
      const bool yes = d->status == "approved";
      notify(repo, p.tenant_id, d->employee_id, "redemption_decided",
             std::string(yes ? "兑换已通过：" : (d->status == "rejected" ? "兑换未通过：" : "兑换已取消：")) + d->reward_name,
             std::string(yes ? "Redemption approved: " : (d->status == "rejected" ? "Redemption rejected: " : "Redemption cancelled: ")) +
                 d->reward_name,
             d->note, "/m/store", "redemption:" + std::to_string(d->id), now);
    }
    auto redeemer = repo.employee(p.tenant_id, d->employee_id);
    record_audit(repo, p, now, "update", "redemption", id, redeemer ? std::optional<Id>(redeemer->branch_id) : std::nullopt,
                 Json{{"status", "requested"}}, Json{{"status", d->status}, {"note", d->note}});
    out = redemption_json(*repo.redemption(p.tenant_id, id));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> RewardsService::list(const Principal& p, bool pending_for_me) {
  Json items = Json::array();
  Status st = db_.read([&](Repo& repo) -> Status {
    std::vector<Redemption> list;
    if (pending_for_me) {
      if (p.employee_id) list = repo.redemptions(p.tenant_id, std::nullopt, *p.employee_id, std::string("requested"), 500);
      if (p.is_admin())
        for (auto& d : repo.redemptions(p.tenant_id, std::nullopt, std::nullopt, std::string("requested"), 500))
          if (may_decide(repo, p, d))
            if (std::none_of(list.begin(), list.end(), [&](const Redemption& x) { return x.id == d.id; })) list.push_back(d);
    } else if (p.employee_id) {
      list = repo.redemptions(p.tenant_id, *p.employee_id, std::nullopt, std::nullopt, 200);
    }
    for (const auto& d : list) items.push_back(redemption_json(d));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}, {"next_cursor", nullptr}};
}

Result<Json> RewardsService::entitlements(const Principal& p, bool mine, std::optional<Id> employee, bool active_only,
                                          PageRequest page) {
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.read([&](Repo& repo) -> Status {
    std::optional<std::vector<Id>> departments;
    if (mine) {
      if (!p.employee_id) return Error::not_found();
      employee = *p.employee_id;
    } else {
      OrgTree tree(repo.departments(p.tenant_id, false));
      if (employee) {
        auto e = repo.employee(p.tenant_id, *employee);
        if (!e || !scope_contains(employee_read_scope(p, tree), *e)) return Error::not_found();
      } else if (!p.is_tenant_admin()) {
        // Branch HR: the branch's departments; managers: the departments they head, with sub-departments.
        std::vector<Id> ids;
        if (auto b = p.hr_branch()) {
          for (const auto& d : tree.all())
            if (d.branch_id == *b) ids.push_back(d.id);
        } else if (p.has(Role::kManager) && p.employee_id) {
          for (const auto& d : tree.all())
            if (d.manager_id && *d.manager_id == *p.employee_id)
              for (Id s : tree.subtree(d.id)) ids.push_back(s);
        } else {
          return Error::forbidden();
        }
        departments = ids;
      }
    }
    auto rows = repo.entitlements(p.tenant_id, employee, departments, active_only ? std::optional<UnixSeconds>(now) : std::nullopt,
                                  page.after_id, page.limit + 1);
    auto next = cut_page(rows, page.limit, [](const Entitlement& x) { return std::to_string(x.id); });
    Json items = Json::array();
    for (const auto& x : rows) {
      items.push_back(Json{{"id", x.id},
                           {"employee_id", x.employee_id},
                           {"employee_no", x.employee_no},
                           {"name", x.name},
                           {"department_id", x.department_id},
                           {"department_name", x.department_name},
                           {"redemption_id", x.redemption_id},
                           {"benefit", x.benefit},
                           {"valid_from", format_rfc3339(x.valid_from)},
                           {"valid_until", format_rfc3339(x.valid_until)},
                           {"active", x.valid_from <= now && now < x.valid_until}});
    }
    out = Json{{"items", items}, {"next_cursor", next ? Json(*next) : Json(nullptr)}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

}  // namespace luodi
