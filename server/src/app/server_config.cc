#include "app/server_config.h"

#include <charconv>
#include <functional>
#include <optional>

#include "core/units.h"

namespace luodi {

namespace {

// Parses raw text into the config; returns an English complaint ("must be
// ...") on failure. The caller adds which setting and which source.
using Apply = std::function<std::optional<std::string>(ServerConfig&, const std::string&)>;

struct Setting {
  SettingInfo info;
  Apply apply;
};

Apply text(std::string ServerConfig::*field, bool may_be_empty = false) {
  return [=](ServerConfig& c, const std::string& v) -> std::optional<std::string> {
    if (v.empty() && !may_be_empty) return "must not be empty";
    c.*field = v;
    return std::nullopt;
  };
}

Apply integer(int ServerConfig::*field, int min, int max) {
  return [=](ServerConfig& c, const std::string& v) -> std::optional<std::string> {
    int n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < min || n > max)
      return "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    c.*field = n;
    return std::nullopt;
  };
}

Apply size(std::uint64_t ServerConfig::*field, std::uint64_t min, std::uint64_t max) {
  return [=](ServerConfig& c, const std::string& v) -> std::optional<std::string> {
    auto n = parse_size(v);
    if (!n) return "must be a size: bytes, or a number with KiB, MiB or GiB (e.g. 1MiB)";
    if (*n < min || *n > max) return "must be from " + format_size(min) + " to " + format_size(max);
    c.*field = *n;
    return std::nullopt;
  };
}

template <typename T>
Apply duration(T ServerConfig::*field, std::int64_t min, std::int64_t max) {
  return [=](ServerConfig& c, const std::string& v) -> std::optional<std::string> {
    auto n = parse_duration(v);
    if (!n) return "must be a duration: seconds, or a number with s, m, h or d (e.g. 30m)";
    if (*n < min || *n > max) return "must be from " + format_duration_en(min) + " to " + format_duration_en(max);
    c.*field = static_cast<T>(*n);
    return std::nullopt;
  };
}

Apply boolean(bool ServerConfig::*field) {
  return [=](ServerConfig& c, const std::string& v) -> std::optional<std::string> {
    if (v == "true" || v == "1") c.*field = true;
    else if (v == "false" || v == "0") c.*field = false;
    else return "must be true or false";
    return std::nullopt;
  };
}

Setting make(std::string key, std::string default_value, std::string help, Apply apply) {
  std::string flag = "--" + key, env = "LUODI_" + key;
  for (char& ch : flag)
    if (ch == '_') ch = '-';
  for (char& ch : env) ch = ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return Setting{SettingInfo{std::move(key), std::move(flag), std::move(env), std::move(default_value), std::move(help)},
                 std::move(apply)};
}

const std::vector<Setting>& settings() {
  constexpr std::uint64_t KiB = 1ull << 10, MiB = 1ull << 20;
  static const std::vector<Setting> all = {
      make("host", "127.0.0.1", "Address to listen on (0.0.0.0: every interface)", text(&ServerConfig::host)),
      make("port", "8080", "TCP port to listen on", integer(&ServerConfig::port, 1, 65535)),
      make("db", "sqlite:var/luodi.db", "Database URL: sqlite:PATH or postgresql://...", text(&ServerConfig::db)),
      make("data_dir", "var", "Directory for uploads and scratch files", text(&ServerConfig::data_dir)),
      make("web_dir", "web/dist", "Directory of the built web apps", text(&ServerConfig::web_dir)),
      make("workers", "0", "Handler threads (0: two per core, at least 4)", integer(&ServerConfig::workers, 0, 256)),
      make("io_threads", "0", "HTTP I/O threads (0: one per core)", integer(&ServerConfig::io_threads, 0, 64)),
      make("trust_forwarded_for", "false",
           "Audit the client address from X-Forwarded-For (its last entry); only behind a proxy that sets it",
           boolean(&ServerConfig::trust_forwarded_for)),
      make("json_body_limit", "1MiB", "Largest body on JSON routes (413 above it)",
           size(&ServerConfig::json_body_limit, 1 * KiB, 64 * MiB)),
      make("import_body_limit", "20MiB", "Largest CSV import body (413 above it)",
           size(&ServerConfig::import_body_limit, 1 * KiB, 256 * MiB)),
      make("upload_limit", "10MiB", "Largest uploaded file (413 above it)",
           size(&ServerConfig::upload_limit, 1 * KiB, 256 * MiB)),
      make("header_limit", "16KiB", "Largest request line, and largest header block (414/431 above it)",
           size(&ServerConfig::header_limit, 1 * KiB, 32 * KiB)),
      make("checkin_opens_before", "30m", "Check-in opens this long before a session starts",
           duration(&ServerConfig::checkin_opens_before, 0, 24 * 3600)),
      make("qr_rotation", "30s", "The check-in QR code changes this often",
           duration(&ServerConfig::qr_rotation, 5, 3600)),
      make("token_lifetime", "7d", "How long a login token stays valid",
           duration(&ServerConfig::token_lifetime, 60, 366 * 86400)),
      make("login_max_failures", "10", "Failed logins per login name within the window before 429",
           integer(&ServerConfig::login_max_failures, 1, 1000)),
      make("login_failure_window", "15m", "The window over which failed logins are counted",
           duration(&ServerConfig::login_failure_window, 60, 86400)),
  };
  return all;
}

}  // namespace

const std::vector<SettingInfo>& server_settings() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> out;
    for (const auto& s : settings()) out.push_back(s.info);
    return out;
  }();
  return infos;
}

Result<ServerConfig> resolve_server_config(const ConfigSources& sources) {
  const std::string file = sources.file_name.empty() ? "config file" : sources.file_name;
  for (const auto& [key, value] : sources.file) {
    bool known = false;
    for (const auto& s : settings()) known = known || s.info.key == key;
    if (!known)
      return Error::make(ErrorCode::kInvalidParameter, file + ": 未知的设置项 " + key,
                         file + ": unknown setting \"" + key + "\" (see luodi serve --help)");
  }
  ServerConfig c;
  for (const auto& s : settings()) {
    const std::string* value = nullptr;
    std::string where;
    if (auto it = sources.flags.find(s.info.key); it != sources.flags.end()) {
      value = &it->second;
      where = s.info.flag + " " + it->second;
    } else if (auto it = sources.env.find(s.info.key); it != sources.env.end()) {
      value = &it->second;
      where = s.info.env + "=" + it->second;
    } else if (auto it = sources.file.find(s.info.key); it != sources.file.end()) {
      value = &it->second;
      where = file + ": " + s.info.key + " = " + it->second;
    }
    if (!value) continue;
    if (auto complaint = s.apply(c, *value))
      return Error::make(ErrorCode::kInvalidParameter, where + ": " + s.info.key + " 的值无效（" + *complaint + "）",
                         where + ": " + s.info.key + " " + *complaint);
  }
  return c;
}

}  // namespace luodi
