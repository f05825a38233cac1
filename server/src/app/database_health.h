// Whether the database answers, as health checks need it: asked at most
// once per `max_age` however many load balancers poll, and readable without
// blocking, so /health can be answered on an I/O thread even while the
// database hangs. Thread-safe.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

#include "app/repository.h"

namespace luodi {

struct DatabaseHealthState {
  bool up = false;             // the last probe reached the database
  int schema_version = 0;      // when up
  int pending_migrations = 0;  // when up: this build's migrations the database lacks
  bool ready() const { return up && pending_migrations == 0; }
};

class DatabaseHealth {
 public:
  // Monotonic milliseconds; tests pass a fake.
  using MillisClock = std::function<std::int64_t()>;
  static std::int64_t steady_millis();

  // `max_age_ms`: how long one probe's answer is reused (default 1 s).
  explicit DatabaseHealth(Database& db, MillisClock now_ms = steady_millis, std::int64_t max_age_ms = 1000);

  // Never touches the database. The last answer while it is younger than
  // max_age, and also while another thread is probing (a stale answer beats
  // waiting). nullopt when a probe is due and nobody runs one (or none ever
  // finished): call check() from a thread that may block.
  std::optional<DatabaseHealthState> cached();

  // The current state: the cached answer when fresh; otherwise this thread
  // probes (Database::ping, bounded by its timeouts). While another thread
  // probes, returns the previous answer, or waits for that probe if there
  // has never been one.
  DatabaseHealthState check();

 private:
  // Constant after construction.
  Database& db_;
  const MillisClock now_ms_;
  const std::int64_t max_age_ms_;

  // Guarded by mu_.
  std::mutex mu_;
  std::condition_variable probed_;
  std::optional<DatabaseHealthState> last_;
  std::int64_t last_at_ms_ = 0;
  bool probing_ = false;
};

}  // namespace luodi
