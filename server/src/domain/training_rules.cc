#include "domain/training_rules.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "core/encoding.h"
#include "core/time.h"
#include "core/unicode.h"

namespace luodi {

using Json = nlohmann::json;

namespace {

bool read_text(const Json& body, const char* field, size_t max_chars, bool required, std::string& out, FieldErrors& errs,
               const std::string& path = {}, TextKind kind = TextKind::kSingleLine) {
  const std::string name = path.empty() ? field : path;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) errs.add(name, "必填", name + " is required");
    return false;
  }
  if (!it->is_string()) {
    errs.add(name, "应为文本", name + " must be a string");
    return false;
  }
  std::string v = trim(it->get_ref<const std::string&>());
  if (required && v.empty()) {
    errs.add(name, "不能为空", name + " must not be empty");
    return false;
  }
  if (!is_valid_utf8(v) || utf8_length(v) > max_chars) {
    errs.add(name, "最长" + std::to_string(max_chars) + "个字符", name + " is too long (max " + std::to_string(max_chars) + ")");
    return false;
  }
  if (!check_text_chars(name, v, kind, errs)) return false;
  if (required && visible_char_count(v) == 0) {
    errs.add(name, "不能为空", name + " must not be empty");
    return false;
  }
  out = v;
  return true;
}

bool read_number(const Json& body, const char* field, double min, double max, double& out, FieldErrors& errs,
                 const std::string& path = {}) {
  const std::string name = path.empty() ? field : path;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_number() || std::isnan(it->get<double>()) || it->get<double>() < min || it->get<double>() > max) {
    errs.add(name, "应为" + std::to_string(static_cast<long long>(min)) + "到" + std::to_string(static_cast<long long>(max)) + "之间的数",
             name + " must be a number between " + std::to_string(static_cast<long long>(min)) + " and " +
                 std::to_string(static_cast<long long>(max)));
    return false;
  }
  out = it->get<double>();
  return true;
}

bool read_int(const Json& body, const char* field, long long min, long long max, long long& out, FieldErrors& errs,
              const std::string& path = {}) {
  const std::string name = path.empty() ? field : path;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_number_integer() || it->get<long long>() < min || it->get<long long>() > max) {
    errs.add(name, "应为" + std::to_string(min) + "到" + std::to_string(max) + "之间的整数",
             name + " must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
    return false;
  }
  out = it->get<long long>();
  return true;
}

bool read_bool(const Json& body, const char* field, bool& out, FieldErrors& errs, const std::string& path = {}) {
  const std::string name = path.empty() ? field : path;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    errs.add(name, "应为 true 或 false", name + " must be true or false");
    return false;
  }
  out = it->get<bool>();
  return true;
}

bool read_time(const Json& body, const char* field, UnixSeconds& out, FieldErrors& errs, const std::string& path) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return false;
  std::optional<UnixSeconds> t;
  if (it->is_string()) t = parse_rfc3339(it->get_ref<const std::string&>());
  if (!t) {
    errs.add(path, "时间格式应为RFC 3339，如 2026-12-01T09:00:00+08:00", path + " must be an RFC 3339 time");
    return false;
  }
  out = *t;
  return true;
}

bool read_ids(const Json& body, const char* field, std::vector<Id>& out, FieldErrors& errs) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_array()) {
    errs.add(field, "应为ID数组", std::string(field) + " must be an array of ids");
    return false;
  }
  std::vector<Id> ids;
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<Id>() <= 0) {
      errs.add(field, "应为ID数组", std::string(field) + " must be an array of ids");
      return false;
    }
    if (std::find(ids.begin(), ids.end(), v.get<Id>()) == ids.end()) ids.push_back(v.get<Id>());
  }
  out = std::move(ids);
  return true;
}

bool read_strings(const Json& body, const char* field, std::vector<std::string>& out, FieldErrors& errs,
                  const std::string& path = {}) {
  const std::string name = path.empty() ? field : path;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_array()) {
    errs.add(name, "应为文本数组", name + " must be an array of strings");
    return false;
  }
  std::vector<std::string> v;
  for (const auto& s : *it) {
    if (!s.is_string() || utf8_length(s.get<std::string>()) > 50) {
      errs.add(name, "应为文本数组（每项最长50字）", name + " must be an array of short strings");
      return false;
    }
    if (!check_text_chars(name, s.get_ref<const std::string&>(), TextKind::kSingleLine, errs)) return false;
    std::string t = trim(s.get<std::string>());
    if (!t.empty() && std::find(v.begin(), v.end(), t) == v.end()) v.push_back(t);
  }
  out = std::move(v);
  return true;
}

}  // namespace

void apply_course_json(const Json& body, bool creating, Course& c, FieldErrors& errs) {
  read_text(body, "title", 200, creating, c.title, errs);
  read_text(body, "description", 5000, false, c.description, errs, {}, TextKind::kMultiLine);
  if (auto it = body.find("category"); it != body.end()) {
    if (!it->is_string() || (*it != "public" && *it != "professional" && *it != "general"))
      errs.add("category", "类别应为 public(公需)、professional(专业) 或 general(通用)",
               "category must be public, professional or general");
    else c.category = it->get<std::string>();
  } else if (creating) {
    errs.add("category", "请选择课程类别", "category is required");
  }
  read_strings(body, "tags", c.tags, errs);
  read_number(body, "credit_hours", 0, 1000, c.credit_hours, errs);
  read_ids(body, "instructors", c.instructors, errs);
  if (auto it = body.find("materials"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) {
      errs.add("materials", "应为资料数组", "materials must be an array");
    } else {
      std::vector<Material> ms;
      for (size_t i = 0; i < it->size(); ++i) {
        const Json& m = (*it)[i];
        const std::string path = "materials[" + std::to_string(i) + "]";
        if (!m.is_object()) {
          errs.add(path, "应为对象", path + " must be an object");
          continue;
        }
        Material mat;
        read_text(m, "title", 200, true, mat.title, errs, path + ".title");
        std::string url;
        if (read_text(m, "url", 2000, false, url, errs, path + ".url") && !url.empty()) {
          if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
            errs.add(path + ".url", "链接应以 http:// 或 https:// 开头", "url must start with http:// or https://");
          mat.url = url;
        }
        if (auto f = m.find("file_id"); f != m.end() && !f->is_null()) {
          if (!f->is_number_integer() || f->get<Id>() <= 0) errs.add(path + ".file_id", "文件ID无效", "file_id must be an id");
          else mat.file_id = f->get<Id>();
        }
        if (!mat.url && !mat.file_id) errs.add(path, "资料需要链接或文件", "a material needs a url or a file_id");
        ms.push_back(std::move(mat));
      }
      c.materials = std::move(ms);
    }
  }
}

namespace {

void apply_audience(const Json& a, Audience& out, FieldErrors& errs) {
  if (!a.is_object()) {
    errs.add("audience", "应为对象", "audience must be an object");
    return;
  }
  Audience au;
  if (auto it = a.find("departments"); it != a.end() && !it->is_null()) {
    if (!it->is_array()) errs.add("audience.departments", "应为数组", "audience.departments must be an array");
    else
      for (size_t i = 0; i < it->size(); ++i) {
        const Json& d = (*it)[i];
        AudienceDepartment ad;
        if (d.is_number_integer() && d.get<Id>() > 0) ad.id = d.get<Id>();
        else if (d.is_object() && d.contains("id") && d["id"].is_number_integer() && d["id"].get<Id>() > 0) {
          ad.id = d["id"].get<Id>();
          if (d.contains("include_subtree")) {
            if (!d["include_subtree"].is_boolean())
              errs.add("audience.departments[" + std::to_string(i) + "].include_subtree", "应为 true 或 false",
                       "include_subtree must be true or false");
            else ad.include_subtree = d["include_subtree"].get<bool>();
          }
        } else {
          errs.add("audience.departments[" + std::to_string(i) + "]", "应为 {\"id\",\"include_subtree\"}",
                   "must be {\"id\", \"include_subtree\"}");
          continue;
        }
        au.departments.push_back(ad);
      }
  }
  FieldErrors sub;
  read_ids(a, "employees", au.employees, sub);
  for (auto& e : sub.items()) errs.add("audience." + e.field, e.message, "audience." + e.message_en);
  read_strings(a, "roles", au.roles, errs, "audience.roles");
  for (const auto& r : au.roles)
    if (!parse_role(r)) {
      errs.add("audience.roles", "未知角色: " + r, "unknown role: " + r);
      break;
    }
  read_strings(a, "job_levels", au.job_levels, errs, "audience.job_levels");
  out = std::move(au);
}

void apply_assignment(const Json& a, std::optional<AssignmentSpec>& out, FieldErrors& errs) {
  if (a.is_null()) {
    out.reset();
    return;
  }
  if (!a.is_object()) {
    errs.add("assignment", "应为对象或 null", "assignment must be an object or null");
    return;
  }
  AssignmentSpec s = out.value_or(AssignmentSpec{});
  long long v = 0;
  if (read_int(a, "min_chars", 0, 100000, v, errs, "assignment.min_chars")) s.min_chars = static_cast<int>(v);
  UnixSeconds due = 0;
  if (a.contains("due_at")) {
    if (a["due_at"].is_null()) s.due_at.reset();
    else if (read_time(a, "due_at", due, errs, "assignment.due_at")) s.due_at = due;
  }
  if (a.contains("due_days_after_end")) {
    if (a["due_days_after_end"].is_null()) s.due_days_after_end.reset();
    else if (read_int(a, "due_days_after_end", 0, 365, v, errs, "assignment.due_days_after_end"))
      s.due_days_after_end = static_cast<int>(v);
  }
  read_bool(a, "attachments_allowed", s.attachments_allowed, errs, "assignment.attachments_allowed");
  if (read_int(a, "max_attachments", 0, 20, v, errs, "assignment.max_attachments")) s.max_attachments = static_cast<int>(v);
  if (auto it = a.find("rubric"); it != a.end() && !it->is_null()) {
    if (!it->is_array()) errs.add("assignment.rubric", "应为评分项数组", "assignment.rubric must be an array");
    else {
      std::vector<RubricItem> items;
      for (size_t i = 0; i < it->size(); ++i) {
        const std::string path = "assignment.rubric[" + std::to_string(i) + "]";
        RubricItem r;
        if (!(*it)[i].is_object()) {
          errs.add(path, "应为对象", path + " must be an object");
          continue;
        }
        read_text((*it)[i], "name", 50, true, r.name, errs, path + ".name");
        if (!read_number((*it)[i], "max_score", 1, 100, r.max_score, errs, path + ".max_score") &&
            !(*it)[i].contains("max_score"))
          errs.add(path + ".max_score", "必填", "max_score is required");
        items.push_back(r);
      }
      double sum = 0;
      for (auto& r : items) sum += r.max_score;
      if (!items.empty() && std::abs(sum - 100) > 1e-6)
        errs.add("assignment.rubric", "评分项满分合计应为100", "rubric max scores must add up to 100");
      s.rubric = std::move(items);
    }
  }
  out = s;
}

}  // namespace

void apply_training_json(const Json& body, bool creating, Training& t, FieldErrors& errs) {
  if (auto it = body.find("course_id"); it != body.end()) {
    if (!it->is_number_integer() || it->get<Id>() <= 0) errs.add("course_id", "课程ID无效", "course_id must be an id");
    else t.course_id = it->get<Id>();
  } else if (creating) {
    errs.add("course_id", "请选择课程", "course_id is required");
  }
  read_text(body, "title", 200, false, t.title, errs);
  read_text(body, "description", 5000, false, t.description, errs, {}, TextKind::kMultiLine);
  if (auto it = body.find("branch_id"); it != body.end()) {
    if (it->is_null()) t.branch_id.reset();
    else if (!it->is_number_integer() || it->get<Id>() <= 0) errs.add("branch_id", "分支机构ID无效", "branch_id must be an id");
    else t.branch_id = it->get<Id>();
  }
  read_ids(body, "instructors", t.instructors, errs);
  read_bool(body, "required", t.required, errs);
  read_bool(body, "feedback_enabled", t.feedback_enabled, errs);
  if (auto it = body.find("self_enrollment"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) errs.add("self_enrollment", "应为对象", "self_enrollment must be an object");
    else {
      read_bool(*it, "enabled", t.self_enrollment, errs, "self_enrollment.enabled");
      long long cap = 0;
      if (it->contains("capacity") && (*it)["capacity"].is_null()) t.capacity.reset();
      else if (read_int(*it, "capacity", 1, 100000, cap, errs, "self_enrollment.capacity")) t.capacity = static_cast<int>(cap);
    }
  }
  if (auto it = body.find("audience"); it != body.end() && !it->is_null()) apply_audience(*it, t.audience, errs);
  if (auto it = body.find("assignment"); it != body.end()) apply_assignment(*it, t.assignment, errs);

  if (auto it = body.find("sessions"); it != body.end()) {
    if (!it->is_array() || it->empty()) {
      errs.add("sessions", "至少需要一个课时安排", "sessions must be a non-empty array");
    } else if (it->size() > 200) {
      errs.add("sessions", "课时安排过多（最多200个）", "too many sessions (max 200)");
    } else {
      std::vector<TrainingSession> out;
      for (size_t i = 0; i < it->size(); ++i) {
        const Json& s = (*it)[i];
        const std::string path = "sessions[" + std::to_string(i) + "]";
        if (!s.is_object()) {
          errs.add(path, "应为对象", path + " must be an object");
          continue;
        }
        TrainingSession ts;
        if (auto id = s.find("id"); id != s.end() && !id->is_null()) {
          if (!id->is_number_integer() || id->get<Id>() <= 0) errs.add(path + ".id", "ID无效", "id must be an id");
          else ts.id = id->get<Id>();
        }
        bool has_start = read_time(s, "start_at", ts.start_at, errs, path + ".start_at");
        bool has_end = read_time(s, "end_at", ts.end_at, errs, path + ".end_at");
        if (!s.contains("start_at")) errs.add(path + ".start_at", "必填", "start_at is required");
        if (!s.contains("end_at")) errs.add(path + ".end_at", "必填", "end_at is required");
        if (has_start && has_end && ts.end_at <= ts.start_at)
          errs.add(path + ".end_at", "结束时间应晚于开始时间", "end_at must be after start_at");
        if (has_start && has_end && ts.end_at - ts.start_at > 14 * 86400)
          errs.add(path + ".end_at", "单次课时不能超过14天", "a session cannot last more than 14 days");
        read_text(s, "place", 200, false, ts.place, errs, path + ".place");
        read_text(s, "online_url", 2000, false, ts.online_url, errs, path + ".online_url");
        ts.credit_hours = -1;  // unset marker
        read_number(s, "credit_hours", 0, 100, ts.credit_hours, errs, path + ".credit_hours");
        out.push_back(ts);
      }
      std::sort(out.begin(), out.end(), [](const TrainingSession& a, const TrainingSession& b) { return a.start_at < b.start_at; });
      t.sessions = std::move(out);
    }
  } else if (creating) {
    errs.add("sessions", "至少需要一个课时安排", "sessions is required");
  }
}

void default_session_hours(Training& t, double course_hours, const Json&) {
  int unset = 0;
  for (const auto& s : t.sessions)
    if (s.credit_hours < 0) ++unset;
  if (!unset) return;
  double each = t.sessions.empty() ? 0 : std::round(course_hours / static_cast<double>(t.sessions.size()) * 100) / 100;
  for (auto& s : t.sessions)
    if (s.credit_hours < 0) s.credit_hours = each;
}

std::optional<UnixSeconds> assignment_due_at(const Training& t) {
  if (!t.assignment) return std::nullopt;
  if (t.assignment->due_at) return t.assignment->due_at;
  UnixSeconds last_end = 0;
  for (const auto& s : t.sessions) last_end = std::max(last_end, s.end_at);
  return last_end + static_cast<UnixSeconds>(t.assignment->due_days_after_end.value_or(3)) * 86400;
}

std::vector<Id> resolve_audience(const Audience& a, const std::vector<Employee>& employees, const OrgTree& tree) {
  std::set<Id> depts;
  for (const auto& d : a.departments) {
    if (d.include_subtree)
      for (Id id : tree.subtree(d.id)) depts.insert(id);
    else depts.insert(d.id);
  }
  std::set<Id> listed(a.employees.begin(), a.employees.end());
  std::vector<Id> out;
  for (const auto& e : employees) {
    if (e.status != "active") continue;
    bool match = depts.count(e.department_id) || listed.count(e.id);
    if (!match && !a.roles.empty())
      for (const auto& r : e.roles)
        if (std::find(a.roles.begin(), a.roles.end(), r) != a.roles.end()) match = true;
    if (!match && e.job_level && !a.job_levels.empty())
      match = std::find(a.job_levels.begin(), a.job_levels.end(), *e.job_level) != a.job_levels.end();
    if (match) out.push_back(e.id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool checkin_window_open(const TrainingSession& s, UnixSeconds now, std::int64_t before_seconds) {
  return now >= s.start_at - before_seconds && now <= s.end_at;
}

void check_submission(const AssignmentSpec& spec, const std::string& text, size_t attachments, bool submitting,
                      FieldErrors& errs) {
  if (!is_valid_utf8(text)) {
    errs.add("text", "文本编码无效", "text is not valid UTF-8");
    return;
  }
  if (!check_text_chars("text", text, TextKind::kMultiLine, errs)) return;
  // Only what a reader can see counts towards min_chars: NULs, zero-width
  // and other invisible characters, spaces and line breaks do not.
  const size_t chars = visible_char_count(text);
  if (utf8_length(text) > 50000) errs.add("text", "心得最长50000字", "text is too long (max 50000 characters)");
  if (submitting && chars < static_cast<size_t>(spec.min_chars))
    errs.add("text", "心得至少需要" + std::to_string(spec.min_chars) + "字，当前" + std::to_string(chars) + "字",
             "text needs at least " + std::to_string(spec.min_chars) + " characters (has " + std::to_string(chars) + ")");
  if (attachments > 0 && !spec.attachments_allowed)
    errs.add("attachments", "本次作业不允许上传附件", "attachments are not allowed for this assignment");
  else if (attachments > static_cast<size_t>(spec.max_attachments))
    errs.add("attachments", "附件最多" + std::to_string(spec.max_attachments) + "个",
             "at most " + std::to_string(spec.max_attachments) + " attachments");
}

double total_hours(const Training& t) {
  double sum = 0;
  for (const auto& s : t.sessions) sum += std::max(0.0, s.credit_hours);
  return sum;
}

}  // namespace luodi
