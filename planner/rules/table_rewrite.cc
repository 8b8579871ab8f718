// table-rewrite: statements that rewrite every row of a table that has rows:
// a column type change that is not binary-coercible, a volatile default.

#include "planner/rules/risk_rules.h"
#include "planner/rules/risk_sites.h"

namespace migsim {

namespace {

/// Splits "character varying(30)" into "character varying" and {30}.
std::pair<std::string, std::vector<long>> split_type(const std::string& type) {
  size_t open = type.find('(');
  if (open == std::string::npos) return {type, {}};
  size_t close = type.find(')', open);
  std::string base =
      type.substr(0, open) + (close == std::string::npos ? "" : type.substr(close + 1));
  std::vector<long> mods;
  std::string inner = type.substr(open + 1, close - open - 1);
  size_t pos = 0;
  while (pos < inner.size()) {
    mods.push_back(std::strtol(inner.c_str() + pos, nullptr, 10));
    size_t comma = inner.find(',', pos);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return {base, mods};
}

/// PostgreSQL changes these types without touching the rows.
bool binary_coercible(const std::string& from, const std::string& to) {
  if (from == to) return true;
  auto [fb, fm] = split_type(from);
  auto [tb, tm] = split_type(to);
  bool varlen = fb == "character varying" || fb == "bit varying";
  if (varlen && tb == fb) return tm.empty() || (!fm.empty() && tm[0] >= fm[0]);
  if (fb == "character varying" && tb == "text") return true;
  if (fb == "text" && tb == "character varying" && tm.empty()) return true;
  if (fb == "numeric" && tb == "numeric") {
    if (tm.empty()) return true;
    if (fm.empty()) return false;
    long fs = fm.size() > 1 ? fm[1] : 0, ts = tm.size() > 1 ? tm[1] : 0;
    return ts == fs && tm[0] >= fm[0];
  }
  return false;
}

}  // namespace

void check_table_rewrite(const Project&, const RiskSites& sites, std::vector<Finding>& out) {
  for_each_risk_site(sites, [&](const RiskSite& s) {
    if (!has_rows(s.table)) return;
    std::string where = s.change.schema + "." + s.change.table + " (" + table_size(s.table) + ")";
    if (s.change.op == ObjectChange::Op::kColumnType) {
      // The engine records the change as "column s.t.c type OLD -> NEW".
      std::string marker =
          "column " + s.change.schema + "." + s.change.table + "." + s.change.column + " type ";
      for (const auto& t : s.statement.result.touched) {
        if (t.rfind(marker, 0) != 0) continue;
        std::string change = t.substr(marker.size());
        size_t arrow = change.find(" -> ");
        if (arrow == std::string::npos) continue;
        std::string from = change.substr(0, arrow), to = change.substr(arrow + 4);
        if (binary_coercible(from, to)) continue;
        out.push_back(risk_finding(s, "table-rewrite", "warning",
                                   "changing " + s.change.column + " from " + from + " to " + to +
                                       " rewrites " + where +
                                       " and its indexes under an ACCESS EXCLUSIVE lock."));
      }
    } else if (s.change.volatile_default) {
      out.push_back(risk_finding(
          s, "table-rewrite", "warning",
          "ADD COLUMN " + s.change.column + " with a volatile default rewrites " + where +
              " under an ACCESS EXCLUSIVE lock (a constant default would not). Add it without "
              "the default and backfill in batches."));
    }
  });
}

}  // namespace migsim
