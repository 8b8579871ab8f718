#pragma once
// The findings every run has: statements predicted to fail, what migsim could
// not model, redundant pending revisions, and problems of the revision graph.

#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

void add_run_findings(const Project& project, EnvironmentRun& run);

/// Once a command has planned several environments: each redundant-revision
/// finding says what its revision does in the other plan and fresh runs, and
/// so names the environments where it is not redundant.
void relate_redundant_revisions(const std::vector<EnvironmentRun*>& runs);

}  // namespace migsim
