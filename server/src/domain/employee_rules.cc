#include "domain/employee_rules.h"

#include <nlohmann/json.hpp>

#include "core/encoding.h"
#include "core/time.h"
#include "core/unicode.h"
#include "domain/json_ids.h"

namespace luodi {

namespace {

bool ascii_only(const std::string& v, const char* extra) {
  for (unsigned char c : v) {
    if (std::isalnum(c)) continue;
    bool ok = false;
    for (const char* e = extra; *e; ++e)
      if (c == static_cast<unsigned char>(*e)) ok = true;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> check_employee_no(const std::string& raw, FieldErrors& errs, std::optional<int> line) {
  std::string v = trim(raw);
  if (v.empty()) { errs.add("employee_no", "工号不能为空", "employee_no is required", line); return std::nullopt; }
  if (v.size() > 32 || !ascii_only(v, "-_.")) {
    errs.add("employee_no", "工号只能包含字母、数字、-、_、.，最长32位", "employee_no may contain letters, digits, - _ . (max 32)", line);
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> check_person_name(const std::string& raw, FieldErrors& errs, std::optional<int> line) {
  std::string v = trim(raw);
  if (v.empty()) { errs.add("name", "姓名不能为空", "name is required", line); return std::nullopt; }
  if (!is_valid_utf8(v) || utf8_length(v) > 50) {
    errs.add("name", "姓名最长50个字符", "name must be at most 50 characters", line);
    return std::nullopt;
  }
  if (!check_text_chars("name", v, TextKind::kSingleLine, errs, line)) return std::nullopt;
  if (visible_char_count(v) == 0) {
    errs.add("name", "姓名不能为空", "name is required", line);
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> check_gender(const std::string& raw, FieldErrors& errs, std::optional<int> line) {
  std::string v = trim(raw);
  if (v == "male" || v == "男" || v == "M" || v == "m") return std::string("male");
  if (v == "female" || v == "女" || v == "F" || v == "f") return std::string("female");
  errs.add("gender", "性别只能是“男”或“女”", "gender must be male or female", line);
  return std::nullopt;
}

std::optional<std::string> check_phone(const std::string& raw, FieldErrors& errs, std::optional<int> line) {
  std::string v = trim(raw);
  int digits = 0;
  for (unsigned char c : v) if (std::isdigit(c)) ++digits;
  if (v.size() > 20 || digits < 5 || !ascii_only(v, "+- ()")) {
    errs.add("phone", "手机号格式不正确", "phone is not a valid phone number", line);
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> check_email(const std::string& raw, FieldErrors& errs, std::optional<int> line) {
  std::string v = trim(raw);
  auto at = v.find('@');
  bool ok = v.size() <= 100 && !forbidden_char(v, TextKind::kSingleLine) && at != std::string::npos && at > 0 &&
            v.find('@', at + 1) == std::string::npos && v.find('.', at) != std::string::npos && v.back() != '.' &&
            v.find(' ') == std::string::npos && v.find('.', at) > at + 1;
  if (!ok) { errs.add("email", "邮箱格式不正确", "email is not a valid address", line); return std::nullopt; }
  return v;
}

std::optional<std::string> check_hire_date(const std::string& raw, FieldErrors& errs, std::optional<int> line) {
  auto d = normalize_date(trim(raw));
  if (!d) errs.add("hire_date", "入职日期格式应为YYYY-MM-DD，且是有效日期", "hire_date must be a valid date YYYY-MM-DD", line);
  return d;
}

std::optional<std::string> check_employment_type(const std::string& raw, FieldErrors& errs, std::optional<int> line) {
  std::string v = trim(raw);
  if (v == "full_time" || v == "全职") return std::string("full_time");
  if (v == "part_time" || v == "兼职") return std::string("part_time");
  if (v == "contract" || v == "合同" || v == "合同制") return std::string("contract");
  if (v == "intern" || v == "实习" || v == "实习生") return std::string("intern");
  if (v == "dispatched" || v == "劳务派遣" || v == "派遣") return std::string("dispatched");
  errs.add("employment_type", "用工类型应为：全职、兼职、合同、实习、劳务派遣",
           "employment_type must be full_time, part_time, contract, intern or dispatched", line);
  return std::nullopt;
}

std::optional<std::string> check_status(const std::string& raw, FieldErrors& errs, std::optional<int> line) {
  std::string v = trim(raw);
  if (v == "active" || v == "在职") return std::string("active");
  if (v == "left" || v == "离职") return std::string("left");
  errs.add("status", "状态只能是“在职”或“离职”", "status must be active or left", line);
  return std::nullopt;
}

std::optional<std::string> check_short_text(const std::string& field, const std::string& raw, FieldErrors& errs,
                                            std::optional<int> line) {
  std::string v = trim(raw);
  if (!is_valid_utf8(v) || utf8_length(v) > 50) {
    errs.add(field, "最长50个字符", field + " must be at most 50 characters", line);
    return std::nullopt;
  }
  if (!check_text_chars(field, v, TextKind::kSingleLine, errs, line)) return std::nullopt;
  return v;
}

std::optional<std::string> check_login(const std::string& raw, FieldErrors& errs) {
  std::string v = trim(raw);
  if (v.size() < 3 || v.size() > 50 || !ascii_only(v, "-_.@")) {
    errs.add("login", "登录名为3-50位字母、数字或 - _ . @", "login must be 3-50 letters, digits or - _ . @");
    return std::nullopt;
  }
  return v;
}

namespace {

using Json = nlohmann::json;

// Reads an optional-string field: absent → untouched; null or "" → cleared.
void opt_string(const Json& body, const char* field, std::optional<std::string>& target, FieldErrors& errs,
                std::optional<std::string> (*check)(const std::string&, FieldErrors&, std::optional<int>)) {
  auto it = body.find(field);
  if (it == body.end()) return;
  if (it->is_null() || (it->is_string() && trim(it->get_ref<const std::string&>()).empty())) {
    target.reset();
    return;
  }
  if (!it->is_string()) {
    errs.add(field, "应为文本", std::string(field) + " must be a string");
    return;
  }
  if (auto v = check(it->get_ref<const std::string&>(), errs, std::nullopt)) target = *v;
}

void opt_text(const Json& body, const char* field, std::optional<std::string>& target, FieldErrors& errs) {
  auto it = body.find(field);
  if (it == body.end()) return;
  if (it->is_null() || (it->is_string() && trim(it->get_ref<const std::string&>()).empty())) {
    target.reset();
    return;
  }
  if (!it->is_string()) {
    errs.add(field, "应为文本", std::string(field) + " must be a string");
    return;
  }
  if (auto v = check_short_text(field, it->get_ref<const std::string&>(), errs)) target = *v;
}

bool read_id(const Json& v, Id& out) {
  if (v.is_number_integer()) {
    out = v.get<Id>();
    return out > 0;
  }
  return false;
}

}  // namespace

void apply_employee_json(const Json& body, bool creating, Employee& e, AccountChanges& account, FieldErrors& errs) {
  if (creating && !e.employment_type) e.employment_type = "full_time";
  auto req_string = [&](const char* field, std::string& target,
                        std::optional<std::string> (*check)(const std::string&, FieldErrors&, std::optional<int>)) {
    auto it = body.find(field);
    if (it == body.end()) {
      if (creating) errs.add(field, "必填", std::string(field) + " is required");
      return;
    }
    if (!it->is_string()) {
      errs.add(field, "应为文本", std::string(field) + " must be a string");
      return;
    }
    if (auto v = check(it->get_ref<const std::string&>(), errs, std::nullopt)) target = *v;
  };
  req_string("employee_no", e.employee_no, check_employee_no);
  req_string("name", e.name, check_person_name);
  opt_string(body, "gender", e.gender, errs, check_gender);
  opt_string(body, "phone", e.phone, errs, check_phone);
  opt_string(body, "email", e.email, errs, check_email);
  opt_string(body, "hire_date", e.hire_date, errs, check_hire_date);
  // Every employee has an employment type (full_time unless said otherwise): it cannot be cleared.
  if (auto it = body.find("employment_type"); it != body.end()) {
    if (!it->is_string()) errs.add("employment_type", "用工类型应为：全职、兼职、合同、实习、劳务派遣（不能为空）",
                                   "employment_type must be full_time, part_time, contract, intern or dispatched (not null)");
    else if (auto v = check_employment_type(it->get_ref<const std::string&>(), errs)) e.employment_type = *v;
  }
  opt_text(body, "position", e.position, errs);
  opt_text(body, "job_level", e.job_level, errs);
  opt_text(body, "title_series", e.title_series, errs);
  opt_text(body, "title_level", e.title_level, errs);

  if (auto it = body.find("status"); it != body.end()) {
    if (!it->is_string()) errs.add("status", "应为文本", "status must be a string");
    else if (auto v = check_status(it->get_ref<const std::string&>(), errs)) e.status = *v;
  }
  if (auto it = body.find("department_id"); it != body.end()) {
    Id id = 0;
    if (!read_id(*it, id)) add_id_type_error("department_id", *it, errs);
    else e.department_id = id;
  } else if (creating) {
    errs.add("department_id", "必填", "department_id is required");
  }
  if (auto it = body.find("manager_id"); it != body.end()) {
    Id id = 0;
    if (it->is_null()) e.manager_id.reset();
    else if (!read_id(*it, id)) add_id_type_error("manager_id", *it, errs);
    else e.manager_id = id;
  }
  if (auto it = body.find("login"); it != body.end()) {
    if (it->is_null()) account.login = std::optional<std::string>{};
    else if (!it->is_string()) errs.add("login", "应为文本", "login must be a string");
    else if (auto v = check_login(it->get_ref<const std::string&>(), errs)) account.login = std::optional<std::string>{*v};
  }
  if (auto it = body.find("password"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) errs.add("password", "应为文本", "password must be a string");
    else account.password = it->get<std::string>();
  }
  if (auto it = body.find("roles"); it != body.end()) {
    if (!it->is_array()) {
      errs.add("roles", "应为角色数组", "roles must be an array of role names");
    } else {
      std::vector<RoleGrant> grants;
      bool bad_branch = false;
      for (const auto& r : *it) {
        std::optional<Role> role;
        std::optional<Id> branch;
        if (r.is_string()) role = parse_role(r.get<std::string>());
        else if (r.is_object() && r.contains("role") && r["role"].is_string()) {
          role = parse_role(r["role"].get<std::string>());
          if (auto b = r.find("branch_id"); b != r.end() && !b->is_null()) {
            Id bid = 0;
            if (read_id(*b, bid)) branch = bid;
            else {
              add_id_type_error("roles.branch_id", *b, errs);
              bad_branch = true;
              break;
            }
          }
        }
        if (!role) {
          errs.add("roles", "未知角色", "unknown role; use employee, manager, instructor, hr_admin, sys_admin");
          break;
        }
        grants.push_back(RoleGrant{*role, branch});
      }
      if (!bad_branch) account.roles = std::move(grants);
    }
  }
}

}  // namespace luodi
