// Transport-neutral request and response values: what the RESTinio adapter
// copies in and writes out. Everything behind it is testable without sockets.
#pragma once
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace luodi::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path plus optional "?query"
  std::string authorization;
  std::string content_type;
  std::string accept_language;
  std::string idempotency_key;
  std::string host;  // Host header, for absolute URLs (QR codes)
  std::string client_ip;   // see client_address.h; "" when not over a socket (tests)
  std::string user_agent;  // cleaned (printable UTF-8, at most 512 bytes)
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Reason phrase for a status ("Not Found").
const char* reason_phrase(int status);

}  // namespace luodi::http
