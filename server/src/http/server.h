// The HTTP server: RESTinio on its own I/O threads, handlers on a worker
// pool. Blocks until SIGINT/SIGTERM.
//
// Size limits are enforced while the request is parsed, before its body is
// read (limits from the Api's Services::limits, body limit per route from
// Api::body_limit): a Content-Length over the route's limit, a chunked body
// growing past it, a request line or header block over the header limit —
// each is answered at once with 413, 414 or 431 as JSON, the connection is
// then closed, and whatever the client still sends is read and dropped for a
// few seconds so the answer reaches it rather than a reset.
#pragma once
#include <string>

namespace luodi::http {

class Api;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;      // parse/write and cached answers only; never block
  int worker_threads = 4;  // run handlers (database work)
  // Take the client address from X-Forwarded-For (its last entry) instead of
  // the TCP peer. Only for a server reachable solely through a reverse proxy
  // that appends that header (nginx: proxy_add_x_forwarded_for); otherwise
  // clients could write whatever address they like into the audit trail.
  bool trust_forwarded_for = false;
};

// Returns 0 on clean shutdown, 1 if the port could not be opened. One server
// per process at a time (the parser callbacks find the limits through a
// process-wide pointer that this call sets and clears).
int run_server(const Api& api, const ServerOptions& options);

}  // namespace luodi::http
