// blocking-lock: ALTER TABLE and other statements that take an ACCESS
// EXCLUSIVE lock on a large table: every read and write waits behind them.

#include "planner/rules/risk_rules.h"
#include "planner/rules/risk_sites.h"

namespace migsim {

void check_blocking_lock(const Project& project, const RiskSites& sites,
                         std::vector<Finding>& out) {
  std::string last;  // one finding per statement and table
  for_each_risk_site(sites, [&](const RiskSite& s) {
    using Op = ObjectChange::Op;
    bool exclusive = s.change.op == Op::kAddColumn || s.change.op == Op::kDropColumn ||
                     s.change.op == Op::kColumnType || s.change.op == Op::kAlterColumn ||
                     s.change.op == Op::kRename || s.change.op == Op::kDrop ||
                     (s.change.op == Op::kOther && !s.change.index);
    if (!exclusive || !is_large(project, s.table)) return;
    std::string key = std::string(s.statement.location.file) + ":" +
                      std::to_string(s.statement.location.line) + s.change.schema + "." +
                      s.change.table;
    if (key == last) return;
    last = key;
    out.push_back(risk_finding(s, "blocking-lock", "warning",
                               "takes an ACCESS EXCLUSIVE lock on " + s.change.schema + "." +
                                   s.change.table + " (" + table_size(s.table) +
                                   "): every read and write waits until the transaction ends. "
                                   "Set lock_timeout, and keep the revision short."));
  });
}

}  // namespace migsim
