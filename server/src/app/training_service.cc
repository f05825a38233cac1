#include "app/training_service.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <set>
#include <unordered_map>

#include "app/access.h"
#include "app/audit_service.h"
#include "app/training_access.h"
#include "app/crypto.h"
#include "app/model_json.h"
#include "app/training_json.h"
#include "core/encoding.h"
#include "core/units.h"
#include "core/unicode.h"
#include "domain/org_tree.h"
#include "domain/training_rules.h"

namespace luodi {

using Json = nlohmann::json;

namespace {


void record_event(Repo& repo, Id tenant, const std::string& kind, const Json& payload, UnixSeconds at) {
  repo.insert_event(OutboxEvent{0, tenant, kind, payload.dump(), at});
}

Json submission_json(const Submission& s, Repo& repo) {
  Json files = Json::array();
  for (Id f : s.attachments) {
    auto file = repo.file(s.tenant_id, f);
    if (!file) continue;
    files.push_back(Json{{"id", file->id},
                         {"name", file->name},
                         {"content_type", file->content_type},
                         {"size", file->size},
                         {"url", "/api/v1/files/" + std::to_string(file->id)},
                         {"thumbnail_url", file->thumbnail_sha256 ? Json("/api/v1/files/" + std::to_string(file->id) + "/thumbnail")
                                                                  : Json(nullptr)}});
  }
  Json rubric = nullptr;
  if (s.rubric_scores_json) {
    rubric = Json::parse(*s.rubric_scores_json, nullptr, false);
    if (rubric.is_discarded()) rubric = nullptr;
  }
  auto t = [](const std::optional<UnixSeconds>& v) { return v ? Json(format_rfc3339(*v)) : Json(nullptr); };
  return Json{{"id", s.id},
              {"training_id", s.training_id},
              {"employee_id", s.employee_id},
              {"status", s.status},
              {"text", s.text},
              {"attachments", files},
              {"submitted_at", t(s.submitted_at)},
              {"late", s.late},
              {"version", s.version},
              {"score", s.score ? Json(*s.score) : Json(nullptr)},
              {"excellent", s.excellent},
              {"rubric_scores", rubric},
              {"comment", s.comment ? Json(*s.comment) : Json(nullptr)},
              {"reviewed_at", t(s.reviewed_at)},
              {"reviewer_id", s.reviewer_id ? Json(*s.reviewer_id) : Json(nullptr)},
              {"updated_at", format_rfc3339(s.updated_at)}};
}

// What the audit trail keeps of an employee's submission: its state and
// size, not its text (the text itself has versions of its own).
Json submission_summary(const Submission& s) {
  return Json{{"training_id", s.training_id}, {"status", s.status},          {"version", s.version},
              {"chars", utf8_length(s.text)}, {"attachments", s.attachments.size()}, {"late", s.late}};
}

// Checks that every listed employee exists in the tenant.
void check_employees_exist(Repo& repo, Id tenant, const std::vector<Id>& ids, const std::string& field, FieldErrors& errs) {
  for (Id id : ids)
    if (!repo.employee(tenant, id)) {
      errs.add(field, "员工不存在: " + std::to_string(id), "no such employee: " + std::to_string(id));
      return;
    }
}

}  // namespace

std::string submission_state(const std::optional<Submission>& s) { return s ? s->status : "not_submitted"; }

TrainingService::TrainingService(Database& db, const Clock& clock, CheckinOptions options)
    : db_(db), clock_(clock), options_(options) {}

// ================================================================ courses

Result<Page<Course>> TrainingService::list_courses(const Principal& p, const CourseFilter& f, PageRequest page) {
  Page<Course> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    out.items = repo.courses(p.tenant_id, f.q, f.category, page.after_id, page.limit + 1);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  finish_page(out, page.limit, [](const auto& x) { return x.id; });
  return out;
}

Result<Course> TrainingService::get_course(const Principal& p, Id id) {
  std::optional<Course> c;
  Status st = db_.read([&](Repo& repo) -> Status {
    c = repo.course(p.tenant_id, id);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  if (!c) return Error::not_found();
  return *c;
}

Result<Course> TrainingService::create_course(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  Course c;
  FieldErrors errs;
  apply_course_json(body, true, c, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  c.tenant_id = p.tenant_id;
  c.created_at = c.updated_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    FieldErrors link;
    check_employees_exist(repo, p.tenant_id, c.instructors, "instructors", link);
    if (!link.empty()) return std::move(link).to_error();
    c.id = repo.insert_course(c);
    record_audit(repo, p, c.created_at, "create", "course", c.id, std::nullopt, std::nullopt, to_json(c));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return c;
}

Result<Course> TrainingService::update_course(const Principal& p, Id id, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  Course c;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto cur = repo.course(p.tenant_id, id);
    if (!cur) return Error::not_found();
    if (!p.is_admin()) return Error::forbidden();
    c = *cur;
    FieldErrors errs;
    apply_course_json(body, false, c, errs);
    if (errs.empty()) check_employees_exist(repo, p.tenant_id, c.instructors, "instructors", errs);
    if (!errs.empty()) return std::move(errs).to_error();
    c.updated_at = clock_.now();
    repo.update_course(c);
    record_audit(repo, p, c.updated_at, "update", "course", id, std::nullopt, to_json(*cur), to_json(c));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return c;
}

Status TrainingService::delete_course(const Principal& p, Id id) {
  return db_.write([&](Repo& repo) -> Status {
    auto cur = repo.course(p.tenant_id, id);
    if (!cur) return Error::not_found();
    if (!p.is_admin()) return Error::forbidden();
    if (repo.count_trainings_of_course(p.tenant_id, id) > 0)
      return Error::conflict("id", "该课程已有培训班，不能删除", "The course has trainings and cannot be deleted");
    repo.delete_course(p.tenant_id, id);
    record_audit(repo, p, clock_.now(), "delete", "course", id, std::nullopt, to_json(*cur), std::nullopt);
    return ok_status();
  });
}

// ================================================================ trainings

Result<Page<Training>> TrainingService::list_trainings(const Principal& p, const TrainingFilter& f, PageRequest page) {
  TrainingQuery q;
  q.tenant_id = p.tenant_id;
  q.status = f.status;
  q.q = f.q;
  q.course_id = f.course_id;
  q.after_id = page.after_id;
  q.limit = page.limit + 1;
  if (p.is_tenant_admin()) {
  } else if (auto b = p.hr_branch()) {
    q.branch_id = b;
    q.include_tenant_wide = false;
  } else if (p.has(Role::kInstructor) && p.employee_id) {
    q.instructor = p.employee_id;
  } else {
    return Error::forbidden();
  }
  Page<Training> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    out.items = repo.trainings(q);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  finish_page(out, page.limit, [](const auto& x) { return x.id; });
  return out;
}

Result<Training> TrainingService::get_training(const Principal& p, Id id) {
  std::optional<Training> t;
  Status st = db_.read([&](Repo& repo) -> Status {
    t = repo.training(p.tenant_id, id);
    if (!t) return Error::not_found();
    if (is_hr_for(p, *t) || is_instructor(p, *t)) return ok_status();
    if (p.employee_id && t->status == "published" &&
        (repo.enrollment(p.tenant_id, id, *p.employee_id) || t->self_enrollment))
      return ok_status();
    return Error::not_found();
  });
  if (!st) return std::move(st).error();
  return *t;
}

namespace {

// Validates links of a training (course, instructors, audience, branch). The
// audience is people the caller administers; a training bound to a branch
// enrols only people and departments of that branch.
void check_training_links(Repo& repo, const Principal& p, Training& t, FieldErrors& errs) {
  auto course = repo.course(p.tenant_id, t.course_id);
  if (!course) {
    errs.add("course_id", "课程不存在", "course not found");
  } else {
    t.course_title = course->title;
    t.category = course->category;
  }
  if (auto b = p.hr_branch()) {
    if (t.branch_id && *t.branch_id != *b)
      errs.add("branch_id", "只能为本分支机构创建培训", "you can only manage trainings of your branch");
    t.branch_id = b;
  } else if (t.branch_id && !repo.branch(p.tenant_id, *t.branch_id)) {
    errs.add("branch_id", "分支机构不存在", "branch not found");
  }
  check_employees_exist(repo, p.tenant_id, t.instructors, "instructors", errs);
  if (auto s = check_people_administered(repo, p, t.audience.employees, "audience.employees", t.branch_id); !s)
    for (auto& d : s.error().details) errs.add(d.field, d.message, d.message_en);
  for (const auto& d : t.audience.departments) {
    auto dep = repo.department(p.tenant_id, d.id);
    if (!dep || !administers_branch(p, dep->branch_id) || (t.branch_id && dep->branch_id != *t.branch_id)) {
      errs.add("audience.departments", "部门不存在或不在你的管理范围: " + std::to_string(d.id),
               "no such department in your scope: " + std::to_string(d.id));
      break;
    }
  }
}

}  // namespace

Result<Training> TrainingService::create_training(const Principal& p, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  if (!p.is_admin()) return Error::forbidden();
  Training t;
  FieldErrors errs;
  apply_training_json(body, true, t, errs);
  if (!errs.empty()) return std::move(errs).to_error();
  t.tenant_id = p.tenant_id;
  t.created_at = t.updated_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    FieldErrors link;
    check_training_links(repo, p, t, link);
    if (!link.empty()) return std::move(link).to_error();
    auto course = repo.course(p.tenant_id, t.course_id);
    if (t.title.empty()) t.title = course->title;
    default_session_hours(t, course->credit_hours, body);
    t.id = repo.insert_training(t);
    auto stored = repo.training(p.tenant_id, t.id);
    record_audit(repo, p, t.created_at, "create", "training", t.id, t.branch_id, std::nullopt, to_json(*stored));
    t = *stored;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return t;
}

Result<Training> TrainingService::update_training(const Principal& p, Id id, const Json& body) {
  if (!body.is_object()) return Error::not_json_object();
  Training result;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto cur = repo.training(p.tenant_id, id);
    if (!cur) return Error::not_found();
    if (auto a = allow_hr(p, *cur); !a) return a;
    Training t = *cur;
    FieldErrors errs;
    apply_training_json(body, false, t, errs);
    if (!errs.empty()) return std::move(errs).to_error();
    check_training_links(repo, p, t, errs);
    // Sessions: ids must belong to this training; removed ones must have no attendance.
    std::set<Id> old_ids, new_ids;
    for (const auto& s : cur->sessions) old_ids.insert(s.id);
    for (size_t i = 0; i < t.sessions.size(); ++i)
      if (t.sessions[i].id) {
        if (!old_ids.count(t.sessions[i].id))
          errs.add("sessions[" + std::to_string(i) + "].id", "不属于本培训的课时", "session does not belong to this training");
        new_ids.insert(t.sessions[i].id);
      }
    if (!errs.empty()) return std::move(errs).to_error();
    for (Id old : old_ids)
      if (!new_ids.count(old) && repo.count_attendance(p.tenant_id, old) > 0)
        return Error::conflict("sessions", "已有签到记录的课时不能删除", "a session with attendance cannot be removed");
    if (body.contains("sessions")) {
      auto course = repo.course(p.tenant_id, t.course_id);
      default_session_hours(t, course ? course->credit_hours : 0, body);
    }
    t.updated_at = clock_.now();
    repo.update_training(t);
    auto stored = repo.training(p.tenant_id, id);
    record_audit(repo, p, t.updated_at, "update", "training", id, t.branch_id, to_json(*cur), to_json(*stored));
    if (stored->status == "published") record_event(repo, p.tenant_id, "training.updated", Json{{"training_id", id}}, t.updated_at);
    result = *stored;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return result;
}

namespace {
// The people an audience is resolved against: the training's branch, or the
// whole tenant for a tenant-wide training.
std::vector<Employee> audience_pool(Repo& repo, const Training& t) {
  EmployeeQuery q;
  q.tenant_id = t.tenant_id;
  q.branch_id = t.branch_id;
  q.limit = 10000000;
  return repo.employees(q);
}
}  // namespace

Result<std::pair<Training, int>> TrainingService::publish(const Principal& p, Id id) {
  Training result;
  int enrolled = 0;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    repo.lock_training(p.tenant_id, id);
    auto t = repo.training(p.tenant_id, id);
    if (!t) return Error::not_found();
    if (auto a = allow_hr(p, *t); !a) return a;
    if (t->status != "draft") return Error::named(ErrorCode::kConflict, "already_published", "该培训已发布", "The training is already published");
    OrgTree tree(repo.departments(p.tenant_id, false));
    for (Id e : resolve_audience(t->audience, audience_pool(repo, *t), tree)) {
      repo.insert_enrollment(p.tenant_id, Enrollment{id, e, "audience", now, "", "", ""});
      ++enrolled;
    }
    Training before = *t;
    t->status = "published";
    t->published_at = now;
    t->updated_at = now;
    repo.update_training(*t);
    result = *repo.training(p.tenant_id, id);
    record_audit(repo, p, now, "update", "training", id, t->branch_id, to_json(before), to_json(result));
    record_event(repo, p.tenant_id, "training.published", Json{{"training_id", id}, {"enrolled", enrolled}}, now);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return std::pair<Training, int>{result, enrolled};
}

Result<std::vector<EnrollmentRow>> TrainingService::enrollments(const Principal& p, Id id, bool missing_only) {
  std::vector<EnrollmentRow> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, id);
    if (!t) return Error::not_found();
    if (auto a = allow_staff(p, *t); !a) return a;
    std::unordered_map<Id, int> attended;
    for (const auto& s : t->sessions)
      for (const auto& a : repo.attendance_of_session(p.tenant_id, s.id))
        if (a.present) ++attended[a.employee_id];
    std::unordered_map<Id, Submission> subs;
    for (auto& s : repo.submissions_of_training(p.tenant_id, id)) subs.emplace(s.employee_id, std::move(s));
    for (auto& e : repo.enrollments(p.tenant_id, id)) {
      auto it = subs.find(e.employee_id);
      std::string state = it == subs.end() ? "not_submitted" : it->second.status;
      bool done = state == "submitted" || state == "late" || state == "reviewed";
      if (missing_only && done) continue;
      out.push_back(EnrollmentRow{e, attended[e.employee_id], state});
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<std::pair<std::vector<Employee>, std::vector<Employee>>> TrainingService::audience_diff(const Principal& p, Id id) {
  std::vector<Employee> add, remove;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, id);
    if (!t) return Error::not_found();
    if (auto a = allow_hr(p, *t); !a) return a;
    OrgTree tree(repo.departments(p.tenant_id, false));
    EmployeeQuery everyone;
    everyone.tenant_id = p.tenant_id;
    everyone.limit = 10000000;
    auto employees = repo.employees(everyone);  // enrolled people outside the branch show up for removal
    auto audience = resolve_audience(t->audience, audience_pool(repo, *t), tree);
    std::set<Id> in_audience(audience.begin(), audience.end()), enrolled;
    for (const auto& e : repo.enrollments(p.tenant_id, id)) enrolled.insert(e.employee_id);
    // People who left are outside every audience, but their enrolment (and
    // what they did) stays: they are never suggested for removal.
    for (auto& e : employees) {
      if (in_audience.count(e.id) && !enrolled.count(e.id)) add.push_back(e);
      else if (!in_audience.count(e.id) && enrolled.count(e.id) && e.status == "active") remove.push_back(e);
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return std::pair{add, remove};
}

Result<std::pair<int, int>> TrainingService::change_enrollments(const Principal& p, Id id, const std::vector<Id>& add,
                                                                const std::vector<Id>& remove) {
  int added = 0, removed = 0;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    repo.lock_training(p.tenant_id, id);
    auto t = repo.training(p.tenant_id, id);
    if (!t) return Error::not_found();
    if (auto a = allow_hr(p, *t); !a) return a;
    FieldErrors errs;
    for (Id e : add) {
      auto emp = repo.employee(p.tenant_id, e);
      if (!emp || emp->status != "active") {
        errs.add("add", "员工不存在或已离职: " + std::to_string(e), "no such active employee: " + std::to_string(e));
        break;
      }
    }
    if (!errs.empty()) return std::move(errs).to_error();
    if (auto s = check_people_administered(repo, p, add, "add", t->branch_id); !s) return s;
    // What changed, not what was asked: people already enrolled (or not
    // enrolled) and repeated ids change nothing and are not recorded.
    std::vector<Id> done_add, done_remove;
    for (Id e : add)
      if (!repo.enrollment(p.tenant_id, id, e)) {
        repo.insert_enrollment(p.tenant_id, Enrollment{id, e, "manual", now, "", "", ""});
        done_add.push_back(e);
      }
    for (Id e : remove)
      if (repo.enrollment(p.tenant_id, id, e)) {
        repo.delete_enrollment(p.tenant_id, id, e);
        done_remove.push_back(e);
      }
    added = static_cast<int>(done_add.size());
    removed = static_cast<int>(done_remove.size());
    if (added || removed) {
      record_audit(repo, p, now, "update", "enrollment", id, t->branch_id, std::nullopt,
                   Json{{"training_id", id}, {"added", ids_json(done_add)}, {"removed", ids_json(done_remove)}});
      Json changed = ids_json(done_add);
      for (const auto& r : ids_json(done_remove)) changed.push_back(r);
      record_event(repo, p.tenant_id, "enrollment.changed", Json{{"training_id", id}, {"employee_ids", changed}}, now);
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return std::pair{added, removed};
}

Result<EnrollmentRow> TrainingService::self_enroll(const Principal& p, Id id) {
  EnrollmentRow row;
  Enrollment out;
  const UnixSeconds now = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    repo.lock_training(p.tenant_id, id);  // capacity is counted, then used
    auto t = repo.training(p.tenant_id, id);
    if (!t || t->status != "published" || !p.employee_id) return Error::not_found();
    if (auto e = repo.enrollment(p.tenant_id, id, *p.employee_id)) {
      out = *e;
      return ok_status();
    }
    if (!t->self_enrollment)
      return Error::named(ErrorCode::kForbidden, "self_enrollment_closed", "该培训不开放自主报名", "Self-enrolment is not open for this training");
    if (t->capacity && repo.count_enrollments(p.tenant_id, id) >= *t->capacity)
      return Error::named(ErrorCode::kConflict, "training_full", "名额已满", "The training is full");
    out = Enrollment{id, *p.employee_id, "self", now, "", "", ""};
    repo.insert_enrollment(p.tenant_id, out);
    record_event(repo, p.tenant_id, "enrollment.changed", Json{{"training_id", id}, {"employee_ids", {*p.employee_id}}}, now);
    record_audit(repo, p, now, "create", "enrollment", id, p.employee_branch_id, std::nullopt,
                 Json{{"training_id", id}, {"employee_id", *p.employee_id}, {"source", "self"}});
    return ok_status();
  });
  if (!st) return std::move(st).error();
  // The same shape as a line of the enrolment list.
  st = db_.read([&](Repo& repo) -> Status {
    auto e = repo.employee(p.tenant_id, out.employee_id);
    if (e) {
      out.employee_no = e->employee_no;
      out.name = e->name;
      out.department_name = e->department_name;
    }
    int attended = 0;
    if (auto t = repo.training(p.tenant_id, id))
      for (const auto& s : t->sessions)
        if (auto a = repo.attendance(p.tenant_id, s.id, out.employee_id); a && a->present) ++attended;
    row.attended_sessions = attended;
    row.submission_status = submission_state(repo.submission(p.tenant_id, id, out.employee_id));
    return ok_status();
  });
  if (!st) return std::move(st).error();
  row.enrollment = out;
  return row;
}

// ================================================================ check-in

std::string TrainingService::checkin_secret() {
  std::lock_guard lock(secret_mu_);
  if (!secret_.empty()) return secret_;
  std::string secret;
  Status st = db_.write([&](Repo& repo) -> Status {
    repo.insert_setting_if_absent("checkin_secret", random_token());
    secret = repo.setting("checkin_secret").value_or("");
    return ok_status();
  });
  if (st && !secret.empty()) secret_ = secret;
  return secret;
}

std::string TrainingService::token_for(Id tenant, Id session, std::int64_t slot) {
  return hmac_token(checkin_secret(), std::to_string(tenant) + ":" + std::to_string(session) + ":" + std::to_string(slot), 16);
}

Result<CheckinToken> TrainingService::checkin_token(const Principal& p, Id session_id, const std::string& origin) {
  CheckinToken out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto s = repo.session(p.tenant_id, session_id);
    if (!s) return Error::not_found();
    auto t = repo.training(p.tenant_id, s->training_id);
    if (!t) return Error::not_found();
    out.training_id = t->id;
    out.training_title = t->title;
    out.session = *s;
    return allow_staff(p, *t);
  });
  if (!st) return std::move(st).error();
  const UnixSeconds now = clock_.now();
  const std::int64_t slot = now / options_.rotate_seconds;
  out.token = token_for(p.tenant_id, session_id, slot);
  if (out.token.empty()) return Error::internal("no check-in secret");
  out.url = origin + "/m/checkin/" + std::to_string(session_id) + "?t=" + out.token;
  out.expires_at = (slot + 2) * options_.rotate_seconds;  // the next period still accepts it
  out.rotates_every = options_.rotate_seconds;
  return out;
}

namespace {

// Records attendance and credits (or reverses) hours; one place for QR and manual.
Attendance apply_attendance(Repo& repo, Id tenant, const Training& t, const TrainingSession& s, Id employee, bool present,
                            const std::string& method, UnixSeconds now) {
  auto before = repo.attendance(tenant, s.id, employee);
  Attendance a{s.id, employee, present, now, method, present ? s.credit_hours : 0};
  repo.upsert_attendance(tenant, a);
  const double credited_before = before && before->present ? before->hours : 0;
  const double delta = a.hours - credited_before;
  if (std::abs(delta) > 1e-9) {
    HoursEntry h;
    h.tenant_id = tenant;
    h.employee_id = employee;
    h.source = "attendance:" + std::to_string(s.id);
    h.category = t.category;
    h.hours = delta;
    h.date = local_date(s.start_at);
    h.training_id = t.id;
    h.title = t.title;
    h.created_at = now;
    repo.insert_hours(h);
  }
  record_event(repo, tenant, "attendance.recorded",
               Json{{"session_id", s.id}, {"training_id", t.id}, {"employee_id", employee}, {"present", present},
                    {"hours", a.hours}, {"method", method}},
               now);
  return a;
}

}  // namespace

Result<Attendance> TrainingService::checkin(const Principal& p, Id session_id, const std::string& token) {
  if (!p.employee_id) return Error::named(ErrorCode::kForbidden, "not_enrolled", "您未报名该培训", "You are not enrolled in this training");
  const UnixSeconds now = clock_.now();
  const std::int64_t slot = now / options_.rotate_seconds;
  // Computed outside the transaction: the secret may need a write of its own.
  const std::string current = token_for(p.tenant_id, session_id, slot), previous = token_for(p.tenant_id, session_id, slot - 1);
  Attendance out;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto s = repo.session(p.tenant_id, session_id);
    if (!s) return Error::not_found();
    auto t = repo.training(p.tenant_id, s->training_id);
    if (!t || t->status != "published") return Error::not_found();
    repo.lock_enrollment(p.tenant_id, t->id, *p.employee_id);  // one check-in at a time per person
    if (!repo.enrollment(p.tenant_id, t->id, *p.employee_id))
      return Error::named(ErrorCode::kForbidden, "not_enrolled", "您未报名该培训", "You are not enrolled in this training");
    if (token.empty()) return Error::validation("token", "请扫描签到二维码", "token is required");
    auto existing = repo.attendance(p.tenant_id, session_id, *p.employee_id);
    if (existing && existing->present) {
      out = *existing;
      return ok_status();
    }
    if (!checkin_window_open(*s, now, options_.open_before)) {
      const std::int64_t before = options_.open_before;
      Error e = Error::named(
          ErrorCode::kValidationFailed, "checkin_window_closed",
          before > 0 ? "不在签到时间内（开课前" + format_duration_zh(before) + "至下课）" : "不在签到时间内（开课至下课）",
          before > 0 ? "Check-in is open from " + format_duration_en(before) + " before the start until the end of the session"
                     : "Check-in is open from the start until the end of the session");
      e.details.push_back(FieldError{"token", e.message, e.message_en, std::nullopt});
      return e;
    }
    if (token.empty() || (token != current && token != previous)) {
      Error e = Error::named(ErrorCode::kValidationFailed, "checkin_token_invalid", "签到码无效或已过期，请重新扫码",
                             "The check-in code is invalid or expired; scan again");
      e.details.push_back(FieldError{"token", e.message, e.message_en, std::nullopt});
      return e;
    }
    out = apply_attendance(repo, p.tenant_id, *t, *s, *p.employee_id, true, "qr", now);
    record_audit(repo, p, now, "checkin", "attendance", session_id, p.employee_branch_id,
                 existing ? std::optional<Json>(Json{{"present", existing->present}, {"method", existing->method}}) : std::nullopt,
                 Json{{"session_id", session_id}, {"training_id", t->id}, {"employee_id", *p.employee_id}, {"present", true},
                      {"method", "qr"}, {"hours", out.hours}});
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Json> TrainingService::session_attendance(const Principal& p, Id session_id) {
  Json items = Json::array();
  Status st = db_.read([&](Repo& repo) -> Status {
    auto s = repo.session(p.tenant_id, session_id);
    if (!s) return Error::not_found();
    auto t = repo.training(p.tenant_id, s->training_id);
    if (!t) return Error::not_found();
    if (auto a = allow_staff(p, *t); !a) return a;
    std::unordered_map<Id, Attendance> by_emp;
    for (auto& a : repo.attendance_of_session(p.tenant_id, session_id)) by_emp.emplace(a.employee_id, a);
    for (const auto& e : repo.enrollments(p.tenant_id, t->id)) {
      auto it = by_emp.find(e.employee_id);
      bool present = it != by_emp.end() && it->second.present;
      items.push_back(Json{{"employee_id", e.employee_id},
                           {"employee_no", e.employee_no},
                           {"name", e.name},
                           {"department_name", e.department_name},
                           {"present", present},
                           {"checked_in_at", it != by_emp.end() ? Json(format_rfc3339(it->second.checked_in_at)) : Json(nullptr)},
                           {"method", it != by_emp.end() ? Json(it->second.method) : Json(nullptr)}});
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return Json{{"items", items}};
}

Result<Attendance> TrainingService::set_attendance(const Principal& p, Id session_id, Id employee, std::optional<bool> present,
                                                   const std::string& reason) {
  const UnixSeconds now = clock_.now();
  Attendance out;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto s = repo.session(p.tenant_id, session_id);
    if (!s) return Error::not_found();
    auto t = repo.training(p.tenant_id, s->training_id);
    if (!t) return Error::not_found();
    if (auto a = allow_hr(p, *t); !a) return a;
    if (!present) return Error::validation("present", "请指定是否出勤", "present (true/false) is required");
    if (!repo.enrollment(p.tenant_id, t->id, employee))
      return Error::validation("employee_id", "该员工未报名此培训", "the employee is not enrolled in this training");
    auto before = repo.attendance(p.tenant_id, session_id, employee);
    out = apply_attendance(repo, p.tenant_id, *t, *s, employee, *present, "manual", now);
    record_audit(repo, p, now, before ? "update" : "create", "attendance", session_id, t->branch_id,
                 before ? std::optional<Json>(Json{{"employee_id", employee}, {"present", before->present}}) : std::nullopt,
                 Json{{"employee_id", employee}, {"present", *present}, {"reason", reason}, {"session_id", session_id}});
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<HoursSummary> TrainingService::hours(const Principal& p, std::optional<Id> employee, int year) {
  HoursSummary out;
  out.year = year;
  Status st = db_.read([&](Repo& repo) -> Status {
    Id who = 0;
    if (!employee) {
      if (!p.employee_id) return Error::not_found();
      who = *p.employee_id;
    } else {
      auto e = repo.employee(p.tenant_id, *employee);
      if (!e) return Error::not_found();
      OrgTree tree(repo.departments(p.tenant_id, false));
      if (!scope_contains(employee_read_scope(p, tree), *e)) return Error::not_found();
      who = e->id;
    }
    char from[16], to[16];
    std::snprintf(from, sizeof from, "%04d-01-01", year);
    std::snprintf(to, sizeof to, "%04d-12-31", year);
    out.entries = repo.hours(p.tenant_id, who, from, to);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  for (const auto& h : out.entries) {
    out.total += h.hours;
    if (h.category == "public") out.by_public += h.hours;
    else if (h.category == "professional") out.by_professional += h.hours;
    else out.by_general += h.hours;
  }
  return out;
}

// ================================================================ reflections

Result<std::vector<MyTraining>> TrainingService::my_trainings(const Principal& p) {
  std::vector<MyTraining> out;
  if (!p.employee_id) return out;
  Status st = db_.read([&](Repo& repo) -> Status {
    // Which trainings, in which versions; the trainings themselves come from
    // the view cache (shared by all 500 participants of a training).
    for (const TrainingVersion& v : repo.enrolled_training_versions(p.tenant_id, *p.employee_id)) {
      std::shared_ptr<const Training> t;
      {
        std::shared_lock lock(view_mu_);
        auto it = views_.find(v.id);
        if (it != views_.end() && it->second.first == v) t = it->second.second;
      }
      if (!t) {
        auto loaded = repo.training(p.tenant_id, v.id);
        if (!loaded) continue;
        t = std::make_shared<const Training>(std::move(*loaded));
        std::unique_lock lock(view_mu_);
        if (views_.size() > 50000) views_.clear();
        views_[v.id] = {TrainingVersion{t->id, t->updated_at, t->course_updated_at}, t};
      }
      MyTraining m;
      m.training = std::move(t);
      m.due_at = assignment_due_at(*m.training);
      out.push_back(std::move(m));
    }
    if (out.empty()) return ok_status();
    std::unordered_map<Id, std::vector<Attendance>> att;
    for (auto& a : repo.attendance_of_employee_all(p.tenant_id, *p.employee_id)) att[a.session_id].push_back(a);
    std::unordered_map<Id, Submission> subs;
    for (auto& s : repo.submission_summaries_of_employee(p.tenant_id, *p.employee_id)) subs.emplace(s.training_id, std::move(s));
    for (auto& m : out) {
      for (const auto& s : m.training->sessions)
        if (auto it = att.find(s.id); it != att.end())
          for (const auto& a : it->second) m.attendance.push_back(a);
      if (auto it = subs.find(m.training->id); it != subs.end()) m.submission = it->second;
      m.status = submission_state(m.submission);
    }
    return ok_status();
  });
  if (!st) return std::move(st).error();
  std::stable_sort(out.begin(), out.end(), [](const MyTraining& a, const MyTraining& b) {
    if (a.due_at.has_value() != b.due_at.has_value()) return a.due_at.has_value();
    return a.due_at.value_or(0) < b.due_at.value_or(0);
  });
  return out;
}

Result<Submission> TrainingService::my_submission(const Principal& p, Id training) {
  std::optional<Submission> s;
  Status st = db_.read([&](Repo& repo) -> Status {
    if (p.employee_id) s = repo.submission(p.tenant_id, training, *p.employee_id);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  if (!s) return Error::not_found();
  return *s;
}

Result<Submission> TrainingService::put_submission(const Principal& p, Id training, const SubmissionInput& in,
                                                   const std::string& idempotency_key) {
  if (!p.employee_id) return Error::not_found();
  const UnixSeconds now = clock_.now();
  // The key names one request: the same key for another training or body is a misuse (409).
  const std::string request_hash = sha256_hex(std::to_string(training) + "\x1f" + in.text + "\x1f" +
                                              ids_json(in.attachments).dump() + "\x1f" + (in.submit ? "1" : "0"));
  Submission out;
  Status st = db_.write([&](Repo& repo) -> Status {
    // Retries of one person's submission wait for each other (then replay).
    repo.lock_enrollment(p.tenant_id, training, *p.employee_id);
    if (!idempotency_key.empty()) {
      if (auto prior = repo.idempotent_answer(p.tenant_id, p.user_id, idempotency_key)) {
        if (prior->request_hash != request_hash)
          return Error::named(ErrorCode::kConflict, "idempotency_key_reused", "该 Idempotency-Key 已用于另一个请求",
                              "This Idempotency-Key was used for a different request");
        auto s = repo.submission_by_id(p.tenant_id, std::stoll(prior->body));
        if (!s) return Error::not_found();
        out = *s;
        out.version = prior->status;  // the version the first answer had
        return ok_status();
      }
    }
    auto t = repo.training(p.tenant_id, training);
    if (!t || t->status != "published" || !repo.enrollment(p.tenant_id, training, *p.employee_id)) return Error::not_found();
    if (!t->assignment)
      return Error::validation("training_id", "该培训没有心得/作业要求", "This training has no assignment");
    FieldErrors errs;
    check_submission(*t->assignment, in.text, in.attachments.size(), in.submit, errs);
    for (Id f : in.attachments) {
      auto file = repo.file(p.tenant_id, f);
      if (!file || file->owner_user_id != p.user_id) {
        errs.add("attachments", "附件不存在: " + std::to_string(f), "no such file: " + std::to_string(f));
        break;
      }
    }
    if (!errs.empty()) return std::move(errs).to_error();
    auto cur = repo.submission(p.tenant_id, training, *p.employee_id);
    if (cur && cur->status == "reviewed")
      return Error::named(ErrorCode::kConflict, "already_reviewed", "心得已评阅，不能再修改", "The reflection has been reviewed and is final");
    if (cur && !in.submit && (cur->status == "submitted" || cur->status == "late"))
      return Error::named(ErrorCode::kConflict, "already_submitted", "心得已提交，如需修改请直接重新提交",
                          "Already submitted; submit again to replace it");
    Submission s = cur.value_or(Submission{});
    s.tenant_id = p.tenant_id;
    s.training_id = training;
    s.employee_id = *p.employee_id;
    s.text = trim(in.text);
    s.attachments = in.attachments;
    s.updated_at = now;
    if (!cur) s.created_at = now;
    if (in.submit) {
      auto due = assignment_due_at(*t);
      s.late = due && now > *due;
      s.status = s.late ? "late" : "submitted";
      s.submitted_at = now;
      s.version += 1;
      s.score.reset();
      s.excellent = false;
    } else {
      // A returned reflection stays "returned" (with the reviewer's comment) until it is submitted again.
      s.status = cur && cur->status == "returned" ? "returned" : "draft";
    }
    if (cur) repo.update_submission(s);
    else s.id = repo.insert_submission(s);
    record_audit(repo, p, now, in.submit ? "submit" : cur ? "update" : "create", "submission", s.id, p.employee_branch_id,
                 cur ? std::optional<Json>(submission_summary(*cur)) : std::nullopt, submission_summary(s));
    if (in.submit) {
      repo.insert_submission_version(s);
      record_event(repo, p.tenant_id, "submission.submitted",
                   Json{{"submission_id", s.id}, {"training_id", training}, {"employee_id", s.employee_id},
                        {"late", s.late}, {"version", s.version}, {"required", t->required}},
                   now);
    }
    if (!idempotency_key.empty())
      repo.insert_idempotent_answer(p.tenant_id, p.user_id, idempotency_key,
                                    IdempotentAnswer{request_hash, s.version, std::to_string(s.id)}, now);
    out = s;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Result<Page<SubmissionRow>> TrainingService::review_queue(const Principal& p, Id training, PageRequest page) {
  Page<SubmissionRow> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    auto t = repo.training(p.tenant_id, training);
    if (!t) return Error::not_found();
    if (auto a = allow_staff(p, *t); !a) return a;
    out.items = repo.review_queue(p.tenant_id, training, page.after_id, page.limit + 1);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  finish_page(out, page.limit, [](const auto& x) { return x.submission.id; });
  return out;
}

Result<Submission> TrainingService::review(const Principal& p, Id submission_id, const ReviewInput& in) {
  const UnixSeconds now = clock_.now();
  Submission out;
  Status st = db_.write([&](Repo& repo) -> Status {
    auto s = repo.submission_by_id(p.tenant_id, submission_id);
    if (!s) return Error::not_found();
    auto t = repo.training(p.tenant_id, s->training_id);
    if (!t) return Error::not_found();
    if (auto a = allow_staff(p, *t); !a) return a;
    if (s->status == "draft" || s->status == "returned")
      return Error::named(ErrorCode::kConflict, "not_submitted", "心得尚未提交", "The reflection has not been submitted");
    FieldErrors errs;
    std::optional<double> score = in.score;
    std::optional<std::string> rubric_json;
    if (in.rubric_scores) {
      const auto& rubric = t->assignment ? t->assignment->rubric : std::vector<RubricItem>{};
      if (!in.rubric_scores->is_object() || rubric.empty()) {
        errs.add("rubric_scores", "本作业没有评分细则", "this assignment has no rubric");
      } else {
        double sum = 0;
        for (const auto& item : rubric) {
          auto it = in.rubric_scores->find(item.name);
          if (it == in.rubric_scores->end() || !it->is_number() || it->get<double>() < 0 || it->get<double>() > item.max_score) {
            errs.add("rubric_scores." + item.name, "应为0到" + std::to_string(static_cast<int>(item.max_score)) + "之间的分数",
                     "must be a score between 0 and " + std::to_string(static_cast<int>(item.max_score)));
            continue;
          }
          sum += it->get<double>();
        }
        score = sum;
        rubric_json = in.rubric_scores->dump();
      }
    }
    if (!in.return_for_revision) {
      if (!score) errs.add("score", "请给出0-100的分数", "score (0-100) is required");
      else if (*score < 0 || *score > 100 || std::isnan(*score)) errs.add("score", "分数应在0到100之间", "score must be between 0 and 100");
    }
    if (in.comment && utf8_length(*in.comment) > 2000) errs.add("comment", "评语最长2000字", "comment is too long (max 2000)");
    else if (in.comment) check_text_chars("comment", *in.comment, TextKind::kMultiLine, errs);
    if (!errs.empty()) return std::move(errs).to_error();
    Submission before = *s;
    if (in.return_for_revision) {
      s->status = "returned";
      s->score.reset();
      s->excellent = false;
    } else {
      s->status = "reviewed";
      s->score = std::round(*score * 10) / 10;
      s->excellent = in.excellent;
      s->rubric_scores_json = rubric_json;
    }
    s->comment = in.comment;
    s->reviewed_at = now;
    s->reviewer_id = p.employee_id ? std::optional<Id>(*p.employee_id) : std::nullopt;
    s->updated_at = now;
    repo.update_submission(*s);
    record_audit(repo, p, now, "update", "submission", s->id, t->branch_id,
                 Json{{"status", before.status}, {"score", before.score ? Json(*before.score) : Json(nullptr)}},
                 Json{{"status", s->status}, {"score", s->score ? Json(*s->score) : Json(nullptr)}, {"excellent", s->excellent}});
    record_event(repo, p.tenant_id, "submission.reviewed",
                 Json{{"submission_id", s->id}, {"training_id", t->id}, {"employee_id", s->employee_id},
                      {"score", s->score ? Json(*s->score) : Json(nullptr)}, {"excellent", s->excellent},
                      {"returned", in.return_for_revision}},
                 now);
    out = *s;
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return out;
}

Json TrainingService::render_submission(const Submission& s) {
  Json out;
  Status st = db_.read([&](Repo& repo) -> Status {
    out = submission_json(s, repo);
    return ok_status();
  });
  return st ? out : Json{{"id", s.id}, {"status", s.status}};
}

std::vector<Json> TrainingService::render_submissions(const std::vector<const Submission*>& list) {
  std::vector<Json> out;
  out.reserve(list.size());
  Status st = db_.read([&](Repo& repo) -> Status {
    for (const Submission* s : list) out.push_back(submission_json(*s, repo));
    return ok_status();
  });
  if (!st) {
    out.clear();
    for (const Submission* s : list) out.push_back(Json{{"id", s->id}, {"status", s->status}});
  }
  return out;
}

Result<Page<OutboxEvent>> TrainingService::events(const Principal& p, Id after, const std::optional<std::string>& kind, int limit) {
  // The feed is the tenant's integration stream (ERP/OA): every branch's events,
  // so it is for tenant-wide admins only; a branch HR gets 403.
  if (!p.is_tenant_admin()) return Error::forbidden();
  Page<OutboxEvent> out;
  Status st = db_.read([&](Repo& repo) -> Status {
    out.items = repo.events(p.tenant_id, after, kind, limit + 1);
    return ok_status();
  });
  if (!st) return std::move(st).error();
  finish_page(out, limit, [](const auto& x) { return x.id; });
  return out;
}

}  // namespace luodi
