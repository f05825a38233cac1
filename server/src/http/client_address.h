// Who is on the other end of a request, as far as the server can tell: the
// client address (for the audit trail) and its User-Agent. Pure functions,
// so the RESTinio adapter stays a copy loop and the rules have a table test.
#pragma once
#include <string>
#include <string_view>

namespace luodi::http {

// The client's address. `peer` is the TCP peer; `forwarded_for` the
// X-Forwarded-For header ("" if absent). When `trust_forwarded_for` is off
// (the default: the server faces clients directly) the header is ignored,
// since any client can send it. When on (the server sits behind one reverse
// proxy that appends the address it saw), the last well-formed entry of the
// header is the client; earlier entries came from the client and prove
// nothing. Falls back to `peer`. IPv4-mapped IPv6 ("::ffff:10.0.0.1") is
// shown as IPv4. Never longer than 64 bytes.
std::string client_address(std::string_view peer, std::string_view forwarded_for, bool trust_forwarded_for);

// A User-Agent header as stored in the audit trail: printable UTF-8, at most 512 bytes.
std::string clean_user_agent(std::string_view raw);

}  // namespace luodi::http
