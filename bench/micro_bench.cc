// In-process micro benchmarks of the request path (no sockets): routing,
// auth cache, and GET /api/v1/me through the Api on a seeded SQLite file;
// and what one audit entry adds to a write transaction.
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

// A write transaction with one outbox event (as a reflection submit records):
// the floor under the submit's other writes.
static void BM_WriteEvent(benchmark::State& state) {
  auto& f = fixture();
  const std::string payload = R"({"submission_id":1,"training_id":17,"employee_id":5,"late":false,"version":1,"required":true})";
  for (auto _ : state)
    benchmark::DoNotOptimize(f.db->write([&](Repo& repo) -> Status {
      repo.insert_event(OutboxEvent{0, 1, "bench.event", payload, f.clock.now()});
      return ok_status();
    }));
}
BENCHMARK(BM_WriteEvent);

// The same transaction plus the audit entry of a reflection submit (summary,
// address, User-Agent): the difference is what auditing adds to a write.
static void BM_WriteEventWithAudit(benchmark::State& state) {
  auto& f = fixture();
  static Principal p = [&] {
    Principal x = f.auth->login("employee", "demo1234").value().principal;
    x.meta = RequestMeta{"203.0.113.7", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
                                        "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47"};
    return x;
  }();
  const std::string payload = R"({"submission_id":1,"training_id":17,"employee_id":5,"late":false,"version":1,"required":true})";
  const nlohmann::json before{{"training_id", 17}, {"status", "draft"}, {"version", 0}, {"chars", 230}, {"attachments", 1}, {"late", false}};
  const nlohmann::json after{{"training_id", 17}, {"status", "submitted"}, {"version", 1}, {"chars", 230}, {"attachments", 1}, {"late", false}};
  Id id = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(f.db->write([&](Repo& repo) -> Status {
      repo.insert_event(OutboxEvent{0, 1, "bench.event", payload, f.clock.now()});
      record_audit(repo, p, f.clock.now(), "submit", "submission", ++id, p.employee_branch_id, before, after);
      return ok_status();
    }));
}
BENCHMARK(BM_WriteEventWithAudit);

BENCHMARK_MAIN();
