// Database over SOCI. The URL picks the engine:
//   sqlite:PATH               SQLite in WAL mode with foreign keys on; one
//                             writer connection (writes serialised, short
//                             transactions) and a pool of readers.
//   postgresql://...          PostgreSQL (any libpq URI); one pool for all.
// Thread-safe. Connections are created lazily up to `pool_size` and reused.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/repository.h"

namespace luodi::sql { class Connection; }

namespace luodi {

struct DatabaseOptions {
  std::string url = "sqlite:var/luodi.db";
  // Connections per pool (SQLite readers; PostgreSQL all). Default fits a
  // worker pool of the same size.
  int pool_size = 8;
};

// "postgresql://user:pw@host:port/db?sslmode=disable" → libpq "key=value" form.
// Adds connect_timeout=2 unless the URL sets one, so a dead server is noticed
// in seconds rather than after the TCP timeout.
std::string pg_conninfo_from_url(const std::string& url);

class SociDatabase final : public Database {
 public:
  // Connects once to check the URL; errors are kInvalidParameter (bad URL) or kInternal.
  static Result<std::unique_ptr<SociDatabase>> open(const DatabaseOptions& options);
  ~SociDatabase() override;

  const std::string& dialect() const override { return dialect_; }
  Status read(const std::function<Status(Repo&)>& fn) override;
  Status write(const std::function<Status(Repo&)>& fn) override;
  std::uint64_t generation() const override { return generation_.load(std::memory_order_acquire); }
  Result<DatabaseProbe> ping() override;

  // Applies pending migrations (up to version `up_to`); returns how many ran.
  Result<int> migrate(int up_to = 1 << 30);

  // A connection of its own, outside the pools, for maintenance work that
  // holds one transaction for long (backup, restore). Throws if the
  // database cannot be reached. The caller owns it; one thread at a time.
  std::unique_ptr<sql::Connection> dedicated_connection() const;

 private:
  SociDatabase(std::string dialect, std::string connect, int pool_size);
  // A new connection; `pg_extra` is appended to the PostgreSQL conninfo.
  std::unique_ptr<sql::Connection> connect(const std::string& pg_extra = {}) const;
  std::unique_ptr<sql::Connection> acquire();
  void release(std::unique_ptr<sql::Connection> s, bool healthy);
  Status run(sql::Connection& s, bool writing, const std::function<Status(Repo&)>& fn);

  // Constant after construction.
  const std::string dialect_;
  const std::string connect_;
  const int pool_size_;
  const std::vector<int> migration_versions_;  // of this build, for ping()

  // Guarded by pool_mu_.
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<sql::Connection>> idle_;
  int open_count_ = 0;

  std::atomic<std::uint64_t> generation_{1};

  // SQLite's single writer, guarded by writer_mu_.
  std::mutex writer_mu_;
  std::unique_ptr<sql::Connection> writer_;

  // The health probe's own connection, guarded by health_mu_; reopened after a failure.
  std::mutex health_mu_;
  std::unique_ptr<sql::Connection> health_;
  bool health_down_ = false;  // the last probe failed (log transitions only)
};

}  // namespace luodi
