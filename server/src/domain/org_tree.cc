#include "domain/org_tree.h"

#include <algorithm>

namespace luodi {

OrgTree::OrgTree(std::vector<Department> departments) : departments_(std::move(departments)) {
  std::sort(departments_.begin(), departments_.end(), [](const Department& a, const Department& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  for (size_t i = 0; i < departments_.size(); ++i) index_[departments_[i].id] = i;
  for (const auto& d : departments_)
    if (d.parent_id) children_[*d.parent_id].push_back(d.id);
}

const Department* OrgTree::find(Id id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &departments_[it->second];
}

std::vector<Id> OrgTree::subtree(Id root) const {
  std::vector<Id> out;
  if (!find(root)) return out;
  out.push_back(root);
  for (size_t i = 0; i < out.size(); ++i) {
    auto it = children_.find(out[i]);
    if (it == children_.end()) continue;
    for (Id c : it->second)
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);  // tolerate bad data cycles
  }
  return out;
}

bool OrgTree::is_in_subtree(Id node, Id candidate) const {
  // Walk up from candidate; bounded by the number of departments.
  std::optional<Id> cur = candidate;
  for (size_t steps = 0; cur && steps <= departments_.size(); ++steps) {
    if (*cur == node) return true;
    const Department* d = find(*cur);
    if (!d) return false;
    cur = d->parent_id;
  }
  return false;
}

std::vector<const Department*> OrgTree::children(Id id) const {
  std::vector<const Department*> out;
  auto it = children_.find(id);
  if (it == children_.end()) return out;
  for (Id c : it->second) out.push_back(find(c));
  return out;
}

}  // namespace luodi
