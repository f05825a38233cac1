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
};

// Returns 0 on clean shutdown, 1 if the port could not be opened.
int run_server(const Api& api, const ServerOptions& options);

}  // namespace luodi::http
