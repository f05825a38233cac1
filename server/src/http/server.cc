#include "http/server.h"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <thread>

#include "http/api.h"
#include "http/client_address.h"
#include "http/worker_pool.h"

namespace luodi::http {

namespace {
std::string header_or_empty(const restinio::request_handle_t& req, restinio::http_field_t field) {
  auto v = req->header().opt_value_of(field);
  return v ? std::string(*v) : std::string();
}
}  // namespace

int run_server(const Api& api, const ServerOptions& options) {
  using traits_t = restinio::default_traits_t;
  restinio::asio_ns::io_context ioctx;
  WorkerPool pool(options.worker_threads);

  const bool trust_forwarded_for = options.trust_forwarded_for;
  auto handler = [&api, &pool, trust_forwarded_for](restinio::request_handle_t req) -> restinio::request_handling_status_t {
    Request r;
    r.method = req->header().method().c_str();
    r.target = std::string(req->header().request_target());
    r.authorization = header_or_empty(req, restinio::http_field_t::authorization);
    r.content_type = header_or_empty(req, restinio::http_field_t::content_type);
    r.accept_language = header_or_empty(req, restinio::http_field_t::accept_language);
    if (auto k = req->header().opt_value_of("Idempotency-Key")) r.idempotency_key = std::string(*k);
    r.host = header_or_empty(req, restinio::http_field_t::host);
    std::string forwarded_for;
    if (trust_forwarded_for)
      if (auto v = req->header().opt_value_of("X-Forwarded-For")) forwarded_for = std::string(*v);
    r.client_ip = client_address(req->remote_endpoint().address().to_string(), forwarded_for, trust_forwarded_for);
    r.user_agent = clean_user_agent(header_or_empty(req, restinio::http_field_t::user_agent));
    r.body = req->body();
    auto reply = [](const restinio::request_handle_t& req, const Request& r, Response out) {
      auto resp = req->create_response(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(out.status)}, reason_phrase(out.status)});
      if (!out.content_type.empty()) resp.append_header(restinio::http_field_t::content_type, out.content_type);
      for (auto& [name, value] : out.headers) resp.append_header(name, value);
      resp.append_header("X-Content-Type-Options", "nosniff");
      resp.append_header_date_field();  // clients (exam countdowns) sync their clocks to it
      if (r.method != "HEAD") resp.set_body(std::move(out.body));
      resp.done();
    };
    if (auto fast = api.try_fast(r)) {
      reply(req, r, std::move(*fast));
      return restinio::request_accepted();
    }
    pool.post([&api, reply, req = std::move(req), r = std::move(r)]() { reply(req, r, api.handle(r)); });
    return restinio::request_accepted();
  };

  restinio::http_server_t<traits_t> server{
      restinio::external_io_context(ioctx), [&](auto& settings) {
        settings.port(options.port)
            .address(options.host)
            .request_handler(handler)
            .read_next_http_message_timelimit(std::chrono::seconds(60))
            .write_http_response_timelimit(std::chrono::seconds(60))
            .handle_request_timeout(std::chrono::seconds(300))
            .max_pipelined_requests(16)
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(options.max_body_bytes));
      }};

  try {
    server.open_sync();
  } catch (const std::exception& e) {
    spdlog::error("cannot listen on {}:{}: {}", options.host, options.port, e.what());
    return 1;
  }

  restinio::asio_ns::signal_set signals(ioctx, SIGINT, SIGTERM);
  signals.async_wait([&](const auto& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {} received, shutting down", sig);
    // We are on an I/O thread: close the acceptor and connections here, then stop.
    try {
      server.close_sync();
    } catch (const std::exception& e) {
      spdlog::warn("closing the server: {}", e.what());
    }
    ioctx.stop();
  });

  std::vector<std::thread> io;
  for (int i = 1; i < options.io_threads; ++i) io.emplace_back([&] { ioctx.run(); });
  ioctx.run();
  for (auto& t : io) t.join();
  return 0;
}

}  // namespace luodi::http
