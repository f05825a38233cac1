#include "http/server.h"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <climits>
#include <csignal>
#include <memory>
#include <thread>

#include "http/api.h"
#include "http/client_address.h"
#include "http/worker_pool.h"

// ---------------------------------------------------------------------------
// Refusing oversized requests before reading them.
//
// RESTinio 0.6 calls the request handler only once the whole body is in
// memory, and when one of its own limits is exceeded it closes the
// connection without an answer. So the http_parser callbacks RESTinio
// installs are wrapped (RESTinio builds them with create_parser_settings<
// Traits::http_methods_mapper_t>(), specialised below for our mapper type):
// as soon as a request is known to be too big — a Content-Length over its
// route's limit, a chunked body growing past it, a request line or a header
// block over the header limit — the wrapper ends the message right there
// (marks it complete and pauses the parser), tagging it with a pseudo header
// field. The request handler sees the tag and answers 413/414/431 at once,
// with `Connection: close`; RESTinio then reads nothing more from that
// connection, and LingeringSocket closes it without a reset.
// ---------------------------------------------------------------------------

namespace luodi::http {
namespace {

// Pseudo header fields set by the parser callbacks. ':' cannot occur in a
// field name on the wire, so a client cannot send them itself.
const std::string kRefusedField = ":luodi-refused";     // "413", "414" or "431"
const std::string kBodyLimitField = ":luodi-body-limit";  // route limit, for chunked bodies

// What the parser callbacks need of the running server. http_parser calls
// plain functions whose only context is the parser, which RESTinio owns, so
// run_server publishes this for its lifetime.
struct ParseLimits {
  const Api* api;
  std::size_t header;
};
std::atomic<const ParseLimits*> g_parse_limits{nullptr};

// Our HTTP method mapper: RESTinio's, under a type of our own, so that the
// create_parser_settings specialisation below is the one RESTinio uses.
struct SizeCheckedMethods : restinio::default_http_methods_t {};

using ParserCtx = restinio::impl::http_parser_ctx_t;
ParserCtx& ctx_of(http_parser* parser) { return *static_cast<ParserCtx*>(parser->data); }

// Ends the message here, refused with `status`: the handler answers it.
int refuse(http_parser* parser, int status) {
  ParserCtx& ctx = ctx_of(parser);
  ctx.m_header.set_field(kRefusedField, std::to_string(status));
  ctx.m_header.method(SizeCheckedMethods::from_nodejs(parser->method));
  ctx.m_header.should_keep_alive(false);
  ctx.m_body.clear();
  ctx.m_message_complete = true;
  parser->upgrade = 0;  // an answer, never a protocol switch
  http_parser_pause(parser, 1);
  return 0;
}

int on_url(http_parser* parser, const char* at, size_t length) {
  if (int rc = restinio::impl::restinio_url_cb(parser, at, length); rc != 0) return rc;
  const ParseLimits* limits = g_parse_limits.load(std::memory_order_acquire);
  if (limits && ctx_of(parser).m_header.request_target().size() > limits->header) return refuse(parser, 414);
  return 0;
}

// After each piece of a header (or trailer) field: within kMaxHeaderFields
// fields and the header limit, counting "name: value\r\n" per field?
int check_header_block(http_parser* parser) {
  const ParseLimits* limits = g_parse_limits.load(std::memory_order_acquire);
  if (!limits) return 0;
  const ParserCtx& ctx = ctx_of(parser);
  const restinio::http_header_fields_t& fields =
      ctx.m_leading_headers_completed ? ctx.m_chunked_info_block.m_trailing_fields : ctx.m_header;
  if (fields.fields_count() > kMaxHeaderFields) return refuse(parser, 431);
  std::size_t bytes = ctx.m_last_was_value ? 0 : ctx.m_current_field_name.size();
  for (const auto& f : fields) bytes += f.name().size() + f.value().size() + 4;
  return bytes > limits->header ? refuse(parser, 431) : 0;
}

int on_header_field(http_parser* parser, const char* at, size_t length) {
  if (int rc = restinio::impl::restinio_header_field_cb(parser, at, length); rc != 0) return rc;
  return check_header_block(parser);
}

int on_header_value(http_parser* parser, const char* at, size_t length) {
  if (int rc = restinio::impl::restinio_header_value_cb(parser, at, length); rc != 0) return rc;
  return check_header_block(parser);
}

int on_headers_complete(http_parser* parser) {
  if (const ParseLimits* limits = g_parse_limits.load(std::memory_order_acquire)) {
    ParserCtx& ctx = ctx_of(parser);
    const char* method = http_method_str(static_cast<http_method>(parser->method));
    const std::size_t limit = limits->api->body_limit(method, ctx.m_header.request_target());
    if (parser->flags & F_CHUNKED)
      ctx.m_header.set_field(kBodyLimitField, std::to_string(limit));
    else if (parser->content_length != ULLONG_MAX && parser->content_length > limit)
      return refuse(parser, 413);
  }
  return restinio::impl::restinio_headers_complete_cb(parser);
}

int on_body(http_parser* parser, const char* at, size_t length) {
  if (parser->flags & F_CHUNKED) {
    ParserCtx& ctx = ctx_of(parser);
    if (auto v = ctx.m_header.opt_value_of(kBodyLimitField)) {
      std::size_t limit = 0;
      std::from_chars(v->data(), v->data() + v->size(), limit);
      if (ctx.m_body.size() + length > limit) return refuse(parser, 413);
    }
  }
  return restinio::impl::restinio_body_cb(parser, at, length);
}

}  // namespace
}  // namespace luodi::http

namespace restinio::impl {

// RESTinio's parser settings with the size checks above in front of its own
// callbacks (see the note at the top of this file).
template <>
inline http_parser_settings create_parser_settings<luodi::http::SizeCheckedMethods>() noexcept {
  using namespace luodi::http;
  http_parser_settings s;
  http_parser_settings_init(&s);
  s.on_url = on_url;
  s.on_header_field = on_header_field;
  s.on_header_value = on_header_value;
  s.on_headers_complete = on_headers_complete;
  s.on_body = on_body;
  s.on_chunk_header = restinio_chunk_header_cb;
  s.on_chunk_complete = restinio_chunk_complete_cb;
  s.on_message_complete = restinio_message_complete_cb<luodi::http::SizeCheckedMethods>;
  return s;
}

}  // namespace restinio::impl

namespace luodi::http {
namespace {

namespace asio = restinio::asio_ns;

// A TCP socket that closes politely. Closing a socket while the client is
// still sending makes the kernel answer with a reset, and a reset can
// destroy an answer the client has not read yet — precisely the case of a
// 413 given before the body was read. So close() only stops sending (the
// client sees the end of the answer), then reads and drops whatever still
// arrives until the client closes too, kLingerIdle passes without data, or
// kLingerMax in all; then it closes. RESTinio owns the socket up to close();
// the draining runs on its own strand after that.
class LingeringSocket : public asio::ip::tcp::socket {
 public:
  using Base = asio::ip::tcp::socket;
  using Base::Base;

  static constexpr std::chrono::seconds kLingerIdle{5};
  static constexpr std::chrono::seconds kLingerMax{30};

  // RESTinio shuts both directions down before close(); reading goes on.
  void shutdown(shutdown_type what, asio::error_code& ec) {
    Base::shutdown(what == shutdown_both ? shutdown_send : what, ec);
  }

  void close() {
    if (!is_open()) return;
    asio::error_code ec;
    Base::cancel(ec);  // RESTinio's pending operations complete (aborted) on its side
    Base::shutdown(shutdown_send, ec);
    auto drain = std::make_shared<Drain>(Base(std::move(static_cast<Base&>(*this))));
    asio::dispatch(drain->strand, [drain] { drain->read(); });
  }
  void close(asio::error_code& ec) {
    close();
    ec = {};
  }

 private:
  struct Drain : std::enable_shared_from_this<Drain> {
    explicit Drain(Base s)
        : socket(std::move(s)),
          strand(asio::make_strand(socket.get_executor())),
          timer(strand),
          deadline(std::chrono::steady_clock::now() + kLingerMax) {}

    void read() {  // on the strand
      if (done) return;
      const auto now = std::chrono::steady_clock::now();
      if (now >= deadline) return finish();
      timer.expires_after(std::min<std::chrono::steady_clock::duration>(kLingerIdle, deadline - now));
      timer.async_wait(asio::bind_executor(strand, [self = shared_from_this()](const asio::error_code& ec) {
        if (!ec) self->finish();  // idle or out of time
      }));
      socket.async_read_some(asio::buffer(buf),
                             asio::bind_executor(strand, [self = shared_from_this()](const asio::error_code& ec, size_t) {
                               if (ec) return self->finish();  // the client closed, or an error
                               self->read();
                             }));
    }
    void finish() {
      if (done) return;
      done = true;
      asio::error_code ignored;
      timer.cancel();
      socket.close(ignored);
    }

    Base socket;
    asio::strand<Base::executor_type> strand;
    asio::steady_timer timer;
    std::chrono::steady_clock::time_point deadline;
    std::array<char, 16384> buf{};
    bool done = false;
  };
};

struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                   restinio::default_request_handler_t, restinio::default_strand_t, LingeringSocket> {
  using http_methods_mapper_t = SizeCheckedMethods;
};

std::string header_or_empty(const restinio::request_handle_t& req, restinio::http_field_t field) {
  auto v = req->header().opt_value_of(field);
  return v ? std::string(*v) : std::string();
}

}  // namespace

int run_server(const Api& api, const ServerOptions& options) {
  asio::io_context ioctx;
  WorkerPool pool(options.worker_threads);
  const ParseLimits parse_limits{&api, api.services().limits.header};
  g_parse_limits.store(&parse_limits, std::memory_order_release);
  struct Unpublish {
    ~Unpublish() { g_parse_limits.store(nullptr, std::memory_order_release); }
  } unpublish;

  auto reply = [](const restinio::request_handle_t& req, const Request& r, Response out, bool close) {
    auto resp = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(out.status)}, reason_phrase(out.status)});
    if (!out.content_type.empty()) resp.append_header(restinio::http_field_t::content_type, out.content_type);
    for (auto& [name, value] : out.headers) resp.append_header(name, value);
    resp.append_header("X-Content-Type-Options", "nosniff");
    resp.append_header_date_field();  // clients (exam countdowns) sync their clocks to it
    if (close) resp.connection_close();
    if (r.method != "HEAD") resp.set_body(std::move(out.body));
    resp.done();
  };

  const bool trust_forwarded_for = options.trust_forwarded_for;
  auto handler = [&api, &pool, reply, trust_forwarded_for](restinio::request_handle_t req) -> restinio::request_handling_status_t {
    Request r;
    r.method = req->header().method().c_str();
    r.target = std::string(req->header().request_target());
    r.accept_language = header_or_empty(req, restinio::http_field_t::accept_language);
    if (auto refused = req->header().opt_value_of(kRefusedField)) {
      // Cut short by the parser: answer on this I/O thread, then close.
      const int status = *refused == "414" ? 414 : *refused == "431" ? 431 : 413;
      reply(req, r, api.refusal(status, r.method, r.target, r.accept_language), true);
      return restinio::request_accepted();
    }
    r.authorization = header_or_empty(req, restinio::http_field_t::authorization);
    r.content_type = header_or_empty(req, restinio::http_field_t::content_type);
    if (auto k = req->header().opt_value_of("Idempotency-Key")) r.idempotency_key = std::string(*k);
    r.host = header_or_empty(req, restinio::http_field_t::host);
    std::string forwarded_for;
    if (trust_forwarded_for)
      if (auto v = req->header().opt_value_of("X-Forwarded-For")) forwarded_for = std::string(*v);
    r.client_ip = client_address(req->remote_endpoint().address().to_string(), forwarded_for, trust_forwarded_for);
    r.user_agent = clean_user_agent(header_or_empty(req, restinio::http_field_t::user_agent));
    r.body = req->body();
    if (auto fast = api.try_fast(r)) {
      reply(req, r, std::move(*fast), false);
      return restinio::request_accepted();
    }
    pool.post([&api, reply, req = std::move(req), r = std::move(r)]() { reply(req, r, api.handle(r), false); });
    return restinio::request_accepted();
  };

  restinio::http_server_t<Traits> server{
      restinio::external_io_context(ioctx), [&](auto& settings) {
        settings.port(options.port)
            .address(options.host)
            .request_handler(handler)
            .read_next_http_message_timelimit(std::chrono::seconds(60))
            .write_http_response_timelimit(std::chrono::seconds(60))
            .handle_request_timeout(std::chrono::seconds(300))
            .max_pipelined_requests(16)
            // A backstop only: the callbacks above refuse bigger bodies first.
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(api.largest_body_limit()));
      }};

  try {
    server.open_sync();
  } catch (const std::exception& e) {
    spdlog::error("cannot listen on {}:{}: {}", options.host, options.port, e.what());
    return 1;
  }

  asio::signal_set signals(ioctx, SIGINT, SIGTERM);
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
