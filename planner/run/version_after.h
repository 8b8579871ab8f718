#pragma once
// The snapshot metadata after a planned upgrade: Alembic's version table holds
// the revisions that committed, as the real upgrade leaves it, so a snapshot
// saved after the run (`plan --save-snapshot`) compares with one pulled from
// the upgraded database.

#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

/// `run.snapshot_info` with the Alembic version table's rows moved past the
/// pending revisions of `run` that committed (neither failed, skipped nor
/// rolled back); the table is listed when the catalog after the run has it.
/// Other tools' version tables are left as they were.
Snapshot snapshot_after(const Project& project, const EnvironmentRun& run);

}  // namespace migsim
