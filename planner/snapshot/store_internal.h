#pragma once
// Shared by the snapshot readers and writer: SQLite handles and the format-1 reader.

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "planner/snapshot/snapshot.h"

namespace migsim {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

/// A prepared statement; `col_*` read the current row.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) s_ = nullptr;
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return s_ != nullptr; }
  /// SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(s_); }
  std::string text(int i) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, sqlite3_column_bytes(s_, i)) : std::string();
  }
  std::string_view view(int i) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string_view(p, sqlite3_column_bytes(s_, i)) : std::string_view();
  }
  /// Copies column i into `into`, reusing its storage.
  void assign(int i, std::string& into) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    if (p)
      into.assign(p, static_cast<size_t>(sqlite3_column_bytes(s_, i)));
    else
      into.clear();
  }
  int64_t i64(int i) const { return sqlite3_column_int64(s_, i); }
  int64_t i64_or(int i, int64_t dflt) const {
    return sqlite3_column_type(s_, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(s_, i);
  }
  char ch(int i, char dflt) const {
    auto v = view(i);
    return v.empty() ? dflt : v[0];
  }
  // Binding, 1-based; empty strings are stored as NULL.
  Stmt& bind(int i, std::string_view v) {
    if (v.empty())
      sqlite3_bind_null(s_, i);
    else
      sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_int(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind_opt(int i, int64_t v) {  ///< -1 (unknown) is NULL
    if (v < 0)
      sqlite3_bind_null(s_, i);
    else
      sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind_char(int i, char c) {
    return bind(i, c ? std::string_view(&c, 1) : std::string_view());
  }
  bool exec_row() {
    int rc = sqlite3_step(s_);
    sqlite3_reset(s_);
    return rc == SQLITE_DONE;
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

/// Opens another connection to the same database; null when it cannot.
using Reopen = std::function<Db()>;

/// Reads every table of `db` into `catalog`; an error text, or "" on success.
/// With `reopen`, the largest tables are read on connections of their own by
/// threads of their own.
std::string read_snapshot_db(sqlite3* db, const Reopen& reopen, Catalog& catalog,
                             Snapshot& snapshot);

}  // namespace migsim
