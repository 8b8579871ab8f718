// not-null-without-default: a NOT NULL column added without a default, or SET
// NOT NULL, on a table that has rows.

#include "planner/rules/risk_rules.h"
#include "planner/rules/risk_sites.h"

namespace migsim {

void check_not_null_without_default(const Project&, const RiskSites& sites,
                                    std::vector<Finding>& out) {
  for_each_risk_site(sites, [&](const RiskSite& s) {
    if (!has_rows(s.table)) return;
    std::string where = s.change.schema + "." + s.change.table + " (" + table_size(s.table) + ")";
    if (s.change.not_null_without_default) {
      out.push_back(risk_finding(
          s, "not-null-without-default", "error",
          "ADD COLUMN " + s.change.column + " NOT NULL without a default on " + where +
              ": the existing rows get NULL, so PostgreSQL rejects it (23502). Add the column "
              "with a default, or nullable, backfill it, then SET NOT NULL."));
    } else if (s.change.set_not_null) {
      out.push_back(risk_finding(
          s, "not-null-without-default", "warning",
          "SET NOT NULL on " + s.change.column + " of " + where +
              " scans every row under an ACCESS EXCLUSIVE lock and fails if one is NULL. A "
              "CHECK (" +
              s.change.column +
              " IS NOT NULL) NOT VALID constraint, validated "
              "separately, avoids the long lock."));
    }
  });
}

}  // namespace migsim
