// SQL of the training loop (TrainingRepo over SociRepo).
#include <ctime>
#include <unordered_map>

#include "app/training_json.h"
#include "store/soci_repo.h"
#include "store/sql.h"
#include "store/sql_params.h"

namespace luodi {

using Json = nlohmann::json;
using sql::p;
using sql::Param;
using sql::Row;
using namespace sql;

namespace {

using sql::pt;  // the optional overload, next to this exact one
Param pt(std::string name, UnixSeconds v) { return Param{std::move(name), static_cast<long long>(v)}; }
Json parse(const std::string& s) { return parse_json(s); }

const char* kCourseCols =
    "id, tenant_id, title, description, category, tags_json, credit_hours, instructors_json, materials_json, created_at, updated_at";
Course course_of(const Row& r) {
  Course c;
  c.id = r.i64(0);
  c.tenant_id = r.i64(1);
  c.title = r.str(2);
  c.description = r.str(3);
  c.category = r.str(4);
  Json tags = parse(r.str(5));
  if (tags.is_array()) c.tags = tags.get<std::vector<std::string>>();
  c.credit_hours = r.f64(6);
  c.instructors = ids_from_json(parse(r.str(7)));
  c.materials = materials_from_json(parse(r.str(8)));
  c.created_at = r.i64(9);
  c.updated_at = r.i64(10);
  return c;
}
std::vector<Param> course_params(const Course& c) {
  return {pid("t", c.tenant_id),         p("title", c.title),
          p("descr", c.description),     p("cat", c.category),
          p("tags", Json(c.tags).dump()), p("hours", c.credit_hours),
          p("instr", ids_json(c.instructors).dump()), p("mats", materials_json(c.materials).dump()),
          pt("c", c.created_at),         pt("u", c.updated_at)};
}

#define LUODI_TRAINING_COLS                                                                                      \
  "SELECT t.id, t.tenant_id, t.course_id, t.title, t.description, t.branch_id, t.audience_json, t.required, "     \
  "t.self_enrollment, t.capacity, t.assignment_json, t.feedback_enabled, t.status, t.published_at, t.created_at, " \
  "t.updated_at, c.title, c.category, c.updated_at, "
const char* kTrainingSelect = LUODI_TRAINING_COLS
    "(SELECT COUNT(*) FROM enrollments en WHERE en.tenant_id = t.tenant_id AND en.training_id = t.id) "
    "FROM trainings t JOIN courses c ON c.tenant_id = t.tenant_id AND c.id = t.course_id ";
// Without the enrolment count, for an employee's own list (the hot path).
const char* kTrainingSelectNoCount = LUODI_TRAINING_COLS
    "0 FROM trainings t JOIN courses c ON c.tenant_id = t.tenant_id AND c.id = t.course_id ";
#undef LUODI_TRAINING_COLS
Training training_of(const Row& r) {
  Training t;
  t.id = r.i64(0);
  t.tenant_id = r.i64(1);
  t.course_id = r.i64(2);
  t.title = r.str(3);
  t.description = r.str(4);
  t.branch_id = opt_id(r, 5);
  t.audience = audience_from_json(parse(r.str(6)));
  t.required = r.i64(7) != 0;
  t.self_enrollment = r.i64(8) != 0;
  if (!r.null(9)) t.capacity = static_cast<int>(r.i64(9));
  if (!r.null(10)) t.assignment = assignment_from_json(parse(r.str(10)));
  t.feedback_enabled = r.i64(11) != 0;
  t.status = r.str(12);
  if (!r.null(13)) t.published_at = r.i64(13);
  t.created_at = r.i64(14);
  t.updated_at = r.i64(15);
  t.course_title = r.str(16);
  t.category = r.str(17);
  t.course_updated_at = r.i64(18);
  t.enrolled_count = r.i64(19);
  return t;
}
std::vector<Param> training_params(const Training& t) {
  return {pid("t", t.tenant_id),
          pid("course", t.course_id),
          p("title", t.title),
          p("descr", t.description),
          pid("branch", t.branch_id),
          p("aud", audience_json(t.audience).dump()),
          p("req", t.required ? 1 : 0),
          p("self", t.self_enrollment ? 1 : 0),
          t.capacity ? p("cap", *t.capacity) : Param{"cap", std::monostate{}},
          t.assignment ? p("asg", assignment_json(*t.assignment).dump()) : Param{"asg", std::monostate{}},
          p("fb", t.feedback_enabled ? 1 : 0),
          p("status", t.status),
          pt("pub", t.published_at),
          pt("c", t.created_at),
          pt("u", t.updated_at)};
}

const char* kSubmissionCols =
    "s.id, s.tenant_id, s.training_id, s.employee_id, s.status, s.text, s.attachments_json, s.submitted_at, s.late, "
    "s.version, s.score, s.excellent, s.rubric_json, s.comment, s.reviewed_at, s.reviewer_id, s.created_at, s.updated_at";
Submission submission_of(const Row& r) {
  Submission s;
  s.id = r.i64(0);
  s.tenant_id = r.i64(1);
  s.training_id = r.i64(2);
  s.employee_id = r.i64(3);
  s.status = r.str(4);
  s.text = r.str(5);
  s.attachments = ids_from_json(parse(r.str(6)));
  if (!r.null(7)) s.submitted_at = r.i64(7);
  s.late = r.i64(8) != 0;
  s.version = static_cast<int>(r.i64(9));
  if (!r.null(10)) s.score = r.f64(10);
  s.excellent = r.i64(11) != 0;
  s.rubric_scores_json = r.opt_str(12);
  s.comment = r.opt_str(13);
  if (!r.null(14)) s.reviewed_at = r.i64(14);
  s.reviewer_id = opt_id(r, 15);
  s.created_at = r.i64(16);
  s.updated_at = r.i64(17);
  return s;
}
std::vector<Param> submission_params(const Submission& s) {
  return {pid("t", s.tenant_id),
          pid("training", s.training_id),
          pid("emp", s.employee_id),
          p("status", s.status),
          p("text", s.text),
          p("att", ids_json(s.attachments).dump()),
          pt("sub", s.submitted_at),
          p("late", s.late ? 1 : 0),
          p("ver", s.version),
          s.score ? p("score", *s.score) : Param{"score", std::monostate{}},
          p("exc", s.excellent ? 1 : 0),
          p("rubric", s.rubric_scores_json),
          p("comment", s.comment),
          pt("rev", s.reviewed_at),
          pid("reviewer", s.reviewer_id),
          pt("c", s.created_at),
          pt("u", s.updated_at)};
}

}  // namespace

// ---------------------------------------------------------------- locks

void SociRepo::lock_training(Id tenant, Id training) {
  if (!s_.postgresql()) return;
  s_.query("SELECT id FROM trainings WHERE tenant_id = :t AND id = :id FOR UPDATE", {pid("t", tenant), pid("id", training)});
}

void SociRepo::lock_enrollment(Id tenant, Id training, Id employee) {
  if (!s_.postgresql()) return;
  s_.query("SELECT employee_id FROM enrollments WHERE tenant_id = :t AND training_id = :tr AND employee_id = :e FOR UPDATE",
           {pid("t", tenant), pid("tr", training), pid("e", employee)});
}

// ---------------------------------------------------------------- settings

std::optional<std::string> SociRepo::setting(const std::string& key) {
  auto rows = s_.query("SELECT value FROM settings WHERE key = :k", {p("k", key)});
  if (rows.empty()) return std::nullopt;
  return rows[0].str(0);
}

void SociRepo::insert_setting_if_absent(const std::string& key, const std::string& value) {
  s_.exec("INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO NOTHING", {p("k", key), p("v", value)});
}

// ---------------------------------------------------------------- courses

std::vector<Course> SociRepo::courses(Id tenant, const std::optional<std::string>& q,
                                      const std::optional<std::string>& category, Id after_id, int limit) {
  std::string text = std::string("SELECT ") + kCourseCols + " FROM courses WHERE tenant_id = :t AND id > :after";
  std::vector<Param> params{pid("t", tenant), pid("after", after_id)};
  if (q) {
    text += " AND title LIKE :q ESCAPE '!'";
    params.push_back(p("q", like_pattern(*q)));
  }
  if (category) {
    text += " AND category = :cat";
    params.push_back(p("cat", *category));
  }
  text += " ORDER BY id LIMIT :lim";
  params.push_back(p("lim", limit));
  std::vector<Course> out;
  for (const auto& r : s_.query(text, params)) out.push_back(course_of(r));
  return out;
}

std::optional<Course> SociRepo::course(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kCourseCols + " FROM courses WHERE tenant_id = :t AND id = :id",
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return course_of(rows[0]);
}

Id SociRepo::insert_course(const Course& c) {
  return s_.query_i64(
      "INSERT INTO courses (tenant_id, title, description, category, tags_json, credit_hours, instructors_json, "
      "materials_json, created_at, updated_at) VALUES (:t, :title, :descr, :cat, :tags, :hours, :instr, :mats, :c, :u) "
      "RETURNING id",
      course_params(c));
}

void SociRepo::update_course(const Course& c) {
  auto params = course_params(c);
  params.push_back(pid("id", c.id));
  s_.exec(
      "UPDATE courses SET title = :title, description = :descr, category = :cat, tags_json = :tags, credit_hours = :hours, "
      "instructors_json = :instr, materials_json = :mats, created_at = :c, "
      // updated_at only moves forward (it versions cached views of the course)
      "updated_at = CASE WHEN :u > updated_at THEN :u ELSE updated_at + 1 END WHERE tenant_id = :t AND id = :id",
      params);
}

void SociRepo::delete_course(Id tenant, Id id) {
  s_.exec("DELETE FROM courses WHERE tenant_id = :t AND id = :id", {pid("t", tenant), pid("id", id)});
}

std::int64_t SociRepo::count_trainings_of_course(Id tenant, Id course) {
  return s_.query_i64("SELECT COUNT(*) FROM trainings WHERE tenant_id = :t AND course_id = :c", {pid("t", tenant), pid("c", course)});
}

// ---------------------------------------------------------------- trainings

void SociRepo::load_sessions_and_instructors(std::vector<Training>& ts) {
  if (ts.empty()) return;
  std::unordered_map<Id, Training*> by_id;
  std::vector<Id> ids;
  for (auto& t : ts) {
    by_id[t.id] = &t;
    ids.push_back(t.id);
  }
  std::vector<Param> params{pid("t", ts[0].tenant_id)};
  std::string list = in_list("x", ids, params);
  for (const auto& r : s_.query("SELECT id, training_id, start_at, end_at, place, online_url, credit_hours FROM training_sessions "
                                "WHERE tenant_id = :t AND training_id IN (" + list + ") ORDER BY start_at, id",
                                params)) {
    TrainingSession s{r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.str(4), r.str(5), r.f64(6)};
    by_id[s.training_id]->sessions.push_back(std::move(s));
  }
  for (const auto& r : s_.query("SELECT training_id, employee_id FROM training_instructors WHERE tenant_id = :t AND training_id IN (" +
                                    list + ") ORDER BY employee_id",
                                params))
    by_id[r.i64(0)]->instructors.push_back(r.i64(1));
}

void SociRepo::store_sessions_and_instructors(const Training& t) {
  // Sessions: update those with ids, insert new, delete missing.
  std::vector<Id> keep;
  for (const auto& s : t.sessions)
    if (s.id) keep.push_back(s.id);
  {
    std::vector<Param> params{pid("t", t.tenant_id), pid("tr", t.id)};
    std::string text = "DELETE FROM training_sessions WHERE tenant_id = :t AND training_id = :tr";
    if (!keep.empty()) text += " AND id NOT IN (" + in_list("k", keep, params) + ")";
    s_.exec(text, params);
  }
  for (const auto& s : t.sessions) {
    std::vector<Param> params{pid("t", t.tenant_id), pid("tr", t.id), pt("s", s.start_at), pt("e", s.end_at),
                              p("place", s.place), p("url", s.online_url), p("h", s.credit_hours)};
    if (s.id) {
      params.push_back(pid("id", s.id));
      s_.exec("UPDATE training_sessions SET start_at = :s, end_at = :e, place = :place, online_url = :url, credit_hours = :h "
              "WHERE tenant_id = :t AND training_id = :tr AND id = :id",
              params);
    } else {
      s_.exec("INSERT INTO training_sessions (tenant_id, training_id, start_at, end_at, place, online_url, credit_hours) "
              "VALUES (:t, :tr, :s, :e, :place, :url, :h)",
              params);
    }
  }
  s_.exec("DELETE FROM training_instructors WHERE tenant_id = :t AND training_id = :tr", {pid("t", t.tenant_id), pid("tr", t.id)});
  for (Id e : t.instructors)
    s_.exec("INSERT INTO training_instructors (tenant_id, training_id, employee_id) VALUES (:t, :tr, :e)",
            {pid("t", t.tenant_id), pid("tr", t.id), pid("e", e)});
}

std::vector<Training> SociRepo::trainings(const TrainingQuery& q) {
  std::string text = std::string(kTrainingSelect) + "WHERE t.tenant_id = :t AND t.id > :after";
  std::vector<Param> params{pid("t", q.tenant_id), pid("after", q.after_id)};
  if (q.status) {
    text += " AND t.status = :status";
    params.push_back(p("status", *q.status));
  }
  if (q.q) {
    text += " AND t.title LIKE :q ESCAPE '!'";
    params.push_back(p("q", like_pattern(*q.q)));
  }
  if (q.course_id) {
    text += " AND t.course_id = :course";
    params.push_back(pid("course", *q.course_id));
  }
  if (q.branch_id) {
    text += q.include_tenant_wide ? " AND (t.branch_id = :branch OR t.branch_id IS NULL)" : " AND t.branch_id = :branch";
    params.push_back(pid("branch", *q.branch_id));
  }
  if (q.instructor) {
    text += " AND EXISTS (SELECT 1 FROM training_instructors ti WHERE ti.tenant_id = t.tenant_id AND ti.training_id = t.id "
            "AND ti.employee_id = :instr)";
    params.push_back(pid("instr", *q.instructor));
  }
  text += " ORDER BY t.id LIMIT :lim";
  params.push_back(p("lim", q.limit));
  std::vector<Training> out;
  for (const auto& r : s_.query(text, params)) out.push_back(training_of(r));
  load_sessions_and_instructors(out);
  return out;
}

std::optional<Training> SociRepo::training(Id tenant, Id id) {
  std::vector<Training> out;
  for (const auto& r : s_.query(std::string(kTrainingSelect) + "WHERE t.tenant_id = :t AND t.id = :id", {pid("t", tenant), pid("id", id)}))
    out.push_back(training_of(r));
  if (out.empty()) return std::nullopt;
  load_sessions_and_instructors(out);
  return out[0];
}

Id SociRepo::insert_training(const Training& t) {
  Training stored = t;
  stored.id = s_.query_i64(
      "INSERT INTO trainings (tenant_id, course_id, title, description, branch_id, audience_json, required, self_enrollment, "
      "capacity, assignment_json, feedback_enabled, status, published_at, created_at, updated_at) VALUES (:t, :course, :title, "
      ":descr, :branch, :aud, :req, :self, :cap, :asg, :fb, :status, :pub, :c, :u) RETURNING id",
      training_params(t));
  for (auto& s : stored.sessions) s.id = 0;
  store_sessions_and_instructors(stored);
  return stored.id;
}

void SociRepo::update_training(const Training& t) {
  auto params = training_params(t);
  params.push_back(pid("id", t.id));
  s_.exec(
      "UPDATE trainings SET course_id = :course, title = :title, description = :descr, branch_id = :branch, audience_json = :aud, "
      "required = :req, self_enrollment = :self, capacity = :cap, assignment_json = :asg, feedback_enabled = :fb, "
      "status = :status, published_at = :pub, created_at = :c, "
      // updated_at only moves forward (it versions cached views of the training)
      "updated_at = CASE WHEN :u > updated_at THEN :u ELSE updated_at + 1 END WHERE tenant_id = :t AND id = :id",
      params);
  store_sessions_and_instructors(t);
}

std::optional<TrainingSession> SociRepo::session(Id tenant, Id id) {
  auto rows = s_.query("SELECT id, training_id, start_at, end_at, place, online_url, credit_hours FROM training_sessions "
                       "WHERE tenant_id = :t AND id = :id",
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return TrainingSession{r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.str(4), r.str(5), r.f64(6)};
}

std::int64_t SociRepo::count_attendance(Id tenant, Id session) {
  return s_.query_i64("SELECT COUNT(*) FROM attendance WHERE tenant_id = :t AND session_id = :s", {pid("t", tenant), pid("s", session)});
}

// ---------------------------------------------------------------- enrolments

std::vector<Enrollment> SociRepo::enrollments(Id tenant, Id training) {
  std::vector<Enrollment> out;
  for (const auto& r : s_.query("SELECT en.training_id, en.employee_id, en.source, en.enrolled_at, e.employee_no, e.name, d.name "
                                "FROM enrollments en JOIN employees e ON e.tenant_id = en.tenant_id AND e.id = en.employee_id "
                                "JOIN departments d ON d.tenant_id = e.tenant_id AND d.id = e.department_id "
                                "WHERE en.tenant_id = :t AND en.training_id = :tr ORDER BY e.employee_no",
                                {pid("t", tenant), pid("tr", training)}))
    out.push_back(Enrollment{r.i64(0), r.i64(1), r.str(2), r.i64(3), r.str(4), r.str(5), r.str(6)});
  return out;
}

std::optional<Enrollment> SociRepo::enrollment(Id tenant, Id training, Id employee) {
  auto rows = s_.query("SELECT training_id, employee_id, source, enrolled_at FROM enrollments WHERE tenant_id = :t AND "
                       "training_id = :tr AND employee_id = :e",
                       {pid("t", tenant), pid("tr", training), pid("e", employee)});
  if (rows.empty()) return std::nullopt;
  return Enrollment{rows[0].i64(0), rows[0].i64(1), rows[0].str(2), rows[0].i64(3), "", "", ""};
}

void SociRepo::insert_enrollment(Id tenant, const Enrollment& e) {
  s_.exec("INSERT INTO enrollments (tenant_id, training_id, employee_id, source, enrolled_at) VALUES (:t, :tr, :e, :src, :at) "
          "ON CONFLICT (tenant_id, training_id, employee_id) DO NOTHING",
          {pid("t", tenant), pid("tr", e.training_id), pid("e", e.employee_id), p("src", e.source), pt("at", e.enrolled_at)});
}

void SociRepo::delete_enrollment(Id tenant, Id training, Id employee) {
  s_.exec("DELETE FROM enrollments WHERE tenant_id = :t AND training_id = :tr AND employee_id = :e",
          {pid("t", tenant), pid("tr", training), pid("e", employee)});
}

std::int64_t SociRepo::count_enrollments(Id tenant, Id training) {
  return s_.query_i64("SELECT COUNT(*) FROM enrollments WHERE tenant_id = :t AND training_id = :tr", {pid("t", tenant), pid("tr", training)});
}

std::vector<Training> SociRepo::trainings_of_employee(Id tenant, Id employee) {
  std::vector<Training> out;
  // Driven from the employee's enrolments (index enrollments_employee).
  for (const auto& r : s_.query(std::string(kTrainingSelectNoCount) +
                                    "WHERE t.tenant_id = :t AND t.status = 'published' AND t.id IN (SELECT me.training_id FROM "
                                    "enrollments me WHERE me.tenant_id = :t2 AND me.employee_id = :e) ORDER BY t.id",
                                {pid("t", tenant), pid("t2", tenant), pid("e", employee)}))
    out.push_back(training_of(r));
  load_sessions_and_instructors(out);
  return out;
}

std::vector<TrainingVersion> SociRepo::enrolled_training_versions(Id tenant, Id employee) {
  std::vector<TrainingVersion> out;
  for (const auto& r : s_.query("SELECT t.id, t.updated_at, c.updated_at FROM trainings t "
                                "JOIN courses c ON c.tenant_id = t.tenant_id AND c.id = t.course_id "
                                "WHERE t.tenant_id = :t AND t.status = 'published' AND t.id IN (SELECT me.training_id FROM "
                                "enrollments me WHERE me.tenant_id = :t2 AND me.employee_id = :e) ORDER BY t.id",
                                {pid("t", tenant), pid("t2", tenant), pid("e", employee)}))
    out.push_back(TrainingVersion{r.i64(0), r.i64(1), r.i64(2)});
  return out;
}

// ---------------------------------------------------------------- attendance

namespace {
const char* kAttendanceCols = "session_id, employee_id, present, checked_in_at, method, hours";
Attendance attendance_of(const Row& r) {
  return Attendance{r.i64(0), r.i64(1), r.i64(2) != 0, r.i64(3), r.str(4), r.f64(5)};
}
}  // namespace

std::vector<Attendance> SociRepo::attendance_of_session(Id tenant, Id session) {
  std::vector<Attendance> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kAttendanceCols + " FROM attendance WHERE tenant_id = :t AND session_id = :s",
                                {pid("t", tenant), pid("s", session)}))
    out.push_back(attendance_of(r));
  return out;
}

std::optional<Attendance> SociRepo::attendance(Id tenant, Id session, Id employee) {
  auto rows = s_.query(std::string("SELECT ") + kAttendanceCols +
                           " FROM attendance WHERE tenant_id = :t AND session_id = :s AND employee_id = :e",
                       {pid("t", tenant), pid("s", session), pid("e", employee)});
  if (rows.empty()) return std::nullopt;
  return attendance_of(rows[0]);
}

void SociRepo::upsert_attendance(Id tenant, const Attendance& a) {
  s_.exec("INSERT INTO attendance (tenant_id, session_id, employee_id, present, checked_in_at, method, hours) "
          "VALUES (:t, :s, :e, :p, :at, :m, :h) ON CONFLICT (tenant_id, session_id, employee_id) DO UPDATE SET "
          "present = excluded.present, checked_in_at = excluded.checked_in_at, method = excluded.method, hours = excluded.hours",
          {pid("t", tenant), pid("s", a.session_id), pid("e", a.employee_id), p("p", a.present ? 1 : 0), pt("at", a.checked_in_at),
           p("m", a.method), p("h", a.hours)});
}

std::vector<Attendance> SociRepo::attendance_of_employee(Id tenant, Id employee, const std::vector<Id>& sessions) {
  std::vector<Attendance> out;
  if (sessions.empty()) return out;
  std::vector<Param> params{pid("t", tenant), pid("e", employee)};
  std::string list = in_list("s", sessions, params);
  for (const auto& r : s_.query(std::string("SELECT ") + kAttendanceCols +
                                    " FROM attendance WHERE tenant_id = :t AND employee_id = :e AND session_id IN (" + list + ")",
                                params))
    out.push_back(attendance_of(r));
  return out;
}

std::vector<Attendance> SociRepo::attendance_of_employee_all(Id tenant, Id employee) {
  std::vector<Attendance> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kAttendanceCols + " FROM attendance WHERE tenant_id = :t AND employee_id = :e",
                                {pid("t", tenant), pid("e", employee)}))
    out.push_back(attendance_of(r));
  return out;
}

// ---------------------------------------------------------------- hours

void SociRepo::insert_hours(const HoursEntry& e) {
  s_.exec("INSERT INTO hours_ledger (tenant_id, employee_id, source, category, hours, entry_date, training_id, title, created_at) "
          "VALUES (:t, :e, :src, :cat, :h, :d, :tr, :title, :c)",
          {pid("t", e.tenant_id), pid("e", e.employee_id), p("src", e.source), p("cat", e.category), p("h", e.hours),
           p("d", e.date), pid("tr", e.training_id), p("title", e.title), pt("c", e.created_at)});
}

std::vector<HoursEntry> SociRepo::hours(Id tenant, Id employee, const std::string& from_date, const std::string& to_date) {
  std::vector<HoursEntry> out;
  for (const auto& r : s_.query("SELECT id, tenant_id, employee_id, source, category, hours, entry_date, training_id, title, created_at "
                                "FROM hours_ledger WHERE tenant_id = :t AND employee_id = :e AND entry_date >= :f AND entry_date <= :to "
                                "ORDER BY entry_date, id",
                                {pid("t", tenant), pid("e", employee), p("f", from_date), p("to", to_date)})) {
    HoursEntry h;
    h.id = r.i64(0);
    h.tenant_id = r.i64(1);
    h.employee_id = r.i64(2);
    h.source = r.str(3);
    h.category = r.str(4);
    h.hours = r.f64(5);
    h.date = r.str(6);
    h.training_id = opt_id(r, 7);
    h.title = r.str(8);
    h.created_at = r.i64(9);
    out.push_back(std::move(h));
  }
  return out;
}

// ---------------------------------------------------------------- files

Id SociRepo::insert_file(const StoredFile& f) {
  return s_.query_i64("INSERT INTO files (tenant_id, owner_user_id, name, content_type, size, sha256, thumbnail_sha256, created_at) "
                      "VALUES (:t, :o, :n, :ct, :sz, :sha, :th, :c) RETURNING id",
                      {pid("t", f.tenant_id), pid("o", f.owner_user_id), p("n", f.name), p("ct", f.content_type),
                       p("sz", static_cast<long long>(f.size)), p("sha", f.sha256), p("th", f.thumbnail_sha256), pt("c", f.created_at)});
}

std::optional<StoredFile> SociRepo::file(Id tenant, Id id) {
  auto rows = s_.query("SELECT id, tenant_id, owner_user_id, name, content_type, size, sha256, thumbnail_sha256, created_at "
                       "FROM files WHERE tenant_id = :t AND id = :id",
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return StoredFile{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.i64(5), r.str(6), r.opt_str(7), r.i64(8)};
}

std::vector<Submission> SociRepo::submissions_with_file(Id tenant, Id file) {
  // attachments_json is a JSON array of ids; match the id as a whole token.
  const std::string id = std::to_string(file);
  auto rows = s_.query(std::string("SELECT ") + kSubmissionCols +
                           " FROM submissions s WHERE s.tenant_id = :t AND (s.attachments_json LIKE :a1 OR "
                           "s.attachments_json LIKE :a2 OR s.attachments_json LIKE :a3 OR s.attachments_json = :a4)",
                       {pid("t", tenant), p("a1", "[" + id + ",%"), p("a2", "%," + id + ",%"), p("a3", "%," + id + "]"),
                        p("a4", "[" + id + "]")});
  std::vector<Submission> out;
  for (const auto& r : rows) out.push_back(submission_of(r));
  return out;
}

// ---------------------------------------------------------------- submissions

std::optional<Submission> SociRepo::submission(Id tenant, Id training, Id employee) {
  auto rows = s_.query(std::string("SELECT ") + kSubmissionCols +
                           " FROM submissions s WHERE s.tenant_id = :t AND s.training_id = :tr AND s.employee_id = :e",
                       {pid("t", tenant), pid("tr", training), pid("e", employee)});
  if (rows.empty()) return std::nullopt;
  return submission_of(rows[0]);
}

std::optional<Submission> SociRepo::submission_by_id(Id tenant, Id id) {
  auto rows = s_.query(std::string("SELECT ") + kSubmissionCols + " FROM submissions s WHERE s.tenant_id = :t AND s.id = :id",
                       {pid("t", tenant), pid("id", id)});
  if (rows.empty()) return std::nullopt;
  return submission_of(rows[0]);
}

Id SociRepo::insert_submission(const Submission& s) {
  return s_.query_i64(
      "INSERT INTO submissions (tenant_id, training_id, employee_id, status, text, attachments_json, submitted_at, late, version, "
      "score, excellent, rubric_json, comment, reviewed_at, reviewer_id, created_at, updated_at) VALUES (:t, :training, :emp, "
      ":status, :text, :att, :sub, :late, :ver, :score, :exc, :rubric, :comment, :rev, :reviewer, :c, :u) RETURNING id",
      submission_params(s));
}

void SociRepo::update_submission(const Submission& s) {
  auto params = submission_params(s);
  params.push_back(pid("id", s.id));
  s_.exec("UPDATE submissions SET training_id = :training, employee_id = :emp, status = :status, text = :text, "
          "attachments_json = :att, submitted_at = :sub, late = :late, version = :ver, score = :score, excellent = :exc, "
          "rubric_json = :rubric, comment = :comment, reviewed_at = :rev, reviewer_id = :reviewer, created_at = :c, "
          "updated_at = :u WHERE tenant_id = :t AND id = :id",
          params);
}

void SociRepo::insert_submission_version(const Submission& s) {
  s_.exec("INSERT INTO submission_versions (tenant_id, submission_id, version, status, text, attachments_json, submitted_at, "
          "created_at) VALUES (:t, :s, :v, :st, :text, :att, :sub, :c)",
          {pid("t", s.tenant_id), pid("s", s.id), p("v", s.version), p("st", s.status), p("text", s.text),
           p("att", ids_json(s.attachments).dump()), pt("sub", s.submitted_at), pt("c", s.updated_at)});
}

std::vector<Submission> SociRepo::submissions_of_employee(Id tenant, Id employee) {
  std::vector<Submission> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kSubmissionCols + " FROM submissions s WHERE s.tenant_id = :t AND s.employee_id = :e",
                                {pid("t", tenant), pid("e", employee)}))
    out.push_back(submission_of(r));
  return out;
}

std::vector<Submission> SociRepo::submission_summaries_of_employee(Id tenant, Id employee) {
  std::vector<Submission> out;
  for (const auto& r : s_.query("SELECT id, training_id, status, late, version, score, excellent, comment, submitted_at "
                                "FROM submissions WHERE tenant_id = :t AND employee_id = :e",
                                {pid("t", tenant), pid("e", employee)})) {
    Submission s;
    s.id = r.i64(0);
    s.tenant_id = tenant;
    s.employee_id = employee;
    s.training_id = r.i64(1);
    s.status = r.str(2);
    s.late = r.i64(3) != 0;
    s.version = static_cast<int>(r.i64(4));
    if (!r.null(5)) s.score = r.f64(5);
    s.excellent = r.i64(6) != 0;
    s.comment = r.opt_str(7);
    if (!r.null(8)) s.submitted_at = r.i64(8);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Submission> SociRepo::submissions_of_training(Id tenant, Id training) {
  std::vector<Submission> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kSubmissionCols + " FROM submissions s WHERE s.tenant_id = :t AND s.training_id = :tr",
                                {pid("t", tenant), pid("tr", training)}))
    out.push_back(submission_of(r));
  return out;
}

std::vector<SubmissionRow> SociRepo::review_queue(Id tenant, Id training, Id after_id, int limit) {
  std::vector<SubmissionRow> out;
  for (const auto& r : s_.query(std::string("SELECT ") + kSubmissionCols +
                                    ", e.employee_no, e.name, d.name FROM submissions s "
                                    "JOIN employees e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id "
                                    "JOIN departments d ON d.tenant_id = e.tenant_id AND d.id = e.department_id "
                                    "WHERE s.tenant_id = :t AND s.training_id = :tr AND s.status IN ('submitted', 'late') "
                                    "AND s.id > :after ORDER BY s.id LIMIT :lim",
                                {pid("t", tenant), pid("tr", training), pid("after", after_id), p("lim", limit)}))
    out.push_back(SubmissionRow{submission_of(r), r.str(18), r.str(19), r.str(20)});
  return out;
}

// ---------------------------------------------------------------- idempotency, outbox

std::optional<IdempotentAnswer> SociRepo::idempotent_answer(Id tenant, Id user, const std::string& key) {
  auto rows = s_.query("SELECT request_hash, status, body FROM idempotency_keys WHERE tenant_id = :t AND user_id = :u AND key = :k",
                       {pid("t", tenant), pid("u", user), p("k", key)});
  if (rows.empty()) return std::nullopt;
  return IdempotentAnswer{rows[0].str(0), static_cast<int>(rows[0].i64(1)), rows[0].str(2)};
}

void SociRepo::insert_idempotent_answer(Id tenant, Id user, const std::string& key, const IdempotentAnswer& a, UnixSeconds at) {
  s_.exec("INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash, status, body, created_at) "
          "VALUES (:t, :u, :k, :h, :s, :b, :c) ON CONFLICT (tenant_id, user_id, key) DO NOTHING",
          {pid("t", tenant), pid("u", user), p("k", key), p("h", a.request_hash), p("s", a.status), p("b", a.body), pt("c", at)});
}

Id SociRepo::insert_event(const OutboxEvent& e) {
  return s_.query_i64("INSERT INTO outbox (tenant_id, kind, payload, created_at) VALUES (:t, :k, :p, :c) RETURNING id",
                      {pid("t", e.tenant_id), p("k", e.kind), p("p", e.payload_json), pt("c", e.created_at)});
}

std::vector<OutboxEvent> SociRepo::events(Id tenant, Id after_id, const std::optional<std::string>& kind, int limit) {
  std::string text = "SELECT id, tenant_id, kind, payload, created_at FROM outbox WHERE tenant_id = :t AND id > :after";
  std::vector<Param> params{pid("t", tenant), pid("after", after_id)};
  if (kind) {
    text += " AND kind = :k";
    params.push_back(p("k", *kind));
  }
  text += " ORDER BY id LIMIT :lim";
  params.push_back(p("lim", limit));
  std::vector<OutboxEvent> out;
  for (const auto& r : s_.query(text, params)) out.push_back(OutboxEvent{r.i64(0), r.i64(1), r.str(2), r.str(3), r.i64(4)});
  return out;
}

}  // namespace luodi
