#pragma once
// Where an environment stands: the revisions its version table holds.

#include <string>
#include <vector>

#include "planner/run/project.h"
#include "planner/snapshot/snapshot.h"

namespace migsim {

/// The revisions recorded in `snapshot`'s version table for the project's
/// migration tool (alembic_version's version_num; flyway_schema_history's
/// successful versions; schema_migrations' versions). Empty when the snapshot
/// has no such table. Fails when a recorded revision does not exist locally.
bool current_revisions(const Project& project, const Snapshot& snapshot,
                       const std::string& snapshot_path, std::vector<std::string>& out,
                       InputError& error);

}  // namespace migsim
