#include <gtest/gtest.h>

#include "app/crypto.h"
#include "app/demo_seed.h"
#include "test_db.h"

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

INSTANTIATE_TEST_SUITE_P(Dialects, StoreTest, ::testing::ValuesIn(luodi::test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });

TEST(PgUrl, ConvertsToConninfo) {
  EXPECT_EQ(pg_conninfo_from_url("postgresql://postgres@127.0.0.1:55432/luodi_test"),
            "host='127.0.0.1' port='55432' user='postgres' dbname='luodi_test'");
  EXPECT_EQ(pg_conninfo_from_url("postgres://u:p%x@db/x?sslmode=disable"),
            "host='db' user='u' password='p%x' dbname='x' sslmode='disable'");
}
