#include "http/api.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "core/json_depth.h"
#include "core/units.h"
#include "http/static_files.h"

namespace luodi::http {

using Json = nlohmann::json;

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return 400;
    case ErrorCode::kInvalidParameter: return 400;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kInvalidCredentials: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUriTooLong: return 414;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kValidationFailed: return 422;
    case ErrorCode::kTooManyAttempts: return 429;
    case ErrorCode::kHeaderTooLarge: return 431;
    case ErrorCode::kInternal: return 500;
    case ErrorCode::kUnavailable: return 503;
  }
  return 500;
}

Response json_response(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response health_response(const DatabaseHealthState& s, bool ready_check, const Services& services) {
  Json body{{"database", s.up ? Json(services.db->dialect()) : Json("down")}, {"version", services.version}};
  int status = 200;
  if (!ready_check) {
    body["status"] = s.up ? "ok" : "unavailable";
    if (!s.up) status = 503;
  } else {
    body["status"] = s.ready() ? "ready" : "not_ready";
    if (s.up) {
      body["schema_version"] = s.schema_version;
      body["pending_migrations"] = s.pending_migrations;
    }
    if (!s.ready()) {
      status = 503;
      body["reason"] = s.up ? "migrations_pending" : "database_down";
    }
  }
  Response r = json_response(status, body);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response error_response(const Error& e, Lang lang) {
  Json details = Json::array();
  for (const auto& d : e.details) {
    Json j{{"field", d.field}, {"message", lang == Lang::kEn ? d.message_en : d.message}};
    if (d.line) j["line"] = *d.line;
    details.push_back(std::move(j));
  }
  Response r = json_response(status_of(e.code),
                             Json{{"error", {{"code", e.name.empty() ? error_code_name(e.code) : e.name.c_str()},
                                             {"message", lang == Lang::kEn ? e.message_en : e.message},
                                             {"details", std::move(details)}}}});
  if (e.code == ErrorCode::kUnauthorized) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

Result<Json> parse_json_body(const Ctx& c) {
  // Depth first: the parser copes with any depth, but code that walks a tree
  // (dump, compare, copy) recurses, so a deep body must never become a tree.
  if (!json_depth_within(c.req.body))
    return Error::make(ErrorCode::kInvalidJson,
                       "JSON 嵌套层数过多（最多 " + std::to_string(kMaxJsonDepth) + " 层）",
                       "JSON nested too deeply (at most " + std::to_string(kMaxJsonDepth) + " levels)");
  Json j = Json::parse(c.req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Error::make(ErrorCode::kInvalidJson, "请求体不是有效的JSON对象", "The body is not a valid JSON object");
  return j;
}

namespace {
bool parse_i64(std::string_view s, long long& out) {
  if (s.empty() || s.size() > 18) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
Error bad_param(const std::string& name, const std::string& zh, const std::string& en) {
  return invalid_parameter(name, zh, en);
}
}  // namespace

Error invalid_parameter(const std::string& name, const std::string& zh, const std::string& en) {
  Error e = Error::make(ErrorCode::kInvalidParameter, "参数有误: " + name, "Invalid parameter: " + name);
  e.details.push_back(FieldError{name, zh, en, std::nullopt});
  return e;
}

Result<Id> path_id(const Ctx& c, const char* name) {
  long long v = 0;
  auto it = c.params.find(name);
  if (it == c.params.end() || !parse_i64(it->second, v) || v <= 0) return Error::not_found();
  return v;
}

Result<PageRequest> page_request(const Ctx& c, int max_limit) {
  PageRequest pr;
  if (auto it = c.query.find("limit"); it != c.query.end()) {
    long long v = 0;
    if (!parse_i64(it->second, v) || v < 1 || v > max_limit)
      return bad_param("limit", "每页条数应在1到" + std::to_string(max_limit) + "之间",
                       "limit must be between 1 and " + std::to_string(max_limit));
    pr.limit = static_cast<int>(v);
  }
  if (auto it = c.query.find("cursor"); it != c.query.end() && !it->second.empty()) {
    long long v = 0;
    if (!parse_i64(it->second, v) || v < 0) return bad_param("cursor", "分页游标无效", "cursor is invalid");
    pr.after_id = v;
  }
  return pr;
}

Result<std::optional<Id>> query_id(const Ctx& c, const char* name) {
  auto it = c.query.find(name);
  if (it == c.query.end() || it->second.empty()) return std::optional<Id>{};
  long long v = 0;
  if (!parse_i64(it->second, v) || v <= 0) return bad_param(name, "应为正整数ID", std::string(name) + " must be a positive integer id");
  return std::optional<Id>(v);
}

std::optional<std::string> query_str(const Ctx& c, const char* name) {
  auto it = c.query.find(name);
  if (it == c.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<bool> query_bool(const Ctx& c, const char* name) {
  auto it = c.query.find(name);
  if (it == c.query.end() || it->second.empty()) return false;
  if (it->second == "true" || it->second == "1") return true;
  if (it->second == "false" || it->second == "0") return false;
  return bad_param(name, "应为 true 或 false", std::string(name) + " must be true or false");
}

Api::Api(Services services, std::shared_ptr<StaticFiles> web)
    : services_(std::move(services)), health_(std::make_unique<DatabaseHealth>(*services_.db)), web_(std::move(web)) {
  register_auth_routes(*this);
  register_org_routes(*this);
  register_employee_routes(*this);
  if (services_.training && services_.files) register_training_routes(*this);
  if (services_.assessment) register_assessment_routes(*this);
  if (services_.points) register_points_routes(*this);
  if (services_.performance) register_performance_routes(*this);
  if (services_.rewards) register_rewards_routes(*this);
  if (services_.engagement) register_engagement_routes(*this);
}

Api::~Api() = default;

void Api::remember_me(const Principal& p, const std::string& body, int kind) const {
  std::unique_lock lock(me_mu_);
  if (me_cache_.size() > 200000) me_cache_.clear();
  me_cache_[{p.tenant_id, p.user_id * 4 + kind}] = MeEntry{services_.db->generation(), services_.clock->now() + 10, body};
}

std::optional<std::string> Api::cached_me(const Principal& p, int kind) const {
  std::shared_lock lock(me_mu_);
  auto it = me_cache_.find({p.tenant_id, p.user_id * 4 + kind});
  if (it == me_cache_.end() || it->second.generation != services_.db->generation() ||
      it->second.expires <= services_.clock->now())
    return std::nullopt;
  return it->second.body;
}

std::optional<Response> Api::try_fast(const Request& req) const {
  if (req.method != "GET") return std::nullopt;
  if (req.target == "/api/v1/health" || req.target == "/api/v1/health/ready") {
    // From the cached probe only; a stale or missing one is refreshed on a worker.
    if (auto s = health_->cached()) return health_response(*s, req.target == "/api/v1/health/ready", services_);
    return std::nullopt;
  }
  const int kind = req.target == "/api/v1/me" ? 0 : req.target == "/api/v1/me/performance" ? 1 : -1;
  if (kind >= 0) {
    std::string_view auth = req.authorization;
    if (auth.size() < 8 || (auth.substr(0, 7) != "Bearer " && auth.substr(0, 7) != "bearer ")) return std::nullopt;
    auto p = services_.auth->authenticate_cached(std::string(auth.substr(7)));
    if (!p) return std::nullopt;
    auto body = cached_me(*p, kind);
    if (!body) return std::nullopt;
    Response r;
    r.body = std::move(*body);
    return r;
  }
  return std::nullopt;
}

std::size_t Api::limit_of(Body kind) const {
  const Limits& l = services_.limits;
  switch (kind) {
    case Body::kNone: return 0;
    case Body::kJson: return l.json_body;
    case Body::kImport: return l.import_body;
    case Body::kUpload: return l.upload + kMultipartAllowance;
  }
  return l.json_body;
}

std::size_t Api::largest_body_limit() const {
  return std::max({limit_of(Body::kJson), limit_of(Body::kImport), limit_of(Body::kUpload)});
}

Body Api::body_kind(std::string_view method, std::string_view target) const {
  const std::string_view path = target.substr(0, target.find('?'));
  const Router<RouteSpec>::Route* route = nullptr;
  PathParams params;
  if (path.rfind("/api/", 0) == 0 && router_.find(method, path, route, params) == Router<RouteSpec>::Match::kFound)
    return route->handler.body;
  return Body::kJson;
}

std::size_t Api::body_limit(std::string_view method, std::string_view target) const {
  return limit_of(body_kind(method, target));
}

Response Api::too_large(Body kind, Lang lang) const {
  Error e;
  if (kind == Body::kNone)
    e = Error::make(ErrorCode::kPayloadTooLarge, "此接口不接受请求体", "This endpoint takes no request body");
  else if (kind == Body::kUpload)
    e = Error::make(ErrorCode::kPayloadTooLarge, "文件不能超过 " + format_size(services_.limits.upload),
                    "Files may not exceed " + format_size(services_.limits.upload));
  else
    e = Error::make(ErrorCode::kPayloadTooLarge, "请求体过大（上限 " + format_size(limit_of(kind)) + "）",
                    "Request body too large (limit " + format_size(limit_of(kind)) + ")");
  return error_response(e, lang);
}

Response Api::refusal(int status, std::string_view method, std::string_view target,
                      std::string_view accept_language) const {
  const Lang lang = accept_language.rfind("en", 0) == 0 ? Lang::kEn : Lang::kZh;
  const std::string limit = format_size(services_.limits.header);
  if (status == 414)
    return error_response(Error::make(ErrorCode::kUriTooLong, "请求地址过长（上限 " + limit + "）",
                                      "Request URI too long (limit " + limit + ")"),
                          lang);
  if (status == 431) {
    const std::string fields = std::to_string(kMaxHeaderFields);
    return error_response(
        Error::make(ErrorCode::kHeaderTooLarge, "请求头过大（上限 " + limit + "，最多 " + fields + " 个字段）",
                    "Request header fields too large (limit " + limit + ", at most " + fields + " fields)"),
        lang);
  }
  return too_large(body_kind(method, target), lang);
}

RequestMeta request_meta(const Request& req) { return RequestMeta{req.client_ip, req.user_agent}; }

Response Api::handle(const Request& req) const {
  Ctx c{req, {}, {}, {}, Lang::kZh, std::nullopt};
  if (req.accept_language.rfind("en", 0) == 0) c.lang = Lang::kEn;
  std::string_view target = req.target;
  size_t qpos = target.find('?');
  c.path = std::string(target.substr(0, qpos));
  if (qpos != std::string_view::npos) c.query = parse_query(target.substr(qpos + 1));

  if (c.path.rfind("/api/", 0) != 0 && c.path != "/api") {
    if (web_ && (req.method == "GET" || req.method == "HEAD")) return web_->serve(c.path);
    return error_response(Error::not_found(), c.lang);
  }
  try {
    const Router<RouteSpec>::Route* route = nullptr;
    switch (router_.find(req.method, c.path, route, c.params)) {
      case Router<RouteSpec>::Match::kNoPath:
        return error_response(Error::make(ErrorCode::kNotFound, "接口不存在: " + c.path, "No such endpoint: " + c.path), c.lang);
      case Router<RouteSpec>::Match::kNoMethod:
        return error_response(Error::make(ErrorCode::kMethodNotAllowed, "不支持的请求方法: " + req.method,
                                          "Method not allowed: " + req.method),
                              c.lang);
      case Router<RouteSpec>::Match::kFound:
        break;
    }
    const RouteSpec& spec = route->handler;
    // The adapter refuses oversized bodies before reading them; this covers
    // in-process callers.
    if (req.body.size() > limit_of(spec.body)) return too_large(spec.body, c.lang);
    if (spec.auth) {
      std::string_view auth = req.authorization;
      if (auth.size() < 8 || (auth.substr(0, 7) != "Bearer " && auth.substr(0, 7) != "bearer "))
        return error_response(Error::unauthorized(), c.lang);
      auto p = services_.auth->authenticate(std::string(auth.substr(7)));
      if (!p) return error_response(p.error(), c.lang);
      c.principal = std::move(p.value());
      c.principal->meta = request_meta(req);
    }
    return spec.fn(c);
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", req.method, c.path, e.what());
    return error_response(Error::internal(), c.lang);
  }
}

}  // namespace luodi::http
