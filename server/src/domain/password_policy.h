// Minimum strength for a new password.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace luodi {

struct PasswordProblem {
  std::string zh;
  std::string en;
};

// nullopt if `password` is acceptable for `login`: at least 8 characters,
// at most 128 bytes, contains a letter and a digit, and differs from the login.
std::optional<PasswordProblem> check_password_strength(std::string_view login, std::string_view password);

}  // namespace luodi
