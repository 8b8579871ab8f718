#pragma once
// The report model: everything a writer prints, built once from a command's
// runs (report_model_build.cc) or read back from a saved run (saved_run.h).
// Writers read only this: no parse trees, no catalogs, no configuration.

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parser/revisions/revision_graph.h"
#include "planner/engine/outcome.h"
#include "planner/engine/statement_record.h"
#include "planner/run/run_model.h"

namespace migsim {

/// One revision in one run, with its verdict.
struct ModelRevisionRun {
  std::string id;
  std::string name;  ///< the revision's message
  std::string date;  ///< its create date as written in the source
  std::string file;
  bool applied = false;  ///< the environment already has it (audit)
  Verdict verdict = Verdict::kApplies;
  std::string reason;
  bool rolled_back = false;
  /// Its statements, where they are kept: the records of the run the model
  /// was built from, which outlive it (a long history's model would otherwise
  /// copy every statement once more), or the model's own `records` (a saved
  /// run read back).
  std::span<const StatementRecord> statements;
};

/// One run: an environment planned, audited, or a fresh database.
struct ModelRun {
  std::string name;
  std::string snapshot;  ///< the snapshot's path; empty for a fresh database
  RunMode mode = RunMode::kPlan;
  std::string database;  ///< the snapshot's database name, when it says
  std::string taken_at;  ///< when the snapshot was taken, when it says
  std::vector<std::string> current;
  std::vector<std::string> heads;
  std::vector<ModelRevisionRun> revisions;
  std::vector<Finding> findings;
  size_t silenced = 0;  ///< how many findings migsim:ignore comments silenced
  /// The silenced findings themselves; empty in a run saved in format 1,
  /// which kept only their number.
  std::vector<SilencedFinding> silenced_findings;

  size_t pending() const;
};

/// A row of the status report's applied history.
struct ModelHistoryEntry {
  std::string id;
  std::string name;
  std::string date;
  std::string notes;  ///< the rules with findings on it, "rule-a, rule-b"; empty for none
  bool current = false;
};

/// A row of the status report's schema table.
struct ModelSchema {
  std::string name;
  std::string owner;  ///< "migrations", "external (note)" or "not configured"
  int64_t tables = 0;
  int64_t findings = 0;
};

/// One environment of the status report: its plan and audit runs (indexes
/// into ReportModel::runs), its applied history and its schemas.
struct ModelEnvironment {
  size_t plan = 0;
  size_t audit = 0;
  std::vector<ModelHistoryEntry> history;
  bool has_schemas = false;  ///< there was a snapshot to count from
  std::vector<ModelSchema> schemas;
};

/// An input file of the run, identified by its path and contents.
struct ModelInput {
  std::string role;  ///< migration, config or snapshot
  std::string path;
  std::string sha256;  ///< hex
  int64_t size = 0;
};

struct ReportModel {
  std::string command;  ///< plan, audit, check, report, explain
  std::string migsim_version;
  std::string migrations;     ///< the history's path
  std::string source_format;  ///< its format's name
  /// The revisions of the history: writers read their ids, messages and
  /// edges. The project's own graph when the model was built from one.
  std::shared_ptr<const RevisionGraph> graph = std::make_shared<const RevisionGraph>();
  std::vector<ModelRun> runs;
  /// A status report: `environments` and `fresh` are set, and runs are each
  /// environment's plan and audit, then the fresh database.
  bool status = false;
  std::vector<ModelEnvironment> environments;
  size_t fresh = 0;
  std::vector<std::string> recommendations;
  std::vector<ModelInput> inputs;
  /// Statements the model holds itself (a saved run read back), one list for
  /// each revision run; shared by copies of the model.
  std::shared_ptr<std::deque<std::vector<StatementRecord>>> records =
      std::make_shared<std::deque<std::vector<StatementRecord>>>();
  /// Texts the model holds itself (the file names its own records view, when
  /// it was read back from a saved run); shared by copies of the model.
  std::shared_ptr<std::deque<std::string>> text = std::make_shared<std::deque<std::string>>();

  /// Keeps `s` for as long as the model (and its copies) live; its view.
  std::string_view keep(std::string s) {
    return s.empty() ? std::string_view() : text->emplace_back(std::move(s));
  }
};

/// "1 fails, 5 skipped": how many revisions of `run` got each verdict; "none".
std::string verdict_counts(const ModelRun& run);
/// How many findings of `run` have `severity`.
int count_severity(const ModelRun& run, std::string_view severity);

}  // namespace migsim
