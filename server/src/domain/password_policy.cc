#include "domain/password_policy.h"

#include <algorithm>
#include <cctype>

#include "core/encoding.h"

namespace luodi {

std::optional<PasswordProblem> check_password_strength(std::string_view login, std::string_view password) {
  if (utf8_length(password) < 8)
    return PasswordProblem{"密码至少需要8个字符", "Password must have at least 8 characters"};
  if (password.size() > 128)
    return PasswordProblem{"密码不能超过128个字符", "Password must not exceed 128 characters"};
  bool letter = std::any_of(password.begin(), password.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  bool digit = std::any_of(password.begin(), password.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (!letter || !digit)
    return PasswordProblem{"密码需同时包含字母和数字", "Password must contain both letters and digits"};
  std::string lower_pw(password), lower_login(login);
  std::transform(lower_pw.begin(), lower_pw.end(), lower_pw.begin(), [](unsigned char c) { return std::tolower(c); });
  std::transform(lower_login.begin(), lower_login.end(), lower_login.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!lower_login.empty() && lower_pw == lower_login)
    return PasswordProblem{"密码不能与登录名相同", "Password must differ from the login name"};
  return std::nullopt;
}

}  // namespace luodi
