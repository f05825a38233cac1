#pragma once
#include <optional>
#include <string>
#include <vector>

namespace luodi {

// One page of a list answer: items plus the opaque cursor of the next page.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

// Cursor and limit as the HTTP layer parsed them.
struct PageRequest {
  long long after_id = 0;
  int limit = 50;
};

}  // namespace luodi
