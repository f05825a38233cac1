#include "app/server_config.h"

#include <gtest/gtest.h>

#include <sstream>

namespace luodi {
namespace {

// One line per setting, so that a whole configuration compares at once.
std::string render(const ServerConfig& c) {
  std::ostringstream o;
  o << "host=" << c.host << " port=" << c.port << " db=" << c.db << " data_dir=" << c.data_dir
    << " web_dir=" << c.web_dir << " workers=" << c.workers << " io_threads=" << c.io_threads
    << " trust_xff=" << c.trust_forwarded_for
    << " json=" << c.json_body_limit << " import=" << c.import_body_limit << " upload=" << c.upload_limit
    << " header=" << c.header_limit << " checkin_before=" << c.checkin_opens_before << " qr=" << c.qr_rotation
    << " token=" << c.token_lifetime << " failures=" << c.login_max_failures << " window=" << c.login_failure_window;
  return o.str();
}

TEST(ServerConfig, DefaultsAreTheDocumentedOnes) {
  auto c = resolve_server_config({});
  ASSERT_TRUE(c) << c.error().message_en;
  EXPECT_EQ(render(*c),
            "host=127.0.0.1 port=8080 db=sqlite:var/luodi.db data_dir=var web_dir=web/dist workers=0 io_threads=0 trust_xff=0 "
            "json=1048576 import=20971520 upload=10485760 header=16384 checkin_before=1800 qr=30 "
            "token=604800 failures=10 window=900");
  // Writing every documented default explicitly changes nothing.
  ConfigSources explicit_defaults;
  for (const auto& s : server_settings()) explicit_defaults.file[s.key] = s.default_value;
  auto same = resolve_server_config(explicit_defaults);
  ASSERT_TRUE(same) << same.error().message_en;
  EXPECT_EQ(render(*same), render(*c));
}

TEST(ServerConfig, NamesFollowOneRule) {
  for (const auto& s : server_settings()) {
    std::string flag = "--" + s.key, env = "LUODI_" + s.key;
    for (char& ch : flag) ch = ch == '_' ? '-' : ch;
    for (char& ch : env) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_EQ(s.flag, flag);
    EXPECT_EQ(s.env, env);
    EXPECT_FALSE(s.help.empty()) << s.key;
  }
  EXPECT_EQ(server_settings().size(), 17u);
}

TEST(ServerConfig, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
  ConfigSources src;
  src.file_name = "luodi.toml";
  src.file = {{"json_body_limit", "2KiB"}, {"upload_limit", "1MiB"}, {"qr_rotation", "20s"}, {"port", "9000"}};
  src.env = {{"json_body_limit", "4KiB"}, {"upload_limit", "2MiB"}};
  src.flags = {{"upload_limit", "3MiB"}, {"token_lifetime", "1h"}};
  auto c = resolve_server_config(src);
  ASSERT_TRUE(c) << c.error().message_en;
  EXPECT_EQ(c->upload_limit, 3u << 20);     // flag over environment and file
  EXPECT_EQ(c->json_body_limit, 4u << 10);  // environment over file
  EXPECT_EQ(c->qr_rotation, 20);            // file over default
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->token_lifetime, 3600);       // flag over default
  EXPECT_EQ(c->import_body_limit, 20u << 20);  // default
}

TEST(ServerConfig, BadValuesNameTheSettingAndWhereTheyCameFrom) {
  struct Case {
    ConfigSources src;
    std::string message;
  } cases[] = {
      {{.env = {{"port", "0"}}}, "LUODI_PORT=0: port must be a whole number from 1 to 65535"},
      {{.flags = {{"port", "80x"}}}, "--port 80x: port must be a whole number from 1 to 65535"},
      {{.flags = {{"json_body_limit", "1MB"}}},
       "--json-body-limit 1MB: json_body_limit must be a size: bytes, or a number with KiB, MiB or GiB (e.g. 1MiB)"},
      {{.file = {{"header_limit", "64KiB"}}, .file_name = "luodi.toml"},
       "luodi.toml: header_limit = 64KiB: header_limit must be from 1 KiB to 32 KiB"},
      {{.file = {{"token_lifetime", "forever"}}, .file_name = "l.toml"},
       "l.toml: token_lifetime = forever: token_lifetime must be a duration: seconds, or a number with s, m, h or d "
       "(e.g. 30m)"},
      {{.env = {{"checkin_opens_before", "2d"}}},
       "LUODI_CHECKIN_OPENS_BEFORE=2d: checkin_opens_before must be from 0 seconds to 1 day"},
      {{.flags = {{"host", ""}}}, "--host : host must not be empty"},
      {{.env = {{"trust_forwarded_for", "yes"}}}, "LUODI_TRUST_FORWARDED_FOR=yes: trust_forwarded_for must be true or false"},
      {{.file = {{"json_body_limt", "2KiB"}}, .file_name = "luodi.toml"},
       "luodi.toml: unknown setting \"json_body_limt\" (see luodi serve --help)"},
  };
  for (const auto& c : cases) {
    auto r = resolve_server_config(c.src);
    ASSERT_FALSE(r) << c.message;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidParameter);
    EXPECT_EQ(r.error().message_en, c.message);
  }
}

TEST(ServerConfig, AFlagOverridesABadEnvironmentValue) {
  // Only the value in force is checked: a stale bad variable under a flag is harmless.
  auto c = resolve_server_config({.flags = {{"port", "18000"}}, .env = {{"port", "nope"}}});
  ASSERT_TRUE(c) << c.error().message_en;
  EXPECT_EQ(c->port, 18000);
}

}  // namespace
}  // namespace luodi
