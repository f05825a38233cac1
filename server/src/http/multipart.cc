#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace luodi::http {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Value of `key` in a header like: form-data; name="file"; filename="a.jpg"
std::string header_param(std::string_view header, std::string_view key) {
  std::string h = lower(header);
  std::string k = std::string(key) + "=";
  size_t pos = 0;
  while ((pos = h.find(k, pos)) != std::string::npos) {
    if (pos == 0 || h[pos - 1] == ' ' || h[pos - 1] == ';') break;
    pos += k.size();
  }
  if (pos == std::string::npos) return {};
  pos += k.size();
  if (pos < header.size() && header[pos] == '"') {
    size_t end = header.find('"', pos + 1);
    if (end == std::string_view::npos) return {};
    return std::string(header.substr(pos + 1, end - pos - 1));
  }
  size_t end = header.find(';', pos);
  return std::string(header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
}
}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  if (lower(content_type.substr(0, 19)) != "multipart/form-data") return std::nullopt;
  std::string b = header_param(content_type, "boundary");
  if (b.empty() || b.size() > 200) return std::nullopt;
  return b;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, const std::string& boundary) {
  const std::string delim = "--" + boundary;
  std::vector<FormPart> parts;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return std::nullopt;
  for (;;) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return std::nullopt;
    FormPart part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    size_t line_start = 0;
    while (line_start <= headers.size()) {
      size_t line_end = headers.find("\r\n", line_start);
      std::string_view line = headers.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string key = lower(line.substr(0, colon));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (key == "content-disposition") {
          part.name = header_param(value, "name");
          part.filename = header_param(value, "filename");
        } else if (key == "content-type") {
          part.content_type = std::string(value);
        }
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    size_t content_start = headers_end + 4;
    size_t next = body.find("\r\n" + delim, content_start);
    if (next == std::string_view::npos) return std::nullopt;
    part.body = body.substr(content_start, next - content_start);
    parts.push_back(part);
    pos = next + 2;
  }
}

}  // namespace luodi::http
