// What makes an employee record valid, shared by the JSON API and the CSV import.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "domain/org_model.h"

namespace luodi {

// Account changes that ride along an employee create/patch.
struct AccountChanges {
  std::optional<std::optional<std::string>> login;  // set (or cleared with null)
  std::optional<std::string> password;
  std::optional<std::vector<RoleGrant>> roles;
};

// Field validators: each returns the normalised value or adds an error for
// `field` to `errs` and returns nullopt. Text fields are single-line: control
// characters, line breaks and invisible format characters are refused
// (check_text_chars), and a name must have a visible character.
std::optional<std::string> check_employee_no(const std::string& v, FieldErrors& errs, std::optional<int> line = {});
std::optional<std::string> check_person_name(const std::string& v, FieldErrors& errs, std::optional<int> line = {});
std::optional<std::string> check_gender(const std::string& v, FieldErrors& errs, std::optional<int> line = {});
std::optional<std::string> check_phone(const std::string& v, FieldErrors& errs, std::optional<int> line = {});
std::optional<std::string> check_email(const std::string& v, FieldErrors& errs, std::optional<int> line = {});
std::optional<std::string> check_hire_date(const std::string& v, FieldErrors& errs, std::optional<int> line = {});
std::optional<std::string> check_employment_type(const std::string& v, FieldErrors& errs, std::optional<int> line = {});
std::optional<std::string> check_status(const std::string& v, FieldErrors& errs, std::optional<int> line = {});
std::optional<std::string> check_short_text(const std::string& field, const std::string& v, FieldErrors& errs,
                                            std::optional<int> line = {});
std::optional<std::string> check_login(const std::string& v, FieldErrors& errs);

// Applies a JSON object (create: all fields; patch: only those present) onto
// `target` and `account`, validating every field first. Unknown fields are
// ignored. `department_id` and `manager_id` are checked for type only; their
// existence and scope are the caller's business. On any problem, `errs` names
// each field and `target` may be partly changed (callers discard it).
void apply_employee_json(const nlohmann::json& body, bool creating, Employee& target, AccountChanges& account,
                         FieldErrors& errs);

}  // namespace luodi
