#include "store/soci_database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "store/migrations.h"
#include "store/soci_repo.h"
#include "store/sql.h"

namespace luodi {

// SOCI reads "name://" as its own backend prefix, so PostgreSQL URLs are
// turned into libpq key=value form: postgresql://user:pw@host:port/db?k=v.
std::string pg_conninfo_from_url(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string db;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (auto colon = user.find(':'); colon != std::string::npos) {
      password = user.substr(colon + 1);
      user = user.substr(0, colon);
    }
  }
  std::string host = rest, port;
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  auto quote = [](const std::string& v) {
    std::string out = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') out.push_back('\\');
      out.push_back(c);
    }
    return out + "'";
  };
  std::string out;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) out += std::string(out.empty() ? "" : " ") + k + "=" + quote(v);
  };
  add("host", host);
  add("port", port);
  add("user", user);
  add("password", password);
  add("dbname", db);
  bool has_timeout = false;
  for (size_t i = 0; i < query.size();) {
    size_t amp = query.find('&', i);
    if (amp == std::string::npos) amp = query.size();
    std::string kv = query.substr(i, amp - i);
    if (auto eq = kv.find('='); eq != std::string::npos) {
      add(kv.substr(0, eq).c_str(), kv.substr(eq + 1));
      if (kv.substr(0, eq) == "connect_timeout") has_timeout = true;
    }
    i = amp + 1;
  }
  if (!has_timeout) add("connect_timeout", "2");
  return out;
}

namespace {
std::vector<int> migration_versions(const std::string& dialect) {
  std::vector<int> out;
  for (const Migration& m : migrations_for(dialect)) out.push_back(m.version);
  return out;
}
}  // namespace

SociDatabase::SociDatabase(std::string dialect, std::string connect, int pool_size)
    : dialect_(std::move(dialect)),
      connect_(std::move(connect)),
      pool_size_(pool_size < 1 ? 1 : pool_size),
      migration_versions_(migration_versions(dialect_)) {}

SociDatabase::~SociDatabase() = default;

std::unique_ptr<sql::Connection> SociDatabase::connect(const std::string& pg_extra) const {
  if (dialect_ == "sqlite") {
    auto c = std::make_unique<sql::Connection>(
        std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=" + connect_ + " timeout=10"), false);
    c->query("PRAGMA journal_mode=WAL");
    c->exec("PRAGMA foreign_keys=ON");
    c->exec("PRAGMA synchronous=NORMAL");
    c->exec("PRAGMA busy_timeout=10000");
    return c;
  }
  auto c = std::make_unique<sql::Connection>(std::make_unique<soci::session>(*soci::factory_postgresql(), connect_ + pg_extra), true);
  c->exec("SET client_min_messages TO WARNING");
  return c;
}

std::unique_ptr<sql::Connection> SociDatabase::dedicated_connection() const { return connect(); }

Result<std::unique_ptr<SociDatabase>> SociDatabase::open(const DatabaseOptions& options) {
  const std::string& url = options.url;
  std::unique_ptr<SociDatabase> db;
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty())
      return Error::make(ErrorCode::kInvalidParameter, "数据库地址缺少文件路径", "sqlite URL needs a file path");
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    db.reset(new SociDatabase("sqlite", path, options.pool_size));
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    db.reset(new SociDatabase("postgresql", pg_conninfo_from_url(url), options.pool_size));
  } else {
    return Error::make(ErrorCode::kInvalidParameter, "不支持的数据库地址: " + url,
                       "Unsupported database URL (use sqlite:PATH or postgresql://...): " + url);
  }
  try {
    auto s = db->connect();
    db->release(std::move(s), true);
    ++db->open_count_;
  } catch (const std::exception& e) {
    return Error::internal(std::string("cannot open database: ") + e.what());
  }
  return db;
}

std::unique_ptr<sql::Connection> SociDatabase::acquire() {
  std::unique_lock lock(pool_mu_);
  for (;;) {
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return s;
    }
    if (open_count_ < pool_size_) {
      ++open_count_;
      lock.unlock();
      try {
        return connect();
      } catch (...) {
        lock.lock();
        --open_count_;
        pool_cv_.notify_one();
        throw;
      }
    }
    pool_cv_.wait(lock);
  }
}

void SociDatabase::release(std::unique_ptr<sql::Connection> s, bool healthy) {
  std::lock_guard lock(pool_mu_);
  if (healthy && s) {
    idle_.push_back(std::move(s));
  } else {
    --open_count_;
    // A broken connection usually means the server restarted or went away:
    // the idle ones are broken too, so drop them rather than fail one request each.
    open_count_ -= static_cast<int>(idle_.size());
    idle_.clear();
  }
  pool_cv_.notify_all();
}

namespace {
Error unavailable() {
  return Error::named(ErrorCode::kUnavailable, "database_unavailable", "数据库暂时无法连接，请稍后再试",
                      "The database cannot be reached; try again shortly");
}

bool is_unique_violation(const std::string& what) {
  return what.find("UNIQUE constraint failed") != std::string::npos ||
         what.find("duplicate key value") != std::string::npos;
}
}  // namespace

Status SociDatabase::run(sql::Connection& s, bool writing, const std::function<Status(Repo&)>& fn) {
  const bool pg = dialect_ == "postgresql";
  bool in_tx = false;
  try {
    // Writes: one transaction. SQLite reads: one deferred transaction too, so a
    // callback sees one snapshot and takes the WAL read lock once.
    if (writing || !pg) {
      s.exec(!writing ? "BEGIN" : (pg ? "BEGIN" : "BEGIN IMMEDIATE"));
      in_tx = true;
    }
    SociRepo repo(s);
    Status st = fn(repo);
    if (in_tx) {
      in_tx = false;
      s.exec(st || !writing ? "COMMIT" : "ROLLBACK");
      if (writing && st) generation_.fetch_add(1, std::memory_order_acq_rel);
    }
    return st;
  } catch (const std::exception& e) {
    if (in_tx) {
      try { s.exec("ROLLBACK"); } catch (...) {}
    }
    std::string what = e.what();
    if (is_unique_violation(what))
      return Error::make(ErrorCode::kConflict, "数据与已有记录冲突", "The data clashes with an existing record");
    spdlog::error("database error: {}", what);
    throw;  // caller decides whether the connection survives
  }
}

Status SociDatabase::read(const std::function<Status(Repo&)>& fn) {
  std::unique_ptr<sql::Connection> s;
  try {
    s = acquire();
  } catch (const std::exception& e) {
    spdlog::error("database connect failed: {}", e.what());
    return unavailable();
  }
  try {
    Status st = run(*s, false, fn);
    release(std::move(s), true);
    return st;
  } catch (const std::exception& e) {
    bool healthy = s->healthy();
    release(std::move(s), healthy);
    return healthy ? Error::internal() : unavailable();
  }
}

Status SociDatabase::write(const std::function<Status(Repo&)>& fn) {
  if (dialect_ == "sqlite") {
    std::lock_guard lock(writer_mu_);
    try {
      if (!writer_) writer_ = connect();
      return run(*writer_, true, fn);
    } catch (const std::exception& e) {
      return Error::internal();
    }
  }
  std::unique_ptr<sql::Connection> s;
  try {
    s = acquire();
  } catch (const std::exception& e) {
    spdlog::error("database connect failed: {}", e.what());
    return unavailable();
  }
  try {
    Status st = run(*s, true, fn);
    release(std::move(s), true);
    return st;
  } catch (const std::exception& e) {
    const bool healthy = s && s->healthy();
    release(std::move(s), healthy);
    return healthy ? Error::internal() : unavailable();
  }
}

Result<DatabaseProbe> SociDatabase::ping() {
  std::lock_guard lock(health_mu_);
  try {
    if (health_ && !health_->healthy()) health_.reset();
    if (!health_) {
      // The probe must answer in seconds even when the server hangs or the
      // network drops packets: unacknowledged sends fail after 3 s, queries after 2 s.
      health_ = connect(" tcp_user_timeout=3000");
      if (dialect_ == "postgresql") health_->exec("SET statement_timeout = 2000");
    }
    DatabaseProbe out;
    std::vector<int> have;
    for (const auto& r : health_->query("SELECT version FROM schema_migrations")) have.push_back(static_cast<int>(r.i64(0)));
    for (int v : migration_versions_)
      if (std::find(have.begin(), have.end(), v) == have.end()) ++out.pending_migrations;
    for (int v : have) out.schema_version = std::max(out.schema_version, v);
    if (health_down_) spdlog::info("database reachable again");
    health_down_ = false;
    return out;
  } catch (const std::exception& e) {
    if (!health_down_) spdlog::warn("database health probe failed: {}", e.what());
    health_down_ = true;
    health_.reset();
    return unavailable();
  }
}

Result<int> SociDatabase::migrate(int up_to) {
  try {
    std::unique_ptr<sql::Connection> s = connect();
    int applied = apply_migrations(*s, dialect_, up_to);
    // Give SQLite's planner fresh statistics (sampled, so this stays fast on
    // big files); PostgreSQL's autovacuum does this by itself.
    if (dialect_ == "sqlite") {
      s->exec("PRAGMA analysis_limit=400");
      s->exec("ANALYZE");
    }
    return applied;
  } catch (const std::exception& e) {
    return Error::internal(std::string("migration failed: ") + e.what());
  }
}

}  // namespace luodi
