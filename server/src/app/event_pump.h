// Delivers outbox events to consumers (points now; performance, reminders and
// webhooks later). Each consumer keeps a cursor in the database and handles a
// batch of events in the same transaction that advances its cursor, so an
// event is applied exactly once even if the process dies mid-way, and several
// servers on one PostgreSQL take turns (the cursor row is locked).
//
// The pump runs on its own thread: it wakes when the database generation
// changes (a write in this process) and at least once a second, so effects
// follow within about a second of the event.
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/repository.h"

namespace luodi {

struct EventConsumer {
  std::string name;  // cursor key, e.g. "points"
  // Applies one event inside the batch transaction; errors roll the batch back
  // (it is retried on the next run).
  std::function<Status(Repo&, const OutboxEvent&)> handle;
  // Optional: runs after a batch's events, in the same transaction (e.g. work
  // collected per batch, so one person's ten events cost one update).
  std::function<Status(Repo&)> flush;
};

// Work the pump thread also runs every `every_seconds` (e.g. points expiry).
struct PeriodicTask {
  std::string name;
  int every_seconds = 60;
  std::function<void()> run;
};

class EventPump {
 public:
  EventPump(Database& db, std::vector<EventConsumer> consumers, std::vector<PeriodicTask> periodic = {});
  ~EventPump();  // stops the thread

  // Handles all pending events for every consumer; returns how many events
  // were applied (summed over consumers). Thread-safe; used by tests directly.
  Result<int> run_once();
  void start();
  void stop();

 private:
  void loop();

  Database& db_;
  const std::vector<EventConsumer> consumers_;
  const std::vector<PeriodicTask> periodic_;
  std::mutex run_mu_;  // one run at a time in this process
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace luodi
