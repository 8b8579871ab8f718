#pragma once
// The runs the status report is made of: what an upgrade would do in each
// environment, what the applied history did, and a fresh database.

#include <vector>

#include "planner/run/run_model.h"

namespace migsim {

struct EnvironmentReport {
  EnvironmentRun plan;   ///< pending revisions from the snapshot
  EnvironmentRun audit;  ///< the applied history, compared with the snapshot
};

struct StatusReport {
  std::vector<EnvironmentReport> environments;
  EnvironmentRun fresh;  ///< the whole history on an empty database
};

}  // namespace migsim
