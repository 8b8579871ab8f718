#include "planner/run/findings.h"

#include "planner/rules/protected_schema_write.h"
#include "planner/rules/risk_rules.h"
#include "planner/rules/suppression.h"
#include "planner/rules/unused_table.h"

namespace migsim {

namespace {

Finding at(const StatementRecord& s, std::string rule, std::string severity,
           const std::string& revision, std::string message) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = std::move(severity);
  f.revision = revision;
  f.message = std::move(message);
  f.file = std::string(s.location.file);
  f.line = s.location.line;
  f.column = s.location.column;
  return f;
}

}  // namespace

void add_run_findings(const Project& project, EnvironmentRun& run) {
  std::vector<Finding> found;
  for (const auto& rev : run.revisions) {
    const std::string& id = rev.revision->id;
    for (const auto& s : rev.statements) {
      if (s.result.outcome == Outcome::kFails) {
        std::string msg = "would fail: " + s.result.sqlstate + " " + s.result.message;
        if (rev.rolled_back || !rev.applied) msg += "; the migration tool stops here";
        found.push_back(at(s, "would-fail", "error", id, msg));
      } else if (s.result.outcome == Outcome::kUnknown) {
        found.push_back(at(s, "unknown-statement", "info", id,
                           "not modelled, so not checked: " + s.result.message));
      }
    }
    if (!rev.applied && rev.verdict == Verdict::kRedundant) {
      Finding f;
      f.rule = "redundant-revision";
      f.severity = "warning";
      f.revision = id;
      f.message = "revision " + id +
                  (rev.revision->message.empty() ? "" : " (" + rev.revision->message + ")") +
                  " is redundant in " + run.name + ": " + rev.reason;
      f.file = rev.revision->path;
      f.line = rev.revision->location.line;
      found.push_back(std::move(f));
    }
  }
  check_protected_schema_writes(project, run, found);
  if (run.mode == RunMode::kPlan) check_unused_tables(project, run, found);
  RiskSites sites = risk_sites(run);
  check_not_null_without_default(project, sites, found);
  check_table_rewrite(project, sites, found);
  check_blocking_lock(project, sites, found);
  check_index_not_concurrent(project, sites, found);
  check_concurrently_in_transaction(project, run, found);
  for (const GraphProblem& p : project.graph->problems()) {
    Finding f;
    f.rule = p.rule;
    f.severity = p.severity == GraphProblem::Severity::kError ? "error" : "warning";
    f.revision = p.revisions.empty() ? std::string() : p.revisions.front();
    f.message = p.message;
    f.file = p.file;
    f.line = p.line;
    found.push_back(std::move(f));
  }
  found.insert(found.end(), run.findings.begin(), run.findings.end());
  // Rule levels from the configuration: a new severity, or off.
  run.findings.clear();
  for (auto& f : found) {
    auto level = project.config.rules.find(f.rule);
    if (level != project.config.rules.end()) {
      if (level->second == RuleLevel::kOff) continue;
      f.severity = std::string(rule_level_name(level->second));
    }
    run.findings.push_back(std::move(f));
  }
  run.silenced = apply_suppressions(run.findings);
}

namespace {

/// "a", "a and b", "a, b and c".
std::string join_and(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

/// What the revision `id` does in `other`: its run there, or null when it is not pending.
const RevisionRun* pending_run(const EnvironmentRun& other, const std::string& id) {
  for (const auto& rev : other.revisions)
    if (rev.revision->id == id) return &rev;
  return nullptr;
}

void relate(Finding& f, const EnvironmentRun& run, const std::vector<EnvironmentRun*>& planned) {
  std::vector<std::string> not_redundant, redundant, not_reached, unknown, have_it;
  for (const EnvironmentRun* other : planned) {
    if (other == &run) continue;
    const RevisionRun* rev = pending_run(*other, f.revision);
    f.elsewhere.push_back({other->name, rev ? std::string(verdict_name(rev->verdict)) : "applied"});
    if (!rev) {
      have_it.push_back(other->name);
      continue;
    }
    switch (rev->verdict) {
      case Verdict::kApplies:
      case Verdict::kFails:
        not_redundant.push_back(other->name + " (" + std::string(verdict_name(rev->verdict)) + ")");
        break;
      case Verdict::kRedundant:
        redundant.push_back(other->name);
        break;
      case Verdict::kSkipped:
        not_reached.push_back(other->name);
        break;
      case Verdict::kUnknown:
        unknown.push_back(other->name);
        break;
    }
  }
  if (!not_redundant.empty()) f.message += ". It is not redundant in " + join_and(not_redundant);
  if (!redundant.empty()) f.message += ". It is redundant in " + join_and(redundant) + " too";
  if (!not_reached.empty())
    f.message +=
        ". It is not reached in " + join_and(not_reached) +
        ", where a revision before it fails, so whether it is redundant there is not known";
  if (!unknown.empty())
    f.message += ". In " + join_and(unknown) + " migsim cannot tell: a statement is not modelled";
  if (!have_it.empty())
    f.message +=
        ". " + join_and(have_it) + (have_it.size() == 1 ? " has" : " have") + " it already";
  if (!f.elsewhere.empty()) f.message += ".";
}

}  // namespace

void relate_redundant_revisions(const std::vector<EnvironmentRun*>& runs) {
  std::vector<EnvironmentRun*> planned;
  for (EnvironmentRun* r : runs)
    if (r->mode != RunMode::kAudit) planned.push_back(r);
  if (planned.size() < 2) return;
  for (EnvironmentRun* run : planned)
    for (Finding& f : run->findings)
      if (f.rule == "redundant-revision" && !f.revision.empty()) relate(f, *run, planned);
}

}  // namespace migsim
