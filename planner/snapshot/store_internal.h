#pragma once
// Shared by the snapshot readers and writer: SQLite handles and the format-1 reader.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "planner/snapshot/snapshot.h"
#include "planner/util/sqlite_db.h"

namespace migsim {

/// A prepared statement of the snapshot store, where an empty string is
/// stored as NULL.
class Stmt : public SqliteStatement {
 public:
  using SqliteStatement::SqliteStatement;
  Stmt& bind(int i, std::string_view v) {
    if (v.empty())
      bind_null(i);
    else
      bind_text(i, v);
    return *this;
  }
  Stmt& bind_int(int i, int64_t v) {
    bind_int64(i, v);
    return *this;
  }
  Stmt& bind_opt(int i, int64_t v) {  ///< -1 (unknown) is NULL
    if (v < 0)
      bind_null(i);
    else
      bind_int64(i, v);
    return *this;
  }
  Stmt& bind_char(int i, char c) {
    return bind(i, c ? std::string_view(&c, 1) : std::string_view());
  }
  bool exec_row() { return run_and_reset(false); }
};

/// Opens another connection to the same database; null when it cannot.
using Reopen = std::function<Db()>;

/// Reads every table of `db` into `catalog`; an error text, or "" on success.
/// With `reopen`, the largest tables are read on connections of their own by
/// threads of their own.
std::string read_snapshot_db(sqlite3* db, const Reopen& reopen, Catalog& catalog,
                             Snapshot& snapshot);

}  // namespace migsim
