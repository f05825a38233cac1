// Department tree queries over a flat list (a tenant's departments fit in memory).
#pragma once
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/org_model.h"

namespace luodi {

class OrgTree {
 public:
  explicit OrgTree(std::vector<Department> departments);

  const Department* find(Id id) const;
  // `root` and all its descendants (root first). Empty if `root` is unknown.
  std::vector<Id> subtree(Id root) const;
  // True if `candidate` is `node` itself or lies below it.
  bool is_in_subtree(Id node, Id candidate) const;
  // Direct children of `id`, in name order.
  std::vector<const Department*> children(Id id) const;
  const std::vector<Department>& all() const { return departments_; }

 private:
  std::vector<Department> departments_;
  std::unordered_map<Id, size_t> index_;
  std::unordered_map<Id, std::vector<Id>> children_;
};

}  // namespace luodi
