#include "app/engagement_service.h"

#include <algorithm>
#include <climits>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "app/access.h"
#include "app/audit_service.h"
#include "app/badges.h"
#include "app/points_service.h"
#include "app/score_engine.h"
#include "app/training_access.h"
#include "core/encoding.h"
#include "domain/org_tree.h"

namespace luodi {

using Json = nlohmann::json;

// ---- badges and notifications ----

const std::vector<BadgeDef>& badge_definitions() {
  static const std::vector<BadgeDef> defs = {
      {"first_checkin", "初次签到", "First check-in", "第一次扫码签到", "Checked in to a session for the first time"},
      {"first_reflection", "初露锋芒", "First reflection", "提交第一篇培训心得", "Handed in a first reflection"},
      {"excellent_5", "优秀五连", "Five excellent", "5篇心得被评为优秀", "Five reflections marked excellent"},
      {"likes_10", "人气之星", "Crowd favourite", "心得累计获得10个赞", "Ten likes received on reflections"},
      {"points_1000", "千分达人", "1,000 points", "累计获得1000积分", "Earned 1,000 points in all"},
      {"quarter_on_time", "全季准时", "On time all quarter", "一个季度的必修心得全部按时提交",
       "Every required reflection of a quarter handed in on time"},
  };
  return defs;
}

namespace {
const BadgeDef* badge_def(const std::string& code) {
  for (const auto& d : badge_definitions())
    if (code == d.code) return &d;
  return nullptr;
}
void award_badge(Repo& repo, Id tenant, Id employee, const std::string& code, UnixSeconds at) {
  if (!repo.insert_badge(tenant, employee, code, at)) return;
  const BadgeDef* d = badge_def(code);
  if (!d) return;
  notify(repo, tenant, employee, "badge_awarded", std::string("获得徽章「") + d->name + "」", std::string("Badge earned: ") + d->name_en,
         d->description, "/m/me", code, at);
}
}  // namespace

void notify(Repo& repo, Id tenant, Id employee, const std::string& kind, const std::string& title, const std::string& title_en,
            const std::string& body, const std::string& link, const std::string& source_key, UnixSeconds at) {
  Notification n;
  n.tenant_id = tenant;
  n.employee_id = employee;
  n.kind = kind;
  n.title = title;
  n.title_en = title_en;
  n.body = body;
  n.link = link;
  n.source_key = source_key;
  n.created_at = at;
  repo.insert_notification(n);
}

void check_badges(Repo& repo, Id tenant, Id employee, UnixSeconds at) {
  std::vector<std::string> have;
  for (const auto& [code, when] : repo.badges(tenant, employee)) have.push_back(code);
  auto has = [&](const char* c) { return std::find(have.begin(), have.end(), c) != have.end(); };
  if (has("first_checkin") && has("first_reflection") && has("excellent_5") && has("likes_10") && has("points_1000")) return;
  const BadgeStats s = repo.badge_stats(tenant, employee);
  if (s.checkins >= 1 && !has("first_checkin")) award_badge(repo, tenant, employee, "first_checkin", at);
  if (s.reflections >= 1 && !has("first_reflection")) award_badge(repo, tenant, employee, "first_reflection", at);
  if (s.excellent >= 5 && !has("excellent_5")) award_badge(repo, tenant, employee, "excellent_5", at);
  if (s.likes >= 10 && !has("likes_10")) award_badge(repo, tenant, employee, "likes_10", at);
  if (s.points_earned >= 1000 && !has("points_1000")) award_badge(repo, tenant, employee, "points_1000", at);
}

void award_quarter_badges(Repo& repo, const PerformanceCycle& c, UnixSeconds at) {
  if (c.period != "quarter") return;
  auto [from, to] = cycle_window(c);
  std::unordered_map<Id, std::pair<int, int>> counts;  // required, on time
  for (const auto& r : repo.cycle_requirements(c.tenant_id, from, to, std::nullopt, c.branch_id)) {
    if (!r.training.has_assignment) continue;
    auto& x = counts[r.employee_id];
    ++x.first;
    if (r.training.submitted_on_time) ++x.second;
  }
  for (const auto& [employee, x] : counts)
    if (x.first > 0 && x.first == x.second) award_badge(repo, c.tenant_id, employee, "quarter_on_time", at);
}

// ---- consumers ----

namespace {
Id payload_id(const Json& p, const char* k) { return p.contains(k) && p[k].is_number_integer() ? p[k].get<Id>() : 0; }

// The author hears about a review: returned for revision (with the comment), or the score and 优秀.
void notify_review(Repo& repo, const OutboxEvent& e, const Json& payload, Id employee) {
  const Id training = payload_id(payload, "training_id");
  auto t = training ? repo.training(e.tenant_id, training) : std::nullopt;
  if (!t) return;
  const bool returned = payload.value("returned", false);
  const bool excellent = payload.value("excellent", false);
  std::string score;
  if (payload.contains("score") && payload["score"].is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", payload["score"].get<double>());
    score = buf;
  }
  std::string body;
  if (auto s = repo.submission_by_id(e.tenant_id, payload_id(payload, "submission_id")); s && s->comment) body = *s->comment;
  const std::string link = "/m/trainings/" + std::to_string(training) + (returned ? "/reflection" : "");
  if (returned)
    notify(repo, e.tenant_id, employee, "reflection_returned", "心得被退回修改：《" + t->title + "》",
           "Reflection returned for revision: " + t->title, body, link, "event:" + std::to_string(e.id), e.created_at);
  else
    notify(repo, e.tenant_id, employee, "reflection_reviewed",
           std::string(excellent ? "心得被评为优秀：《" : "心得已评阅：《") + t->title + "》" + (score.empty() ? "" : " " + score + " 分"),
           std::string(excellent ? "Reflection marked excellent: " : "Reflection reviewed: ") + t->title +
               (score.empty() ? "" : " (" + score + ")"),
           body, link, "event:" + std::to_string(e.id), e.created_at);
}
}  // namespace

EventConsumer EngagementService::score_consumer() {
  // Who needs a fresh score, collected over a batch and refreshed once each at its end.
  auto due = std::make_shared<std::set<std::pair<Id, Id>>>();
  EventConsumer c;
  c.name = "scores";
  c.handle = [due](Repo& repo, const OutboxEvent& e) -> Status {
    Json payload = Json::parse(e.payload_json, nullptr, false);
    if (payload.is_discarded()) return ok_status();
    if (e.kind == "training.published" || e.kind == "training.updated" || e.kind == "enrollment.changed") {
      // Who has the training now (and who just left it) may have a new requirement.
      if (payload.contains("employee_ids") && payload["employee_ids"].is_array()) {
        for (const auto& x : payload["employee_ids"])
          if (x.is_number_integer()) due->emplace(e.tenant_id, x.get<Id>());
      } else if (Id t = payload_id(payload, "training_id")) {
        for (const auto& en : repo.enrollments(e.tenant_id, t)) due->emplace(e.tenant_id, en.employee_id);
      }
      return ok_status();
    }
    if (e.kind != "attendance.recorded" && e.kind != "submission.submitted" && e.kind != "submission.reviewed" &&
        e.kind != "exam.graded" && e.kind != "employee.changed")
      return ok_status();
    if (Id employee = payload_id(payload, "employee_id")) due->emplace(e.tenant_id, employee);
    return ok_status();
  };
  c.flush = [this, due](Repo& repo) -> Status {
    const UnixSeconds now = clock_.now();
    std::map<Id, std::vector<Id>> by_tenant;
    for (const auto& [tenant, employee] : *due) by_tenant[tenant].push_back(employee);
    due->clear();
    for (const auto& [tenant, people] : by_tenant) refresh_scores(repo, tenant, people, now);
    return ok_status();
  };
  return c;
}

EventConsumer EngagementService::badge_consumer() {
  // Reviews are told at once; badges are checked once per person per batch.
  auto due = std::make_shared<std::map<std::pair<Id, Id>, UnixSeconds>>();
  EventConsumer c;
  c.name = "badges";
  c.handle = [due](Repo& repo, const OutboxEvent& e) -> Status {
    if (e.kind != "attendance.recorded" && e.kind != "submission.submitted" && e.kind != "submission.reviewed" &&
        e.kind != "submission.liked" && e.kind != "exam.graded")
      return ok_status();
    Json payload = Json::parse(e.payload_json, nullptr, false);
    if (payload.is_discarded()) return ok_status();
    const Id employee = payload_id(payload, "employee_id");
    if (!employee) return ok_status();
    if (e.kind == "submission.reviewed") notify_review(repo, e, payload, employee);
    (*due)[{e.tenant_id, employee}] = e.created_at;
    return ok_status();
  };
  c.flush = [due](Repo& repo) -> Status {
    for (const auto& [who, at] : *due) check_badges(repo, who.first, who.second, at);
    due->clear();
    return ok_status();
  };
  return c;
}

// ---- points expiry ----

Result<int> EngagementService::sweep_expired_points() {
  int swept = 0;
  for (;;) {
    int batch = 0;
    Status st = db_.write([&](Repo& repo) -> Status {
      const UnixSeconds now = clock_.now();
      auto people = repo.employees_with_expired_lots(now, 200);
      for (const auto& [tenant, employee] : people) {
        repo.lock_points(tenant, employee);
        expire_points(repo, tenant, employee, now);
      }
      batch = static_cast<int>(people.size());
      return ok_status();
    });
    if (!st) return std::move(st).error();
    swept += batch;
    if (batch < 200) break;
  }
  return swept;
}

// ---- likes ----

namespace {
// Participants, instructors and HR of the training may read and like its reflections.
Status allow_wall(Repo& repo, const Principal& p, const Training& t) {
  if (is_hr_for(p, t) || is_instructor(p, t)) return ok_status();
  if (p.employee_id && repo.enrollment(p.tenant_id, t.id, *p.employee_id)) return ok_status();
  return Error::not_found();
}
}  // namespace

Result<Json> EngagementService::reflections(const Principal& p, Id training, PageRequest page) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t || t->status == "draft") return Error::not_found();
    if (auto s = allow_wall(repo, p, *t); !s) return s;
    const int offset = static_cast<int>(std::max<long long>(0, page.after_id));
    auto rows = repo.reflections(p.tenant_id, training, p.employee_id.value_or(0), offset, page.limit + 1);
    auto next = cut_page(rows, page.limit, [&](const ReflectionRow&) { return std::to_string(offset + page.limit); });
    Json items = Json::array();
    for (const auto& r : rows) {
      items.push_back(Json{{"submission_id", r.submission_id},
                           {"employee_id", r.employee_id},
                           {"name", r.name},
                           {"department_name", r.department_name},
                           {"text", r.text},
                           {"excellent", r.excellent},
                           {"submitted_at", r.submitted_at ? Json(format_rfc3339(*r.submitted_at)) : Json(nullptr)},
                           {"likes", r.likes},
                           {"liked_by_me", r.liked_by_me},
                           {"mine", p.employee_id && *p.employee_id == r.employee_id}});
    }
    out = Json{{"items", items}, {"next_cursor", next ? Json(*next) : Json(nullptr)}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> EngagementService::like(const Principal& p, Id submission, bool on) {
  if (!p.employee_id) return Error::forbidden();
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    auto s = repo.submission_by_id(p.tenant_id, submission);
    if (!s || (s->status != "submitted" && s->status != "late" && s->status != "reviewed")) return Error::not_found();
    auto t = repo.training(p.tenant_id, s->training_id);
    if (!t) return Error::not_found();
    if (auto a = allow_wall(repo, p, *t); !a) return a;
    if (s->employee_id == *p.employee_id)
      return Error::named(ErrorCode::kValidationFailed, "cannot_like_own", "不能给自己的心得点赞", "You cannot like your own reflection");
    const Json like{{"submission_id", submission}, {"training_id", s->training_id}, {"author_employee_id", s->employee_id}};
    if (on) {
      if (repo.insert_like(p.tenant_id, submission, *p.employee_id, now)) {
        repo.insert_event(OutboxEvent{0, p.tenant_id, "submission.liked",
                                      Json{{"submission_id", submission}, {"training_id", s->training_id}, {"employee_id", s->employee_id},
                                           {"liker_id", *p.employee_id}}
                                          .dump(),
                                      now});
        record_audit(repo, p, now, "create", "like", submission, p.employee_branch_id, std::nullopt, like);
      }
    } else if (repo.delete_like(p.tenant_id, submission, *p.employee_id)) {
      record_audit(repo, p, now, "delete", "like", submission, p.employee_branch_id, like, std::nullopt);
    }
    out = Json{{"likes", repo.count_likes(p.tenant_id, submission)}, {"liked", on}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

// ---- notifications ----

Result<Json> EngagementService::notifications(const Principal& p, PageRequest page) {
  if (!p.employee_id) return Json{{"unread", 0}, {"items", Json::array()}, {"next_cursor", nullptr}};
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto rows = repo.notifications(p.tenant_id, *p.employee_id, page.after_id, page.limit + 1);
    auto next = cut_page(rows, page.limit, [](const Notification& n) { return std::to_string(n.id); });
    Json items = Json::array();
    for (const auto& n : rows)
      items.push_back(Json{{"id", n.id},
                           {"kind", n.kind},
                           {"title", n.title},
                           {"title_en", n.title_en},
                           {"body", n.body},
                           {"link", n.link},
                           {"created_at", format_rfc3339(n.created_at)},
                           {"read", n.read_at.has_value()}});
    out = Json{{"unread", repo.count_unread(p.tenant_id, *p.employee_id)},
               {"items", items},
               {"next_cursor", next ? Json(*next) : Json(nullptr)}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Status EngagementService::mark_read(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.employee_id) return ok_status();
  const bool all = body.contains("all") && body["all"].is_boolean() && body["all"].get<bool>();
  std::vector<Id> ids;
  if (!all) {
    if (!body.contains("ids") || !body["ids"].is_array() || body["ids"].size() > 500)
      return Error::validation("ids", "请指定要标记已读的通知", "ids (up to 500) or all:true is required");
    for (const auto& i : body["ids"]) {
      if (!i.is_number_integer()) return Error::validation("ids", "通知ID应为整数", "ids must be integers");
      ids.push_back(i.get<Id>());
    }
  }
  // Not audited: read marks are the reader's own UI state; nothing anyone
  // else sees, and nothing that decides pay, points or eligibility, changes.
  return db_.write([&](Repo& repo) -> Status {
    repo.mark_read(p.tenant_id, *p.employee_id, ids, all, clock_.now());
    return ok_status();
  });
}

// ---- badges ----

Result<Json> EngagementService::badges(const Principal& p, std::optional<Id> employee) {
  Json items = Json::array();
  Status st = db_.read([&](Repo& repo) -> Status {
    Id who = 0;
    if (employee) {
      auto e = repo.employee(p.tenant_id, *employee);
      OrgTree tree(repo.departments(p.tenant_id, false));
      if (!e || !scope_contains(employee_read_scope(p, tree), *e)) return Error::not_found();
      who = *employee;
    } else {
      if (!p.employee_id) return ok_status();
      who = *p.employee_id;
    }
    auto earned = repo.badges(p.tenant_id, who);
    Json later = Json::array();
    for (const auto& d : badge_definitions()) {
      Json b{{"code", d.code}, {"name", d.name}, {"name_en", d.name_en}, {"description", d.description},
             {"description_en", d.description_en}, {"earned", false}, {"awarded_at", nullptr}};
      for (const auto& [code, at] : earned)
        if (code == d.code) {
          b["earned"] = true;
          b["awarded_at"] = format_rfc3339(at);
        }
      (b["earned"].get<bool>() ? items : later).push_back(b);
    }
    for (auto& b : later) items.push_back(std::move(b));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}};
}

// ---- leaderboards ----

namespace {
struct BoardSettings {
  std::string mode = "full";
  int top_n = 10;
  int neighbours = 2;
};
BoardSettings load_board(Repo& repo, Id tenant) {
  BoardSettings s;
  if (auto v = repo.tenant_setting(tenant, "leaderboard")) {
    Json j = Json::parse(*v, nullptr, false);
    if (j.is_object()) {
      s.mode = j.value("mode", s.mode);
      s.top_n = j.value("top_n", s.top_n);
      s.neighbours = j.value("neighbours", s.neighbours);
    }
  }
  return s;
}
Json board_json(const BoardSettings& s) { return Json{{"mode", s.mode}, {"top_n", s.top_n}, {"neighbours", s.neighbours}}; }

// [from, to) of the period containing `now`, in tenant-local days.
std::pair<UnixSeconds, UnixSeconds> period_window(const std::string& period, UnixSeconds now, std::string& from_date, std::string& to_date) {
  const std::string today = local_date(now);
  int y = std::stoi(today.substr(0, 4)), m = std::stoi(today.substr(5, 2));
  auto date = [](int yy, int mm) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", yy, mm);
    return std::string(buf);
  };
  int m0 = m, months = 1;
  if (period == "quarter") {
    m0 = (m - 1) / 3 * 3 + 1;
    months = 3;
  } else if (period == "year") {
    m0 = 1;
    months = 12;
  } else if (period == "all") {
    from_date = "";
    to_date = "";
    return {0, LLONG_MAX / 2};
  }
  int m1 = m0 + months, y1 = y;
  if (m1 > 12) {
    m1 -= 12;
    ++y1;
  }
  from_date = date(y, m0);
  to_date = date(y1, m1);
  return {local_midnight(from_date), local_midnight(to_date)};
}
}  // namespace

Result<Json> EngagementService::points_leaderboard(const Principal& p, const std::string& scope, std::optional<Id> department,
                                                   const std::string& period) {
  if (scope != "company" && scope != "department")
    return Error::validation("scope", "范围应为 company 或 department", "scope must be company or department");
  if (period != "month" && period != "quarter" && period != "year" && period != "all")
    return Error::validation("period", "周期应为 month、quarter、year 或 all", "period must be month, quarter, year or all");
  Json out;
  const UnixSeconds now = clock_.now();
  Status st = db_.read([&](Repo& repo) -> Status {
    OrgTree tree(repo.departments(p.tenant_id, false));
    std::optional<Employee> me;
    if (p.employee_id) me = repo.employee(p.tenant_id, *p.employee_id);
    std::optional<Id> dept = department;
    if (scope == "department" && !dept) {
      if (!me) return Error::validation("department_id", "请选择部门", "department_id is required");
      dept = me->department_id;
    }
    if (dept && !tree.find(*dept)) return Error::validation("department_id", "部门不存在", "department not found");
    std::string from_date, to_date;
    auto [from, to] = period_window(period, now, from_date, to_date);
    std::unordered_map<Id, std::int64_t> earned;
    for (const auto& [e, pts] : repo.points_earned(p.tenant_id, from, to)) earned[e] = pts;
    struct Row {
      const Employee* e;
      std::int64_t points;
    };
    auto people = repo.active_employees(p.tenant_id, std::nullopt);
    std::vector<Row> rows;
    for (const auto& e : people) {
      if (scope == "department" && !tree.is_in_subtree(*dept, e.department_id)) continue;
      auto it = earned.find(e.id);
      rows.push_back(Row{&e, it == earned.end() ? 0 : it->second});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.points > b.points; });
    std::vector<int> ranks(rows.size());
    std::optional<size_t> my_index;
    for (size_t i = 0; i < rows.size(); ++i) {
      ranks[i] = (i > 0 && rows[i].points == rows[i - 1].points) ? ranks[i - 1] : static_cast<int>(i) + 1;
      if (me && rows[i].e->id == me->id) my_index = i;
    }
    const BoardSettings s = load_board(repo, p.tenant_id);
    // HR sees the full board only for people it administers: tenant admins always,
    // a branch HR for a department of its branch; everyone else gets the privacy view.
    const Department* board_dept = dept ? tree.find(*dept) : nullptr;
    const bool full_view = p.is_tenant_admin() || (board_dept && administers_branch(p, board_dept->branch_id));
    const bool privacy = s.mode == "top_n_neighbours" && !full_view;
    auto item = [&](size_t i) {
      const Department* d = tree.find(rows[i].e->department_id);
      return Json{{"rank", ranks[i]},
                  {"employee_id", rows[i].e->id},
                  {"name", rows[i].e->name},
                  {"department_name", d ? d->name : ""},
                  {"points", rows[i].points},
                  {"is_me", my_index && *my_index == i}};
    };
    Json items = Json::array();
    const size_t top = privacy ? static_cast<size_t>(std::max(0, s.top_n)) : 100;
    size_t last = 0;
    for (size_t i = 0; i < rows.size() && i < top; ++i, last = i) items.push_back(item(i));
    if (privacy && my_index) {
      const size_t lo = *my_index >= static_cast<size_t>(s.neighbours) ? *my_index - s.neighbours : 0;
      const size_t hi = std::min(rows.size(), *my_index + s.neighbours + 1);
      for (size_t i = std::max(lo, last); i < hi; ++i) items.push_back(item(i));
    }
    out = Json{{"scope", scope},
               {"department_id", dept ? Json(*dept) : Json(nullptr)},
               {"period", period},
               {"from", from_date.empty() ? Json(nullptr) : Json(from_date)},
               {"to", to_date.empty() ? Json(nullptr) : Json(to_date)},
               {"privacy", board_json(s)},
               {"total", rows.size()},
               {"items", items},
               {"me", my_index ? Json{{"rank", ranks[*my_index]}, {"points", rows[*my_index].points}} : Json(nullptr)}};
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> EngagementService::leaderboard_settings(const Principal& p) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    out = board_json(load_board(repo, p.tenant_id));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> EngagementService::set_leaderboard_settings(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_tenant_admin()) return Error::forbidden();
  Json out;
  Status st = db_.write([&](Repo& repo) -> Status {
    BoardSettings before = load_board(repo, p.tenant_id), s = before;
    FieldErrors errs;
    if (body.contains("mode")) {
      if (!body["mode"].is_string() || (body["mode"] != "full" && body["mode"] != "top_n_neighbours"))
        errs.add("mode", "模式应为 full 或 top_n_neighbours", "mode must be full or top_n_neighbours");
      else s.mode = body["mode"].get<std::string>();
    }
    if (body.contains("top_n")) {
      if (!body["top_n"].is_number_integer() || body["top_n"].get<int>() < 1 || body["top_n"].get<int>() > 100)
        errs.add("top_n", "前N名应为1到100之间的整数", "top_n must be an integer from 1 to 100");
      else s.top_n = body["top_n"].get<int>();
    }
    if (body.contains("neighbours")) {
      if (!body["neighbours"].is_number_integer() || body["neighbours"].get<int>() < 0 || body["neighbours"].get<int>() > 10)
        errs.add("neighbours", "前后名次数应为0到10之间的整数", "neighbours must be an integer from 0 to 10");
      else s.neighbours = body["neighbours"].get<int>();
    }
    if (!errs.empty()) return std::move(errs).to_error();
    out = board_json(s);
    repo.put_tenant_setting(p.tenant_id, "leaderboard", out.dump());
    record_audit(repo, p, clock_.now(), "update", "leaderboard_settings", p.tenant_id, std::nullopt, board_json(before), out);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

}  // namespace luodi
