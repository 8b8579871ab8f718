#pragma once
// The findings every run has: statements predicted to fail, what migsim could
// not model, redundant pending revisions, and problems of the revision graph.

#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

void add_run_findings(const Project& project, EnvironmentRun& run);

}  // namespace migsim
