#include <gtest/gtest.h>

#include "app/crypto.h"
#include "app/demo_seed.h"
#include "store/migrations.h"
#include "test_db.h"

#include <soci/sqlite3/soci-sqlite3.h>

using namespace luodi;

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto_init();
    db_ = test_support::open_fresh(GetParam());
  }
  std::unique_ptr<SociDatabase> db_;
  FakeClock clock_{1'790'000'000};
};

TEST_P(StoreTest, MigrationsAreIdempotent) {
  auto again = db_->migrate();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), 0);
}

TEST_P(StoreTest, DemoSeedIsCompleteAndIdempotent) {
  auto first = seed_demo(*db_, clock_, "demo1234");
  ASSERT_TRUE(first.ok()) << first.error().message_en;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->branches, 2);
  EXPECT_EQ(first->departments, 10);
  EXPECT_EQ(first->employees, 60);
  auto second = seed_demo(*db_, clock_, "demo1234");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);

  Status st = db_->read([&](Repo& repo) -> Status {
    auto tenant = repo.tenant_by_code("demo");
    EXPECT_TRUE(tenant.has_value());
    EXPECT_EQ(repo.count_employees(tenant->id, std::nullopt, std::nullopt), 60);
    auto users = repo.users_by_login("manager");
    EXPECT_EQ(users.size(), 1u);
    auto e = repo.employee(tenant->id, *users[0].employee_id);
    EXPECT_EQ(e->name, "张伟");
    EXPECT_EQ(e->department_name, "销售一部");
    EXPECT_EQ(e->login, "manager");
    EXPECT_EQ(e->roles, (std::vector<std::string>{"employee", "manager"}));
    // 张伟 heads 销售一部.
    auto dept = repo.department(tenant->id, e->department_id);
    EXPECT_EQ(dept->manager_id, e->id);
    EXPECT_EQ(dept->manager_name, "张伟");
    // Chinese substring search.
    EmployeeQuery q;
    q.tenant_id = tenant->id;
    q.q = "小雨";
    auto found = repo.employees(q);
    EXPECT_EQ(found.size(), 1u);
    return ok_status();
  });
  EXPECT_TRUE(st.ok());
}

TEST_P(StoreTest, FailedTransactionWritesNothing) {
  Status st = db_->write([&](Repo& repo) -> Status {
    repo.insert_tenant(Tenant{0, "t1", "租户", "Asia/Shanghai"});
    return Error::validation("x", "坏", "bad");
  });
  EXPECT_FALSE(st.ok());
  Status check = db_->read([&](Repo& repo) -> Status {
    EXPECT_FALSE(repo.tenant_by_code("t1").has_value());
    return ok_status();
  });
  EXPECT_TRUE(check.ok());
}

TEST_P(StoreTest, UniqueClashBecomesConflict) {
  Status st = db_->write([&](Repo& repo) -> Status {
    repo.insert_tenant(Tenant{0, "dup", "A", "Asia/Shanghai"});
    repo.insert_tenant(Tenant{0, "dup", "B", "Asia/Shanghai"});
    return ok_status();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kConflict);
}

namespace {
// A raw session on the test database, for changing what no Repo call may.
std::unique_ptr<soci::session> raw_session(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) return std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=" + url.substr(7));
  return std::make_unique<soci::session>(*soci::factory_postgresql(), pg_conninfo_from_url(url));
}
}  // namespace

TEST_P(StoreTest, PingReportsTheSchemaAndMissingMigrations) {
  const int newest = migrations_for(db_->dialect()).back().version;
  auto p = db_->ping();
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  EXPECT_EQ(p->schema_version, newest);
  EXPECT_EQ(p->pending_migrations, 0);
  *raw_session(GetParam()) << "DELETE FROM schema_migrations WHERE version = " << newest;
  p = db_->ping();
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->pending_migrations, 1);
  EXPECT_LT(p->schema_version, newest);
}

TEST_P(StoreTest, MigrationElevenMakesLeaversInactiveAndEndsTheirSessions) {
  ASSERT_TRUE(seed_demo(*db_, clock_, "demo1234").ok());
  Id tenant = 0, stays = 0, leaves = 0;
  ASSERT_TRUE(db_->write([&](Repo& repo) -> Status {
                   tenant = repo.tenant_by_code("demo")->id;
                   stays = repo.users_by_login("employee").at(0).id;
                   leaves = repo.users_by_login("manager").at(0).id;
                   repo.insert_token("stays-token", tenant, stays, 1, 2'000'000'000);
                   repo.insert_token("leaves-token", tenant, leaves, 1, 2'000'000'000);
                   auto m = repo.employee(tenant, *repo.user(tenant, leaves)->employee_id);
                   m->status = "left";  // as data written before logins followed the status
                   repo.update_employee(*m);
                   return ok_status();
                 }).ok());
  *raw_session(GetParam()) << "DELETE FROM schema_migrations WHERE version = 11";
  auto again = db_->migrate();
  ASSERT_TRUE(again.ok()) << again.error().message_en;
  EXPECT_EQ(again.value(), 1);
  ASSERT_TRUE(db_->read([&](Repo& repo) -> Status {
                   EXPECT_TRUE(repo.user(tenant, stays)->active);
                   EXPECT_FALSE(repo.user(tenant, leaves)->active);
                   EXPECT_TRUE(repo.token("stays-token").has_value());
                   EXPECT_FALSE(repo.token("leaves-token").has_value());
                   return ok_status();
                 }).ok());
}

INSTANTIATE_TEST_SUITE_P(Dialects, StoreTest, ::testing::ValuesIn(luodi::test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });

TEST(PgUrl, ConvertsToConninfo) {
  EXPECT_EQ(pg_conninfo_from_url("postgresql://postgres@127.0.0.1:55432/luodi_test"),
            "host='127.0.0.1' port='55432' user='postgres' dbname='luodi_test' connect_timeout='2'");
  EXPECT_EQ(pg_conninfo_from_url("postgres://u:p%x@db/x?sslmode=disable"),
            "host='db' user='u' password='p%x' dbname='x' sslmode='disable' connect_timeout='2'");
  // A timeout in the URL wins over the default.
  EXPECT_EQ(pg_conninfo_from_url("postgresql://u@db/x?connect_timeout=10"), "host='db' user='u' dbname='x' connect_timeout='10'");
}
