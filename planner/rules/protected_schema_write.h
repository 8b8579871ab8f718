#pragma once

#include <vector>

#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

/// protected-schema-write: revisions that create, alter or drop anything in a
/// schema owned by another system ([schemas.X] owner = "external"). One finding
/// per revision and schema, naming the tables and counting the columns touched,
/// with the impact graded:
///  - pending: low when every such statement is a no-op here, medium when it
///    changes the schema, high for a drop or a type change;
///  - applied (audit): the snapshot is the state after, so reason backwards:
///    unguarded changes that succeeded changed the schema (medium, certain);
///    guarded ones whose objects exist now likely found them there (low, likely);
///    a type change is recorded as done (medium).
void check_protected_schema_writes(const Project& project, const EnvironmentRun& run,
                                   std::vector<Finding>& out);

}  // namespace migsim
