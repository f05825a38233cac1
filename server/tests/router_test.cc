#include "http/router.h"

#include <gtest/gtest.h>

using namespace luodi::http;

TEST(Router, MatchesParamsMethodsAndUnknownPaths) {
  Router<int> r;
  r.add("GET", "/api/v1/employees", 1);
  r.add("GET", "/api/v1/employees/{id}", 2);
  r.add("PATCH", "/api/v1/employees/{id}", 3);
  const Router<int>::Route* route = nullptr;
  PathParams p;
  EXPECT_EQ(r.find("GET", "/api/v1/employees/42", route, p), Router<int>::Match::kFound);
  EXPECT_EQ(route->handler, 2);
  EXPECT_EQ(p["id"], "42");
  EXPECT_EQ(r.find("DELETE", "/api/v1/employees/42", route, p), Router<int>::Match::kNoMethod);
  EXPECT_EQ(r.find("GET", "/api/v1/nothing", route, p), Router<int>::Match::kNoPath);
  EXPECT_EQ(r.find("GET", "/api/v1/employees/", route, p), Router<int>::Match::kFound);
  EXPECT_EQ(route->handler, 1);
}

TEST(Router, QueryDecoding) {
  auto q = parse_query("q=%E7%8E%8B&limit=7&x&include_subtree=true&bad=%ZZ&sp=a+b");
  EXPECT_EQ(q["q"], "王");
  EXPECT_EQ(q["limit"], "7");
  EXPECT_EQ(q["x"], "");
  EXPECT_EQ(q["bad"], "%ZZ");
  EXPECT_EQ(q["sp"], "a b");
}
