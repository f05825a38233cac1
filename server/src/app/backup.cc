#include "app/backup.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <optional>
#include <set>

#include "app/blob_store.h"
#include "app/crypto.h"
#include "core/encoding.h"

namespace luodi::backup {

using Json = nlohmann::json;

namespace {

constexpr const char* kFormat = "luodi-backup";
constexpr const char* kHeaderEntry = "luodi-backup.json";
constexpr const char* kManifestEntry = "manifest.json";
constexpr long long kProgressEvery = 100000;

Error archive_error(const std::string& en) {
  return Error::make(ErrorCode::kInvalidParameter, "备份文件无效: " + en, "Not a usable backup archive: " + en);
}

Error mismatch(const std::string& en) {
  return Error::make(ErrorCode::kInternal, "备份校验失败: " + en, "Backup check failed: " + en);
}

bool is_sha256_hex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::string blob_entry(const std::string& sha) { return "blobs/" + sha.substr(0, 2) + "/" + sha.substr(2); }

std::string table_entry(const std::string& table, int chunk) {
  char n[16];
  std::snprintf(n, sizeof n, "%06d", chunk);
  return "tables/" + table + "/" + n + ".jsonl";
}

std::string hex_of(const unsigned char* p, size_t n) {
  static const char* d = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(d[p[i] >> 4]);
    out.push_back(d[p[i] & 15]);
  }
  return out;
}

std::string hex_encode(std::string_view s) { return hex_of(reinterpret_cast<const unsigned char*>(s.data()), s.size()); }

std::optional<std::string> hex_decode(const std::string& h) {
  if (h.size() % 2) return std::nullopt;
  std::string out;
  out.reserve(h.size() / 2);
  auto v = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < h.size(); i += 2) {
    int a = v(h[i]), b = v(h[i + 1]);
    if (a < 0 || b < 0) return std::nullopt;
    out.push_back(static_cast<char>(a * 16 + b));
  }
  return out;
}

// One row as a JSON array. Text that is not UTF-8 and doubles JSON cannot
// spell are wrapped in objects so nothing is lost.
Json encode_row(const std::vector<Cell>& row) {
  Json a = Json::array();
  for (const Cell& c : row) {
    if (std::holds_alternative<std::monostate>(c)) a.push_back(nullptr);
    else if (auto i = std::get_if<long long>(&c)) a.push_back(*i);
    else if (auto d = std::get_if<double>(&c)) {
      if (std::isfinite(*d)) a.push_back(*d);
      else a.push_back(Json{{"double", std::isnan(*d) ? "nan" : (*d > 0 ? "inf" : "-inf")}});
    } else {
      const std::string& s = std::get<std::string>(c);
      if (is_valid_utf8(s)) a.push_back(s);
      else a.push_back(Json{{"hex", hex_encode(s)}});
    }
  }
  return a;
}

std::optional<std::vector<Cell>> decode_row(const Json& a) {
  if (!a.is_array()) return std::nullopt;
  std::vector<Cell> row;
  row.reserve(a.size());
  for (const Json& v : a) {
    if (v.is_null()) row.emplace_back(std::monostate{});
    else if (v.is_number_integer()) row.emplace_back(v.get<long long>());
    else if (v.is_number_float()) row.emplace_back(v.get<double>());
    else if (v.is_string()) row.emplace_back(v.get<std::string>());
    else if (v.is_object() && v.contains("hex") && v["hex"].is_string()) {
      auto bytes = hex_decode(v["hex"].get<std::string>());
      if (!bytes) return std::nullopt;
      row.emplace_back(std::move(*bytes));
    } else if (v.is_object() && v.contains("double") && v["double"].is_string()) {
      const std::string k = v["double"].get<std::string>();
      row.emplace_back(k == "nan" ? NAN : (k == "inf" ? INFINITY : -INFINITY));
    } else {
      return std::nullopt;
    }
  }
  return row;
}

std::string human_bytes(long long n) {
  char buf[32];
  if (n < 1024) std::snprintf(buf, sizeof buf, "%lld B", n);
  else if (n < 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", n / 1024.0);
  else std::snprintf(buf, sizeof buf, "%.1f MiB", n / (1024.0 * 1024.0));
  return buf;
}

void say(const Progress& progress, const std::string& line) {
  if (progress) progress(line);
}

}  // namespace

// ------------------------------------------------------------------ manifest

long long Manifest::total_rows() const {
  long long n = 0;
  for (const auto& t : tables) n += t.rows;
  return n;
}

long long Manifest::total_blob_bytes() const {
  long long n = 0;
  for (const auto& b : blobs) n += b.size;
  return n;
}

std::string manifest_to_json(const Manifest& m, bool with_contents) {
  using Ordered = nlohmann::ordered_json;  // keys in reading order, not alphabetical
  Ordered j{{"format", kFormat},         {"format_version", m.format_version}, {"luodi_version", m.luodi_version},
            {"created_at", m.created_at}, {"dialect", m.dialect},               {"schema_version", m.schema_version}};
  Ordered tables = Ordered::array();
  for (const auto& t : m.tables) {
    Ordered tj{{"name", t.name}, {"columns", t.columns}};
    if (with_contents) {
      tj["rows"] = t.rows;
      tj["sha256"] = t.sha256;
    }
    tables.push_back(std::move(tj));
  }
  j["tables"] = std::move(tables);
  j["sequences"] = m.sequences;
  if (with_contents) {
    Ordered blobs = Ordered::array();
    for (const auto& b : m.blobs) blobs.push_back(Ordered{{"sha256", b.sha256}, {"size", b.size}});
    j["blobs"] = std::move(blobs);
    j["totals"] = Ordered{{"tables", m.tables.size()}, {"rows", m.total_rows()}, {"blobs", m.blobs.size()},
                          {"blob_bytes", m.total_blob_bytes()}};
  }
  return j.dump(2) + "\n";
}

Result<Manifest> manifest_from_json(std::string_view text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return archive_error("manifest is not JSON");
  if (j.value("format", "") != kFormat) return archive_error("not a Luodi backup");
  Manifest m;
  try {
    m.format_version = j.at("format_version").get<int>();
    if (m.format_version != 1)
      return archive_error("format version " + std::to_string(m.format_version) + " is newer than this luodi reads (1)");
    m.luodi_version = j.value("luodi_version", "");
    m.created_at = j.value("created_at", "");
    m.dialect = j.at("dialect").get<std::string>();
    m.schema_version = j.at("schema_version").get<int>();
    std::set<std::string> names;
    for (const Json& t : j.at("tables")) {
      TableManifest tm;
      tm.name = t.at("name").get<std::string>();
      tm.columns = t.at("columns").get<std::vector<std::string>>();
      tm.rows = t.value("rows", 0LL);
      tm.sha256 = t.value("sha256", "");
      if (tm.name.empty() || tm.name.find('/') != std::string::npos || !names.insert(tm.name).second || tm.columns.empty())
        return archive_error("bad table entry " + tm.name);
      m.tables.push_back(std::move(tm));
    }
    if (j.contains("sequences")) m.sequences = j.at("sequences").get<std::map<std::string, long long>>();
    if (j.contains("blobs"))
      for (const Json& b : j.at("blobs")) {
        BlobManifest bm{b.at("sha256").get<std::string>(), b.at("size").get<long long>()};
        if (!is_sha256_hex(bm.sha256)) return archive_error("bad blob entry " + bm.sha256);
        m.blobs.push_back(std::move(bm));
      }
  } catch (const std::exception& e) {
    return archive_error(std::string("manifest field: ") + e.what());
  }
  return m;
}

// ------------------------------------------------------------------ hashing

TableHasher::TableHasher(const std::vector<std::string>& columns) : order_(columns.size()) {
  std::iota(order_.begin(), order_.end(), 0);
  std::sort(order_.begin(), order_.end(), [&](size_t a, size_t b) { return columns[a] < columns[b]; });
  for (size_t i : order_) sorted_names_.push_back(columns[i]);
}

void TableHasher::add(const std::vector<Cell>& row) {
  buf_.clear();
  auto put64 = [&](std::uint64_t v) {
    for (int s = 56; s >= 0; s -= 8) buf_.push_back(static_cast<char>((v >> s) & 0xff));
  };
  for (size_t i : order_) {
    const Cell& c = i < row.size() ? row[i] : Cell{};
    if (std::holds_alternative<std::monostate>(c)) {
      buf_.push_back('N');
    } else if (auto v = std::get_if<long long>(&c)) {
      buf_.push_back('I');
      put64(static_cast<std::uint64_t>(*v));
    } else if (auto d = std::get_if<double>(&c)) {
      buf_.push_back('F');
      std::uint64_t bits;
      std::memcpy(&bits, d, sizeof bits);
      put64(bits);
    } else {
      const std::string& s = std::get<std::string>(c);
      buf_.push_back('T');
      put64(s.size());
      buf_.append(s);
    }
  }
  const std::string digest = sha256_bytes(buf_);
  unsigned carry = 0;
  for (int k = 31; k >= 0; --k) {
    unsigned v = sum_[k] + static_cast<unsigned char>(digest[static_cast<size_t>(k)]) + carry;
    sum_[k] = static_cast<unsigned char>(v & 0xff);
    carry = v >> 8;
  }
  ++rows_;
}

std::string TableHasher::hex() const {
  std::string text = "luodi-table-v1\n";
  for (const auto& n : sorted_names_) text += n + "\n";
  text += std::to_string(rows_) + "\n" + hex_of(sum_, sizeof sum_);
  return sha256_hex(text);
}

bool is_blob_column(const std::string& column) {
  static const std::string suffix = "_sha256";
  return column == "sha256" ||
         (column.size() > suffix.size() && column.compare(column.size() - suffix.size(), suffix.size(), suffix) == 0);
}

// ------------------------------------------------------------------ backup

Result<Manifest> run_backup(SnapshotReader& source, BlobStore& blobs, ArchiveWriter* out, const BackupOptions& options,
                            const Progress& progress) {
  Manifest m;
  m.luodi_version = options.luodi_version;
  m.created_at = options.created_at;
  m.dialect = source.dialect();
  std::set<std::string> blob_refs;
  bool open = false;
  try {
    source.open();
    open = true;
    m.schema_version = source.schema_version();
    const std::vector<TableSchema> tables = source.tables();
    m.sequences = source.sequences();
    for (const auto& t : tables) m.tables.push_back(TableManifest{t.name, t.columns, 0, {}});
    if (out) out->add(kHeaderEntry, manifest_to_json(m, false));
    long long rows_done = 0;
    for (size_t ti = 0; ti < tables.size(); ++ti) {
      const TableSchema& t = tables[ti];
      std::vector<size_t> blob_cols;
      for (size_t c = 0; c < t.columns.size(); ++c)
        if (is_blob_column(t.columns[c])) blob_cols.push_back(c);
      TableHasher hasher(t.columns);
      std::string chunk;
      int chunk_no = 0;
      auto flush = [&] {
        if (!out || chunk.empty()) return;
        out->add(table_entry(t.name, ++chunk_no), chunk);
        chunk.clear();
      };
      source.each_row(t, [&](std::vector<Cell>&& row) {
        hasher.add(row);
        for (size_t c : blob_cols)
          if (auto s = std::get_if<std::string>(&row[c]); s && is_sha256_hex(*s)) blob_refs.insert(*s);
        if (out) {
          chunk += encode_row(row).dump();
          chunk.push_back('\n');
          if (chunk.size() >= options.chunk_bytes) flush();
        }
        if (++rows_done % kProgressEvery == 0)
          say(progress, "backup: " + t.name + ": " + std::to_string(hasher.rows()) + " rows so far (" +
                            std::to_string(rows_done) + " in all)");
      });
      flush();
      m.tables[ti].rows = hasher.rows();
      m.tables[ti].sha256 = hasher.hex();
      say(progress, "backup: table " + std::to_string(ti + 1) + "/" + std::to_string(tables.size()) + " " + t.name + ": " +
                        std::to_string(hasher.rows()) + " rows");
    }
    open = false;
    source.close();  // blobs are immutable: the snapshot is not needed for them

    std::vector<std::string> missing;
    size_t done = 0;
    for (const std::string& sha : blob_refs) {
      auto bytes = blobs.get(sha);
      if (!bytes) {
        missing.push_back(sha);
        continue;
      }
      if (sha256_hex(*bytes) != sha)
        return mismatch("the stored file " + sha + " does not match its hash (damaged on disk)");
      if (out) out->add(blob_entry(sha), *bytes);
      m.blobs.push_back(BlobManifest{sha, static_cast<long long>(bytes->size())});
      if (++done % 500 == 0 || done == blob_refs.size())
        say(progress, "backup: files " + std::to_string(done) + "/" + std::to_string(blob_refs.size()) + " (" +
                          human_bytes(m.total_blob_bytes()) + ")");
    }
    if (!missing.empty())
      return Error::make(ErrorCode::kNotFound,
                         std::to_string(missing.size()) + " 个上传文件在数据目录中不存在（首个: " + missing[0] +
                             "），请检查 --data-dir",
                         std::to_string(missing.size()) + " uploaded file(s) the database refers to are missing from the " +
                             "data directory (first: " + missing[0] + "); is --data-dir right?");
    if (out) {
      out->add(kManifestEntry, manifest_to_json(m, true));
      out->finish();
    }
    return m;
  } catch (const std::exception& e) {
    if (open) {
      try {
        source.close();
      } catch (...) {
      }
    }
    return Error::internal(std::string("backup failed: ") + e.what());
  }
}

// ------------------------------------------------------------------ reading archives

namespace {

// Walks an archive in order, recomputing what the manifest claims. The
// callbacks see the header, every row and every blob; the return value is
// the archive's manifest once everything matched.
struct ArchiveWalk {
  std::function<Status(const Manifest& header)> on_header;
  std::function<void(const TableManifest& t, std::vector<Cell>&& row)> on_row;
  std::function<Status(const std::string& sha, const std::string& bytes)> on_blob;
  std::function<void(size_t index, const TableManifest& t, long long rows)> on_table_done;
  Progress progress;

  Result<Manifest> run(ArchiveReader& in) {
    std::string name, bytes;
    if (!in.next(name, bytes) || name != kHeaderEntry) return archive_error("it does not start with " + std::string(kHeaderEntry));
    auto header = manifest_from_json(bytes);
    if (!header) return std::move(header).error();
    if (on_header)
      if (auto st = on_header(*header); !st) return std::move(st).error();
    std::map<std::string, size_t> index;
    std::vector<TableHasher> hashers;
    for (size_t i = 0; i < header->tables.size(); ++i) {
      index[header->tables[i].name] = i;
      hashers.emplace_back(header->tables[i].columns);
    }
    std::map<std::string, long long> blob_sizes;
    std::optional<size_t> current;  // table whose chunks are arriving
    std::set<size_t> finished;
    auto finish_table = [&] {
      if (!current) return;
      finished.insert(*current);
      if (on_table_done) on_table_done(*current, header->tables[*current], hashers[*current].rows());
      current.reset();
    };
    long long rows_done = 0;
    std::optional<Manifest> manifest;
    while (in.next(name, bytes)) {
      if (manifest) return archive_error("entries after " + std::string(kManifestEntry));
      if (name.rfind("tables/", 0) == 0) {
        const size_t slash = name.find('/', 7);
        const std::string table = slash == std::string::npos ? "" : name.substr(7, slash - 7);
        auto it = index.find(table);
        if (it == index.end()) return archive_error("rows of a table the header does not list: " + name);
        if (current != it->second) {
          finish_table();
          if (finished.count(it->second)) return archive_error("rows of " + table + " are not together");
          current = it->second;
        }
        const TableManifest& t = header->tables[it->second];
        size_t pos = 0;
        while (pos < bytes.size()) {
          size_t nl = bytes.find('\n', pos);
          if (nl == std::string::npos) nl = bytes.size();
          if (nl > pos) {
            Json j = Json::parse(std::string_view(bytes).substr(pos, nl - pos), nullptr, false);
            auto row = j.is_discarded() ? std::nullopt : decode_row(j);
            if (!row || row->size() != t.columns.size()) return archive_error("a damaged row in " + name);
            hashers[it->second].add(*row);
            if (on_row) on_row(t, std::move(*row));
            if (++rows_done % kProgressEvery == 0 && progress)
              progress("restore: " + t.name + ": " + std::to_string(hashers[it->second].rows()) + " rows so far (" +
                       std::to_string(rows_done) + " in all)");
          }
          pos = nl + 1;
        }
      } else if (name.rfind("blobs/", 0) == 0) {
        finish_table();
        const std::string sha = name.size() == 6 + 2 + 1 + 62 ? name.substr(6, 2) + name.substr(9) : "";
        if (!is_sha256_hex(sha) || name != blob_entry(sha)) return archive_error("a strange file entry: " + name);
        if (sha256_hex(bytes) != sha) return mismatch("file " + sha + " in the archive does not match its hash");
        if (on_blob)
          if (auto st = on_blob(sha, bytes); !st) return std::move(st).error();
        blob_sizes[sha] = static_cast<long long>(bytes.size());
      } else if (name == kManifestEntry) {
        finish_table();
        auto m = manifest_from_json(bytes);
        if (!m) return std::move(m).error();
        manifest = std::move(*m);
      } else {
        return archive_error("an unexpected entry: " + name);
      }
    }
    if (!manifest) return archive_error("it ends before " + std::string(kManifestEntry) + " (truncated?)");
    // The manifest must describe the header's tables and what was read.
    if (manifest->tables.size() != header->tables.size() || manifest->schema_version != header->schema_version ||
        manifest->dialect != header->dialect)
      return archive_error("manifest and header disagree");
    for (size_t i = 0; i < manifest->tables.size(); ++i) {
      const TableManifest& t = manifest->tables[i];
      if (t.name != header->tables[i].name || t.columns != header->tables[i].columns)
        return archive_error("manifest and header disagree on table " + t.name);
      if (hashers[i].rows() != t.rows)
        return mismatch("table " + t.name + " has " + std::to_string(hashers[i].rows()) + " rows in the archive, the manifest says " +
                        std::to_string(t.rows));
      if (hashers[i].hex() != t.sha256) return mismatch("the rows of table " + t.name + " do not match their hash");
    }
    if (manifest->blobs.size() != blob_sizes.size())
      return mismatch(std::to_string(blob_sizes.size()) + " files in the archive, the manifest lists " +
                      std::to_string(manifest->blobs.size()));
    for (const auto& b : manifest->blobs) {
      auto it = blob_sizes.find(b.sha256);
      if (it == blob_sizes.end() || it->second != b.size) return mismatch("file " + b.sha256 + " is missing or has another size");
    }
    return std::move(*manifest);
  }
};

}  // namespace

Result<Manifest> verify_archive(ArchiveReader& in, const Progress& progress) {
  ArchiveWalk walk;
  walk.progress = progress;
  walk.on_table_done = [&](size_t, const TableManifest& t, long long rows) {
    say(progress, "verify: " + t.name + ": " + std::to_string(rows) + " rows");
  };
  try {
    return walk.run(in);
  } catch (const std::exception& e) {
    return archive_error(e.what());
  }
}

// ------------------------------------------------------------------ restore

Result<Manifest> run_restore(ArchiveReader& in, RestoreTarget& target, BlobStore& blobs, const Progress& progress) {
  bool begun = false;
  size_t tables_total = 0;
  ArchiveWalk walk;
  walk.progress = progress;
  walk.on_header = [&](const Manifest& h) -> Status {
    if (h.schema_version > target.latest_schema_version())
      return Error::make(ErrorCode::kInvalidParameter,
                         "该备份的数据库结构版本为 " + std::to_string(h.schema_version) + "，比本程序支持的 " +
                             std::to_string(target.latest_schema_version()) + " 新，请升级 luodi",
                         "The backup's schema version " + std::to_string(h.schema_version) +
                             " is newer than this luodi knows (" + std::to_string(target.latest_schema_version()) +
                             "); upgrade luodi first");
    if (auto st = target.begin(h.schema_version); !st) return st;
    begun = true;
    // Same tables with the same columns (order may differ between engines).
    std::map<std::string, std::set<std::string>> have;
    for (const auto& t : target.tables()) have[t.name] = std::set<std::string>(t.columns.begin(), t.columns.end());
    for (const auto& t : h.tables) {
      auto it = have.find(t.name);
      if (it == have.end() || it->second != std::set<std::string>(t.columns.begin(), t.columns.end()))
        return archive_error("table " + t.name + " does not match schema version " + std::to_string(h.schema_version));
      have.erase(it);
    }
    if (!have.empty())
      return archive_error("the backup lacks table " + have.begin()->first + " of schema version " + std::to_string(h.schema_version));
    tables_total = h.tables.size();
    say(progress, "restore: " + h.dialect + " backup of " + h.created_at + ", schema version " + std::to_string(h.schema_version) +
                      ", " + std::to_string(h.tables.size()) + " tables");
    return ok_status();
  };
  walk.on_row = [&](const TableManifest& t, std::vector<Cell>&& row) { target.insert(t.name, t.columns, row); };
  walk.on_table_done = [&](size_t index, const TableManifest& t, long long rows) {
    say(progress, "restore: table " + std::to_string(index + 1) + "/" + std::to_string(tables_total) + " " + t.name + ": " +
                      std::to_string(rows) + " rows");
  };
  size_t blobs_done = 0;
  walk.on_blob = [&](const std::string& sha, const std::string& bytes) -> Status {
    if (blobs.put(bytes) != sha) return Error::internal("cannot write file " + sha + " into the data directory");
    if (++blobs_done % 500 == 0) say(progress, "restore: " + std::to_string(blobs_done) + " files");
    return ok_status();
  };
  auto fail = [&](Error e) -> Result<Manifest> {
    if (begun) {
      try {
        target.rollback();
      } catch (...) {
      }
    }
    return e;
  };
  try {
    auto m = walk.run(in);
    if (!m) return fail(std::move(m).error());
    say(progress, "restore: " + std::to_string(blobs_done) + " files; reading every table back to check it");
    // What the database now holds must hash to what was backed up.
    for (const auto& t : m->tables) {
      TableHasher h(t.columns);
      target.each_row(TableSchema{t.name, t.columns}, [&](std::vector<Cell>&& row) { h.add(row); });
      if (h.rows() != t.rows || h.hex() != t.sha256)
        return fail(mismatch("table " + t.name + " reads back differently (" + std::to_string(h.rows()) + " rows, " +
                             std::to_string(t.rows) + " expected)"));
      auto seq = m->sequences.find(t.name);
      target.set_sequence(t.name, seq == m->sequences.end() ? 0 : seq->second);
    }
    if (auto st = target.commit(); !st) {
      begun = false;  // commit() rolls back itself on failure
      return st.error();
    }
    begun = false;
    say(progress, "restore: done: " + std::to_string(m->tables.size()) + " tables, " + std::to_string(m->total_rows()) +
                      " rows, " + std::to_string(m->blobs.size()) + " files (" + human_bytes(m->total_blob_bytes()) + ")");
    return m;
  } catch (const std::exception& e) {
    return fail(Error::internal(std::string("restore failed: ") + e.what()));
  }
}

}  // namespace luodi::backup
