#include "store/sql.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>


#include <charconv>
#include <stdexcept>
#include <unordered_map>

// SOCI wraps sqlite3.h in namespace sqlite_api.
using namespace sqlite_api;

namespace luodi::sql {

long long Row::i64(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<long long>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<long long>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    long long out = 0;
    std::from_chars(p->data(), p->data() + p->size(), out);
    return out;
  }
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0;
}

std::string Row::str(size_t i) const {
  const Value& v = cols_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

namespace {

// Statements worth caching: parameterised ones and plain SELECTs. One-off
// DDL and BEGIN/COMMIT run unprepared.
bool cacheable(const std::string& text, const std::vector<Param>& params) {
  return !params.empty() || text.rfind("SELECT", 0) == 0 || text == "BEGIN" || text == "BEGIN IMMEDIATE" || text == "COMMIT" ||
         text == "ROLLBACK";
}

// ":name" → "$n" for PostgreSQL, outside quotes; returns the names by position.
std::string to_positional(const std::string& text, std::vector<std::string>& names) {
  std::string out;
  out.reserve(text.size());
  bool in_quote = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'') in_quote = !in_quote;
    if (!in_quote && c == ':' && i + 1 < text.size() && (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '_') &&
        (i == 0 || text[i - 1] != ':')) {
      size_t j = i + 1;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
      std::string name = text.substr(i + 1, j - i - 1);
      size_t pos = 0;
      while (pos < names.size() && names[pos] != name) ++pos;
      if (pos == names.size()) names.push_back(name);
      out += "$" + std::to_string(pos + 1);
      i = j - 1;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

// The shortest text that reads back as exactly `v` (std::to_string keeps
// only six decimals, which PostgreSQL would then store).
std::string exact_text(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace

struct Connection::Impl {
  // SQLite
  sqlite3* lite = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> lite_cache;
  // PostgreSQL
  PGconn* pg = nullptr;
  struct PgStmt {
    std::string name;
    std::vector<std::string> params;
  };
  std::unordered_map<std::string, PgStmt> pg_cache;
  int pg_next = 0;

  ~Impl() {
    for (auto& [_, st] : lite_cache) sqlite3_finalize(st);
  }

  // ---------------------------------------------------------------- SQLite
  [[noreturn]] void lite_fail(const std::string& text) {
    throw std::runtime_error(std::string(sqlite3_errmsg(lite)) + " [" + text.substr(0, 200) + "]");
  }

  sqlite3_stmt* lite_prepare(const std::string& text, bool cache) {
    if (cache) {
      auto it = lite_cache.find(text);
      if (it != lite_cache.end()) return it->second;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(lite, text.c_str(), static_cast<int>(text.size()), cache ? SQLITE_PREPARE_PERSISTENT : 0, &st,
                           nullptr) != SQLITE_OK)
      lite_fail(text);
    if (cache) lite_cache.emplace(text, st);
    return st;
  }

  template <typename OnRow>
  long long lite_run(const std::string& text, const std::vector<Param>& params, OnRow&& on_row) {
    const bool cache = cacheable(text, params);
    sqlite3_stmt* st = lite_prepare(text, cache);
    struct Guard {
      sqlite3_stmt* st;
      bool cache;
      ~Guard() {
        if (cache) {
          sqlite3_reset(st);
          sqlite3_clear_bindings(st);
        } else {
          sqlite3_finalize(st);
        }
      }
    } guard{st, cache};
    std::string key;
    for (const Param& prm : params) {
      key.assign(":").append(prm.name);
      int idx = sqlite3_bind_parameter_index(st, key.c_str());
      if (idx == 0) throw std::runtime_error("unknown SQL parameter " + key + " [" + text.substr(0, 200) + "]");
      int rc;
      if (auto v = std::get_if<long long>(&prm.value)) rc = sqlite3_bind_int64(st, idx, *v);
      else if (auto v = std::get_if<double>(&prm.value)) rc = sqlite3_bind_double(st, idx, *v);
      else if (auto v = std::get_if<std::string>(&prm.value))
        rc = sqlite3_bind_text(st, idx, v->data(), static_cast<int>(v->size()), SQLITE_TRANSIENT);
      else rc = sqlite3_bind_null(st, idx);
      if (rc != SQLITE_OK) lite_fail(text);
    }
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) lite_fail(text);
      int n = sqlite3_column_count(st);
      std::vector<Value> cols;
      cols.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER: cols.emplace_back(static_cast<long long>(sqlite3_column_int64(st, i))); break;
          case SQLITE_FLOAT: cols.emplace_back(sqlite3_column_double(st, i)); break;
          case SQLITE_NULL: cols.emplace_back(std::monostate{}); break;
          default: {
            const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            cols.emplace_back(std::string(t ? t : "", static_cast<size_t>(sqlite3_column_bytes(st, i))));
          }
        }
      }
      on_row(Row(std::move(cols)));
    }
    return sqlite3_changes(lite);
  }

  // ---------------------------------------------------------------- PostgreSQL
  template <typename OnRow>
  long long pg_run(const std::string& text, const std::vector<Param>& params, OnRow&& on_row) {
    PGresult* res = nullptr;
    if (!cacheable(text, params)) {
      res = PQexec(pg, text.c_str());
    } else {
      auto it = pg_cache.find(text);
      if (it == pg_cache.end()) {
        PgStmt stmt;
        stmt.name = "luodi_" + std::to_string(pg_next++);
        std::string positional = to_positional(text, stmt.params);
        PGresult* prep = PQprepare(pg, stmt.name.c_str(), positional.c_str(), static_cast<int>(stmt.params.size()), nullptr);
        bool ok = PQresultStatus(prep) == PGRES_COMMAND_OK;
        std::string err = ok ? "" : PQresultErrorMessage(prep);
        PQclear(prep);
        if (!ok) throw std::runtime_error(err + " [" + text.substr(0, 200) + "]");
        it = pg_cache.emplace(text, std::move(stmt)).first;
      }
      const PgStmt& stmt = it->second;
      std::vector<std::string> storage(stmt.params.size());
      std::vector<const char*> values(stmt.params.size(), nullptr);
      for (size_t k = 0; k < stmt.params.size(); ++k) {
        // Parameters usually come in statement order (long generated lists always do): check there first.
        const Param* found = k < params.size() && params[k].name == stmt.params[k] ? &params[k] : nullptr;
        if (!found)
          for (const Param& prm : params)
            if (prm.name == stmt.params[k]) found = &prm;
        if (!found) throw std::runtime_error("missing SQL parameter :" + stmt.params[k]);
        if (auto v = std::get_if<long long>(&found->value)) storage[k] = std::to_string(*v), values[k] = storage[k].c_str();
        else if (auto v = std::get_if<double>(&found->value)) storage[k] = exact_text(*v), values[k] = storage[k].c_str();
        else if (auto v = std::get_if<std::string>(&found->value)) values[k] = v->c_str();
      }
      res = PQexecPrepared(pg, stmt.name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
    }
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::string err = res ? PQresultErrorMessage(res) : PQerrorMessage(pg);
      PQclear(res);
      throw std::runtime_error(err + " [" + text.substr(0, 200) + "]");
    }
    const int rows = PQntuples(res), fields = PQnfields(res);
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> cols;
      cols.reserve(static_cast<size_t>(fields));
      for (int f = 0; f < fields; ++f) {
        if (PQgetisnull(res, r, f)) {
          cols.emplace_back(std::monostate{});
          continue;
        }
        const char* v = PQgetvalue(res, r, f);
        const int len = PQgetlength(res, r, f);
        switch (PQftype(res, f)) {
          case 20: case 21: case 23: {  // int8, int2, int4
            long long x = 0;
            std::from_chars(v, v + len, x);
            cols.emplace_back(x);
            break;
          }
          case 700: case 701: case 1700: cols.emplace_back(std::strtod(v, nullptr)); break;
          case 16: cols.emplace_back(static_cast<long long>(v[0] == 't')); break;
          default: cols.emplace_back(std::string(v, static_cast<size_t>(len)));
        }
      }
      on_row(Row(std::move(cols)));
    }
    const char* affected = PQcmdTuples(res);
    long long n = affected && *affected ? std::atoll(affected) : 0;
    PQclear(res);
    return n;
  }
};

Connection::Connection(std::unique_ptr<soci::session> session, bool postgresql)
    : session_(std::move(session)), pg_(postgresql), impl_(std::make_unique<Impl>()) {
  if (pg_) impl_->pg = static_cast<soci::postgresql_session_backend*>(session_->get_backend())->conn_;
  else impl_->lite = static_cast<soci::sqlite3_session_backend*>(session_->get_backend())->conn_;
}

Connection::~Connection() {
  impl_.reset();  // finalize statements before SOCI closes the handle
}

bool Connection::healthy() const { return !pg_ || PQstatus(impl_->pg) == CONNECTION_OK; }

std::vector<Row> Connection::query(const std::string& text, const std::vector<Param>& params) {
  std::vector<Row> out;
  auto add = [&](Row&& r) { out.push_back(std::move(r)); };
  if (pg_) impl_->pg_run(text, params, add);
  else impl_->lite_run(text, params, add);
  return out;
}

void Connection::each(const std::string& text, const std::vector<Param>& params, const std::function<void(Row&&)>& fn) {
  if (pg_) impl_->pg_run(text, params, fn);
  else impl_->lite_run(text, params, fn);
}

long long Connection::exec(const std::string& text, const std::vector<Param>& params) {
  auto ignore = [](Row&&) {};
  return pg_ ? impl_->pg_run(text, params, ignore) : impl_->lite_run(text, params, ignore);
}

long long Connection::query_i64(const std::string& text, const std::vector<Param>& params) {
  auto rows = query(text, params);
  if (rows.empty() || rows[0].size() == 0) throw std::runtime_error("query returned no rows: " + text.substr(0, 200));
  return rows[0].i64(0);
}

}  // namespace luodi::sql
