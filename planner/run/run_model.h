#pragma once
// The result of simulating an upgrade in one environment. The report model
// (planner/report/report_model.h) is built from it; writers read only that.

#include <memory>
#include <string>
#include <vector>

#include "parser/revisions/revision.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/statement_record.h"
#include "planner/snapshot/snapshot.h"

namespace migsim {

enum class RunMode { kPlan, kFresh, kAudit };
std::string_view run_mode_name(RunMode mode);

enum class Verdict { kApplies, kRedundant, kFails, kUnknown, kSkipped };
std::string_view verdict_name(Verdict verdict);

struct RevisionRun {
  const Revision* revision = nullptr;
  /// "applied" when the environment already has it (audit replays those),
  /// "pending" when the upgrade would apply it.
  bool applied = false;
  Verdict verdict = Verdict::kApplies;
  std::string reason;        ///< why the verdict, in a sentence
  bool rolled_back = false;  ///< its changes are undone by a later failure in its transaction
  std::vector<StatementRecord> statements;
};

/// What a revision does in another environment of the same command.
struct EnvironmentVerdict {
  std::string environment;
  std::string verdict;  ///< a verdict name, or "applied" when the environment already has it
};

/// A finding: something a reviewer must know, with a stable rule id.
struct Finding {
  std::string rule;      ///< kebab-case id, e.g. "would-fail"
  std::string severity;  ///< error, warning, info
  std::string revision;  ///< the revision it is about, if any
  std::string object;    ///< the catalog object, e.g. "table padealing.active_stocks"
  std::string message;
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  /// redundant-revision, when several environments are planned: the revision
  /// in each of the others.
  std::vector<EnvironmentVerdict> elsewhere;
};

/// A finding silenced by a migsim:ignore comment: kept so that reports can
/// show it as suppressed (SARIF) rather than lose it.
struct SilencedFinding {
  Finding finding;
  std::string comment;        ///< the comment as written, "-- migsim:ignore would-fail"
  uint32_t comment_line = 0;  ///< its line in finding.file
};

struct EnvironmentRun {
  std::string name;      ///< environment name, or "fresh"
  std::string snapshot;  ///< snapshot path; empty for a fresh database
  RunMode mode = RunMode::kPlan;
  std::vector<std::string> current;  ///< revisions in the version table before the run
  std::vector<std::string> heads;    ///< the local heads
  std::vector<RevisionRun> revisions;
  std::vector<Finding> findings;
  std::vector<SilencedFinding> silenced;  ///< findings silenced by migsim:ignore comments
  Snapshot snapshot_info;
  /// The catalog as it stands after the run (for --save-snapshot and explain).
  std::unique_ptr<Catalog> catalog;

  size_t pending() const;
};

/// Exit code 1 when a finding of `runs` is at least as severe as `fail_on`
/// (error, warning, info; never: no finding fails the run), else 0.
int exit_code_for(const std::vector<EnvironmentRun>& runs, std::string_view fail_on);

}  // namespace migsim
