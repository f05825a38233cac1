// Storage port of the training loop. Same contract as Repo (see
// repository.h): bound to one connection/transaction, throws on storage
// faults which Database turns into Error values.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/exam_model.h"
#include "domain/training_model.h"

namespace luodi {

struct TrainingQuery {
  Id tenant_id = 0;
  std::optional<std::string> status;
  std::optional<std::string> q;
  std::optional<Id> course_id;
  std::optional<Id> branch_id;          // trainings of this branch (or tenant-wide ones when include_tenant_wide)
  bool include_tenant_wide = true;
  std::optional<Id> instructor;         // only trainings this employee teaches
  Id after_id = 0;
  int limit = 50;
};

struct IdempotentAnswer {
  std::string request_hash;
  int status = 0;
  std::string body;
};

// One row of the review queue / enrolment list with the employee's names.
struct SubmissionRow {
  Submission submission;
  std::string employee_no;
  std::string employee_name;
  std::string department_name;
};

class TrainingRepo {
 public:
  virtual ~TrainingRepo() = default;

  // Row locks for read-decide-write sequences that must not interleave when
  // several servers share PostgreSQL (SELECT ... FOR UPDATE). On SQLite the
  // single writer already serialises writes, so these do nothing there.
  virtual void lock_training(Id tenant, Id training) = 0;
  virtual void lock_enrollment(Id tenant, Id training, Id employee) = 0;

  // Settings (installation-wide key/values, e.g. secrets).
  virtual std::optional<std::string> setting(const std::string& key) = 0;
  virtual void insert_setting_if_absent(const std::string& key, const std::string& value) = 0;

  // Courses.
  virtual std::vector<Course> courses(Id tenant, const std::optional<std::string>& q,
                                      const std::optional<std::string>& category, Id after_id, int limit) = 0;
  virtual std::optional<Course> course(Id tenant, Id id) = 0;
  virtual Id insert_course(const Course& c) = 0;
  virtual void update_course(const Course& c) = 0;
  virtual void delete_course(Id tenant, Id id) = 0;
  virtual std::int64_t count_trainings_of_course(Id tenant, Id course) = 0;

  // Trainings (with sessions, course title/category and enrolled_count).
  virtual std::vector<Training> trainings(const TrainingQuery& q) = 0;
  virtual std::optional<Training> training(Id tenant, Id id) = 0;
  virtual Id insert_training(const Training& t) = 0;  // also its sessions and instructors
  // Updates fields, instructors and sessions (insert new, update those with id, delete missing).
  virtual void update_training(const Training& t) = 0;
  virtual std::optional<TrainingSession> session(Id tenant, Id id) = 0;
  virtual std::int64_t count_attendance(Id tenant, Id session) = 0;

  // Enrolments.
  virtual std::vector<Enrollment> enrollments(Id tenant, Id training) = 0;
  virtual std::optional<Enrollment> enrollment(Id tenant, Id training, Id employee) = 0;
  virtual void insert_enrollment(Id tenant, const Enrollment& e) = 0;
  virtual void delete_enrollment(Id tenant, Id training, Id employee) = 0;
  virtual std::int64_t count_enrollments(Id tenant, Id training) = 0;
  // Trainings an employee is enrolled in, published only, with sessions.
  virtual std::vector<Training> trainings_of_employee(Id tenant, Id employee) = 0;
  // The same set as versions only (cheap: for caches of training views).
  virtual std::vector<TrainingVersion> enrolled_training_versions(Id tenant, Id employee) = 0;

  // Attendance.
  virtual std::vector<Attendance> attendance_of_session(Id tenant, Id session) = 0;
  virtual std::optional<Attendance> attendance(Id tenant, Id session, Id employee) = 0;
  virtual void upsert_attendance(Id tenant, const Attendance& a) = 0;
  virtual std::vector<Attendance> attendance_of_employee(Id tenant, Id employee, const std::vector<Id>& sessions) = 0;
  virtual std::vector<Attendance> attendance_of_employee_all(Id tenant, Id employee) = 0;

  // Hours ledger (append-only).
  virtual void insert_hours(const HoursEntry& e) = 0;
  virtual std::vector<HoursEntry> hours(Id tenant, Id employee, const std::string& from_date, const std::string& to_date) = 0;

  // Files.
  virtual Id insert_file(const StoredFile& f) = 0;
  virtual std::optional<StoredFile> file(Id tenant, Id id) = 0;
  // The submissions that attach this file (usually one; none for a fresh upload).
  virtual std::vector<Submission> submissions_with_file(Id tenant, Id file) = 0;

  // Submissions.
  virtual std::optional<Submission> submission(Id tenant, Id training, Id employee) = 0;
  virtual std::optional<Submission> submission_by_id(Id tenant, Id id) = 0;
  virtual Id insert_submission(const Submission& s) = 0;
  virtual void update_submission(const Submission& s) = 0;
  virtual void insert_submission_version(const Submission& s) = 0;
  virtual std::vector<Submission> submissions_of_employee(Id tenant, Id employee) = 0;
  virtual std::vector<Submission> submissions_of_training(Id tenant, Id training) = 0;
  // An employee's submissions without text and attachments (status, score, comment).
  virtual std::vector<Submission> submission_summaries_of_employee(Id tenant, Id employee) = 0;
  virtual std::vector<SubmissionRow> review_queue(Id tenant, Id training, Id after_id, int limit) = 0;

  // Idempotency keys of write requests.
  virtual std::optional<IdempotentAnswer> idempotent_answer(Id tenant, Id user, const std::string& key) = 0;
  virtual void insert_idempotent_answer(Id tenant, Id user, const std::string& key, const IdempotentAnswer& a,
                                        UnixSeconds at) = 0;

  // Question bank.
  virtual std::vector<Question> questions(Id tenant, const std::optional<std::string>& q, const std::optional<std::string>& kind,
                                          std::optional<Id> course, Id after_id, int limit) = 0;
  virtual std::optional<Question> question(Id tenant, Id id) = 0;
  virtual Id insert_question(const Question& q) = 0;
  virtual void update_question(const Question& q) = 0;
  virtual void delete_question(Id tenant, Id id) = 0;
  virtual bool question_in_use(Id tenant, Id id) = 0;

  // Exams (one per training) and attempts.
  virtual std::optional<Exam> exam_of_training(Id tenant, Id training) = 0;
  virtual std::optional<Exam> exam(Id tenant, Id id) = 0;
  virtual Id upsert_exam(const Exam& e) = 0;  // insert or update by training; rewrites exam_questions
  virtual std::vector<ExamAttempt> attempts(Id tenant, Id exam, std::optional<Id> employee) = 0;
  virtual std::optional<ExamAttempt> attempt(Id tenant, Id id) = 0;
  virtual Id insert_attempt(const ExamAttempt& a) = 0;
  virtual void update_attempt(const ExamAttempt& a) = 0;

  // Feedback survey.
  virtual bool insert_feedback(const Feedback& f) = 0;  // false if this person already answered
  virtual std::vector<Feedback> feedback_of_trainings(Id tenant, const std::vector<Id>& trainings) = 0;

  // Outbox of domain events.
  virtual Id insert_event(const OutboxEvent& e) = 0;
  virtual std::vector<OutboxEvent> events(Id tenant, Id after_id, const std::optional<std::string>& kind, int limit) = 0;
};

}  // namespace luodi
