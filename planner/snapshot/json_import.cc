// The JSON document has one key per table of the SQLite format, each an array
// of objects whose keys are that table's columns (metadata: one object). It is
// loaded into an in-memory SQLite database of the same schema, so the JSON and
// the SQLite forms are read by the very same code.

#include "planner/snapshot/json_import.h"

#include <simdjson.h>
#include <sqlite3.h>

#include <memory>
#include <vector>

#include "planner/snapshot/sqlite_schema.h"
#include "planner/snapshot/store_internal.h"

namespace migsim {
namespace {

struct ColumnSpec {
  std::string name;
  bool integer = false;
  bool not_null = false;
};

const char* json_type_word(simdjson::dom::element_type t) {
  using T = simdjson::dom::element_type;
  switch (t) {
    case T::ARRAY:
      return "an array";
    case T::OBJECT:
      return "an object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE:
      return "a number";
    case T::STRING:
      return "a string";
    case T::BOOL:
      return "a boolean";
    case T::NULL_VALUE:
      return "null";
#if SIMDJSON_VERSION_MAJOR >= 3
    case T::BIGINT:
      return "a number";
#endif
  }
  return "a value";
}

/// Binds one JSON value to parameter `i` as the column wants it; "" or a message.
std::string bind_value(sqlite3_stmt* s, int i, const ColumnSpec& c, simdjson::dom::element v) {
  using T = simdjson::dom::element_type;
  T t = v.type();
  if (t == T::NULL_VALUE) {
    if (c.not_null) return "key \"" + c.name + "\" must not be null";
    sqlite3_bind_null(s, i);
    return "";
  }
  if (c.integer) {
    if (t == T::BOOL) {
      sqlite3_bind_int(s, i, bool(v) ? 1 : 0);
    } else if (t == T::INT64) {
      sqlite3_bind_int64(s, i, int64_t(v));
    } else if (t == T::UINT64 || t == T::DOUBLE) {
      // A uint64 beyond bigint, or a double beyond it (converting one was
      // undefined behaviour); a double within it is truncated, as reltuples is.
      double d = t == T::DOUBLE ? double(v) : static_cast<double>(uint64_t(v));
      if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
        return "key \"" + c.name + "\" must be a whole number within the range of bigint, not " +
               simdjson::minify(v);
      sqlite3_bind_int64(s, i, static_cast<int64_t>(d));
    } else {
      return "key \"" + c.name + "\" must be a number, not " + json_type_word(t);
    }
    return "";
  }
  if (t == T::STRING) {
    std::string_view sv(v);
    sqlite3_bind_text(s, i, sv.data(), static_cast<int>(sv.size()), SQLITE_TRANSIENT);
  } else if (t == T::ARRAY) {
    std::string text = simdjson::minify(v);
    sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  } else {
    return "key \"" + c.name + "\" must be a string, not " + json_type_word(t);
  }
  return "";
}

std::vector<ColumnSpec> columns_of(sqlite3* db, const std::string& table) {
  std::vector<ColumnSpec> out;
  sqlite3_stmt* s = nullptr;
  std::string sql = "PRAGMA table_info(" + table + ")";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    ColumnSpec c;
    c.name = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
    c.integer =
        std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(s, 2))) == "INTEGER";
    c.not_null = sqlite3_column_int(s, 3) != 0 || sqlite3_column_int(s, 5) != 0;
    out.push_back(std::move(c));
  }
  sqlite3_finalize(s);
  return out;
}

/// Inserts the objects of `rows` into `table`; "" or a message.
std::string insert_rows(sqlite3* db, const std::string& table, simdjson::dom::array rows,
                        const std::string& where) {
  auto cols = columns_of(db, table);
  std::string sql = "INSERT INTO " + table + " VALUES (";
  for (size_t i = 0; i < cols.size(); ++i) sql += i ? ",?" : "?";
  sql += ")";
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(s, sqlite3_finalize);
  size_t n = 0;
  for (simdjson::dom::element row : rows) {
    std::string at = where == "metadata" ? where : where + "[" + std::to_string(n) + "]";
    ++n;
    simdjson::dom::object obj;
    if (row.get_object().get(obj) != simdjson::SUCCESS) return at + ": must be an object";
    for (size_t i = 0; i < cols.size(); ++i) {
      simdjson::dom::element v;
      if (obj[cols[i].name].get(v) != simdjson::SUCCESS) {
        if (cols[i].not_null) return at + ": missing key \"" + cols[i].name + "\"";
        sqlite3_bind_null(s, static_cast<int>(i) + 1);
        continue;
      }
      std::string e = bind_value(s, static_cast<int>(i) + 1, cols[i], v);
      if (!e.empty()) return at + ": " + e;
    }
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
      if (rc == SQLITE_CONSTRAINT) return at + ": duplicate object";
      return at + ": " + sqlite3_errmsg(db);
    }
  }
  return "";
}

const char* const kTables[] = {"schemas",    "relations", "columns",           "constraints",
                               "indexes",    "sequences", "view_dependencies", "types",
                               "extensions", "functions", "triggers",          "version_tables"};

std::string load_document(sqlite3* db, simdjson::dom::object doc, int& format) {
  char* err = nullptr;
  if (sqlite3_exec(db, kSnapshotSchemaSql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "cannot create tables";
    sqlite3_free(err);
    return m;
  }
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  simdjson::dom::object meta;
  simdjson::dom::element meta_value;
  if (doc["metadata"].get(meta_value) != simdjson::SUCCESS)
    return "missing key \"metadata\" (an object)";
  if (meta_value.get_object().get(meta) != simdjson::SUCCESS)
    return std::string("key \"metadata\" must be an object, not ") +
           json_type_word(meta_value.type());
  int64_t f = 0;
  simdjson::dom::element format_value;
  if (meta["format"].get(format_value) != simdjson::SUCCESS)
    return "metadata: missing key \"format\" (a number)";
  if (format_value.get_int64().get(f) != simdjson::SUCCESS)
    return std::string("metadata: key \"format\" must be a number, not ") +
           json_type_word(format_value.type());
  format = static_cast<int>(f);
  if (format < 1 || format > kSnapshotFormat) return "";
  // metadata is one object; give it the defaults an import sets.
  std::string meta_json = "[" + simdjson::minify(meta) + "]";
  simdjson::dom::parser p;
  simdjson::dom::array meta_rows;
  if (p.parse(meta_json).get_array().get(meta_rows) != simdjson::SUCCESS) return "bad metadata";
  std::string e = insert_rows(db, "metadata", meta_rows, "metadata");
  if (!e.empty()) return e;
  for (const char* table : kTables) {
    simdjson::dom::element v;
    if (doc[table].get(v) != simdjson::SUCCESS)
      return std::string("missing key \"") + table + "\" (an array)";
    if (v.is_null()) continue;  // json_agg of no rows
    simdjson::dom::array rows;
    if (v.get_array().get(rows) != simdjson::SUCCESS)
      return std::string("key \"") + table + "\" must be an array, not " + json_type_word(v.type());
    e = insert_rows(db, table, rows, table);
    if (!e.empty()) return e;
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  return "";
}

}  // namespace

bool import_snapshot_json(const std::string& path, const std::string& text, Catalog& catalog,
                          Snapshot& snapshot, InputError& error) {
  error = {path, 0, 0, ""};
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::padded_string padded(text);
  if (auto code = parser.parse(padded).get(root); code != simdjson::SUCCESS) {
    error.message = std::string("not valid JSON: ") + simdjson::error_message(code);
    return false;
  }
  simdjson::dom::object doc;
  if (root.get_object().get(doc) != simdjson::SUCCESS) {
    error.message = "not a snapshot document: the top level must be an object";
    return false;
  }
  Db owned = open_memory_db();
  if (!owned) {
    error.message = "cannot create the snapshot in memory";
    return false;
  }
  sqlite3* db = owned.get();
  int format = 0;
  std::string e = load_document(db, doc, format);
  if (e.empty() && (format < 1 || format > kSnapshotFormat)) {
    e = "snapshot format " + std::to_string(format) + " is not one this migsim (" + MIGSIM_VERSION +
        ") reads (format " + std::to_string(kSnapshotFormat) +
        "); it needs a migsim that reads format " + std::to_string(format);
  }
  if (e.empty()) e = read_snapshot_db(db, nullptr, catalog, snapshot);
  if (!e.empty()) {
    error.message = e;
    return false;
  }
  return true;
}

}  // namespace migsim
