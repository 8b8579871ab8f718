#pragma once
// An environment snapshot: a catalog plus what only a live database knows
// (when and where it was taken, row estimates, version-table rows).
// The on-disk form is a SQLite file described in docs/snapshot-format.md.

#include <cstdint>
#include <string>
#include <vector>

#include "parser/source.h"
#include "planner/catalog/catalog.h"

namespace migsim {

/// The snapshot format this build reads and writes (`PRAGMA user_version`).
inline constexpr int kSnapshotFormat = 1;

struct SnapshotInfo {
  int format = kSnapshotFormat;
  std::string migsim_version;
  std::string server_version;  ///< e.g. "15.8"; empty when not taken from a server
  int64_t server_version_num = 0;
  std::string database;
  std::string taken_at;  ///< ISO 8601, UTC
  std::string source;    ///< pull | json | pg_dump | replay
  bool has_statistics = false;
  std::string current_user;  ///< the role the snapshot was taken as
  std::string search_path;   ///< the session's search_path when taken (expressions print under it)
};

/// Rows of a known migration-history table.
struct VersionTable {
  std::string schema;
  std::string name;
  std::string kind;  ///< alembic | flyway | schema_migrations
  std::string rows;  ///< JSON array of objects, column name -> text value
};

struct Snapshot {
  SnapshotInfo info;
  std::vector<VersionTable> version_tables;
};

/// Loads a snapshot file into an empty `catalog` (its default public schema is
/// replaced by the snapshot's). False with `error` filled on any bad input.
bool load_snapshot(const std::string& path, Catalog& catalog, Snapshot& snapshot,
                   InputError& error);

/// The SQLite bytes of a snapshot of `catalog`.
bool snapshot_bytes(const Catalog& catalog, const Snapshot& snapshot, std::string& bytes,
                    InputError& error);

/// Writes a snapshot file atomically ("path" is never left half written).
bool save_snapshot(const std::string& path, const Catalog& catalog, const Snapshot& snapshot,
                   InputError& error);

/// Adds a snapshot file to the outputs of a run that writes several.
class OutputFiles;
bool add_snapshot_output(OutputFiles& outputs, const std::string& path, const Catalog& catalog,
                         const Snapshot& snapshot, InputError& error);

/// The version-table kind of a table name ("" when it is not one).
std::string version_table_kind(const std::string& name);

/// Now, as ISO 8601 UTC ("2026-01-02T03:04:05Z").
std::string utc_now();

}  // namespace migsim
