#include "app/database_health.h"

#include <chrono>

namespace luodi {

std::int64_t DatabaseHealth::steady_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

DatabaseHealth::DatabaseHealth(Database& db, MillisClock now_ms, std::int64_t max_age_ms)
    : db_(db), now_ms_(std::move(now_ms)), max_age_ms_(max_age_ms) {}

std::optional<DatabaseHealthState> DatabaseHealth::cached() {
  std::lock_guard lock(mu_);
  if (!last_) return std::nullopt;
  if (probing_ || now_ms_() - last_at_ms_ < max_age_ms_) return last_;
  return std::nullopt;
}

DatabaseHealthState DatabaseHealth::check() {
  {
    std::unique_lock lock(mu_);
    for (;;) {
      if (last_ && now_ms_() - last_at_ms_ < max_age_ms_) return *last_;
      if (!probing_) break;
      if (last_) return *last_;
      probed_.wait(lock);  // the very first probe is running: its answer is the only one there is
    }
    probing_ = true;
  }
  DatabaseHealthState state;
  try {
    if (auto probe = db_.ping()) {
      state.up = true;
      state.schema_version = probe->schema_version;
      state.pending_migrations = probe->pending_migrations;
    }
  } catch (...) {
    // A port that throws counts as down; probing_ must be reset below either way.
  }
  std::lock_guard lock(mu_);
  last_ = state;
  last_at_ms_ = now_ms_();
  probing_ = false;
  probed_.notify_all();
  return state;
}

}  // namespace luodi
