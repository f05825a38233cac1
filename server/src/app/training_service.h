// The training loop's use cases: courses, trainings and enrolments; QR
// check-in, attendance and the hours ledger; reflections and their review;
// the event outbox. Every write that matters to others records a domain
// event in the same transaction. Thread-safe (stateless over the Database).
#pragma once
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/blob_store.h"
#include "app/page.h"
#include "app/principal.h"
#include "app/repository.h"
#include "core/time.h"

namespace luodi {

struct CourseFilter {
  std::optional<std::string> q;
  std::optional<std::string> category;
};

struct TrainingFilter {
  std::optional<std::string> status;
  std::optional<std::string> q;
  std::optional<Id> course_id;
};

struct EnrollmentRow {
  Enrollment enrollment;
  int attended_sessions = 0;
  std::string submission_status;  // as in /me/trainings
};

struct CheckinToken {
  std::string token;
  std::string url;
  UnixSeconds expires_at = 0;
  int rotates_every = 30;
  // For the projector page.
  Id training_id = 0;
  std::string training_title;
  TrainingSession session;
};

struct HoursSummary {
  int year = 0;
  double total = 0;
  double by_public = 0, by_professional = 0, by_general = 0;
  std::vector<HoursEntry> entries;
};

// One line of "my trainings".
struct MyTraining {
  std::shared_ptr<const Training> training;  // shared with the view cache; never changes
  std::vector<Attendance> attendance;
  std::optional<Submission> submission;
  std::string status;  // not_submitted | draft | submitted | late | returned | reviewed
  std::optional<UnixSeconds> due_at;
};

struct SubmissionInput {
  std::string text;
  std::vector<Id> attachments;
  bool submit = false;
};

struct ReviewInput {
  std::optional<double> score;
  std::optional<nlohmann::json> rubric_scores;
  bool excellent = false;
  std::optional<std::string> comment;
  bool return_for_revision = false;
};

struct CheckinOptions {
  int rotate_seconds = 30;           // token period
  std::int64_t open_before = 1800;   // window opens this long before start
};

class TrainingService {
 public:
  TrainingService(Database& db, const Clock& clock, CheckinOptions options = {});

  // Courses.
  Result<Page<Course>> list_courses(const Principal& p, const CourseFilter& f, PageRequest page);
  Result<Course> get_course(const Principal& p, Id id);
  Result<Course> create_course(const Principal& p, const nlohmann::json& body);
  Result<Course> update_course(const Principal& p, Id id, const nlohmann::json& body);
  Status delete_course(const Principal& p, Id id);

  // Trainings.
  Result<Page<Training>> list_trainings(const Principal& p, const TrainingFilter& f, PageRequest page);
  Result<Training> get_training(const Principal& p, Id id);
  Result<Training> create_training(const Principal& p, const nlohmann::json& body);
  Result<Training> update_training(const Principal& p, Id id, const nlohmann::json& body);
  Result<std::pair<Training, int>> publish(const Principal& p, Id id);
  Result<std::vector<EnrollmentRow>> enrollments(const Principal& p, Id id, bool missing_only);
  Result<std::pair<std::vector<Employee>, std::vector<Employee>>> audience_diff(const Principal& p, Id id);
  Result<std::pair<int, int>> change_enrollments(const Principal& p, Id id, const std::vector<Id>& add,
                                                 const std::vector<Id>& remove);
  Result<EnrollmentRow> self_enroll(const Principal& p, Id id);

  // Check-in and attendance.
  Result<CheckinToken> checkin_token(const Principal& p, Id session, const std::string& origin);
  Result<Attendance> checkin(const Principal& p, Id session, const std::string& token);
  Result<nlohmann::json> session_attendance(const Principal& p, Id session);
  // `present` is required (422 naming it when missing), checked after access.
  Result<Attendance> set_attendance(const Principal& p, Id session, Id employee, std::optional<bool> present,
                                    const std::string& reason);
  Result<HoursSummary> hours(const Principal& p, std::optional<Id> employee, int year);

  // Reflections.
  Result<std::vector<MyTraining>> my_trainings(const Principal& p);
  Result<Submission> my_submission(const Principal& p, Id training);
  // `idempotency_key` may be empty. Returns the submission and whether it was a replay.
  Result<Submission> put_submission(const Principal& p, Id training, const SubmissionInput& in,
                                    const std::string& idempotency_key);
  Result<Page<SubmissionRow>> review_queue(const Principal& p, Id training, PageRequest page);
  Result<Submission> review(const Principal& p, Id submission, const ReviewInput& in);

  // The answer shape of a submission (attachments with names and URLs).
  nlohmann::json render_submission(const Submission& s);
  // The same for many submissions, in one read (review queues).
  std::vector<nlohmann::json> render_submissions(const std::vector<const Submission*>& list);

  // Outbox.
  Result<Page<OutboxEvent>> events(const Principal& p, Id after, const std::optional<std::string>& kind, int limit);

 private:
  std::string checkin_secret();
  std::string token_for(Id tenant, Id session, std::int64_t slot);

  Database& db_;
  const Clock& clock_;
  const CheckinOptions options_;
  std::mutex secret_mu_;
  std::string secret_;  // guarded by secret_mu_
  // Trainings as participants see them, by id, valid while their version
  // (training and course updated_at) is unchanged. Guarded by view_mu_.
  std::shared_mutex view_mu_;
  std::unordered_map<Id, std::pair<TrainingVersion, std::shared_ptr<const Training>>> views_;
};

// The state shown to the employee for a training's assignment.
std::string submission_state(const std::optional<Submission>& s);

}  // namespace luodi
