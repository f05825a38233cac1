// The HTTP server: RESTinio on its own I/O threads, handlers on a worker
// pool. Blocks until SIGINT/SIGTERM.
#pragma once
#include <string>

namespace luodi::http {

class Api;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;      // parse/write and cached answers only; never block
  int worker_threads = 4;  // run handlers (database work)
  // Hard cap on any request body; routes apply their own smaller limits (413).
  std::size_t max_body_bytes = 64u << 20;
  // Take the client address from X-Forwarded-For (its last entry) instead of
  // the TCP peer. Only for a server reachable solely through a reverse proxy
  // that appends that header (nginx: proxy_add_x_forwarded_for); otherwise
  // clients could write whatever address they like into the audit trail.
  bool trust_forwarded_for = false;
};

// Returns 0 on clean shutdown, 1 if the port could not be opened.
int run_server(const Api& api, const ServerOptions& options);

}  // namespace luodi::http
