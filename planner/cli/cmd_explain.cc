// migsim explain REV [--env NAME | --snapshot FILE | --empty]
//
// One pending revision in detail: each statement's outcome, and every catalog
// object the revision changes, before and after (what the catalog looks like
// just before the revision against just after it).

#include <CLI/CLI.hpp>

#include "planner/cli/commands.h"
#include "planner/cli/output.h"
#include "planner/report/report_model_build.h"
#include "planner/report/run_writers.h"
#include "planner/run/environment.h"
#include "planner/snapshot/diff.h"

namespace migsim {
namespace {

struct ExplainOptions {
  ProjectOptions project = ProjectOptions::for_replay();
  std::string revision;
  std::string env;
  std::string snapshot;
  bool empty = false;
  std::string format = "text";
  std::string output;
};

int run_explain(const ExplainOptions& o) {
  Project project;
  InputError error;
  if (!load_project(o.project, project, error)) return report_input_error(error);
  std::vector<std::string> ids;
  std::string why;
  if (!project.graph->resolve(o.revision, ids, why) || ids.size() != 1) {
    return report_input_error(
        {project.migrations, 0, 0,
         "revision '" + o.revision + "': " + (why.empty() ? "names more than one revision" : why)});
  }
  const Revision* rev = project.graph->find(ids[0]);
  EnvironmentRequest request;
  if (!environment_request(project, o.env, o.snapshot, o.empty, RunMode::kPlan, request, error))
    return report_input_error(error);

  std::vector<EnvironmentRun> after(1);
  request.to = {rev->id};
  if (!run_environment(project, request, after[0], error)) return report_input_error(error);
  const RevisionRun* target = nullptr;
  for (const auto& r : after[0].revisions)
    if (r.revision == rev) target = &r;
  if (!target) {
    return report_input_error({rev->path, rev->location.line, 0,
                               "revision " + rev->id + " is already applied in " + after[0].name +
                                   ": run `migsim audit` to see the applied history"});
  }
  EnvironmentRun before;
  request.stop_before = rev->id;
  if (!run_environment(project, request, before, error)) return report_input_error(error);
  Snapshot none;
  auto changes = diff_snapshots(*before.catalog, none, *after[0].catalog, none, DiffOptions{});

  // Keep only this revision in the printed run.
  EnvironmentRun shown;
  shown.name = after[0].name;
  shown.snapshot = after[0].snapshot;
  shown.mode = after[0].mode;
  shown.current = after[0].current;
  shown.heads = after[0].heads;
  shown.revisions.push_back(std::move(const_cast<RevisionRun&>(*target)));
  for (const auto& f : after[0].findings)
    if (f.revision == rev->id) shown.findings.push_back(f);
  std::vector<EnvironmentRun> runs;
  runs.push_back(std::move(shown));
  std::string text;
  if (o.format == "json") {
    text = runs_json(build_run_model(project, runs, "explain"));
    text.pop_back();  // the closing newline; the changes follow in the same document
    text.pop_back();  // the closing brace
    text += ",\"changes\":" + diff_json(changes);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    text += "}\n";
  } else {
    text = runs_text(build_run_model(project, runs, "explain"),
                     o.output.empty() && stdout_wants_color());
    for (const auto& s : runs[0].revisions[0].statements) {
      text += "  " + std::string(s.location.file) + ":" + std::to_string(s.location.line) + "  " +
              std::string(outcome_name(s.result.outcome)) +
              (s.bookkeeping ? " (version table)" : "") + "\n    " + std::string(s.sql) + "\n";
      if (!s.result.message.empty()) text += "    -> " + s.result.message + "\n";
    }
    text +=
        "\ncatalog changes:\n" + (changes.empty() ? std::string("  none\n") : diff_text(changes));
  }
  if (!write_output(o.output, text, error)) return report_input_error(error);
  return 0;
}

void setup(CLI::App* cmd, std::function<int()>& action) {
  static ExplainOptions o;
  cmd->add_option("revision", o.revision, "the revision (id, unique prefix or branch label)")
      ->required();
  cmd->add_option("--config", o.project.config, "migsim.toml (default: ./migsim.toml if present)");
  cmd->add_option("--migrations", o.project.migrations, "the migration history");
  cmd->add_option("--source-format", o.project.source_format, "override the detected format");
  cmd->add_option("--env", o.env, "the environment ('fresh': an empty database)");
  cmd->add_option("--snapshot", o.snapshot, "a snapshot file instead of a configured environment");
  cmd->add_flag("--empty", o.empty, "from an empty database");
  cmd->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", o.output, "write to this file instead of stdout");
  add_limit_options(*cmd);
  cmd->callback([&action] { action = [] { return run_explain(o); }; });
}

CommandRegistrar reg(
    35, "explain",
    "Show one pending revision statement by statement, with the catalog before and after", setup);

}  // namespace
}  // namespace migsim
