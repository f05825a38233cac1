// In-process micro benchmarks of the request path (no sockets): routing,
// auth cache, and GET /api/v1/me through the Api on a seeded SQLite file.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/employee_service.h"
#include "app/org_service.h"
#include "http/api.h"
#include "store/soci_database.h"

using namespace luodi;

namespace {
struct Fixture {
  SystemClock clock;
  std::unique_ptr<SociDatabase> db;
  std::unique_ptr<AuthService> auth;
  std::unique_ptr<OrgService> org;
  std::unique_ptr<EmployeeService> employees;
  std::unique_ptr<AuditService> audit;
  std::unique_ptr<http::Api> api;
  std::string token;

  Fixture() {
    crypto_init();
    auto dir = std::filesystem::temp_directory_path() / "luodi-micro-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = std::move(SociDatabase::open(DatabaseOptions{"sqlite:" + (dir / "b.db").string(), 4}).value());
    (void)db->migrate();
    (void)seed_demo(*db, clock, "demo1234");
    auth = std::make_unique<AuthService>(*db, clock);
    org = std::make_unique<OrgService>(*db, clock);
    employees = std::make_unique<EmployeeService>(*db, clock, *auth);
    audit = std::make_unique<AuditService>(*db);
    http::Services s;
    s.db = db.get();
    s.clock = &clock;
    s.auth = auth.get();
    s.org = org.get();
    s.employees = employees.get();
    s.audit = audit.get();
    s.version = "bench";
    s.temp_dir = "/tmp";
    api = std::make_unique<http::Api>(s, nullptr);
    token = auth->login("employee", "demo1234").value().token;
  }
};
Fixture& fixture() {
  static Fixture f;
  return f;
}
}  // namespace

static void BM_Me(benchmark::State& state) {
  auto& f = fixture();
  http::Request req{"GET", "/api/v1/me", "Bearer " + f.token, "", "", "", ""};
  for (auto _ : state) benchmark::DoNotOptimize(f.api->handle(req));
}
BENCHMARK(BM_Me);

static void BM_Health(benchmark::State& state) {
  auto& f = fixture();
  http::Request req{"GET", "/api/v1/health", "", "", "", "", ""};
  for (auto _ : state) benchmark::DoNotOptimize(f.api->handle(req));
}
BENCHMARK(BM_Health);

static void BM_EmployeeSearch(benchmark::State& state) {
  auto& f = fixture();
  std::string hr = f.auth->login("hr", "demo1234").value().token;
  http::Request req{"GET", "/api/v1/employees?limit=50&q=%E7%8E%8B", "Bearer " + hr, "", "", "", ""};
  for (auto _ : state) benchmark::DoNotOptimize(f.api->handle(req));
}
BENCHMARK(BM_EmployeeSearch);

BENCHMARK_MAIN();
