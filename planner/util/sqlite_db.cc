#include "planner/util/sqlite_db.h"

namespace migsim {

Db open_memory_db() {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open(":memory:", &raw);
  Db db(raw);
  if (rc != SQLITE_OK) return nullptr;
  return db;
}

bool database_bytes(sqlite3* db, std::string& bytes) {
  sqlite3_int64 size = 0;
  unsigned char* data = sqlite3_serialize(db, "main", &size, 0);
  if (!data) return false;
  bytes.assign(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
  sqlite3_free(data);
  return true;
}

}  // namespace migsim
