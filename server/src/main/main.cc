// luodi: composition root. Parses the command line, opens the database,
// wires services and runs the chosen subcommand.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/assessment_service.h"
#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/employee_service.h"
#include "app/file_service.h"
#include "app/event_pump.h"
#include "app/score_engine.h"
#include "app/engagement_service.h"
#include "app/org_service.h"
#include "app/performance_service.h"
#include "app/points_service.h"
#include "app/rewards_service.h"
#include "app/training_service.h"
#include "http/api.h"
#include "http/server.h"
#include "http/static_files.h"
#include "reports/vips_thumbnailer.h"
#include "store/soci_database.h"

#ifndef LUODI_VERSION
#define LUODI_VERSION "0.0.0"
#endif

namespace {

using namespace luodi;

std::unique_ptr<SociDatabase> open_db(const std::string& url, int pool) {
  auto db = SociDatabase::open(DatabaseOptions{url, pool});
  if (!db) {
    std::cerr << "luodi: error: " << db.error().message_en << "\n";
    std::exit(1);
  }
  auto applied = db.value()->migrate();
  if (!applied) {
    std::cerr << "luodi: error: " << applied.error().message_en << "\n";
    std::exit(1);
  }
  if (applied.value() > 0) spdlog::info("applied {} migration(s) to {}", applied.value(), db.value()->dialect());
  return std::move(db.value());
}

}  // namespace

int main(int argc, char** argv) {
  if (!crypto_init()) {
    std::cerr << "luodi: error: libsodium failed to initialise\n";
    return 1;
  }
  CLI::App app{"落地 Luodi — training that lands. HR server: API + web app.", "luodi"};
  app.set_version_flag("--version", LUODI_VERSION);
  app.require_subcommand(1);

  std::string db_url = "sqlite:var/luodi.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string data_dir = "var";
  std::string web_dir = "web/dist";
  int workers = 0;
  int io_threads = 0;
  bool demo = false;
  std::string demo_password = "demo1234";
  int bench_employees = 10000;
  std::uint64_t bench_seed = 42;

  auto* serve = app.add_subcommand("serve", "Serve the API (/api/v1) and the web apps (/ and /m/)");
  serve->add_option("--db", db_url, "Database URL: sqlite:PATH or postgresql://...")->capture_default_str();
  serve->add_option("--host", host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", port, "Port to listen on")->check(CLI::Range(1, 65535))->capture_default_str();
  serve->add_option("--data-dir", data_dir, "Directory for uploads and scratch files")->capture_default_str();
  serve->add_option("--web-dir", web_dir, "Directory of the built web apps")->capture_default_str();
  serve->add_option("--workers", workers, "Handler threads (0 = 2 per core, at least 4)")->check(CLI::Range(0, 256));
  serve->add_option("--io-threads", io_threads, "HTTP I/O threads (0 = one per core)")->check(CLI::Range(0, 64));
  bool trust_forwarded_for = false;
  serve->add_flag("--trust-forwarded-for", trust_forwarded_for,
                  "Audit the client address from X-Forwarded-For (its last entry); only behind a reverse proxy that sets it");

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  migrate->add_option("--db", db_url, "Database URL")->capture_default_str();

  auto* seed = app.add_subcommand("seed", "Seed sample data");
  seed->add_option("--db", db_url, "Database URL")->capture_default_str();
  seed->add_flag("--demo", demo, "Seed the demo organisation 示例集团 (skipped if present)")->required();
  seed->add_option("--demo-password", demo_password, "Password of every demo login")->capture_default_str();

  Id bench_cycle = 0;
  int bench_events = 1000;
  auto* bench_scores = app.add_subcommand("bench-scores", "Time a cycle's full score recomputation and single-event score updates");
  bench_scores->add_option("--db", db_url, "Database URL")->capture_default_str();
  bench_scores->add_option("--cycle", bench_cycle, "Performance cycle id")->required();
  bench_scores->add_option("--events", bench_events, "Single-employee updates to time")->check(CLI::Range(1, 100000))->capture_default_str();
  auto* bench = app.add_subcommand("bench-data", "Generate a deterministic synthetic organisation for benchmarks");
  bench->add_option("--db", db_url, "Database URL")->capture_default_str();
  bench->add_option("--employees", bench_employees, "Number of employees")->check(CLI::Range(1, 1000000))->capture_default_str();
  bench->add_option("--seed", bench_seed, "Random seed")->capture_default_str();
  int bench_enrollments = 0;
  bench->add_option("--enrollments", bench_enrollments, "Training enrolments (trainings of 500 people)")
      ->check(CLI::Range(0, 10000000))->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    std::cerr << "luodi: error: " << msg.substr(0, msg.find('\n')) << " (see luodi --help)\n";
    return 2;
  }

  SystemClock clock;
  if (*migrate) {
    auto db = open_db(db_url, 1);
    std::cout << "database is up to date (" << db->dialect() << ")\n";
    return 0;
  }
  if (*seed) {
    auto db = open_db(db_url, 2);
    auto r = seed_demo(*db, clock, demo_password);
    if (!r) {
      std::cerr << "luodi: error: " << r.error().message_en << "\n";
      return 1;
    }
    if (r->created)
      std::cout << "seeded demo organisation 示例集团: " << r->branches << " branches, " << r->departments
                << " departments, " << r->employees << " employees, " << r->users << " logins\n";
    else
      std::cout << "demo organisation already present; nothing changed\n";
    return 0;
  }
  if (*bench_scores) {
    auto db = open_db(db_url, 2);
    std::optional<PerformanceCycle> cycle;
    std::vector<Id> people;
    (void)db->read([&](Repo& repo) -> Status {
      for (Id t = 1; t < 100 && !cycle; ++t) cycle = repo.cycle(t, bench_cycle);
      if (cycle)
        for (const auto& e : repo.active_employees(cycle->tenant_id, cycle->branch_id)) people.push_back(e.id);
      return ok_status();
    });
    if (!cycle || people.empty()) {
      std::cerr << "luodi: error: no such cycle, or nobody in its branch\n";
      return 1;
    }
    using Ms = std::chrono::duration<double, std::milli>;
    int stored = 0;
    auto t0 = std::chrono::steady_clock::now();
    Status st = db->write([&](Repo& repo) -> Status {
      stored = recompute_cycle(repo, *cycle, clock.now(), false);
      return ok_status();
    });
    const double recompute_ms = Ms(std::chrono::steady_clock::now() - t0).count();
    if (!st) {
      std::cerr << "luodi: error: " << st.error().message_en << "\n";
      return 1;
    }
    // One event = one employee's score refreshed in its own transaction (as the consumer does, pessimistically).
    std::vector<double> times;
    for (int i = 0; i < bench_events; ++i) {
      const Id who = people[(static_cast<size_t>(i) * 7919) % people.size()];
      auto s0 = std::chrono::steady_clock::now();
      (void)db->write([&](Repo& repo) -> Status {
        refresh_employee_scores(repo, cycle->tenant_id, who, clock.now());
        return ok_status();
      });
      times.push_back(Ms(std::chrono::steady_clock::now() - s0).count());
    }
    std::sort(times.begin(), times.end());
    double sum = 0;
    for (double t : times) sum += t;
    std::printf("{\"employees_scored\":%d,\"recompute_ms\":%.1f,\"event_mean_ms\":%.3f,\"event_p50_ms\":%.3f,\"event_p99_ms\":%.3f,\"events\":%d}\n",
                stored, recompute_ms, sum / times.size(), times[times.size() / 2], times[times.size() * 99 / 100], bench_events);
    return 0;
  }
  if (*bench) {
    auto db = open_db(db_url, 2);
    auto r = seed_bench_data(*db, clock, BenchDataOptions{bench_employees, bench_seed, "bench1234", bench_enrollments});
    if (!r) {
      std::cerr << "luodi: error: " << r.error().message_en << "\n";
      return 1;
    }
    (void)db->migrate();  // refreshes planner statistics for the new data
    if (r->created)
      std::cout << "generated benchmark organisation: " << r->departments << " departments, " << r->employees
                << " employees (logins B000001..., bench_hr; password bench1234)\n";
    else
      std::cout << "benchmark organisation already present; nothing changed\n";
    return 0;
  }

  // serve
  if (workers == 0) workers = std::max(4, static_cast<int>(std::thread::hardware_concurrency()) * 2);
  if (io_threads == 0) io_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  auto db = open_db(db_url, workers + 1);
  AuthService auth(*db, clock);
  OrgService org(*db, clock);
  EmployeeService employees(*db, clock, auth);
  AuditService audit(*db);
  TrainingService training(*db, clock);
  DiskBlobStore blobs(data_dir + "/blobs");
  VipsThumbnailer thumbnailer;
  FileService files(*db, clock, blobs, thumbnailer);
  http::Services services;
  services.training = &training;
  services.files = &files;
  AssessmentService assessment(*db, clock);
  services.assessment = &assessment;
  PointsService points(*db, clock);
  services.points = &points;
  PerformanceService performance(*db, clock);
  services.performance = &performance;
  RewardsService rewards(*db, clock);
  services.rewards = &rewards;
  EngagementService engagement(*db, clock);
  services.engagement = &engagement;
  EventPump pump(*db, {points.consumer(), engagement.score_consumer(), engagement.badge_consumer()},
                 {PeriodicTask{"points expiry", 60, [&engagement] {
                    auto r = engagement.sweep_expired_points();
                    if (!r) spdlog::warn("points expiry: {}", r.error().message_en);
                  }}});
  pump.start();
  services.db = db.get();
  services.clock = &clock;
  services.auth = &auth;
  services.org = &org;
  services.employees = &employees;
  services.audit = &audit;
  services.version = LUODI_VERSION;
  services.openapi_path = web_dir + "/openapi.json";
  services.temp_dir = data_dir + "/tmp";
  http::Api api(services, std::make_shared<http::StaticFiles>(web_dir));
  (void)db->write([&](Repo& repo) -> Status {
    repo.delete_expired_tokens(clock.now());
    return ok_status();
  });
  spdlog::info("luodi {} serving http://{}:{} (database: {}, workers: {})", LUODI_VERSION, host, port, db->dialect(),
               workers);
  http::ServerOptions so;
  so.host = host;
  so.port = static_cast<unsigned short>(port);
  so.io_threads = io_threads;
  so.worker_threads = workers;
  so.trust_forwarded_for = trust_forwarded_for;
  return http::run_server(api, so);
}
