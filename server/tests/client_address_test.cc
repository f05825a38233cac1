#include "http/client_address.h"

#include <gtest/gtest.h>

using luodi::http::clean_user_agent;
using luodi::http::client_address;

TEST(ClientAddress, PeerUnlessAProxyIsTrusted) {
  struct Case {
    const char* peer;
    const char* forwarded_for;
    bool trust;
    const char* want;
  };
  const Case cases[] = {
      {"203.0.113.7", "", false, "203.0.113.7"},
      {"203.0.113.7", "10.1.2.3", false, "203.0.113.7"},  // not trusted: a client can write anything there
      {"::ffff:203.0.113.7", "", false, "203.0.113.7"},
      {"2001:db8::1", "", false, "2001:db8::1"},
      {"127.0.0.1", "198.51.100.9", true, "198.51.100.9"},
      {"127.0.0.1", "6.6.6.6, 198.51.100.9", true, "198.51.100.9"},  // the entry the proxy appended
      {"127.0.0.1", "6.6.6.6,198.51.100.9 ", true, "198.51.100.9"},
      {"127.0.0.1", "[2001:db8::7]:443", true, "2001:db8::7"},
      {"127.0.0.1", "198.51.100.9:51000", true, "198.51.100.9"},
      {"127.0.0.1", "2001:db8::7", true, "2001:db8::7"},
      {"127.0.0.1", "unknown", true, "127.0.0.1"},  // not an address: keep the peer
      {"127.0.0.1", "1.2.3.4, <script>", true, "127.0.0.1"},
      {"127.0.0.1", "", true, "127.0.0.1"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(client_address(c.peer, c.forwarded_for, c.trust), c.want) << c.peer << " | " << c.forwarded_for;
}

TEST(ClientAddress, UserAgentIsPrintableAndBounded) {
  EXPECT_EQ(clean_user_agent("  Mozilla/5.0 (Linux; Android 14) 微信 "), "Mozilla/5.0 (Linux; Android 14) 微信");
  EXPECT_EQ(clean_user_agent(std::string("evil\r\nX-Admin: 1\0\xff", 18)), "evil  X-Admin: 1 ?");
  EXPECT_EQ(clean_user_agent(std::string(2000, 'a')).size(), 512u);
}
