#include "core/error.h"

namespace luodi {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return "invalid_json";
    case ErrorCode::kInvalidParameter: return "invalid_parameter";
    case ErrorCode::kUnauthorized: return "unauthorized";
    case ErrorCode::kInvalidCredentials: return "invalid_credentials";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kUriTooLong: return "uri_too_long";
    case ErrorCode::kUnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::kValidationFailed: return "validation_failed";
    case ErrorCode::kTooManyAttempts: return "too_many_attempts";
    case ErrorCode::kHeaderTooLarge: return "request_header_fields_too_large";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kUnavailable: return "unavailable";
  }
  return "internal";
}

}  // namespace luodi
