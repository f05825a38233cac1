// Plain data of the training loop: courses, trainings and their sessions,
// enrolments, attendance, the hours ledger, files and submissions.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/org_model.h"

namespace luodi {

struct Material {
  std::string title;
  std::optional<std::string> url;
  std::optional<Id> file_id;
};

struct Course {
  Id id = 0;
  Id tenant_id = 0;
  std::string title;
  std::string description;
  std::string category = "general";  // public | professional | general
  std::vector<std::string> tags;
  double credit_hours = 0;
  std::vector<Id> instructors;
  std::vector<Material> materials;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct TrainingSession {
  Id id = 0;
  Id training_id = 0;
  UnixSeconds start_at = 0;
  UnixSeconds end_at = 0;
  std::string place;
  std::string online_url;
  double credit_hours = 0;
};

struct AudienceDepartment {
  Id id = 0;
  bool include_subtree = false;
};

struct Audience {
  std::vector<AudienceDepartment> departments;
  std::vector<Id> employees;
  std::vector<std::string> roles;
  std::vector<std::string> job_levels;
  bool empty() const { return departments.empty() && employees.empty() && roles.empty() && job_levels.empty(); }
};

struct RubricItem {
  std::string name;
  double max_score = 0;
};

struct AssignmentSpec {
  int min_chars = 0;
  std::optional<UnixSeconds> due_at;          // as given
  std::optional<int> due_days_after_end;      // as given
  bool attachments_allowed = true;
  int max_attachments = 9;
  std::vector<RubricItem> rubric;
};

struct Training {
  Id id = 0;
  Id tenant_id = 0;
  Id course_id = 0;
  std::string title;
  std::string description;
  std::optional<Id> branch_id;
  std::vector<Id> instructors;
  std::vector<TrainingSession> sessions;
  Audience audience;
  bool required = false;
  bool self_enrollment = false;
  std::optional<int> capacity;
  std::optional<AssignmentSpec> assignment;
  bool feedback_enabled = false;
  std::string status = "draft";  // draft | published
  std::optional<UnixSeconds> published_at;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  // Read-only.
  std::int64_t enrolled_count = 0;
  std::string course_title;
  std::string category;
  UnixSeconds course_updated_at = 0;
};

// What identifies one state of a training as shown to participants.
struct TrainingVersion {
  Id id = 0;
  UnixSeconds updated_at = 0;
  UnixSeconds course_updated_at = 0;
  bool operator==(const TrainingVersion&) const = default;
};

struct Enrollment {
  Id training_id = 0;
  Id employee_id = 0;
  std::string source;  // audience | manual | self
  UnixSeconds enrolled_at = 0;
  // Joined, read-only.
  std::string employee_no;
  std::string name;
  std::string department_name;
};

struct Attendance {
  Id session_id = 0;
  Id employee_id = 0;
  bool present = true;
  UnixSeconds checked_in_at = 0;
  std::string method;  // qr | manual
  double hours = 0;
};

struct HoursEntry {
  Id id = 0;
  Id tenant_id = 0;
  Id employee_id = 0;
  std::string source;  // "attendance:<session id>"
  std::string category;
  double hours = 0;
  std::string date;  // YYYY-MM-DD (tenant time zone)
  std::optional<Id> training_id;
  std::string title;
  UnixSeconds created_at = 0;
};

struct StoredFile {
  Id id = 0;
  Id tenant_id = 0;
  Id owner_user_id = 0;
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::optional<std::string> thumbnail_sha256;
  UnixSeconds created_at = 0;
};

struct Submission {
  Id id = 0;
  Id tenant_id = 0;
  Id training_id = 0;
  Id employee_id = 0;
  std::string status = "draft";  // draft | submitted | late | returned | reviewed
  std::string text;
  std::vector<Id> attachments;
  std::optional<UnixSeconds> submitted_at;
  bool late = false;
  int version = 0;
  std::optional<double> score;
  bool excellent = false;
  std::optional<std::string> rubric_scores_json;
  std::optional<std::string> comment;
  std::optional<UnixSeconds> reviewed_at;
  std::optional<Id> reviewer_id;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct OutboxEvent {
  Id id = 0;
  Id tenant_id = 0;
  std::string kind;
  std::string payload_json;
  UnixSeconds created_at = 0;
};

}  // namespace luodi
