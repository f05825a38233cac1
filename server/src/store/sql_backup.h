// The SQL side of backup and restore (see app/backup.h): a consistent
// snapshot of every table, and an empty database filled in one
// transaction. Tables and columns come from the engine's catalog, so new
// migrations need no change here.
#pragma once
#include <memory>

#include "app/backup.h"

namespace luodi {

class SociDatabase;

// Reads through a dedicated connection of `db` (which must outlive it).
// SQLite: one read transaction; in WAL mode writers carry on meanwhile.
// PostgreSQL: one REPEATABLE READ READ ONLY transaction; rows are fetched
// through a cursor so memory stays bounded.
std::unique_ptr<backup::SnapshotReader> make_snapshot_reader(SociDatabase& db);

// Fills `db` (which must outlive it) through a dedicated connection.
// begin() refuses a database with any row in any table. Foreign keys are
// checked once at the end: SQLite defers them to the commit
// (PRAGMA defer_foreign_keys); PostgreSQL's are dropped for the load and
// added back before the commit, which validates every row. Generated-id
// sequences (SQLite's sqlite_sequence, PostgreSQL identity sequences) are
// set past the restored ids.
std::unique_ptr<backup::RestoreTarget> make_restore_target(SociDatabase& db);

}  // namespace luodi
