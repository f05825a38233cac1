// The HTTP API as a function from Request to Response: routing, auth,
// JSON mapping and error → status mapping. No sockets here (see server.h),
// so tests and benchmarks call it in-process. Thread-safe.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/assessment_service.h"
#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/database_health.h"
#include "app/employee_service.h"
#include "app/file_service.h"
#include "app/training_service.h"
#include "app/org_service.h"
#include "app/performance_service.h"
#include "app/points_service.h"
#include "app/rewards_service.h"
#include "app/engagement_service.h"
#include "app/page.h"
#include "http/http_types.h"
#include "http/router.h"

namespace luodi::http {

class StaticFiles;

enum class Lang { kZh, kEn };

// Request size limits (ServerConfig's, see app/server_config.h for meanings).
struct Limits {
  std::size_t json_body = 1u << 20;
  std::size_t import_body = 20u << 20;
  std::size_t upload = 10u << 20;  // per file; the request may add kMultipartAllowance
  std::size_t header = 16u << 10;  // request line; and header fields together
};
// What a multipart upload request may add to its file: boundaries and part headers.
inline constexpr std::size_t kMultipartAllowance = 64u << 10;
// At most this many header fields (431 above it).
inline constexpr std::size_t kMaxHeaderFields = 100;

struct Services {
  Database* db = nullptr;
  const Clock* clock = nullptr;
  AuthService* auth = nullptr;
  OrgService* org = nullptr;
  EmployeeService* employees = nullptr;
  AuditService* audit = nullptr;
  TrainingService* training = nullptr;
  FileService* files = nullptr;
  AssessmentService* assessment = nullptr;
  PointsService* points = nullptr;
  PerformanceService* performance = nullptr;
  RewardsService* rewards = nullptr;
  EngagementService* engagement = nullptr;
  std::string version;
  std::string openapi_path;  // JSON file served at /api/v1/openapi.json
  std::string temp_dir;      // scratch space for report rendering
  Limits limits;
};

// What a handler sees.
struct Ctx {
  const Request& req;
  std::string path;
  std::unordered_map<std::string, std::string> query;
  PathParams params;
  Lang lang = Lang::kZh;
  std::optional<Principal> principal;  // set when the route requires auth

  const Principal& me() const { return *principal; }
};

using Handler = std::function<Response(Ctx&)>;

// What a route accepts as a body; each kind has its configured limit.
enum class Body {
  kNone,    // no body at all (GET, DELETE, actions without input): limit 0
  kJson,    // Limits::json_body
  kImport,  // CSV imports: Limits::import_body
  kUpload,  // multipart file upload: Limits::upload + kMultipartAllowance
};

struct RouteSpec {
  bool auth = true;
  Body body = Body::kJson;
  Handler fn;
};

// Answers.
Response json_response(int status, const nlohmann::json& body);
// GET /health (liveness and the database: 503 with "database":"down" when it
// cannot be reached) and GET /health/ready (200 only when the database
// answers and has every migration of this build).
Response health_response(const DatabaseHealthState& s, bool ready_check, const Services& services);
Response error_response(const Error& e, Lang lang);
Response no_content();
int status_of(ErrorCode code);

// 400 invalid_parameter naming one query parameter.
Error invalid_parameter(const std::string& name, const std::string& zh, const std::string& en);

// Where the request came from, for the audit trail (the Principal of an
// authenticated route carries it already; the login route passes it itself).
RequestMeta request_meta(const Request& req);

// Parsing helpers: each returns an Error naming the parameter.
Result<nlohmann::json> parse_json_body(const Ctx& c);
Result<Id> path_id(const Ctx& c, const char* name = "id");
Result<PageRequest> page_request(const Ctx& c, int max_limit = 200);
Result<std::optional<Id>> query_id(const Ctx& c, const char* name);
std::optional<std::string> query_str(const Ctx& c, const char* name);
Result<bool> query_bool(const Ctx& c, const char* name);

template <typename T>
nlohmann::json page_json(const Page<T>& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& it : page.items) items.push_back(to_json(it));
  return nlohmann::json{{"items", std::move(items)},
                        {"next_cursor", page.next_cursor ? nlohmann::json(*page.next_cursor) : nlohmann::json(nullptr)}};
}

class Api {
 public:
  Api(Services services, std::shared_ptr<StaticFiles> web);
  ~Api();
  Response handle(const Request& req) const;
  // Answers what needs no database (health from its cached probe; /me from
  // its cache) without blocking, so the I/O thread can reply at once;
  // nullopt means "run handle() on a worker".
  std::optional<Response> try_fast(const Request& req) const;

  // The largest body `method target` may carry: the limit of its route's body
  // kind, or the JSON limit when no route matches (the answer will be 404 or
  // 405, and nobody needs to send megabytes to learn that). Cheap and
  // thread-safe: the HTTP adapter calls it when the request's headers are in,
  // before any of the body is read.
  std::size_t body_limit(std::string_view method, std::string_view target) const;
  // The largest body any route accepts.
  std::size_t largest_body_limit() const;
  // The answer to a request refused for its size before it was read:
  // 413 payload_too_large (body over body_limit), 414 uri_too_long or
  // 431 request_header_fields_too_large (over Limits::header). The message
  // names the limit, in the language of `accept_language` when known.
  Response refusal(int status, std::string_view method, std::string_view target,
                   std::string_view accept_language) const;
  const Services& services() const { return services_; }
  // The database's health, probed at most once a second.
  DatabaseHealth& health() const { return *health_; }

  // The /me answer per user, valid while the database generation is
  // unchanged (any write in this process) and for at most 10 s (writes by
  // other instances sharing PostgreSQL).
  // Answers of personal GETs (/me = 0, /me/performance = 1) kept while no write happened
  // in this process and for at most 10 s; served on the I/O thread by try_fast().
  void remember_me(const Principal& p, const std::string& body, int kind = 0) const;
  std::optional<std::string> cached_me(const Principal& p, int kind = 0) const;

 private:
  void add(const char* method, const char* pattern, RouteSpec spec) { router_.add(method, pattern, std::move(spec)); }
  // The route's body kind; kJson when no route matches.
  Body body_kind(std::string_view method, std::string_view target) const;
  std::size_t limit_of(Body kind) const;
  Response too_large(Body kind, Lang lang) const;
  friend void register_auth_routes(Api&);
  friend void register_org_routes(Api&);
  friend void register_employee_routes(Api&);
  friend void register_training_routes(Api&);
  friend void register_assessment_routes(Api&);
  friend void register_points_routes(Api&);
  friend void register_performance_routes(Api&);
  friend void register_rewards_routes(Api&);
  friend void register_engagement_routes(Api&);

  struct MeEntry {
    std::uint64_t generation;
    UnixSeconds expires;
    std::string body;
  };
  struct PairHash {
    size_t operator()(const std::pair<Id, Id>& k) const { return std::hash<Id>()(k.first * 1000003 ^ k.second); }
  };

  Services services_;
  std::unique_ptr<DatabaseHealth> health_;
  std::shared_ptr<StaticFiles> web_;
  Router<RouteSpec> router_;
  mutable std::shared_mutex me_mu_;
  mutable std::unordered_map<std::pair<Id, Id>, MeEntry, PairHash> me_cache_;  // guarded by me_mu_
};

void register_auth_routes(Api& api);
void register_org_routes(Api& api);
void register_employee_routes(Api& api);
void register_training_routes(Api& api);
void register_assessment_routes(Api& api);
void register_points_routes(Api& api);
void register_performance_routes(Api& api);
void register_rewards_routes(Api& api);
void register_engagement_routes(Api& api);

}  // namespace luodi::http
