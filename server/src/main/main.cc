// luodi: composition root. Parses the command line, opens the database,
// wires services and runs the chosen subcommand.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "app/assessment_service.h"
#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/backup.h"
#include "app/blob_store.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/employee_service.h"
#include "app/file_service.h"
#include "app/event_pump.h"
#include "app/score_engine.h"
#include "app/tenant_setup.h"
#include "app/engagement_service.h"
#include "app/org_service.h"
#include "app/performance_service.h"
#include "app/points_service.h"
#include "app/rewards_service.h"
#include "app/server_config.h"
#include "app/training_service.h"
#include "http/api.h"
#include "http/server.h"
#include "http/static_files.h"
#include "reports/vips_thumbnailer.h"
#include "core/units.h"
#include "store/soci_database.h"
#include "store/sql_backup.h"
#include "store/tar_archive.h"

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

void print_progress(const std::string& line) { std::cerr << line << std::endl; }

int fail(const Error& e) {
  std::cerr << "luodi: error: " << e.message_en << "\n";
  return 1;
}

// `luodi backup` (mode "backup", "manifest", "verify") and `luodi restore` (mode "restore").
int run_backup_command(const std::string& mode, const std::string& db_url, const std::string& data_dir,
                       const std::string& file, const Clock& clock) {
  using Clk = std::chrono::steady_clock;
  const auto t0 = Clk::now();
  auto seconds = [&] { return std::chrono::duration<double>(Clk::now() - t0).count(); };
  try {
    if (mode == "verify") {
      TarGzReader in(file);
      auto m = backup::verify_archive(in, print_progress);
      if (!m) return fail(m.error());
      std::cout << backup::manifest_to_json(*m, true);
      std::fprintf(stderr, "verify: %s is whole: %zu tables, %lld rows, %zu files; every hash matches (%.1f s)\n", file.c_str(),
                   m->tables.size(), m->total_rows(), m->blobs.size(), seconds());
      return 0;
    }
    if (mode == "backup" && file.empty()) {
      std::cerr << "luodi: error: backup needs --out FILE (or --manifest-only, or --verify FILE)\n";
      return 2;
    }
    if (db_url.rfind("sqlite:", 0) == 0 && mode != "restore") {
      std::string path = db_url.substr(7);
      if (path.rfind("//", 0) == 0) path = path.substr(2);
      if (!std::filesystem::exists(path)) {
        std::cerr << "luodi: error: no database file at " << path << "\n";
        return 1;
      }
    }
    auto db = SociDatabase::open(DatabaseOptions{db_url, 1});
    if (!db) return fail(db.error());
    DiskBlobStore blobs(data_dir + "/blobs");
    if (mode == "restore") {
      std::error_code ec;
      std::filesystem::create_directories(data_dir + "/blobs", ec);
      TarGzReader in(file);
      auto target = make_restore_target(**db);
      auto m = backup::run_restore(in, *target, blobs, print_progress);
      if (!m) return fail(m.error());
      std::printf("restored %s into %s: %zu tables, %lld rows, %zu files (%lld bytes) in %.1f s\n", file.c_str(),
                  (*db)->dialect().c_str(), m->tables.size(), m->total_rows(), m->blobs.size(), m->total_blob_bytes(), seconds());
      return 0;
    }
    backup::BackupOptions options;
    options.luodi_version = LUODI_VERSION;
    options.created_at = format_rfc3339(clock.now());
    auto source = make_snapshot_reader(**db);
    if (mode == "manifest") {
      auto m = backup::run_backup(*source, blobs, nullptr, options);
      if (!m) return fail(m.error());
      std::cout << backup::manifest_to_json(*m, true);
      return 0;
    }
    TarGzWriter out(file, clock.now());
    auto m = backup::run_backup(*source, blobs, &out, options, print_progress);
    if (!m) return fail(m.error());
    std::printf("backup written to %s: %zu tables, %lld rows, %zu files (%lld bytes), %lld bytes on disk, in %.1f s\n",
                file.c_str(), m->tables.size(), m->total_rows(), m->blobs.size(), m->total_blob_bytes(),
                static_cast<long long>(std::filesystem::file_size(file)), seconds());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "luodi: error: " << e.what() << "\n";
    return 1;
  }
}

// The settings in a --config TOML file: top-level `key = value` lines
// (CLI11's TOML reader). Keys are checked by resolve_server_config.
Result<std::map<std::string, std::string>> read_config_file(const std::string& path) {
  std::vector<CLI::ConfigItem> items;
  try {
    items = CLI::ConfigTOML().from_file(path);
  } catch (const std::exception&) {
    return Error::make(ErrorCode::kInvalidParameter, "无法读取配置文件 " + path, "cannot read config file " + path);
  }
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    if (!item.parents.empty() || item.name == "++" || item.name == "--")
      return Error::make(ErrorCode::kInvalidParameter, path + ": 不使用 [节]",
                         path + ": sections are not used; write every setting as a top-level key = value line");
    if (item.inputs.size() != 1)
      return Error::make(ErrorCode::kInvalidParameter, path + ": " + item.name + " 应为单个值",
                         path + ": " + item.name + " must be a single value");
    out[item.name] = item.inputs.front();
  }
  return out;
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
  bool demo = false;
  std::string demo_password = "demo1234";
  int bench_employees = 10000;
  std::uint64_t bench_seed = 42;

  // serve: each ServerConfig setting is a flag, an environment variable and a
  // key of the --config file (strongest first; see app/server_config.h).
  std::string config_file;
  std::map<std::string, std::string> flag_values;
  auto* serve = app.add_subcommand("serve", "Serve the API (/api/v1) and the web apps (/ and /m/)");
  serve->footer("Each setting: flag, else environment variable, else --config file (key = flag name with _), else default.");
  serve->add_option("--config", config_file, "TOML file of settings, e.g. json_body_limit = \"2MiB\" (see luodi.example.toml)")
      ->envname("LUODI_CONFIG");
  for (const auto& s : server_settings())
    serve->add_option(s.flag, flag_values[s.key], s.help + " [default " + s.default_value + "; env " + s.env + "]");

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  migrate->add_option("--db", db_url, "Database URL")->capture_default_str()->envname("LUODI_DB");

  auto* seed = app.add_subcommand("seed", "Seed sample data");
  seed->add_option("--db", db_url, "Database URL")->capture_default_str()->envname("LUODI_DB");
  seed->add_flag("--demo", demo, "Seed the demo organisation 示例集团 (skipped if present)")->required();
  seed->add_option("--demo-password", demo_password, "Password of every demo login")->capture_default_str();

  NewTenant new_tenant;
  auto* tenant = app.add_subcommand("tenant", "Manage tenants (companies or groups)");
  tenant->require_subcommand(1);
  auto* tenant_create = tenant->add_subcommand("create", "Create a tenant with one branch and its administrator");
  tenant_create->add_option("--db", db_url, "Database URL")->capture_default_str();
  tenant_create->add_option("--name", new_tenant.name, "Tenant name, e.g. 第二集团")->required();
  tenant_create->add_option("--admin-login", new_tenant.admin_login, "Login of the administrator")->required();
  tenant_create->add_option("--admin-name", new_tenant.admin_name, "Name of the administrator")->capture_default_str();
  tenant_create->add_option("--admin-password", new_tenant.admin_password,
                            "Password of the administrator (default: generated and printed once)");
  tenant_create->add_option("--code", new_tenant.code, "Unique tenant code (default: derived from the login)");
  tenant_create->add_option("--branch-kind", new_tenant.branch_kind, "enterprise or public_institution")
      ->check(CLI::IsMember({"enterprise", "public_institution"}))->capture_default_str();
  tenant_create->add_option("--time-zone", new_tenant.time_zone, "IANA time zone")->capture_default_str();

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

  std::string data_dir = "var";  // backup/restore (serve takes its own from ServerConfig)
  std::string backup_out, backup_verify, restore_in;
  bool manifest_only = false;
  auto* backup_cmd = app.add_subcommand(
      "backup", "Write the database and its uploaded files into one archive (a consistent snapshot; safe while serving)");
  backup_cmd->add_option("--db", db_url, "Database URL")->capture_default_str();
  backup_cmd->add_option("--data-dir", data_dir, "Data directory of the server (uploads are in DIR/blobs)")->capture_default_str();
  auto* out_opt = backup_cmd->add_option("--out", backup_out, "Archive to write (a .tar.gz)");
  auto* manifest_opt = backup_cmd->add_flag(
      "--manifest-only", manifest_only, "Write no archive; print the live database's manifest (row counts, content hashes, files)");
  auto* verify_opt = backup_cmd->add_option("--verify", backup_verify, "Re-read an archive, check every hash, print its manifest");
  out_opt->excludes(manifest_opt)->excludes(verify_opt);
  manifest_opt->excludes(verify_opt);
  auto* restore_cmd = app.add_subcommand("restore", "Load a backup archive into an empty database and its files into the data directory");
  restore_cmd->add_option("--db", db_url, "Database URL of an empty database (SQLite or PostgreSQL, either way)")->capture_default_str();
  restore_cmd->add_option("--data-dir", data_dir, "Data directory to put the uploaded files in (DIR/blobs)")->capture_default_str();
  restore_cmd->add_option("--in", restore_in, "Archive written by luodi backup")->required();

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
  if (*backup_cmd) {
    const char* mode = !backup_verify.empty() ? "verify" : (manifest_only ? "manifest" : "backup");
    return run_backup_command(mode, db_url, data_dir, backup_verify.empty() ? backup_out : backup_verify, clock);
  }
  if (*restore_cmd) return run_backup_command("restore", db_url, data_dir, restore_in, clock);
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
  if (*tenant_create) {
    auto db = open_db(db_url, 2);
    auto r = create_tenant(*db, clock, new_tenant);
    if (!r) {
      std::cerr << "luodi: error: " << r.error().message_en;
      for (const auto& d : r.error().details) std::cerr << " (" << d.field << ": " << d.message_en << ")";
      std::cerr << "\n";
      return r.error().code == ErrorCode::kConflict ? 3 : 1;
    }
    std::cout << "created tenant " << new_tenant.name << " (id " << r->tenant_id << ", code " << r->code << ")\n"
              << "administrator login: " << new_tenant.admin_login << "\n";
    if (new_tenant.admin_password.empty()) std::cout << "administrator password: " << r->admin_password << "\n";
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
  ConfigSources sources;
  for (const auto& s : server_settings()) {
    if (serve->count(s.flag) > 0) sources.flags[s.key] = flag_values[s.key];
    if (const char* v = std::getenv(s.env.c_str()); v && *v) sources.env[s.key] = v;
  }
  if (!config_file.empty()) {
    auto file = read_config_file(config_file);
    if (!file) {
      std::cerr << "luodi: error: " << file.error().message_en << "\n";
      return 2;
    }
    sources.file = std::move(file.value());
    sources.file_name = config_file;
  }
  auto resolved = resolve_server_config(sources);
  if (!resolved) {
    std::cerr << "luodi: error: " << resolved.error().message_en << "\n";
    return 2;
  }
  const ServerConfig cfg = std::move(resolved.value());
  const int workers = cfg.workers > 0 ? cfg.workers : std::max(4, static_cast<int>(std::thread::hardware_concurrency()) * 2);
  const int io_threads = cfg.io_threads > 0 ? cfg.io_threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  data_dir = cfg.data_dir;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  auto db = open_db(cfg.db, workers + 1);
  AuthService auth(*db, clock,
                   AuthOptions{.token_ttl_seconds = cfg.token_lifetime,
                               .max_failures = cfg.login_max_failures,
                               .failure_window_seconds = cfg.login_failure_window});
  OrgService org(*db, clock);
  EmployeeService employees(*db, clock, auth);
  AuditService audit(*db);
  TrainingService training(*db, clock,
                           CheckinOptions{.rotate_seconds = cfg.qr_rotation, .open_before = cfg.checkin_opens_before});
  DiskBlobStore blobs(data_dir + "/blobs");
  VipsThumbnailer thumbnailer;
  FileService files(*db, clock, blobs, thumbnailer, FileOptions{.max_bytes = cfg.upload_limit});
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
  services.openapi_path = cfg.web_dir + "/openapi.json";
  services.temp_dir = data_dir + "/tmp";
  services.limits = http::Limits{.json_body = cfg.json_body_limit,
                                 .import_body = cfg.import_body_limit,
                                 .upload = cfg.upload_limit,
                                 .header = cfg.header_limit};
  http::Api api(services, std::make_shared<http::StaticFiles>(cfg.web_dir));
  (void)db->write([&](Repo& repo) -> Status {
    repo.delete_expired_tokens(clock.now());
    return ok_status();
  });
  spdlog::info("luodi {} serving http://{}:{} (database: {}, workers: {})", LUODI_VERSION, cfg.host, cfg.port,
               db->dialect(), workers);
  spdlog::info("limits: JSON body {}, import {}, upload {}, header {}; check-in opens {} before; tokens live {}",
               format_size(cfg.json_body_limit), format_size(cfg.import_body_limit), format_size(cfg.upload_limit),
               format_size(cfg.header_limit), format_duration_en(cfg.checkin_opens_before),
               format_duration_en(cfg.token_lifetime));
  http::ServerOptions so;
  so.host = cfg.host;
  so.port = static_cast<unsigned short>(cfg.port);
  so.io_threads = io_threads;
  so.worker_threads = workers;
  so.trust_forwarded_for = cfg.trust_forwarded_for;
  return http::run_server(api, so);
}
