#include "app/database_health.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

using namespace luodi;

namespace {

// A database whose ping() answers what the test says, counts calls, and can
// be held inside ping() until the test releases it.
class FakeDatabase final : public Database {
 public:
  const std::string& dialect() const override { return dialect_; }
  Status read(const std::function<Status(Repo&)>&) override { return Error::internal("not in this test"); }
  Status write(const std::function<Status(Repo&)>&) override { return Error::internal("not in this test"); }
  std::uint64_t generation() const override { return 1; }
  Result<DatabaseProbe> ping() override {
    ++pings;
    if (hold) {
      entered.set_value();
      release.get_future().wait();
    }
    if (!up) return Error::make(ErrorCode::kUnavailable, "down", "down");
    return DatabaseProbe{11, pending};
  }

  std::atomic<int> pings{0};
  std::atomic<bool> up{true};
  std::atomic<int> pending{0};
  std::atomic<bool> hold{false};
  std::promise<void> entered, release;

 private:
  std::string dialect_ = "postgresql";
};

struct FakeMillis {
  std::int64_t now = 1'000'000;
  DatabaseHealth::MillisClock clock() {
    return [this] { return now; };
  }
};

}  // namespace

TEST(DatabaseHealth, ProbesAtMostOncePerMaxAgeAndFollowsTheDatabase) {
  FakeDatabase db;
  FakeMillis ms;
  DatabaseHealth health(db, ms.clock(), 1000);

  EXPECT_FALSE(health.cached());  // nothing known yet: the caller must check()
  EXPECT_TRUE(health.check().ready());
  EXPECT_EQ(db.pings, 1);

  // Within the second: answered from the cache, by both calls.
  ms.now += 999;
  db.up = false;
  ASSERT_TRUE(health.cached());
  EXPECT_TRUE(health.cached()->up);
  EXPECT_TRUE(health.check().up);
  EXPECT_EQ(db.pings, 1);

  // A second later the cache is stale: cached() says so, check() probes once.
  ms.now += 1;
  EXPECT_FALSE(health.cached());
  DatabaseHealthState down = health.check();
  EXPECT_FALSE(down.up);
  EXPECT_FALSE(down.ready());
  EXPECT_EQ(db.pings, 2);
  EXPECT_FALSE(health.cached()->up);
  for (int i = 0; i < 100; ++i) health.check();
  EXPECT_EQ(db.pings, 2);

  // Back up, but a migration of this build is missing: up, not ready.
  ms.now += 1500;
  db.up = true;
  db.pending = 1;
  DatabaseHealthState pending = health.check();
  EXPECT_TRUE(pending.up);
  EXPECT_FALSE(pending.ready());
  EXPECT_EQ(pending.schema_version, 11);
  EXPECT_EQ(pending.pending_migrations, 1);
  EXPECT_EQ(db.pings, 3);
}

TEST(DatabaseHealth, WhileOneThreadProbesOthersGetTheLastAnswerWithoutWaiting) {
  FakeDatabase db;
  FakeMillis ms;
  DatabaseHealth health(db, ms.clock(), 1000);
  ASSERT_TRUE(health.check().up);

  ms.now += 5000;  // stale
  db.hold = true;
  db.up = false;
  auto prober = std::async(std::launch::async, [&] { return health.check(); });
  db.entered.get_future().wait();  // the prober is inside ping()

  // Nobody else waits for the hanging probe: the previous answer comes back.
  ASSERT_TRUE(health.cached());
  EXPECT_TRUE(health.cached()->up);
  EXPECT_TRUE(health.check().up);
  EXPECT_EQ(db.pings, 2);

  db.release.set_value();
  EXPECT_FALSE(prober.get().up);
  EXPECT_FALSE(health.cached()->up);
}

TEST(DatabaseHealth, TheFirstProbeIsAwaitedWhenNothingIsKnownYet) {
  FakeDatabase db;
  FakeMillis ms;
  DatabaseHealth health(db, ms.clock(), 1000);
  db.hold = true;
  auto first = std::async(std::launch::async, [&] { return health.check(); });
  db.entered.get_future().wait();
  EXPECT_FALSE(health.cached());  // I/O threads hand the request to a worker
  auto second = std::async(std::launch::async, [&] { return health.check(); });
  db.release.set_value();
  EXPECT_TRUE(first.get().up);
  EXPECT_TRUE(second.get().up);
  EXPECT_EQ(db.pings, 1);
}
