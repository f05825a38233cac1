// Versioned schema migrations, one list per dialect. Applied in order inside
// a transaction each; the version table records what ran. On PostgreSQL an
// advisory lock keeps concurrently starting servers from racing.
#pragma once
#include <string>
#include <vector>

namespace luodi::sql { class Connection; }

namespace luodi {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;
};

// The migrations for "sqlite" or "postgresql".
std::vector<Migration> migrations_for(const std::string& dialect);

// Applies what is missing, up to and including version `up_to`; returns the
// number applied. Throws on failure.
int apply_migrations(sql::Connection& s, const std::string& dialect, int up_to = 1 << 30);

// The newest version in migrations_for(dialect).
int latest_migration_version(const std::string& dialect);

}  // namespace luodi
