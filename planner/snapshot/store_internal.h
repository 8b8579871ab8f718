#pragma once
// Shared by the snapshot readers: an open SQLite database in format 1 to a catalog.

#include <sqlite3.h>

#include <string>

#include "planner/snapshot/snapshot.h"

namespace migsim {

/// Reads every table of `db` into `catalog`; an error text, or "" on success.
std::string read_snapshot_db(sqlite3* db, Catalog& catalog, Snapshot& snapshot);

}  // namespace migsim
