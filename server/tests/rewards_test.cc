// The rewards store: holds, approval, stock and balance under concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/points_service.h"
#include "app/rewards_service.h"
#include "test_db.h"

using namespace luodi;
using Json = nlohmann::json;

class RewardsFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto_init();
    db_ = test_support::open_fresh(GetParam());
    ASSERT_TRUE(seed_demo(*db_, clock_, "demo1234").ok());
    AuthService auth(*db_, clock_);
    hr_ = auth.login("hr", "demo1234")->principal;
    emp_ = auth.login("employee", "demo1234")->principal;
    manager_ = auth.login("manager", "demo1234")->principal;
  }
  std::unique_ptr<SociDatabase> db_;
  FakeClock clock_{1'790'000'000};
  Principal hr_, emp_, manager_;
};

TEST_P(RewardsFlow, HoldApproveRejectAndLimits) {
  RewardsService rewards(*db_, clock_);
  PointsService points(*db_, clock_);
  auto catalogue = rewards.catalogue(emp_);
  ASSERT_TRUE(catalogue.ok());
  Id remote = 0;
  for (const auto& w : (*catalogue)["items"])
    if (w["name"] == "每周一天远程办公") remote = w["id"].get<Id>();
  ASSERT_NE(remote, 0);
  EXPECT_EQ(rewards.redeem(emp_, remote).error().name, "insufficient_points");
  ASSERT_TRUE(points.adjust(hr_, *emp_.employee_id, 700, "季度奖励").ok());

  auto r = rewards.redeem(emp_, remote);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ((*r)["status"], "requested");
  EXPECT_EQ((*r)["approver_employee_id"], *manager_.employee_id);  // 张伟 manages 王小雨
  auto mine = points.mine(emp_, PageRequest{});
  EXPECT_EQ(mine->balance, 700);
  EXPECT_EQ(mine->held, 300);
  EXPECT_EQ(rewards.redeem(emp_, remote).error().name, "limit_reached");  // one a month

  auto pending = rewards.list(manager_, true);
  ASSERT_EQ((*pending)["items"].size(), 1u);
  EXPECT_EQ(rewards.decide(emp_, (*r)["id"], "approve", "").error().code, ErrorCode::kForbidden);
  auto approved = rewards.decide(manager_, (*r)["id"], "approve", "同意");
  ASSERT_TRUE(approved.ok()) << approved.error().message_en;
  EXPECT_EQ((*approved)["status"], "approved");
  EXPECT_FALSE((*approved)["valid_until"].is_null());
  mine = points.mine(emp_, PageRequest{});
  EXPECT_EQ(mine->balance, 400);
  EXPECT_EQ(mine->held, 0);
  EXPECT_EQ(rewards.decide(manager_, (*r)["id"], "reject", "").error().name, "already_decided");

  // Flexible hours: rejected releases the hold.
  Id flex = 0;
  for (const auto& w : (*catalogue)["items"])
    if (w["name"] == "弹性工作制(一个月)") flex = w["id"].get<Id>();
  EXPECT_EQ(rewards.redeem(emp_, flex).error().name, "insufficient_points");  // 400 < 500
}

TEST_P(RewardsFlow, ConcurrentRedemptionsNeverOversellOrOverspend) {
  RewardsService rewards(*db_, clock_);
  PointsService points(*db_, clock_);
  auto item = rewards.create_reward(hr_, Json{{"name", "限量徽章"}, {"cost", 10}, {"stock", 3}, {"requires_approval", false}});
  ASSERT_TRUE(item.ok()) << item.error().message_en;
  const Id id = (*item)["id"];
  ASSERT_TRUE(points.adjust(hr_, *emp_.employee_id, 50, "测试").ok());
  ASSERT_TRUE(points.adjust(hr_, *manager_.employee_id, 15, "测试").ok());
  std::atomic<int> ok{0}, stock_out{0}, poor{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i)
    threads.emplace_back([&, i] {
      auto r = rewards.redeem(i % 2 ? emp_ : manager_, id);
      if (r.ok()) ++ok;
      else if (r.error().name == "out_of_stock") ++stock_out;
      else if (r.error().name == "insufficient_points") ++poor;
      else ADD_FAILURE() << r.error().message_en;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 3);
  EXPECT_EQ(ok + stock_out + poor, 12);
  const auto a = points.mine(emp_, PageRequest{})->balance, b = points.mine(manager_, PageRequest{})->balance;
  EXPECT_GE(a, 0);
  EXPECT_GE(b, 0);
  EXPECT_EQ((50 - a) + (15 - b), 30);  // exactly three items paid for
}

INSTANTIATE_TEST_SUITE_P(Dialects, RewardsFlow, ::testing::ValuesIn(luodi::test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });
