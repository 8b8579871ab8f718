#pragma once
// What the risk rules share: the statements an upgrade runs, what each
// changes, and how large the table it locks or rewrites is (the snapshot's
// statistics).

#include <functional>
#include <string>
#include <vector>

#include "planner/rules/statement_targets.h"
#include "planner/run/project.h"
#include "planner/run/run_model.h"

namespace migsim {

struct RiskSite {
  const RevisionRun& revision;
  const StatementRecord& statement;
  ObjectChange change;
  const Relation* table;  ///< as it stands after the run; its statistics are the snapshot's
};
using RiskSites = std::vector<RiskSite>;

/// Every change made by a statement of a pending revision that ran to a table
/// with statistics (the risk rules weigh a table by them), in order: found once
/// per run, for all the risk rules.
RiskSites risk_sites(const EnvironmentRun& run);

/// Visits each site in order.
void for_each_risk_site(const RiskSites& sites, const std::function<void(const RiskSite&)>& visit);

/// "2,000,000 rows, 512 MB" from the table's statistics ("size unknown" without them).
std::string table_size(const Relation* table);
bool has_rows(const Relation* table);
bool is_large(const Project& project, const Relation* table);

Finding risk_finding(const RiskSite& site, std::string rule, std::string severity,
                     std::string message);

}  // namespace migsim
