#pragma once
// Replays revisions the way their migration tool applies them: Alembic runs
// the whole upgrade in one transaction (or one per revision with
// transaction_per_migration) and keeps alembic_version; Flyway, golang-migrate,
// dbmate and Diesel run each file in its own transaction unless it opts out;
// a directory of SQL files runs as psql would. The tool stops at the first
// revision that fails; what its transaction held rolls back.

#include <vector>

#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

struct ToolBehaviour {
  bool one_transaction = false;           ///< Alembic: the whole upgrade in one block
  bool transaction_per_revision = false;  ///< each transactional revision in its own block
  /// Alembic scripts: migsim writes the version table's statements itself
  /// (offline SQL already holds them).
  bool alembic_bookkeeping = false;
  std::string version_schema;  ///< where alembic_version lives ("" = search_path)
  std::string version_table = "alembic_version";
  AlembicVersion alembic_version;  ///< how Alembic renders operations that differ by release
};

ToolBehaviour tool_behaviour(const Project& project);

/// Replays `revisions` in order on `catalog`, appending one RevisionRun each.
/// `current` is what the version table holds before (for its bookkeeping).
/// With `last_replay`, nothing replays these revisions again: each SQL body's
/// parse trees are freed once it has run (Revision::release_script).
/// False with `error` only on unreadable input (an Alembic script that cannot be read).
bool simulate(const std::vector<const Revision*>& revisions, const ToolBehaviour& tool,
              const std::vector<std::string>& current, bool applied, bool last_replay,
              Catalog& catalog, std::vector<RevisionRun>& out, InputError& error);

}  // namespace migsim
