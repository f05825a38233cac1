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

// Cuts a fetch of `limit + 1` rows to `limit`; if there was more, returns the
// next cursor: cursor_of(the last row kept).
template <typename T, typename CursorOf>
std::optional<std::string> cut_page(std::vector<T>& rows, int limit, CursorOf cursor_of) {
  if (static_cast<int>(rows.size()) <= limit) return std::nullopt;
  rows.resize(static_cast<size_t>(limit));
  return cursor_of(rows.back());
}

// The same for a Page whose cursor is the id of the last item kept.
template <typename PageT, typename IdOf>
void finish_page(PageT& page, int limit, IdOf id_of) {
  if (auto next = cut_page(page.items, limit, [&](const auto& item) { return std::to_string(id_of(item)); }))
    page.next_cursor = std::move(next);
}

// Cursor and limit as the HTTP layer parsed them.
struct PageRequest {
  long long after_id = 0;
  int limit = 50;
};

}  // namespace luodi
