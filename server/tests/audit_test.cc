// The audit trail on both databases: what a write and a login leave behind,
// and that the table refuses to be rewritten however it is asked.
#include <gtest/gtest.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "store/sql.h"
#include "test_db.h"

using namespace luodi;
using Json = nlohmann::json;

namespace {

// A connection of our own, outside the store: what an operator with psql or
// sqlite3 would type.
std::unique_ptr<sql::Connection> raw_connection(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0)
    return std::make_unique<sql::Connection>(
        std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=" + url.substr(7) + " timeout=10"), false);
  return std::make_unique<sql::Connection>(
      std::make_unique<soci::session>(*soci::factory_postgresql(), pg_conninfo_from_url(url)), true);
}

// One row as the audit page shows it, minus the id and time.
Json shown(const AuditEntry& a) {
  auto parse = [](const std::optional<std::string>& s) { return s ? Json::parse(*s) : Json(nullptr); };
  return Json{{"actor_id", a.actor_id ? Json(*a.actor_id) : Json(nullptr)},
              {"actor_employee_id", a.actor_employee_id ? Json(*a.actor_employee_id) : Json(nullptr)},
              {"actor_name", a.actor_name},
              {"action", a.action},
              {"entity", a.entity},
              {"entity_id", a.entity_id},
              {"branch_id", a.branch_id ? Json(*a.branch_id) : Json(nullptr)},
              {"before", parse(a.before_json)},
              {"after", parse(a.after_json)},
              {"ip", a.ip ? Json(*a.ip) : Json(nullptr)},
              {"user_agent", a.user_agent ? Json(*a.user_agent) : Json(nullptr)}};
}

}  // namespace

class AuditTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto_init();
    db_ = test_support::open_fresh(GetParam());
    ASSERT_TRUE(seed_demo(*db_, clock_, "demo1234").ok());
    Status st = db_->read([&](Repo& repo) -> Status {
      tenant_ = repo.tenant_by_code("demo")->id;
      return ok_status();
    });
    ASSERT_TRUE(st.ok());
  }

  // Newest first, as GET /audit lists them.
  std::vector<AuditEntry> entries(AuditQuery q = {}) {
    q.tenant_id = tenant_;
    q.limit = 100;
    std::vector<AuditEntry> out;
    EXPECT_TRUE(db_->read([&](Repo& repo) -> Status {
      out = repo.audit(q);
      return ok_status();
    }).ok());
    return out;
  }

  std::unique_ptr<SociDatabase> db_;
  FakeClock clock_{1'790'000'000};
  Id tenant_ = 0;
};

TEST_P(AuditTest, RecordsActorEmployeeAddressAndAgent) {
  AuthService auth(*db_, clock_);
  Principal p = auth.login("employee", "demo1234")->principal;
  p.meta = RequestMeta{"203.0.113.7", "Mozilla/5.0 (iPhone) MicroMessenger/8.0"};
  ASSERT_TRUE(db_->write([&](Repo& repo) -> Status {
    record_audit(repo, p, clock_.now(), "submit", "submission", 42, p.employee_branch_id, Json{{"status", "draft"}},
                 Json{{"status", "submitted"}, {"chars", 230}});
    return ok_status();
  }).ok());

  auto got = entries();
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got[0].at, clock_.now());
  EXPECT_EQ(shown(got[0]), (Json{{"actor_id", p.user_id},
                                 {"actor_employee_id", *p.employee_id},
                                 {"actor_name", "王小雨"},
                                 {"action", "submit"},
                                 {"entity", "submission"},
                                 {"entity_id", 42},
                                 {"branch_id", *p.employee_branch_id},
                                 {"before", {{"status", "draft"}}},
                                 {"after", {{"status", "submitted"}, {"chars", 230}}},
                                 {"ip", "203.0.113.7"},
                                 {"user_agent", "Mozilla/5.0 (iPhone) MicroMessenger/8.0"}}));
  // Branch HR sees it through the branch filter.
  AuditQuery q;
  q.branch_id = p.employee_branch_id;
  EXPECT_EQ(entries(q).front().id, got[0].id);
}

TEST_P(AuditTest, LoginsFailuresAndLogoutsAreAudited) {
  AuthService auth(*db_, clock_, AuthOptions{3600, 3, 900, 0});
  const RequestMeta from{"198.51.100.9", "curl/8.0"};

  // A wrong password: the login name tried, never the password.
  EXPECT_EQ(auth.login("employee", "hunter2-wrong", from).error().code, ErrorCode::kInvalidCredentials);
  // A login no tenant has: nothing to show any tenant.
  EXPECT_EQ(auth.login("nobody-here", "whatever", from).error().code, ErrorCode::kInvalidCredentials);
  auto ok = auth.login("employee", "demo1234", from);
  ASSERT_TRUE(ok.ok());
  Principal p = ok->principal;
  p.meta = RequestMeta{"198.51.100.10", "Luodi-Mobile/1.0"};
  ASSERT_TRUE(auth.logout(p).ok());

  AuditQuery q;
  q.entity = "user";
  q.entity_id = p.user_id;
  auto got = entries(q);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(shown(got[2]), (Json{{"actor_id", nullptr},
                                 {"actor_employee_id", nullptr},
                                 {"actor_name", "employee"},
                                 {"action", "login_failed"},
                                 {"entity", "user"},
                                 {"entity_id", p.user_id},
                                 {"branch_id", *p.employee_branch_id},
                                 {"before", nullptr},
                                 {"after", {{"login", "employee"}, {"reason", "invalid_credentials"}}},
                                 {"ip", "198.51.100.9"},
                                 {"user_agent", "curl/8.0"}}));
  Json login = shown(got[1]);
  EXPECT_EQ(login["action"], "login");
  EXPECT_EQ(login["actor_id"], p.user_id);
  EXPECT_EQ(login["actor_employee_id"], *p.employee_id);
  EXPECT_EQ(login["ip"], "198.51.100.9");
  EXPECT_EQ(login["branch_id"], *p.employee_branch_id);
  Json logout = shown(got[0]);
  EXPECT_EQ(logout["action"], "logout");
  EXPECT_EQ(logout["ip"], "198.51.100.10");
  EXPECT_EQ(logout["user_agent"], "Luodi-Mobile/1.0");

  for (const auto& a : entries()) {
    EXPECT_EQ(a.before_json.value_or("").find("hunter2"), std::string::npos);
    EXPECT_EQ(a.after_json.value_or("").find("hunter2"), std::string::npos);
    EXPECT_NE(a.actor_name, "nobody-here");
  }

  // A leaver's right password: refused, and audited as such.
  Id manager_id = 0;
  ASSERT_TRUE(db_->write([&](Repo& repo) -> Status {
    auto u = repo.users_by_login("manager").front();
    manager_id = u.id;
    u.active = false;
    repo.update_user(u);
    return ok_status();
  }).ok());
  EXPECT_EQ(auth.login("manager", "demo1234", from).error().name, "account_inactive");
  AuditQuery mq;
  mq.entity = "user";
  mq.entity_id = manager_id;
  auto refused = entries(mq);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].action, "login_failed");
  EXPECT_EQ(Json::parse(*refused[0].after_json), (Json{{"login", "manager"}, {"reason", "account_inactive"}}));

  // The failure that trips the throttle says so; refusals while throttled are not checked, nor audited.
  EXPECT_FALSE(auth.login("employee", "wrong-1", from).ok());
  EXPECT_FALSE(auth.login("employee", "wrong-2", from).ok());
  EXPECT_EQ(auth.login("employee", "wrong-3", from).error().code, ErrorCode::kTooManyAttempts);
  q.action = "login_failed";
  got = entries(q);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(Json::parse(*got[0].after_json).value("locked", false), true);
  EXPECT_EQ(Json::parse(*got[1].after_json).value("locked", false), false);
}

TEST_P(AuditTest, TheTableRefusesUpdateAndDelete) {
  AuthService auth(*db_, clock_);
  ASSERT_TRUE(auth.login("hr", "demo1234").ok());
  auto before = entries();
  ASSERT_FALSE(before.empty());

  auto raw = raw_connection(GetParam());
  const std::string id = std::to_string(before[0].id);
  EXPECT_ANY_THROW(raw->exec("UPDATE audit_log SET action = 'nothing', actor_name = 'nobody' WHERE id = " + id));
  EXPECT_ANY_THROW(raw->exec("UPDATE audit_log SET ip = NULL"));
  EXPECT_ANY_THROW(raw->exec("DELETE FROM audit_log WHERE id = " + id));
  EXPECT_ANY_THROW(raw->exec("DELETE FROM audit_log"));
  if (raw->postgresql()) EXPECT_ANY_THROW(raw->exec("TRUNCATE audit_log"));
  // Appending still works, through the same connection.
  EXPECT_NO_THROW(raw->exec("INSERT INTO audit_log (tenant_id, at, actor_name, action, entity, entity_id) "
                            "VALUES (" + std::to_string(tenant_) + ", 1, 'ops', 'import', 'employee', 1)"));

  auto after = entries();
  ASSERT_EQ(after.size(), before.size() + 1);
  for (size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(after[i + 1].id, before[i].id);
    EXPECT_EQ(shown(after[i + 1]), shown(before[i]));
  }
}

INSTANTIATE_TEST_SUITE_P(Dialects, AuditTest, ::testing::ValuesIn(luodi::test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });
