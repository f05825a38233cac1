#include "domain/password_policy.h"

#include <gtest/gtest.h>

using namespace luodi;

TEST(PasswordPolicy, Table) {
  struct Case {
    const char* login;
    const char* password;
    bool ok;
  } cases[] = {
      {"wang", "demo1234", true},   {"wang", "short1", false},    {"wang", "lettersonly", false},
      {"wang", "1234567890", false}, {"abc12345", "ABC12345", false}, {"wang", "中文密码abc1", true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(!check_password_strength(c.login, c.password).has_value(), c.ok) << c.login << " / " << c.password;
}
