#include "domain/org_tree.h"

#include <gtest/gtest.h>

using namespace luodi;

TEST(OrgTree, SubtreeAndCycleCheck) {
  std::vector<Department> ds = {
      {1, 1, 1, std::nullopt, std::nullopt, "总部"},
      {2, 1, 1, 1, std::nullopt, "销售部"},
      {3, 1, 1, 2, std::nullopt, "销售一部"},
      {4, 1, 1, 1, std::nullopt, "研发部"},
  };
  OrgTree t(ds);
  auto sub = t.subtree(2);
  std::sort(sub.begin(), sub.end());
  EXPECT_EQ(sub, (std::vector<Id>{2, 3}));
  EXPECT_EQ(t.subtree(1).size(), 4u);
  EXPECT_TRUE(t.is_in_subtree(2, 3));
  EXPECT_FALSE(t.is_in_subtree(3, 2));
  EXPECT_TRUE(t.subtree(99).empty());
  EXPECT_EQ(t.children(1).size(), 2u);
}
