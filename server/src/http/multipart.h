// multipart/form-data parsing (RFC 7578) for file uploads. Pure.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace luodi::http {

struct FormPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string_view body;  // points into the request body
};

// The boundary from a Content-Type header; nullopt if not multipart/form-data.
std::optional<std::string> multipart_boundary(std::string_view content_type);
// Splits `body` into parts; nullopt if malformed.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, const std::string& boundary);

}  // namespace luodi::http
