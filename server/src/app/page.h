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

// Cuts a fetch of `limit + 1` rows to one page; if there was more, the next
// cursor is the id of the last item kept.
template <typename PageT, typename IdOf>
void finish_page(PageT& page, int limit, IdOf id_of) {
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(static_cast<size_t>(limit));
    page.next_cursor = std::to_string(id_of(page.items.back()));
  }
}

// Cursor and limit as the HTTP layer parsed them.
struct PageRequest {
  long long after_id = 0;
  int limit = 50;
};

}  // namespace luodi
