// The Repo port implemented with SQL over one SOCI session. All SQL of the
// application lives in soci_repo.cc. Not thread-safe; one per callback.
#pragma once
#include <string>

#include "app/repository.h"

namespace luodi::sql { class Connection; }

namespace luodi {

class SociRepo final : public Repo {
 public:
  explicit SociRepo(sql::Connection& c) : s_(c) {}

  std::optional<Tenant> tenant_by_code(const std::string& code) override;
  Id insert_tenant(const Tenant& t) override;

  std::vector<Branch> branches(Id tenant, std::optional<Id> only, const std::optional<std::string>& kind,
                               const std::optional<std::string>& q, Id after_id, int limit) override;
  std::optional<Branch> branch(Id tenant, Id id) override;
  Id insert_branch(const Branch& b) override;
  void update_branch(const Branch& b) override;
  void delete_branch(Id tenant, Id id) override;
  std::int64_t count_departments_in_branch(Id tenant, Id branch) override;

  std::vector<Department> departments(Id tenant, bool with_stats) override;
  std::optional<Department> department(Id tenant, Id id) override;
  Id insert_department(const Department& d) override;
  void update_department(const Department& d) override;
  void delete_department(Id tenant, Id id) override;
  std::int64_t count_employees(Id tenant, std::optional<Id> branch, std::optional<Id> department) override;

  std::vector<Employee> employees(const EmployeeQuery& q) override;
  std::optional<Employee> employee(Id tenant, Id id) override;
  std::optional<Employee> employee_by_no(Id tenant, const std::string& employee_no) override;
  Id insert_employee(const Employee& e) override;
  void update_employee(const Employee& e) override;
  void delete_employee(Id tenant, Id id) override;
  bool employee_has_history(Id tenant, Id id) override;

  std::vector<User> users_by_login(const std::string& login) override;
  std::optional<User> user(Id tenant, Id id) override;
  std::optional<User> user_by_employee(Id tenant, Id employee_id) override;
  Id insert_user(const User& u) override;
  void update_user(const User& u) override;
  void delete_user(Id tenant, Id id) override;

  void insert_token(const std::string& hash, Id tenant, Id user, UnixSeconds created, UnixSeconds expires) override;
  std::optional<StoredToken> token(const std::string& hash) override;
  void revoke_token(const std::string& hash, UnixSeconds at) override;
  void revoke_user_tokens(Id tenant, Id user, const std::string& except_hash, UnixSeconds at) override;
  void delete_expired_tokens(UnixSeconds now) override;

  void record_login_failure(const std::string& login, UnixSeconds at, const std::string& ip) override;
  std::int64_t count_login_failures(const std::string& login, UnixSeconds since) override;

  void insert_audit(const AuditEntry& e) override;
  std::vector<AuditEntry> audit(const AuditQuery& q) override;

  // IncentiveRepo (soci_repo_incentives.cc)
  Id consumer_cursor(const std::string& consumer) override;
  void set_consumer_cursor(const std::string& consumer, Id last_event_id) override;
  std::vector<OutboxEvent> events_after(Id after_id, int limit) override;
  std::optional<std::string> tenant_setting(Id tenant, const std::string& key) override;
  void put_tenant_setting(Id tenant, const std::string& key, const std::string& value) override;
  bool insert_points(const PointsEntry& e) override;
  std::optional<Id> points_entry_id(Id tenant, Id employee, const std::string& rule, const std::string& source_key) override;
  std::int64_t points_balance(Id tenant, Id employee, UnixSeconds now) override;
  std::vector<PointsEntry> points_entries(Id tenant, Id employee, Id before_id, int limit) override;
  std::vector<Reward> rewards(Id tenant) override;
  std::optional<Reward> reward(Id tenant, Id id) override;
  std::optional<Reward> reward_for_update(Id tenant, Id id) override;
  Id insert_reward(const Reward& r) override;
  void update_reward(const Reward& r) override;
  void lock_points(Id tenant, Id employee) override;
  std::int64_t points_held(Id tenant, Id employee) override;
  std::int64_t count_redemptions(Id tenant, Id reward, Id employee, UnixSeconds since) override;
  Id insert_redemption(const Redemption& r) override;
  void update_redemption(const Redemption& r) override;
  std::optional<Redemption> redemption(Id tenant, Id id) override;
  std::vector<Redemption> redemptions(Id tenant, std::optional<Id> employee, std::optional<Id> approver,
                                      std::optional<std::string> status, int limit) override;
  void insert_entitlement(Id tenant, Id employee, Id redemption, const std::string& benefit, UnixSeconds from,
                          UnixSeconds until) override;
  Id insert_cycle(const PerformanceCycle& c) override;
  std::optional<PerformanceCycle> cycle(Id tenant, Id id) override;
  std::vector<PerformanceCycle> cycles(Id tenant, std::optional<Id> branch) override;
  Id insert_template(const PerformanceTemplate& t) override;
  std::optional<PerformanceTemplate> template_by_id(Id tenant, Id id) override;
  void update_template(const PerformanceTemplate& t) override;
  std::vector<PerformanceTemplate> templates(Id tenant, Id cycle) override;
  void put_manual_value(Id tenant, Id cycle, Id employee, const std::string& indicator, double value, Id by,
                        UnixSeconds at) override;
  std::vector<std::pair<std::string, double>> manual_values(Id tenant, Id cycle, Id employee) override;
  std::vector<std::pair<Id, double>> best_exam_scores(Id tenant, Id employee) override;
  std::vector<Id> trainings_with_exam(Id tenant, const std::vector<Id>& trainings) override;
  Id consumer_position(const std::string& consumer) override;
  std::vector<Entitlement> entitlements(Id tenant, std::optional<Id> employee, const std::optional<std::vector<Id>>& departments,
                                        std::optional<UnixSeconds> active_at, Id before_id, int limit) override;
  Id max_event_id() override;
  std::vector<CycleRequirement> cycle_requirements(Id tenant, UnixSeconds from, UnixSeconds to, std::optional<Id> employee, std::optional<Id> branch) override;
  void update_cycle(const PerformanceCycle& c) override;
  std::vector<ManualValue> manual_entries(Id tenant, Id cycle, std::optional<Id> employee) override;
  std::vector<Employee> active_employees(Id tenant, std::optional<Id> branch) override;
  void upsert_score(const StoredScore& s) override;
  void delete_scores(Id tenant, Id cycle, std::optional<Id> employee) override;
  std::optional<StoredScore> stored_score(Id tenant, Id cycle, Id employee) override;
  std::vector<StoredScore> stored_scores(Id tenant, Id cycle, const std::optional<std::vector<Id>>& department_ids, const std::string& after_no, int limit) override;
  void set_scores_frozen(Id tenant, Id cycle, bool frozen) override;
  std::vector<std::pair<Id, double>> bonus_bases(Id tenant, Id cycle) override;
  void put_bonus_base(Id tenant, Id cycle, Id department, double amount, Id by, UnixSeconds at) override;
  void replace_bonus_snapshots(Id tenant, Id cycle, const std::vector<BonusPoolSnapshot>& rows) override;
  void delete_bonus_snapshots(Id tenant, Id cycle) override;
  std::vector<BonusPoolSnapshot> bonus_snapshots(Id tenant, Id cycle, std::optional<Id> department, bool with_missing) override;
  bool insert_like(Id tenant, Id submission, Id employee, UnixSeconds at) override;
  bool delete_like(Id tenant, Id submission, Id employee) override;
  std::int64_t count_likes(Id tenant, Id submission) override;
  std::vector<ReflectionRow> reflections(Id tenant, Id training, Id viewer, int offset, int limit) override;
  std::int64_t points_of_rule_since(Id tenant, Id employee, const std::string& rule, UnixSeconds since) override;
  std::vector<std::pair<Id, std::int64_t>> points_earned(Id tenant, UnixSeconds from, UnixSeconds to) override;
  std::vector<std::pair<Id, Id>> employees_with_expired_lots(UnixSeconds now, int limit) override;
  std::vector<PointsEntry> all_points_entries(Id tenant, Id employee) override;
  bool insert_notification(const Notification& n) override;
  std::vector<Notification> notifications(Id tenant, Id employee, Id before_id, int limit) override;
  std::int64_t count_unread(Id tenant, Id employee) override;
  void mark_read(Id tenant, Id employee, const std::vector<Id>& ids, bool all, UnixSeconds at) override;
  bool insert_badge(Id tenant, Id employee, const std::string& code, UnixSeconds at) override;
  std::vector<std::pair<std::string, UnixSeconds>> badges(Id tenant, Id employee) override;
  BadgeStats badge_stats(Id tenant, Id employee) override;

  // TrainingRepo (soci_repo_training.cc)
  void lock_training(Id tenant, Id training) override;
  void lock_enrollment(Id tenant, Id training, Id employee) override;
  std::optional<std::string> setting(const std::string& key) override;
  void insert_setting_if_absent(const std::string& key, const std::string& value) override;
  std::vector<Course> courses(Id tenant, const std::optional<std::string>& q, const std::optional<std::string>& category,
                              Id after_id, int limit) override;
  std::optional<Course> course(Id tenant, Id id) override;
  Id insert_course(const Course& c) override;
  void update_course(const Course& c) override;
  void delete_course(Id tenant, Id id) override;
  std::int64_t count_trainings_of_course(Id tenant, Id course) override;
  std::vector<Training> trainings(const TrainingQuery& q) override;
  std::optional<Training> training(Id tenant, Id id) override;
  Id insert_training(const Training& t) override;
  void update_training(const Training& t) override;
  std::optional<TrainingSession> session(Id tenant, Id id) override;
  std::int64_t count_attendance(Id tenant, Id session) override;
  std::vector<Enrollment> enrollments(Id tenant, Id training) override;
  std::optional<Enrollment> enrollment(Id tenant, Id training, Id employee) override;
  void insert_enrollment(Id tenant, const Enrollment& e) override;
  void delete_enrollment(Id tenant, Id training, Id employee) override;
  std::int64_t count_enrollments(Id tenant, Id training) override;
  std::vector<Training> trainings_of_employee(Id tenant, Id employee) override;
  std::vector<TrainingVersion> enrolled_training_versions(Id tenant, Id employee) override;
  std::vector<Attendance> attendance_of_employee_all(Id tenant, Id employee) override;
  std::vector<Submission> submission_summaries_of_employee(Id tenant, Id employee) override;
  std::vector<Attendance> attendance_of_session(Id tenant, Id session) override;
  std::optional<Attendance> attendance(Id tenant, Id session, Id employee) override;
  void upsert_attendance(Id tenant, const Attendance& a) override;
  std::vector<Attendance> attendance_of_employee(Id tenant, Id employee, const std::vector<Id>& sessions) override;
  void insert_hours(const HoursEntry& e) override;
  std::vector<HoursEntry> hours(Id tenant, Id employee, const std::string& from_date, const std::string& to_date) override;
  Id insert_file(const StoredFile& f) override;
  std::optional<StoredFile> file(Id tenant, Id id) override;
  std::vector<Submission> submissions_with_file(Id tenant, Id file) override;
  std::optional<Submission> submission(Id tenant, Id training, Id employee) override;
  std::optional<Submission> submission_by_id(Id tenant, Id id) override;
  Id insert_submission(const Submission& s) override;
  void update_submission(const Submission& s) override;
  void insert_submission_version(const Submission& s) override;
  std::vector<Submission> submissions_of_employee(Id tenant, Id employee) override;
  std::vector<Submission> submissions_of_training(Id tenant, Id training) override;
  std::vector<SubmissionRow> review_queue(Id tenant, Id training, Id after_id, int limit) override;
  std::optional<IdempotentAnswer> idempotent_answer(Id tenant, Id user, const std::string& key) override;
  void insert_idempotent_answer(Id tenant, Id user, const std::string& key, const IdempotentAnswer& a,
                                UnixSeconds at) override;
  std::vector<Question> questions(Id tenant, const std::optional<std::string>& q, const std::optional<std::string>& kind,
                                  std::optional<Id> course, Id after_id, int limit) override;
  std::optional<Question> question(Id tenant, Id id) override;
  Id insert_question(const Question& q) override;
  void update_question(const Question& q) override;
  void delete_question(Id tenant, Id id) override;
  bool question_in_use(Id tenant, Id id) override;
  std::optional<Exam> exam_of_training(Id tenant, Id training) override;
  std::optional<Exam> exam(Id tenant, Id id) override;
  Id upsert_exam(const Exam& e) override;
  std::vector<ExamAttempt> attempts(Id tenant, Id exam, std::optional<Id> employee) override;
  std::optional<ExamAttempt> attempt(Id tenant, Id id) override;
  Id insert_attempt(const ExamAttempt& a) override;
  void update_attempt(const ExamAttempt& a) override;
  bool insert_feedback(const Feedback& f) override;
  std::vector<Feedback> feedback_of_trainings(Id tenant, const std::vector<Id>& trainings) override;
  Id insert_event(const OutboxEvent& e) override;
  std::vector<OutboxEvent> events(Id tenant, Id after_id, const std::optional<std::string>& kind, int limit) override;

 private:
  void fill_roles(std::vector<User>& users);
  void load_sessions_and_instructors(std::vector<Training>& ts);
  void store_sessions_and_instructors(const Training& t);
  void store_roles(const User& u);

  sql::Connection& s_;
};

}  // namespace luodi
