#include "planner/rules/risk_sites.h"

namespace migsim {

namespace {

/// Statistics come only from a snapshot: a history replayed on an empty
/// database has none, and no risk rule fires without them.
bool has_statistics(const Relation* table) {
  return table && (table->row_estimate >= 0 || table->total_bytes >= 0);
}

bool any_statistics(const Catalog& catalog) {
  for (const auto& [key, relation] : catalog.relations.all())
    if (has_statistics(&relation)) return true;
  return false;
}

}  // namespace

RiskSites risk_sites(const EnvironmentRun& run) {
  RiskSites out;
  if (!run.catalog || !any_statistics(*run.catalog)) return out;
  for (const auto& rev : run.revisions) {
    if (rev.applied) continue;
    for (const auto& s : rev.statements) {
      if (s.bookkeeping) continue;
      if (s.result.outcome != Outcome::kApplies && s.result.outcome != Outcome::kFails) continue;
      for (auto& c : statement_changes(s, *run.catalog)) {
        const Relation* table = run.catalog->relation(c.schema, c.table);
        if (has_statistics(table)) out.push_back({rev, s, std::move(c), table});
      }
    }
  }
  return out;
}

void for_each_risk_site(const RiskSites& sites, const std::function<void(const RiskSite&)>& visit) {
  for (const RiskSite& site : sites) visit(site);
}

namespace {
std::string with_commas(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}
}  // namespace

std::string table_size(const Relation* t) {
  if (!t || t->row_estimate < 0) return "size unknown";
  std::string out = with_commas(t->row_estimate) + " rows";
  if (t->total_bytes >= 0) out += ", " + with_commas(t->total_bytes / (1024 * 1024)) + " MB";
  return out;
}

bool has_rows(const Relation* t) {
  return t && t->row_estimate > 0;
}

bool is_large(const Project& project, const Relation* t) {
  if (!t) return false;
  return (t->row_estimate >= 0 && t->row_estimate >= project.config.large_table_rows) ||
         (t->total_bytes >= 0 && t->total_bytes >= project.config.large_table_bytes);
}

Finding risk_finding(const RiskSite& site, std::string rule, std::string severity,
                     std::string message) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = std::move(severity);
  f.revision = site.revision.revision->id;
  f.object = "table " + site.change.schema + "." + site.change.table;
  f.message = std::move(message);
  f.file = std::string(site.statement.location.file);
  f.line = site.statement.location.line;
  f.column = site.statement.location.column;
  return f;
}

}  // namespace migsim
