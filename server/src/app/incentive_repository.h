// Storage port of incentives: the event consumers' cursors, per-tenant
// settings and the points ledger. Same contract as Repo (repository.h).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/bonus.h"
#include "domain/performance.h"
#include "domain/points_ledger.h"
#include "domain/training_model.h"

namespace luodi {

struct PerformanceCycle {
  Id id = 0;
  Id tenant_id = 0;
  Id branch_id = 0;
  std::string name;
  std::string period;  // month | quarter | year
  std::string start_date, end_date;  // YYYY-MM-DD, inclusive
  std::string status = "open";
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> closed_at;
  std::string reopen_reason;
};

struct PerformanceTemplate {
  Id id = 0;
  Id tenant_id = 0;
  Id cycle_id = 0;
  std::string name;
  std::string population_json;  // {"departments":[ids],"job_levels":[...],"min_tenure_years":n}
  std::string indicators_json;  // [{"kind","name","weight"}]
  UnixSeconds created_at = 0;
};

struct Reward {
  Id id = 0;
  Id tenant_id = 0;
  std::string name;
  std::string description;
  int cost = 0;
  std::optional<int> stock;             // null: unlimited
  std::optional<int> per_person_limit;  // null: unlimited
  std::string limit_period = "none";    // none | month | quarter | year
  std::string eligibility_json = "{}";  // {"roles":[...],"job_levels":[...]}
  bool requires_approval = true;
  std::string approver = "direct_manager";  // direct_manager | hr
  int validity_days = 30;               // length of the benefit granted
  bool active = true;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct Redemption {
  Id id = 0;
  Id tenant_id = 0;
  Id reward_id = 0;
  Id employee_id = 0;
  int cost = 0;
  std::string status = "requested";  // requested | approved | rejected | cancelled
  std::optional<Id> approver_employee_id;  // null: any HR admin
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> decided_at;
  std::optional<Id> decided_by;  // user
  std::string note;
  // Joined, read-only.
  std::string reward_name;
  std::string employee_name;
  std::optional<UnixSeconds> valid_until;  // of the granted benefit
};

// An employee's stored score in a cycle (kept equal to compute_score()).
struct StoredScore {
  Id tenant_id = 0;
  Id cycle_id = 0;
  Id employee_id = 0;
  Id template_id = 0;
  double total = 0;
  std::string detail_json;  // {"indicators","pending","warnings"}
  UnixSeconds computed_at = 0;
  bool frozen = false;
  // Joined, read-only.
  std::string employee_no, name, department_name, template_name;
  Id department_id = 0;
};

// A department's bonus pool as frozen when its cycle closed (see domain/bonus.h).
struct BonusPoolSnapshot {
  Id department_id = 0;
  std::string department_name;  // at close
  BonusPoolFigures figures;
  std::string missing_json;  // [{"employee_id","employee_no","name","training_id","title","status"}]; "" when not read
  UnixSeconds frozen_at = 0;
};

struct ManualValue {
  Id employee_id = 0;
  std::string indicator;
  double value = 0;
  UnixSeconds updated_at = 0;
  std::string employee_no, name;  // joined
};

// One required training of one employee inside a cycle's dates.
struct CycleRequirement {
  Id employee_id = 0;
  RequiredTraining training;
};

// A benefit granted by an approved redemption, with who holds it.
struct Entitlement {
  Id id = 0;
  Id employee_id = 0;
  Id redemption_id = 0;
  std::string benefit;
  UnixSeconds valid_from = 0, valid_until = 0;
  std::string employee_no, name, department_name;  // joined
  Id department_id = 0;
};

struct Notification {
  Id id = 0;
  Id tenant_id = 0;
  Id employee_id = 0;
  std::string kind;  // points_awarded | badge_awarded | redemption_pending | redemption_decided
  std::string title, title_en, body, link;
  std::string source_key;  // unique per (employee, kind): a notification is sent once
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> read_at;
};

struct ReflectionRow {
  Id submission_id = 0;
  Id employee_id = 0;
  std::string name, department_name, text;
  bool excellent = false;
  std::optional<UnixSeconds> submitted_at;
  std::int64_t likes = 0;
  bool liked_by_me = false;
};

struct BadgeStats {
  std::int64_t reflections = 0, excellent = 0, likes = 0, points_earned = 0, checkins = 0;
};

class IncentiveRepo {
 public:
  virtual ~IncentiveRepo() = default;

  // The last event id a consumer has handled (0 at first). Locks the cursor
  // row for the rest of the transaction, so one server consumes at a time.
  virtual Id consumer_cursor(const std::string& consumer) = 0;
  virtual void set_consumer_cursor(const std::string& consumer, Id last_event_id) = 0;
  // Read-only: a consumer's cursor (0 if it never ran) and the newest event id.
  virtual Id consumer_position(const std::string& consumer) = 0;
  virtual Id max_event_id() = 0;
  // Events of all tenants after `after_id`, oldest first.
  virtual std::vector<OutboxEvent> events_after(Id after_id, int limit) = 0;

  virtual std::optional<std::string> tenant_setting(Id tenant, const std::string& key) = 0;
  virtual void put_tenant_setting(Id tenant, const std::string& key, const std::string& value) = 0;

  // Appends an entry unless (tenant, employee, rule, source_key) is already
  // there; returns whether it was added. The ledger is never updated.
  virtual bool insert_points(const PointsEntry& e) = 0;
  // The ledger id of the entry with this key, if there is one.
  virtual std::optional<Id> points_entry_id(Id tenant, Id employee, const std::string& rule, const std::string& source_key) = 0;
  // Sum of the ledger (expired awards are taken out by explicit expiry rows; `now` is unused).
  virtual std::int64_t points_balance(Id tenant, Id employee, UnixSeconds now) = 0;
  virtual std::vector<PointsEntry> points_entries(Id tenant, Id employee, Id before_id, int limit) = 0;

  // Rewards store. lock_points(employee) serialises everything that takes a
  // person's points (redemptions and their decisions, deductions, expiry) on
  // PostgreSQL (FOR UPDATE on the employee row; SQLite serialises all writes).
  // The reward row is locked by reward_for_update(); lock the reward first.
  virtual std::vector<Reward> rewards(Id tenant) = 0;
  virtual std::optional<Reward> reward(Id tenant, Id id) = 0;
  virtual std::optional<Reward> reward_for_update(Id tenant, Id id) = 0;
  virtual Id insert_reward(const Reward& r) = 0;
  virtual void update_reward(const Reward& r) = 0;
  virtual void lock_points(Id tenant, Id employee) = 0;
  virtual std::int64_t points_held(Id tenant, Id employee) = 0;  // sum of requested redemptions
  virtual std::int64_t count_redemptions(Id tenant, Id reward, Id employee, UnixSeconds since) = 0;  // not rejected/cancelled
  virtual Id insert_redemption(const Redemption& r) = 0;
  virtual void update_redemption(const Redemption& r) = 0;
  virtual std::optional<Redemption> redemption(Id tenant, Id id) = 0;
  virtual std::vector<Redemption> redemptions(Id tenant, std::optional<Id> employee, std::optional<Id> approver,
                                              std::optional<std::string> status, int limit) = 0;
  virtual void insert_entitlement(Id tenant, Id employee, Id redemption, const std::string& benefit, UnixSeconds from,
                                  UnixSeconds until) = 0;

  // Entitlements, newest first; `active_at` keeps those valid then; `departments` restricts when given.
  virtual std::vector<Entitlement> entitlements(Id tenant, std::optional<Id> employee, const std::optional<std::vector<Id>>& departments,
                                                std::optional<UnixSeconds> active_at, Id before_id, int limit) = 0;

  // Performance cycles, templates and manually entered KPI values.
  virtual Id insert_cycle(const PerformanceCycle& c) = 0;
  virtual std::optional<PerformanceCycle> cycle(Id tenant, Id id) = 0;
  virtual std::vector<PerformanceCycle> cycles(Id tenant, std::optional<Id> branch) = 0;
  virtual Id insert_template(const PerformanceTemplate& t) = 0;
  virtual std::optional<PerformanceTemplate> template_by_id(Id tenant, Id id) = 0;
  virtual void update_template(const PerformanceTemplate& t) = 0;  // name, population, indicators
  virtual std::vector<PerformanceTemplate> templates(Id tenant, Id cycle) = 0;
  virtual void put_manual_value(Id tenant, Id cycle, Id employee, const std::string& indicator, double value, Id by,
                                UnixSeconds at) = 0;
  virtual std::vector<std::pair<std::string, double>> manual_values(Id tenant, Id cycle, Id employee) = 0;
  // Best graded exam score per training for an employee.
  virtual std::vector<std::pair<Id, double>> best_exam_scores(Id tenant, Id employee) = 0;
  // Trainings that have an exam, among these.
  virtual std::vector<Id> trainings_with_exam(Id tenant, const std::vector<Id>& trainings) = 0;

  // The facts compute_score() needs, in bulk: every required, published
  // training with a session starting in [from, to), per enrolled employee
  // (only `employee` when given; only the employees of `branch` when given).
  virtual std::vector<CycleRequirement> cycle_requirements(Id tenant, UnixSeconds from, UnixSeconds to, std::optional<Id> employee,
                                                           std::optional<Id> branch) = 0;
  virtual void update_cycle(const PerformanceCycle& c) = 0;
  virtual std::vector<ManualValue> manual_entries(Id tenant, Id cycle, std::optional<Id> employee) = 0;
  // Active employees of a branch (or the tenant), ordered by id; no joins.
  virtual std::vector<Employee> active_employees(Id tenant, std::optional<Id> branch) = 0;
  virtual void upsert_score(const StoredScore& s) = 0;
  virtual void delete_scores(Id tenant, Id cycle, std::optional<Id> employee) = 0;
  virtual std::optional<StoredScore> stored_score(Id tenant, Id cycle, Id employee) = 0;
  // Ordered by employee_no, after `after_no`; `department_ids` restricts when given.
  virtual std::vector<StoredScore> stored_scores(Id tenant, Id cycle, const std::optional<std::vector<Id>>& department_ids,
                                                 const std::string& after_no, int limit) = 0;
  virtual void set_scores_frozen(Id tenant, Id cycle, bool frozen) = 0;

  // Team bonus pool base amounts per (cycle, department).
  virtual std::vector<std::pair<Id, double>> bonus_bases(Id tenant, Id cycle) = 0;
  virtual void put_bonus_base(Id tenant, Id cycle, Id department, double amount, Id by, UnixSeconds at) = 0;
  // The pools frozen by closing a cycle, one row per department of its branch. replace_ drops the
  // cycle's rows and stores these; delete_ drops them (reopen). Rows come back in the order stored;
  // `department` restricts; missing_json is read only when `with_missing`.
  virtual void replace_bonus_snapshots(Id tenant, Id cycle, const std::vector<BonusPoolSnapshot>& rows) = 0;
  virtual void delete_bonus_snapshots(Id tenant, Id cycle) = 0;
  virtual std::vector<BonusPoolSnapshot> bonus_snapshots(Id tenant, Id cycle, std::optional<Id> department, bool with_missing) = 0;

  // Likes on reflections.
  virtual bool insert_like(Id tenant, Id submission, Id employee, UnixSeconds at) = 0;
  virtual bool delete_like(Id tenant, Id submission, Id employee) = 0;
  virtual std::int64_t count_likes(Id tenant, Id submission) = 0;
  // Submitted reflections of a training: excellent first, then newest.
  virtual std::vector<ReflectionRow> reflections(Id tenant, Id training, Id viewer, int offset, int limit) = 0;
  virtual std::int64_t points_of_rule_since(Id tenant, Id employee, const std::string& rule, UnixSeconds since) = 0;
  // Points earned (positive entries, not expiry) per employee with created_at in [from, to).
  virtual std::vector<std::pair<Id, std::int64_t>> points_earned(Id tenant, UnixSeconds from, UnixSeconds to) = 0;
  // (tenant, employee) with an award expired at `now` and no expiry entry "lot:<id>" for it yet,
  // ordered by (tenant, employee) so that sweeps lock people in one order.
  virtual std::vector<std::pair<Id, Id>> employees_with_expired_lots(UnixSeconds now, int limit) = 0;
  virtual std::vector<PointsEntry> all_points_entries(Id tenant, Id employee) = 0;  // oldest first

  // Notifications; insert is ignored if (employee, kind, source_key) exists.
  virtual bool insert_notification(const Notification& n) = 0;
  virtual std::vector<Notification> notifications(Id tenant, Id employee, Id before_id, int limit) = 0;
  virtual std::int64_t count_unread(Id tenant, Id employee) = 0;
  virtual void mark_read(Id tenant, Id employee, const std::vector<Id>& ids, bool all, UnixSeconds at) = 0;

  // Badges, each awarded once.
  virtual bool insert_badge(Id tenant, Id employee, const std::string& code, UnixSeconds at) = 0;
  virtual std::vector<std::pair<std::string, UnixSeconds>> badges(Id tenant, Id employee) = 0;
  virtual BadgeStats badge_stats(Id tenant, Id employee) = 0;
};

}  // namespace luodi
