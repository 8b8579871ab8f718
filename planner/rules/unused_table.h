#pragma once

#include <vector>

#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

/// unused-table: a table in a schema migrations own with no rows (by the
/// snapshot's statistics), no foreign key in or out, read by no view,
/// mentioned by no code under [code] paths and by no revision but the one that
/// created it. The finding lists each piece of evidence and suggests the drop.
void check_unused_tables(const Project& project, const EnvironmentRun& run,
                         std::vector<Finding>& out);

}  // namespace migsim
