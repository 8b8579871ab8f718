// index-not-concurrent: CREATE INDEX without CONCURRENTLY on a large table.

#include "planner/rules/risk_rules.h"
#include "planner/rules/risk_sites.h"

namespace migsim {

void check_index_not_concurrent(const Project& project, const RiskSites& sites,
                                std::vector<Finding>& out) {
  for_each_risk_site(sites, [&](const RiskSite& s) {
    if (!s.change.index || s.change.concurrently || !is_large(project, s.table)) return;
    out.push_back(risk_finding(
        s, "index-not-concurrent", "warning",
        "CREATE INDEX on " + s.change.schema + "." + s.change.table + " (" + table_size(s.table) +
            ") without CONCURRENTLY holds a SHARE lock for the whole build: writes to the table "
            "wait. Build it with CREATE INDEX CONCURRENTLY, outside a transaction."));
  });
}

}  // namespace migsim
