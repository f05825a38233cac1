#include "core/json_depth.h"

#include <gtest/gtest.h>

#include <string>

namespace luodi {
namespace {

std::string nested(int depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

TEST(JsonDepth, Table) {
  struct Case {
    std::string text;
    int max;
    bool ok;
  } cases[] = {
      {"", 64, true},
      {"{}", 64, true},
      {"{\"a\":[1,2,{\"b\":3}]}", 3, true},
      {"{\"a\":[1,2,{\"b\":3}]}", 2, false},
      {nested(64), 64, true},
      {nested(65), 64, false},
      {"{\"a\":\"[[[[[[[[[[\"}", 2, true},            // brackets inside strings do not count
      {"{\"a\":\"\\\"[[[[\"}", 1, true},              // an escaped quote does not end the string
      {"{\"a\":\"\\\\\",\"b\":[[[]]]}", 3, false},    // an escaped backslash does
      {"]]]]]][[[", 3, true},                         // stray closers never go below zero
      {nested(66000, '{', '}'), 64, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(json_depth_within(c.text, c.max), c.ok) << c.text.substr(0, 40) << " max " << c.max;
}

}  // namespace
}  // namespace luodi
