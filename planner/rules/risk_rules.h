#pragma once
// Risk rules sized by the snapshot's statistics, one file each.

#include <vector>

#include "planner/rules/risk_sites.h"
#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

void check_not_null_without_default(const Project& project, const RiskSites& sites,
                                    std::vector<Finding>& out);
void check_index_not_concurrent(const Project& project, const RiskSites& sites,
                                std::vector<Finding>& out);
void check_concurrently_in_transaction(const Project& project, const EnvironmentRun& run,
                                       std::vector<Finding>& out);
void check_table_rewrite(const Project& project, const RiskSites& sites, std::vector<Finding>& out);
void check_blocking_lock(const Project& project, const RiskSites& sites, std::vector<Finding>& out);

}  // namespace migsim
