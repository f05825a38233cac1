// Backup and restore: the content hash, the tar.gz container, and whole
// round trips through real databases (SQLite always, PostgreSQL when
// LUODI_TEST_PG_URL is set), including SQLite → PostgreSQL and back.
#include <gtest/gtest.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/backup.h"
#include "app/blob_store.h"
#include "app/crypto.h"
#include "app/demo_seed.h"
#include "store/sql_backup.h"
#include "store/tar_archive.h"
#include "test_db.h"

using namespace luodi;
using backup::Cell;

namespace {

std::filesystem::path temp_dir(const std::string& what) {
  static int n = 0;
  auto dir = std::filesystem::temp_directory_path() /
             ("luodi-backup-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + "-" + what);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string table_hash(const std::vector<std::string>& columns, const std::vector<std::vector<Cell>>& rows) {
  backup::TableHasher h(columns);
  for (const auto& r : rows) h.add(r);
  return h.hex();
}

// An archive in memory.
struct MemoryArchive : backup::ArchiveWriter, backup::ArchiveReader {
  std::vector<std::pair<std::string, std::string>> entries;
  size_t pos = 0;
  bool finished = false;
  void add(const std::string& name, std::string_view bytes) override { entries.emplace_back(name, std::string(bytes)); }
  void finish() override { finished = true; }
  bool next(std::string& name, std::string& bytes) override {
    if (pos >= entries.size()) return false;
    name = entries[pos].first;
    bytes = entries[pos].second;
    ++pos;
    return true;
  }
};

}  // namespace

// ---------------------------------------------------------------- content hash

TEST(BackupHash, IndependentOfRowOrderAndColumnOrderButNotOfTypesOrValues) {
  const std::vector<std::vector<Cell>> rows = {{1LL, std::string("甲"), 0.5}, {2LL, std::string("乙"), Cell{}}};
  const std::string h = table_hash({"id", "name", "score"}, rows);
  EXPECT_EQ(h.size(), 64u);
  // Rows in another order: same hash (the engines sort text differently).
  EXPECT_EQ(table_hash({"id", "name", "score"}, {rows[1], rows[0]}), h);
  // Columns in another order, cells moved with them: same hash.
  EXPECT_EQ(table_hash({"score", "id", "name"}, {{0.5, 1LL, std::string("甲")}, {Cell{}, 2LL, std::string("乙")}}), h);
  // Anything else differs: an integer that was a double, text that was a number, null vs "", a bit of a double,
  // a missing row, a duplicated row, another column name.
  EXPECT_NE(table_hash({"id", "name", "score"}, {{1LL, std::string("甲"), 1LL}, rows[1]}),
            table_hash({"id", "name", "score"}, {{1LL, std::string("甲"), 1.0}, rows[1]}));
  EXPECT_NE(table_hash({"id", "name", "score"}, {{std::string("1"), std::string("甲"), 0.5}, rows[1]}), h);
  EXPECT_NE(table_hash({"id", "name", "score"}, {rows[0], {2LL, std::string("乙"), std::string("")}}), h);
  EXPECT_NE(table_hash({"id", "name", "score"}, {{1LL, std::string("甲"), std::nextafter(0.5, 1.0)}, rows[1]}), h);
  EXPECT_NE(table_hash({"id", "name", "score"}, {rows[0]}), h);
  EXPECT_NE(table_hash({"id", "name", "score"}, {rows[0], rows[1], rows[1]}), h);
  EXPECT_NE(table_hash({"id", "title", "score"}, rows), h);
  // Empty tables differ by their columns only.
  EXPECT_EQ(table_hash({"a", "b"}, {}), table_hash({"b", "a"}, {}));
}

TEST(BackupHash, BlobColumnsAreNamedSha256) {
  EXPECT_TRUE(backup::is_blob_column("sha256"));
  EXPECT_TRUE(backup::is_blob_column("thumbnail_sha256"));
  EXPECT_FALSE(backup::is_blob_column("request_hash"));
  EXPECT_FALSE(backup::is_blob_column("_sha256x"));
  EXPECT_FALSE(backup::is_blob_column("token_hash"));
}

TEST(BackupManifest, JsonRoundTripAndRefusals) {
  backup::Manifest m;
  m.luodi_version = "1.2.3";
  m.created_at = "2026-01-02T03:04:05Z";
  m.dialect = "sqlite";
  m.schema_version = 8;
  m.tables.push_back(backup::TableManifest{"tenants", {"id", "code"}, 2, std::string(64, 'a')});
  m.sequences["tenants"] = 5;
  m.blobs.push_back(backup::BlobManifest{std::string(64, 'b'), 10});
  auto back = backup::manifest_from_json(backup::manifest_to_json(m, true));
  ASSERT_TRUE(back.ok()) << back.error().message_en;
  EXPECT_EQ(backup::manifest_to_json(*back, true), backup::manifest_to_json(m, true));
  EXPECT_FALSE(backup::manifest_from_json("{}").ok());
  EXPECT_FALSE(backup::manifest_from_json("not json").ok());
  std::string newer = backup::manifest_to_json(m, true);
  newer.replace(newer.find("\"format_version\": 1"), 19, "\"format_version\": 2");
  auto refused = backup::manifest_from_json(newer);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message_en.find("format version 2"), std::string::npos) << refused.error().message_en;
}

// ---------------------------------------------------------------- tar.gz

TEST(TarArchive, EntriesComeBackInOrderAndByteForByte) {
  auto dir = temp_dir("tar");
  const std::string path = (dir / "a.tar.gz").string();
  std::string binary(70000, '\0');
  for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 131 % 256);
  const std::string long_name = "tables/" + std::string(120, 'x') + "/000001.jsonl";
  {
    TarGzWriter w(path, 1'790'000'000);
    w.add("luodi-backup.json", "{\"a\":1}\n");
    w.add("empty", "");
    w.add("blobs/ab/cdef", binary);
    w.add(long_name, "[1,\"二\"]\n");
    w.add("exactly-512", std::string(512, 'z'));
    EXPECT_FALSE(std::filesystem::exists(path)) << "the final name appears only when the archive is whole";
    w.finish();
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::others_read, std::filesystem::perms::none);
  TarGzReader r(path);
  std::string name, bytes;
  std::vector<std::pair<std::string, std::string>> got;
  while (r.next(name, bytes)) got.emplace_back(name, bytes);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], (std::pair<std::string, std::string>{"luodi-backup.json", "{\"a\":1}\n"}));
  EXPECT_EQ(got[1].second, "");
  EXPECT_EQ(got[2].first, "blobs/ab/cdef");
  EXPECT_TRUE(got[2].second == binary);
  EXPECT_EQ(got[3].first, long_name);
  EXPECT_EQ(got[4].second, std::string(512, 'z'));

  // Cut short: reading fails loudly instead of ending quietly.
  const auto size = std::filesystem::file_size(path);
  std::filesystem::copy_file(path, dir / "cut.tar.gz");
  std::filesystem::resize_file(dir / "cut.tar.gz", size / 2);
  TarGzReader cut((dir / "cut.tar.gz").string());
  EXPECT_THROW(
      {
        while (cut.next(name, bytes)) {
        }
      },
      std::runtime_error);

  // A writer dropped before finish() leaves nothing behind.
  { TarGzWriter w((dir / "dropped.tar.gz").string(), 0); w.add("x", "y"); }
  EXPECT_FALSE(std::filesystem::exists(dir / "dropped.tar.gz"));
  EXPECT_FALSE(std::filesystem::exists(dir / "dropped.tar.gz.partial"));
  std::filesystem::remove_all(dir);
}

// ---------------------------------------------------------------- round trips through databases

namespace {

// A database with no tables at all (nothing migrated).
std::unique_ptr<SociDatabase> open_empty(const std::string& url) {
  if (url.rfind("postgresql", 0) == 0) {
    soci::session s(*soci::factory_postgresql(), pg_conninfo_from_url(url));
    s << "SET client_min_messages TO WARNING";
    s << "DROP SCHEMA public CASCADE";
    s << "CREATE SCHEMA public";
  }
  auto db = SociDatabase::open(DatabaseOptions{url, 2});
  if (!db) throw std::runtime_error(db.error().message_en);
  return std::move(db.value());
}

std::string sqlite_url(const std::filesystem::path& dir, const std::string& name) { return "sqlite:" + (dir / name).string(); }

backup::Manifest manifest_of(SociDatabase& db, BlobStore& blobs) {
  auto reader = make_snapshot_reader(db);
  auto m = backup::run_backup(*reader, blobs, nullptr, backup::BackupOptions{"test", "2026-01-01T00:00:00Z"});
  if (!m) throw std::runtime_error(m.error().message_en);
  return std::move(*m);
}

// The parts of a manifest that describe content (not where or when it was made).
std::string content_of(const backup::Manifest& m) {
  std::string out;
  for (const auto& t : m.tables) out += t.name + " " + std::to_string(t.rows) + " " + t.sha256 + "\n";
  for (const auto& b : m.blobs) out += b.sha256 + " " + std::to_string(b.size) + "\n";
  return out;
}

}  // namespace

class BackupRoundTrip : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto_init();
    dir_ = temp_dir("db");
    source_ = test_support::open_fresh(GetParam());
    blobs_dir_ = dir_ / "source-data" / "blobs";
    std::filesystem::create_directories(blobs_dir_);
    DiskBlobStore blobs(blobs_dir_.string());
    auto seeded = seed_demo(*source_, clock_, "demo1234");
    ASSERT_TRUE(seeded.ok()) << seeded.error().message_en;
    // A file with a thumbnail, and a number with all of a double's digits.
    const std::string photo = "\x89PNG pretend photo bytes 笔记";
    const std::string thumb = "thumbnail bytes";
    ASSERT_FALSE(blobs.put(photo).empty());
    ASSERT_FALSE(blobs.put(thumb).empty());
    ASSERT_FALSE(blobs.put("an orphan: written, never referenced").empty());
    Status st = source_->write([&](Repo& repo) -> Status {
      auto t = repo.tenant_by_code("demo");
      const auto users = repo.users_by_login("employee");
      StoredFile f;
      f.tenant_id = t->id;
      f.owner_user_id = users.at(0).id;
      f.name = "笔记.png";
      f.content_type = "image/png";
      f.size = static_cast<std::int64_t>(photo.size());
      f.sha256 = sha256_hex(photo);
      f.thumbnail_sha256 = sha256_hex(thumb);
      f.created_at = clock_.now();
      repo.insert_file(f);
      auto cycle = repo.cycle(t->id, 1);
      EXPECT_TRUE(cycle.has_value());
      const auto employee = repo.employee(t->id, *users.at(0).employee_id);
      repo.put_bonus_base(t->id, cycle->id, employee->department_id, 1.0 / 3.0, users.at(0).id, clock_.now());
      return ok_status();
    });
    ASSERT_TRUE(st.ok()) << st.error().message_en;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Restores `archive` into `target_url`, checks the target reads back to the same content and hands out fresh ids.
  void restore_and_compare(const std::string& archive, const std::string& target_url, const backup::Manifest& expected) {
    SCOPED_TRACE("restore into " + target_url.substr(0, target_url.find(':')));
    auto target = open_empty(target_url);
    const auto data = dir_ / ("restored-data-" + std::to_string(++restores_));
    DiskBlobStore blobs((data / "blobs").string());
    TarGzReader in(archive);
    auto loader = make_restore_target(*target);
    std::vector<std::string> progress;
    auto restored = backup::run_restore(in, *loader, blobs, [&](const std::string& l) { progress.push_back(l); });
    ASSERT_TRUE(restored.ok()) << restored.error().message_en;
    EXPECT_FALSE(progress.empty());
    EXPECT_EQ(content_of(manifest_of(*target, blobs)), content_of(expected));
    // Only referenced files travel.
    EXPECT_EQ(expected.blobs.size(), 2u);

    Status st = target->write([&](Repo& repo) -> Status {
      // Generated ids continue after the restored ones (PostgreSQL would clash on 1 otherwise).
      Id id = repo.insert_tenant(Tenant{0, "after-restore", "恢复后新建", "Asia/Shanghai"});
      EXPECT_GT(id, repo.tenant_by_code("demo")->id);
      auto t = repo.tenant_by_code("demo");
      auto e = repo.employee(t->id, *repo.users_by_login("employee").at(0).employee_id);
      EXPECT_EQ(e->name, "王小雨");
      auto bases = repo.bonus_bases(t->id, 1);
      EXPECT_EQ(bases.size(), 1u);
      if (!bases.empty()) EXPECT_EQ(bases[0].second, 1.0 / 3.0) << "a double lost digits on the way";
      return ok_status();
    });
    EXPECT_TRUE(st.ok()) << st.error().message_en;

    // Into a database that now has rows: refused, nothing changed.
    TarGzReader again(archive);
    auto loader2 = make_restore_target(*target);
    auto refused = backup::run_restore(again, *loader2, blobs);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(refused.error().name, "database_not_empty");
    EXPECT_NE(refused.error().message_en.find("not empty"), std::string::npos);
    const auto after = manifest_of(*target, blobs);
    EXPECT_EQ(after.total_rows(), expected.total_rows() + 1);
  }

  FakeClock clock_{1'790'000'000};
  std::filesystem::path dir_, blobs_dir_;
  std::unique_ptr<SociDatabase> source_;
  int restores_ = 0;
};

TEST_P(BackupRoundTrip, RestoresIdenticallyIntoBothEngines) {
  DiskBlobStore blobs(blobs_dir_.string());
  const std::string archive = (dir_ / "b.tar.gz").string();
  backup::Manifest written;
  {
    auto reader = make_snapshot_reader(*source_);
    TarGzWriter out(archive, clock_.now());
    auto m = backup::run_backup(*reader, blobs, &out, backup::BackupOptions{"test", format_rfc3339(clock_.now())});
    ASSERT_TRUE(m.ok()) << m.error().message_en;
    written = std::move(*m);
  }
  EXPECT_EQ(written.dialect, source_->dialect());
  EXPECT_GE(written.schema_version, 8);
  EXPECT_GT(written.total_rows(), 100);
  // The archive's manifest is the live database's.
  EXPECT_EQ(content_of(written), content_of(manifest_of(*source_, blobs)));
  // Parents come before children.
  auto pos = [&](const std::string& n) {
    for (size_t i = 0; i < written.tables.size(); ++i)
      if (written.tables[i].name == n) return i;
    return written.tables.size();
  };
  EXPECT_LT(pos("tenants"), pos("branches"));
  EXPECT_LT(pos("employees"), pos("users"));
  EXPECT_LT(pos("trainings"), pos("submissions"));
  EXPECT_EQ(pos("schema_migrations"), written.tables.size()) << "migration bookkeeping is not data";
  {
    TarGzReader in(archive);
    auto verified = backup::verify_archive(in);
    ASSERT_TRUE(verified.ok()) << verified.error().message_en;
    EXPECT_EQ(content_of(*verified), content_of(written));
  }

  // Pointed at the wrong data directory, a backup fails instead of leaving the photos out.
  {
    DiskBlobStore elsewhere((dir_ / "wrong-data-dir" / "blobs").string());
    auto reader = make_snapshot_reader(*source_);
    auto m = backup::run_backup(*reader, elsewhere, nullptr, backup::BackupOptions{"test", "2026-01-01T00:00:00Z"});
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message_en.find("--data-dir"), std::string::npos) << m.error().message_en;
  }

  // Same engine, and across: SQLite always; PostgreSQL when there is one.
  restore_and_compare(archive, sqlite_url(dir_, "restored.db"), written);
  if (source_->dialect() == "sqlite") {
    if (const char* pg = std::getenv("LUODI_TEST_PG_URL"); pg && *pg) restore_and_compare(archive, pg, written);
  } else {
    restore_and_compare(archive, GetParam(), written);  // the source is dropped and refilled from the archive
  }
}

TEST_P(BackupRoundTrip, DamagedArchivesAreRefusedAndLeaveTheTargetEmpty) {
  DiskBlobStore blobs(blobs_dir_.string());
  MemoryArchive good;
  {
    auto reader = make_snapshot_reader(*source_);
    auto m = backup::run_backup(*reader, blobs, &good, backup::BackupOptions{"test", "2026-01-01T00:00:00Z"});
    ASSERT_TRUE(m.ok()) << m.error().message_en;
    EXPECT_TRUE(good.finished);
  }
  ASSERT_GE(good.entries.size(), 4u);
  EXPECT_EQ(good.entries.front().first, "luodi-backup.json");
  EXPECT_EQ(good.entries.back().first, "manifest.json");

  auto check_refused = [&](MemoryArchive damaged, const std::string& expect) {
    SCOPED_TRACE(expect);
    damaged.pos = 0;
    auto v = backup::verify_archive(damaged);
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message_en.find(expect), std::string::npos) << v.error().message_en;
    damaged.pos = 0;
    auto target = open_empty(sqlite_url(dir_, "damaged-" + std::to_string(++restores_) + ".db"));
    DiskBlobStore restored_blobs((dir_ / "damaged-data" / "blobs").string());
    auto loader = make_restore_target(*target);
    auto r = backup::run_restore(damaged, *loader, restored_blobs);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(manifest_of(*target, restored_blobs).total_rows(), 0) << "a refused restore left rows behind";
  };

  // One employee's name changed inside a row chunk.
  MemoryArchive edited = good;
  for (auto& [name, bytes] : edited.entries)
    if (name.rfind("tables/employees/", 0) == 0) bytes.replace(bytes.find("王小雨"), std::string("王小雨").size(), "王大雨");
  check_refused(edited, "employees");

  // A row chunk lost.
  MemoryArchive dropped = good;
  for (size_t i = 0; i < dropped.entries.size(); ++i)
    if (dropped.entries[i].first.rfind("tables/users/", 0) == 0) {
      dropped.entries.erase(dropped.entries.begin() + static_cast<long>(i));
      break;
    }
  check_refused(dropped, "users");

  // A file's bytes changed.
  MemoryArchive bad_blob = good;
  for (auto& [name, bytes] : bad_blob.entries)
    if (name.rfind("blobs/", 0) == 0) {
      bytes[0] ^= 1;
      break;
    }
  check_refused(bad_blob, "does not match its hash");

  // Cut before the manifest.
  MemoryArchive truncated = good;
  truncated.entries.pop_back();
  check_refused(truncated, "truncated");
}

INSTANTIATE_TEST_SUITE_P(Dialects, BackupRoundTrip, ::testing::ValuesIn(test_support::test_database_urls()),
                         [](const auto& info) { return info.param.rfind("sqlite", 0) == 0 ? std::string("sqlite") : std::string("postgresql"); });

TEST(BackupUpgrade, AnOlderBackupIsRestoredAtItsVersionThenMigratedForward) {
  crypto_init();
  auto dir = temp_dir("upgrade");
  // A database made by an older luodi: schema version 7, one tenant.
  auto old_db = SociDatabase::open(DatabaseOptions{sqlite_url(dir, "old.db"), 2});
  ASSERT_TRUE(old_db.ok());
  ASSERT_TRUE((*old_db)->migrate(7).ok());
  Status st = (*old_db)->write([](Repo& repo) -> Status {
    repo.insert_tenant(Tenant{0, "old", "旧版本公司", "Asia/Shanghai"});
    return ok_status();
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  DiskBlobStore blobs((dir / "blobs").string());
  MemoryArchive archive;
  {
    auto reader = make_snapshot_reader(**old_db);
    auto m = backup::run_backup(*reader, blobs, &archive, backup::BackupOptions{"old", "2026-01-01T00:00:00Z"});
    ASSERT_TRUE(m.ok()) << m.error().message_en;
    EXPECT_EQ(m->schema_version, 7);
    for (const auto& t : m->tables) EXPECT_NE(t.name, "performance_scores") << "a version 8 table in a version 7 backup";
  }
  auto target = open_empty(sqlite_url(dir, "new.db"));
  auto loader = make_restore_target(*target);
  auto restored = backup::run_restore(archive, *loader, blobs);
  ASSERT_TRUE(restored.ok()) << restored.error().message_en;
  const auto now = manifest_of(*target, blobs);
  EXPECT_GE(now.schema_version, 8) << "newer migrations ran after the load";
  bool has_scores = false;
  for (const auto& t : now.tables) has_scores = has_scores || t.name == "performance_scores";
  EXPECT_TRUE(has_scores);
  EXPECT_EQ(now.total_rows(), 1);
  // And a backup from a newer luodi than this one is refused before anything is touched.
  MemoryArchive future = archive;
  future.pos = 0;
  for (auto& [name, bytes] : future.entries)
    if (name == "luodi-backup.json" || name == "manifest.json")
      bytes.replace(bytes.find("\"schema_version\": 7"), 19, "\"schema_version\": 9999");
  auto later = open_empty(sqlite_url(dir, "later.db"));
  auto loader2 = make_restore_target(*later);
  auto refused = backup::run_restore(future, *loader2, blobs);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message_en.find("newer than this luodi"), std::string::npos) << refused.error().message_en;
  std::filesystem::remove_all(dir);
}
