#pragma once
// The status report: what an upgrade would do in each environment, what the
// applied history did, and what to do about it, as a Markdown document.

#include <string>
#include <vector>

#include "planner/run/project.h"
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

std::string status_markdown(const Project& project, const StatusReport& report);

}  // namespace migsim
