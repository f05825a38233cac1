// Fresh databases for tests: a temporary SQLite file, and PostgreSQL when
// LUODI_TEST_PG_URL names a server (make test starts one and sets it).
#pragma once
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "store/soci_database.h"

namespace luodi::test_support {

inline std::vector<std::string> test_database_urls() {
  std::vector<std::string> urls;
  static std::mt19937_64 rng(std::random_device{}());
  auto dir = std::filesystem::temp_directory_path() / ("luodi-test-" + std::to_string(rng()));
  std::filesystem::create_directories(dir);
  urls.push_back("sqlite:" + (dir / "t.db").string());
  if (const char* pg = std::getenv("LUODI_TEST_PG_URL"); pg && *pg) urls.push_back(pg);
  return urls;
}

// Opens and migrates; for PostgreSQL, first drops everything so each test starts clean.
inline std::unique_ptr<SociDatabase> open_fresh(const std::string& url) {
  if (url.rfind("postgresql", 0) == 0) {
    soci::session s(*soci::factory_postgresql(), pg_conninfo_from_url(url));
    s << "DROP SCHEMA public CASCADE";
    s << "CREATE SCHEMA public";
  }
  auto db = SociDatabase::open(DatabaseOptions{url, 4});
  if (!db) throw std::runtime_error(db.error().message_en);
  auto m = db.value()->migrate();
  if (!m) throw std::runtime_error(m.error().message_en);
  return std::move(db.value());
}

}  // namespace luodi::test_support
