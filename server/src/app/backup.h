// Backup and restore of a whole Luodi database plus its uploaded files, as
// one archive that either engine can read back (a backup taken on SQLite
// restores into PostgreSQL and the other way round).
//
// The archive is a gzip-compressed tar, entries in this order:
//   luodi-backup.json            header: format, source dialect, schema
//                                version, tables (restore order) with their
//                                columns, identity sequences
//   tables/<name>/<nnnnnn>.jsonl the rows, one JSON array per line in the
//                                header's column order; chunks of a few MiB
//   blobs/<ab>/<cdef...>         every uploaded file the rows refer to, named
//                                by its sha256 like the disk blob store
//   manifest.json                the header again plus, per table, the row
//                                count and content hash, and the blob list
//                                (sha256, size); written last because it is
//                                computed while the rest streams out
// `tar tzf` lists it; `tar xzf FILE manifest.json` shows what it holds.
//
// Content hash of a table: each row is encoded canonically (cells in column
// name order, typed: null / 64-bit integer / IEEE double / text bytes) and
// hashed with SHA-256; the table hash is SHA-256 over the sorted column
// names, the row count and the sum of the row digests modulo 2^256. The sum
// makes it independent of row order (the engines sort text differently), so
// the same rows give the same hash on SQLite and PostgreSQL.
//
// Blob references: a column named `sha256` or ending in `_sha256` holds the
// content address of a file in the blob store (today files.sha256 and
// files.thumbnail_sha256). New tables that keep blobs follow that naming.
//
// Errors: every function returns an Error value (kInvalidParameter for a bad
// or foreign archive, kConflict for a non-empty restore target, kInternal for
// storage faults and hash mismatches); nothing throws out of here.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"

namespace luodi {

class BlobStore;

namespace backup {

// One cell as the storage layer reads it (the same variant as sql::Value).
using Cell = std::variant<std::monostate, long long, double, std::string>;
using RowFn = std::function<void(std::vector<Cell>&&)>;

struct TableSchema {
  std::string name;
  std::vector<std::string> columns;  // the table's own column order
};

// ------------------------------------------------------------------ ports
// Port methods throw std::exception on storage faults; the functions below
// turn those into Error values.

// One consistent, read-only view of every application table (SQLite: one
// read transaction in WAL mode; PostgreSQL: one REPEATABLE READ READ ONLY
// transaction), so a backup can run while the server writes.
class SnapshotReader {
 public:
  virtual ~SnapshotReader() = default;
  virtual std::string dialect() const = 0;
  // Opens the snapshot; everything until close() reads from it.
  virtual void open() = 0;
  virtual int schema_version() = 0;
  // Every application table (not the migration bookkeeping), parents before
  // children where foreign keys allow.
  virtual std::vector<TableSchema> tables() = 0;
  // Streams the rows of `t`, cells in t.columns order.
  virtual void each_row(const TableSchema& t, const RowFn& fn) = 0;
  // Per table with a generated id: the last id handed out (may exceed the
  // largest id present when rows were deleted).
  virtual std::map<std::string, long long> sequences() = 0;
  virtual void close() = 0;
};

// An empty database being filled from an archive, in one transaction.
class RestoreTarget {
 public:
  virtual ~RestoreTarget() = default;
  virtual std::string dialect() const = 0;
  // The newest schema version this build can create.
  virtual int latest_schema_version() const = 0;
  // Refuses (kConflict) unless every table is empty, refuses a schema newer
  // than `schema_version`; then creates the schema at exactly that version
  // and begins the load transaction with foreign-key checks postponed.
  virtual Status begin(int schema_version) = 0;
  // The tables as the target has them after begin().
  virtual std::vector<TableSchema> tables() = 0;
  // Inserts one row; `columns` names the cells.
  virtual void insert(const std::string& table, const std::vector<std::string>& columns, const std::vector<Cell>& row) = 0;
  // Reads a table back inside the load transaction.
  virtual void each_row(const TableSchema& t, const RowFn& fn) = 0;
  // Makes the table's next generated id larger than both `last_id` and
  // every id present. No-op for tables without a generated id.
  virtual void set_sequence(const std::string& table, long long last_id) = 0;
  // Checks every foreign key, commits, then applies any newer migrations.
  virtual Status commit() = 0;
  virtual void rollback() = 0;
};

// Where archive entries go, and where they come from.
class ArchiveWriter {
 public:
  virtual ~ArchiveWriter() = default;
  virtual void add(const std::string& name, std::string_view bytes) = 0;
  // Completes the archive (durably); after this the file is whole.
  virtual void finish() = 0;
};

class ArchiveReader {
 public:
  virtual ~ArchiveReader() = default;
  // The next entry; false at the end. Throws on a damaged archive.
  virtual bool next(std::string& name, std::string& bytes) = 0;
};

// ------------------------------------------------------------------ manifest

struct TableManifest {
  std::string name;
  std::vector<std::string> columns;
  long long rows = 0;
  std::string sha256;  // content hash (see top of file); empty in the header
};

struct BlobManifest {
  std::string sha256;
  long long size = 0;
};

struct Manifest {
  int format_version = 1;
  std::string luodi_version;
  std::string created_at;  // RFC 3339 UTC
  std::string dialect;     // of the source database
  int schema_version = 0;
  std::vector<TableManifest> tables;
  std::map<std::string, long long> sequences;
  std::vector<BlobManifest> blobs;  // sorted by sha256

  long long total_rows() const;
  long long total_blob_bytes() const;
};

// JSON form (the archive's luodi-backup.json / manifest.json).
std::string manifest_to_json(const Manifest& m, bool with_contents);
Result<Manifest> manifest_from_json(std::string_view text);

// Running content hash of one table (see top of file).
class TableHasher {
 public:
  explicit TableHasher(const std::vector<std::string>& columns);
  void add(const std::vector<Cell>& row);
  long long rows() const { return rows_; }
  std::string hex() const;

 private:
  std::vector<std::string> sorted_names_;
  std::vector<size_t> order_;    // cell index by sorted column name
  unsigned char sum_[32] = {};  // big-endian, modulo 2^256
  long long rows_ = 0;
  std::string buf_;
};

// True if the column holds a blob's sha256 (see top of file).
bool is_blob_column(const std::string& column);

// ------------------------------------------------------------------ use cases

// Progress lines for long work ("backup: 12/41 tables, 48210 rows"); may be empty.
using Progress = std::function<void(const std::string&)>;

struct BackupOptions {
  std::string luodi_version;
  std::string created_at;  // RFC 3339; the caller's clock
  // Rows per archive chunk are cut at about this many bytes.
  size_t chunk_bytes = 4 << 20;
};

// Reads one snapshot and the blobs it refers to. With `out`, writes the
// archive; without, only computes the manifest (what `luodi backup
// --manifest-only` prints, and what tests compare). Fails if a referenced
// blob is missing or its bytes do not match its name.
Result<Manifest> run_backup(SnapshotReader& source, BlobStore& blobs, ArchiveWriter* out, const BackupOptions& options,
                            const Progress& progress = {});

// Reads a whole archive and recomputes every hash; returns its manifest if
// all match, an Error naming the first difference otherwise.
Result<Manifest> verify_archive(ArchiveReader& in, const Progress& progress = {});

// Loads an archive into an empty database and its blobs into `blobs`.
// Everything is checked before the commit: row counts and content hashes
// of what was read and of what the target holds afterwards, blob hashes,
// foreign keys. On any failure the database is left empty (blobs already
// written stay; content-addressed, they are harmless).
Result<Manifest> run_restore(ArchiveReader& in, RestoreTarget& target, BlobStore& blobs, const Progress& progress = {});

}  // namespace backup
}  // namespace luodi
