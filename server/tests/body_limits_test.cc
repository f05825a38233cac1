// The HTTP layer's size limits, in process: which limit each route class
// gets (the adapter asks body_limit() when the headers are in) and what the
// refusals say. The socket side is covered by tests/http/limits.test.mjs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/api.h"

namespace luodi::http {
namespace {

Api api_with(Limits limits) {
  Services s;  // only the org, employee and auth routes register without services
  s.limits = limits;
  return Api(s, nullptr);
}

TEST(BodyLimits, EachRouteGetsTheLimitOfItsClass) {
  Api api = api_with(Limits{.json_body = 1000, .import_body = 5000, .upload = 3000, .header = 2048});
  struct Case {
    const char* method;
    const char* target;
    std::size_t limit;
  } cases[] = {
      {"POST", "/api/v1/branches", 1000},                     // JSON
      {"PATCH", "/api/v1/employees/42?x=1", 1000},            // JSON, query ignored
      {"POST", "/api/v1/auth/login", 1000},                   // JSON, no auth needed
      {"POST", "/api/v1/employees/import?dry_run=true", 5000},  // CSV import
      {"GET", "/api/v1/branches", 0},                         // takes no body
      {"DELETE", "/api/v1/departments/7", 0},
      {"POST", "/api/v1/no-such-route", 1000},                // 404 to come: JSON limit
      {"PUT", "/api/v1/branches", 1000},                      // 405 to come: JSON limit
      {"GET", "/m/index.html", 1000},                         // web app files
  };
  for (const auto& c : cases) EXPECT_EQ(api.body_limit(c.method, c.target), c.limit) << c.method << " " << c.target;
  // Uploads may add the multipart framing allowance to the file limit.
  EXPECT_EQ(api.largest_body_limit(), std::max<std::size_t>(5000, 3000 + kMultipartAllowance));
}

TEST(BodyLimits, RefusalsAreJsonErrorsNamingTheLimit) {
  Api api = api_with(Limits{.json_body = 1u << 20, .import_body = 20u << 20, .upload = 10u << 20, .header = 16u << 10});
  struct Case {
    int status;
    const char* method;
    const char* target;
    const char* lang;
    const char* code;
    const char* message;
  } cases[] = {
      {413, "POST", "/api/v1/branches", "", "payload_too_large", "请求体过大（上限 1 MiB）"},
      {413, "POST", "/api/v1/branches", "en-US", "payload_too_large", "Request body too large (limit 1 MiB)"},
      {413, "POST", "/api/v1/employees/import", "en", "payload_too_large", "Request body too large (limit 20 MiB)"},
      {413, "GET", "/api/v1/branches", "zh-CN", "payload_too_large", "此接口不接受请求体"},
      {414, "GET", "/api/v1/health", "en", "uri_too_long", "Request URI too long (limit 16 KiB)"},
      {431, "GET", "/api/v1/health", "", "request_header_fields_too_large", "请求头过大（上限 16 KiB，最多 100 个字段）"},
  };
  for (const auto& c : cases) {
    Response r = api.refusal(c.status, c.method, c.target, c.lang);
    EXPECT_EQ(r.status, c.status);
    auto j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["error"]["code"], c.code) << r.body;
    EXPECT_EQ(j["error"]["message"], c.message) << r.body;
    EXPECT_TRUE(j["error"]["details"].is_array());
  }
  EXPECT_STREQ(reason_phrase(414), "URI Too Long");
  EXPECT_STREQ(reason_phrase(431), "Request Header Fields Too Large");
}

TEST(BodyLimits, InProcessCallersAreHeldToTheSameLimits) {
  Api api = api_with(Limits{.json_body = 100, .import_body = 5000, .upload = 3000, .header = 2048});
  Request req;
  req.method = "POST";
  req.target = "/api/v1/auth/login";
  req.accept_language = "en";
  req.body = std::string(101, ' ');
  Response r = api.handle(req);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["message"], "Request body too large (limit 100 B)");
}

}  // namespace
}  // namespace luodi::http
