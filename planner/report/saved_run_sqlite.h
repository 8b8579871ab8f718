#pragma once
// The SQLite handles the saved-run reader and writer share. Unlike the
// snapshot store, empty strings stay empty strings (never NULL).

#include <cstdint>
#include <string_view>

#include "planner/util/sqlite_db.h"

namespace migsim::saved_run {

using migsim::Db;

/// A prepared statement of a saved run.
class Query : public SqliteStatement {
 public:
  using SqliteStatement::SqliteStatement;
  Query& bind(int i, std::string_view v) {
    bind_text(i, v);
    return *this;
  }
  Query& bind(int i, int64_t v) {
    bind_int64(i, v);
    return *this;
  }
  /// Runs an INSERT with the bound values, then clears them for the next row.
  bool insert() { return run_and_reset(true); }
};

}  // namespace migsim::saved_run
