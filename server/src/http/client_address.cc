#include "http/client_address.h"

#include "core/encoding.h"

namespace luodi::http {

namespace {

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An IPv4 or IPv6 literal: only the characters those may hold, and not too long.
// (Addresses are shown and filtered on, never connected to, so a loose check suffices.)
bool looks_like_address(std::string_view s) {
  if (s.empty() || s.size() > 45) return false;
  bool digit = false;
  for (char c : s) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex && c != '.' && c != ':') return false;
    digit = digit || hex;
  }
  return digit;
}

std::string unmap(std::string_view s) {
  constexpr std::string_view kMapped = "::ffff:";
  if (s.size() > kMapped.size() && s.substr(0, kMapped.size()) == kMapped && s.find('.') != std::string_view::npos)
    s.remove_prefix(kMapped.size());
  return std::string(s);
}

}  // namespace

std::string client_address(std::string_view peer, std::string_view forwarded_for, bool trust_forwarded_for) {
  if (trust_forwarded_for && !forwarded_for.empty()) {
    const size_t comma = forwarded_for.rfind(',');
    std::string_view last = strip(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    // "[2001:db8::1]" and "[2001:db8::1]:443" (some proxies add brackets and a port).
    if (!last.empty() && last.front() == '[') {
      const size_t close = last.find(']');
      if (close != std::string_view::npos) last = last.substr(1, close - 1);
    } else if (last.find(':') != std::string_view::npos && last.find(':') == last.rfind(':') &&
               last.find('.') != std::string_view::npos) {
      last = last.substr(0, last.find(':'));  // "203.0.113.7:51000"
    }
    if (looks_like_address(last)) return unmap(last);
  }
  std::string_view p = strip(peer);
  if (!p.empty() && p.front() == '[' && p.back() == ']') p = p.substr(1, p.size() - 2);
  return looks_like_address(p) ? unmap(p) : printable_utf8(p, 64);
}

std::string clean_user_agent(std::string_view raw) { return printable_utf8(strip(raw), 512); }

}  // namespace luodi::http
