// Error values crossing module boundaries. Only http/ maps them to statuses.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace luodi {

enum class ErrorCode {
  kInvalidJson,          // 400 invalid_json
  kInvalidParameter,     // 400 invalid_parameter
  kUnauthorized,         // 401 unauthorized
  kInvalidCredentials,   // 401 invalid_credentials
  kForbidden,            // 403 forbidden
  kNotFound,             // 404 not_found
  kMethodNotAllowed,     // 405 method_not_allowed
  kConflict,             // 409 conflict
  kPayloadTooLarge,      // 413 payload_too_large
  kUriTooLong,           // 414 uri_too_long
  kUnsupportedMediaType, // 415 unsupported_media_type
  kValidationFailed,     // 422 validation_failed
  kTooManyAttempts,      // 429 too_many_attempts
  kHeaderTooLarge,       // 431 request_header_fields_too_large
  kInternal,             // 500 internal
  kUnavailable,          // 503 unavailable (the database cannot be reached)
};

// Stable snake_case name used on the wire ("validation_failed").
const char* error_code_name(ErrorCode code);

// One problem with one input field. `line` is set for file imports
// (spreadsheet numbering: header row = 1).
struct FieldError {
  std::string field;
  std::string message;     // zh-CN
  std::string message_en;  // English
  std::optional<int> line;
};

// An error value: a code, a human message in both languages, and details.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;     // zh-CN
  std::string message_en;  // English
  std::vector<FieldError> details;
  std::string name;  // wire code when more specific than `code` ("checkin_window_closed")

  static Error make(ErrorCode c, std::string zh, std::string en) {
    return Error{c, std::move(zh), std::move(en), {}, {}};
  }
  // An error whose wire code is `name` and whose status follows `c`.
  static Error named(ErrorCode c, std::string name, std::string zh, std::string en) {
    return Error{c, std::move(zh), std::move(en), {}, std::move(name)};
  }
  static Error not_found() { return make(ErrorCode::kNotFound, "资源不存在", "Not found"); }
  static Error forbidden() { return make(ErrorCode::kForbidden, "没有权限执行此操作", "You are not allowed to do this"); }
  static Error unauthorized() { return make(ErrorCode::kUnauthorized, "未登录或登录已失效", "Not signed in or session expired"); }
  static Error not_json_object() { return make(ErrorCode::kInvalidJson, "请求体应为JSON对象", "The body must be a JSON object"); }
  static Error internal(std::string why = {}) { return make(ErrorCode::kInternal, "服务器内部错误", why.empty() ? "Internal error" : why); }
  static Error validation(std::vector<FieldError> details) {
    Error e = make(ErrorCode::kValidationFailed, "提交的数据有误", "Validation failed");
    e.details = std::move(details);
    return e;
  }
  static Error validation(std::string field, std::string zh, std::string en) {
    return validation(std::vector<FieldError>{FieldError{std::move(field), std::move(zh), std::move(en), std::nullopt}});
  }
  static Error conflict(std::string field, std::string zh, std::string en) {
    Error e = make(ErrorCode::kConflict, zh, en);
    e.details.push_back(FieldError{std::move(field), std::move(zh), std::move(en), std::nullopt});
    return e;
  }
};

// Result<T>: a T or an Error. Cheap on the happy path, no exceptions.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

// Collects field errors; validate everything first, then act.
class FieldErrors {
 public:
  void add(std::string field, std::string zh, std::string en, std::optional<int> line = std::nullopt) {
    items_.push_back(FieldError{std::move(field), std::move(zh), std::move(en), line});
  }
  bool empty() const { return items_.empty(); }
  std::vector<FieldError>& items() { return items_; }
  Error to_error() && { return Error::validation(std::move(items_)); }

 private:
  std::vector<FieldError> items_;
};

}  // namespace luodi
