#include "app/event_pump.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace luodi {

EventPump::EventPump(Database& db, std::vector<EventConsumer> consumers, std::vector<PeriodicTask> periodic)
    : db_(db), consumers_(std::move(consumers)), periodic_(std::move(periodic)) {}

EventPump::~EventPump() { stop(); }

Result<int> EventPump::run_once() {
  std::lock_guard run_lock(run_mu_);
  int applied = 0;
  for (const auto& c : consumers_) {
    for (;;) {
      int batch = 0;
      Status st = db_.write([&](Repo& repo) -> Status {
        Id cursor = repo.consumer_cursor(c.name);
        auto events = repo.events_after(cursor, 500);
        for (const auto& e : events) {
          if (auto s = c.handle(repo, e); !s) return s;
          cursor = e.id;
          ++batch;
        }
        if (batch && c.flush)
          if (auto s = c.flush(repo); !s) return s;
        if (batch) repo.set_consumer_cursor(c.name, cursor);
        return ok_status();
      });
      if (!st) return std::move(st).error();
      applied += batch;
      if (batch < 500) break;
    }
  }
  return applied;
}

void EventPump::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void EventPump::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void EventPump::loop() {
  std::uint64_t seen = 0;
  auto last_run = std::chrono::steady_clock::now() - std::chrono::hours(1);
  std::vector<std::chrono::steady_clock::time_point> periodic_due(periodic_.size(), last_run);
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; });
    if (stopping_) break;
    const auto now = std::chrono::steady_clock::now();
    const std::uint64_t gen = db_.generation();
    if (gen == seen && now - last_run < std::chrono::seconds(1)) continue;
    // Under a stream of writes, run at most four times a second: a batch then holds many events,
    // and a person's several events cost one score update.
    if (now - last_run < std::chrono::milliseconds(250)) continue;
    lock.unlock();
    auto r = run_once();
    if (!r) spdlog::warn("event pump: {}", r.error().message_en);
    for (size_t i = 0; i < periodic_.size(); ++i)
      if (now >= periodic_due[i]) {
        periodic_due[i] = now + std::chrono::seconds(periodic_[i].every_seconds);
        try {
          periodic_[i].run();
        } catch (const std::exception& ex) {
          spdlog::warn("{}: {}", periodic_[i].name, ex.what());
        }
      }
    // Our own cursor writes bump the generation too; count them as seen.
    seen = db_.generation();
    last_run = now;
    lock.lock();
  }
}

}  // namespace luodi
