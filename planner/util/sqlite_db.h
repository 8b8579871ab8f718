#pragma once
// SQLite handles shared by the snapshot store and saved runs: a connection
// that closes itself, a prepared statement that reads the current row, and
// a database turned into the bytes of its file.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace migsim {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

/// A prepared statement. Reading functions read the current row; binding
/// functions are 1-based.
class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) s_ = nullptr;
  }
  ~SqliteStatement() { sqlite3_finalize(s_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  bool ok() const { return s_ != nullptr; }
  /// SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return s_ ? sqlite3_step(s_) : SQLITE_ERROR; }

  std::string text(int i) const { return std::string(view(i)); }
  std::string_view view(int i) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s_, i)))
             : std::string_view();
  }
  /// Copies column i into `into`, reusing its storage.
  void assign(int i, std::string& into) const {
    std::string_view v = view(i);
    into.assign(v.data() ? v.data() : "", v.size());
  }
  int64_t i64(int i) const { return sqlite3_column_int64(s_, i); }
  int64_t i64_or(int i, int64_t dflt) const {
    return sqlite3_column_type(s_, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(s_, i);
  }
  char ch(int i, char dflt) const {
    std::string_view v = view(i);
    return v.empty() ? dflt : v[0];
  }

  void bind_text(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()),
                      SQLITE_TRANSIENT);
  }
  void bind_null(int i) { sqlite3_bind_null(s_, i); }
  void bind_int64(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  /// Runs a statement with the bound values (an INSERT) and resets it for the
  /// next row, its values cleared or kept; true when it ran to completion.
  bool run_and_reset(bool clear_values) {
    if (!s_) return false;
    int rc = sqlite3_step(s_);
    sqlite3_reset(s_);
    if (clear_values) sqlite3_clear_bindings(s_);
    return rc == SQLITE_DONE;
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

/// A new, empty in-memory database; null when SQLite cannot make one.
Db open_memory_db();

/// The bytes of the file `db` would be; false when SQLite cannot produce them.
bool database_bytes(sqlite3* db, std::string& bytes);

}  // namespace migsim
