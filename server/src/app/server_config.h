// ServerConfig: everything an operator sets for `luodi serve` — where to
// listen, which database, every request limit, the check-in window and the
// session lifetime — in one value that main() builds once and hands to each
// part through its constructor (nothing reads configuration from anywhere
// else).
//
// Each setting can come from four places; the first one present wins:
//   1. a command-line flag            --json-body-limit 2MiB
//   2. an environment variable        LUODI_JSON_BODY_LIMIT=2MiB
//   3. the TOML file named by --config (or LUODI_CONFIG)   json_body_limit = "2MiB"
//   4. the default written below.
// `server_settings()` lists them all (the README table is that list).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"

namespace luodi {

struct ServerConfig {
  // ---- where and how to serve
  // Address to listen on. The default answers this machine only; "0.0.0.0"
  // listens on every interface (put a TLS proxy in front).
  std::string host = "127.0.0.1";
  // TCP port.
  int port = 8080;
  // Database URL: "sqlite:PATH" (embedded, one machine) or "postgresql://..."
  // (several servers on one database).
  std::string db = "sqlite:var/luodi.db";
  // Directory for uploads (content-addressed blobs) and scratch files.
  std::string data_dir = "var";
  // Directory of the built web apps, served at / and /m/.
  std::string web_dir = "web/dist";
  // Threads that run request handlers (database work). 0 = two per core, at
  // least 4. More helps only while the database has idle capacity.
  int workers = 0;
  // Threads that parse requests and write answers. 0 = one per core.
  int io_threads = 0;
  // Take the client address recorded in the audit trail from the last entry
  // of X-Forwarded-For instead of the TCP peer. Turn on only when every
  // request comes through a reverse proxy that appends that header (nginx:
  // proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for); otherwise a
  // client could write any address it likes into the audit trail.
  bool trust_forwarded_for = false;

  // ---- request limits (answered before the body is read)
  // Largest request body on JSON routes. Bigger bodies get 413
  // payload_too_large. Larger values let one client hold more memory.
  std::uint64_t json_body_limit = 1ull << 20;  // 1 MiB
  // Largest CSV import body (employee and KPI imports).
  std::uint64_t import_body_limit = 20ull << 20;  // 20 MiB
  // Largest uploaded file (photos of notes, PDFs). The upload request may
  // exceed it by 64 KiB of multipart framing.
  std::uint64_t upload_limit = 10ull << 20;  // 10 MiB
  // Largest request line, and separately the largest block of header fields
  // (names, values and separators together, at most 100 fields): over it a
  // request gets 414 uri_too_long or 431 request_header_fields_too_large.
  // At most 32 KiB.
  std::uint64_t header_limit = 16ull << 10;  // 16 KiB

  // ---- check-in
  // Check-in by QR code opens this long before a session starts (and closes
  // when it ends).
  std::int64_t checkin_opens_before = 30 * 60;  // seconds
  // The QR code on the check-in screen changes this often; a code stays
  // valid for one more period, so a photo of it goes stale within two.
  int qr_rotation = 30;  // seconds

  // ---- sessions and logins
  // How long a login token stays valid.
  std::int64_t token_lifetime = 7 * 24 * 3600;  // seconds
  // Failed logins per login name within login_failure_window before 429
  // too_many_attempts (even for the right password) until the window passes.
  int login_max_failures = 10;
  std::int64_t login_failure_window = 15 * 60;  // seconds
};

// One setting as operators see it.
struct SettingInfo {
  std::string key;            // TOML key: "json_body_limit"
  std::string flag;           // "--json-body-limit"
  std::string env;            // "LUODI_JSON_BODY_LIMIT"
  std::string default_value;  // as one would write it: "1MiB"
  std::string help;           // one line
};

// Every setting of ServerConfig, in README order.
const std::vector<SettingInfo>& server_settings();

// Raw texts per setting key, one map per source.
struct ConfigSources {
  std::map<std::string, std::string> flags;
  std::map<std::string, std::string> env;   // by key, not by variable name
  std::map<std::string, std::string> file;  // may hold unknown keys (refused)
  std::string file_name;                    // for messages ("luodi.toml")
};

// Picks each setting from the strongest source that has it, parses and
// range-checks it. Errors (kInvalidParameter) name the setting and the
// source of the bad value, e.g. "LUODI_PORT=0: port must be between 1 and
// 65535", or an unknown key in the file. Pure: reads nothing itself.
Result<ServerConfig> resolve_server_config(const ConfigSources& sources);

}  // namespace luodi
