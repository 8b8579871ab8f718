#pragma once
// `snapshot import schema.sql`: pg_dump --schema-only text replayed through the engine.

#include <string>
#include <vector>

#include "planner/snapshot/snapshot.h"

namespace migsim {

/// A statement of the dump the snapshot could not take in (not modelled, or failed).
struct DumpWarning {
  uint32_t line = 0;
  std::string message;
};

/// Replays a pg_dump --schema-only script on `catalog`. psql meta-commands
/// (`\restrict`, `\unrestrict`, `\connect`, ...) are skipped, session SETs that
/// do not change the catalog are skipped, and `SELECT pg_catalog.set_config(...)`
/// sets the setting. Statements the engine cannot model are `warnings`; a
/// syntax error is an InputError.
bool import_pg_dump(const std::string& path, const std::string& text, Catalog& catalog,
                    Snapshot& snapshot, std::vector<DumpWarning>& warnings, InputError& error);

}  // namespace migsim
