#pragma once
// One environment's simulation, in one of three modes:
//  plan:  from the environment's snapshot forward, through the pending revisions;
//  fresh: from an empty database, as a new environment would be built;
//  audit: the applied history from base, with migration-owned schemas empty
//         and externally owned ones seeded from the snapshot, then compared
//         with the snapshot.

#include <string>
#include <vector>

#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

struct EnvironmentRequest {
  std::string name;      ///< environment name from the config, or "" with `snapshot`
  std::string snapshot;  ///< snapshot file; empty for a fresh database
  RunMode mode = RunMode::kPlan;
  std::vector<std::string> to;       ///< target revisions (--to); empty: all heads
  std::vector<std::string> current;  ///< overrides the version table (--current)
  /// Stop just before this revision (explain's "before" state).
  std::string stop_before;
  /// No later run replays these revisions: their parse trees are freed as
  /// they run (plan's last environment, check's and report's last run).
  bool last_replay = false;
};

/// Resolves --env/--snapshot/--empty into a request. `env` "fresh" is an empty database.
bool environment_request(const Project& project, const std::string& env,
                         const std::string& snapshot, bool empty, RunMode mode,
                         EnvironmentRequest& out, InputError& error);

bool run_environment(const Project& project, const EnvironmentRequest& request, EnvironmentRun& out,
                     InputError& error);

}  // namespace migsim
