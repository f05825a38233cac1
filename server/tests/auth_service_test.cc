#include <gtest/gtest.h>

#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "app/employee_service.h"

#include <nlohmann/json.hpp>
#include "test_db.h"

using namespace luodi;

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto_init();
    db_ = test_support::open_fresh(test_support::test_database_urls().front());
    ASSERT_TRUE(seed_demo(*db_, clock_, "demo1234").ok());
  }
  std::unique_ptr<SociDatabase> db_;
  FakeClock clock_{1'790'000'000};
};

TEST_F(AuthTest, LoginAuthenticateLogout) {
  AuthService auth(*db_, clock_);
  auto r = auth.login("hr", "demo1234");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->token.size(), 43u);
  EXPECT_TRUE(r->principal.is_tenant_admin());
  auto p = auth.authenticate(r->token);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->login, "hr");
  ASSERT_TRUE(auth.logout(p.value()).ok());
  EXPECT_EQ(auth.authenticate(r->token).error().code, ErrorCode::kUnauthorized);
}

TEST_F(AuthTest, TokensExpire) {
  AuthService auth(*db_, clock_, AuthOptions{3600, 10, 900, 0});
  auto r = auth.login("employee", "demo1234");
  ASSERT_TRUE(r.ok());
  clock_.advance(3599);
  EXPECT_TRUE(auth.authenticate(r->token).ok());
  clock_.advance(2);
  EXPECT_FALSE(auth.authenticate(r->token).ok());
}

TEST_F(AuthTest, TenFailuresLockTheLoginUntilTheWindowPasses) {
  AuthService auth(*db_, clock_);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(auth.login("employee", "wrong").error().code, ErrorCode::kInvalidCredentials);
  EXPECT_EQ(auth.login("employee", "demo1234").error().code, ErrorCode::kTooManyAttempts);
  EXPECT_TRUE(auth.login("manager", "demo1234").ok());  // other logins unaffected
  clock_.advance(15 * 60 + 1);
  EXPECT_TRUE(auth.login("employee", "demo1234").ok());
}

TEST_F(AuthTest, ChangePasswordChecksOldAndStrengthAndRevokesOtherSessions) {
  AuthService auth(*db_, clock_);
  auto a = auth.login("employee", "demo1234");
  auto b = auth.login("employee", "demo1234");
  ASSERT_TRUE(a.ok() && b.ok());
  auto pa = auth.authenticate(a->token).value();
  EXPECT_EQ(auth.change_password(pa, "bad", "newpass123").error().details[0].field, "old_password");
  EXPECT_EQ(auth.change_password(pa, "demo1234", "short").error().details[0].field, "new_password");
  ASSERT_TRUE(auth.change_password(pa, "demo1234", "newpass123").ok());
  EXPECT_TRUE(auth.authenticate(a->token).ok());
  EXPECT_FALSE(auth.authenticate(b->token).ok());
  EXPECT_FALSE(auth.login("employee", "demo1234").ok());
  EXPECT_TRUE(auth.login("employee", "newpass123").ok());
}

TEST_F(AuthTest, LeavingEndsEverySessionAndRefusesLoginUntilRehired) {
  AuthService auth(*db_, clock_);
  EmployeeService employees(*db_, clock_, auth);
  auto hr = auth.authenticate(auth.login("hr", "demo1234")->token).value();
  auto a = auth.login("employee", "demo1234");
  auto b = auth.login("employee", "demo1234");
  ASSERT_TRUE(a.ok() && b.ok());
  const Id who = *a->principal.employee_id;
  ASSERT_TRUE(auth.authenticate(a->token).ok());  // now cached
  ASSERT_TRUE(auth.authenticate_cached(a->token).has_value());

  ASSERT_TRUE(employees.update(hr, who, nlohmann::json{{"status", "left"}}).ok());
  EXPECT_FALSE(auth.authenticate_cached(a->token).has_value());  // the cache forgot at once
  EXPECT_EQ(auth.authenticate(a->token).error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(auth.authenticate(b->token).error().code, ErrorCode::kUnauthorized);
  auto refused = auth.login("employee", "demo1234");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(refused.error().name, "account_inactive");
  EXPECT_EQ(auth.login("employee", "wrong-password1").error().code, ErrorCode::kInvalidCredentials);

  ASSERT_TRUE(employees.update(hr, who, nlohmann::json{{"status", "active"}}).ok());
  auto again = auth.login("employee", "demo1234");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(auth.authenticate(again->token).ok());
  EXPECT_FALSE(auth.authenticate(a->token).ok());  // old sessions stay ended
}
