// migsim plan  [--env NAME... | --snapshot FILE | --empty] [--to REV]... [--current REV]...
// migsim audit [--env NAME... | --snapshot FILE]
//
// plan: from the environment's snapshot through the pending revisions (or
// from an empty database); audit: the applied history from base, compared
// with the snapshot. Both print each revision's verdict and the findings.
// With several --env, each is run in turn, and a revision redundant in one
// says what it does in the others.

#include <CLI/CLI.hpp>

#include "planner/cli/commands.h"
#include "planner/cli/output.h"
#include "planner/cli/report_output.h"
#include "planner/report/report_model_build.h"
#include "planner/report/saved_run.h"
#include "planner/run/environment.h"
#include "planner/run/findings.h"
#include "planner/run/version_after.h"
#include "planner/util/keep_until_exit.h"

namespace migsim {
namespace {

struct PlanOptions {
  ProjectOptions project = ProjectOptions::for_replay();
  std::vector<std::string> envs;
  std::string snapshot;
  bool empty = false;
  std::vector<std::string> to;
  std::vector<std::string> current;
  std::string format = "text";
  std::string output;
  std::string save_snapshot;
  std::string save;
  std::string fail_on = "error";
};

int run_plan(const PlanOptions& o, RunMode mode) {
  Project project;
  InputError error;
  if (!load_project(o.project, project, error)) return report_input_error(error);
  std::vector<std::string> envs = o.envs.empty() ? std::vector<std::string>{""} : o.envs;
  if (envs.size() > 1 &&
      (!o.snapshot.empty() || o.empty || !o.save_snapshot.empty() || !o.current.empty())) {
    error = {"migsim", 0, 0,
             "several --env: --snapshot, --empty, --current and --save-snapshot take one "
             "environment (name 'fresh' for an empty database)"};
    return report_input_error(error);
  }
  std::vector<EnvironmentRun> runs(envs.size());
  for (size_t i = 0; i < envs.size(); ++i) {
    EnvironmentRequest request;
    if (!environment_request(project, envs[i], o.snapshot, o.empty, mode, request, error))
      return report_input_error(error);
    request.to = o.to;
    request.current = o.current;
    request.last_replay = i + 1 == envs.size();
    if (!run_environment(project, request, runs[i], error)) return report_input_error(error);
  }
  std::vector<EnvironmentRun*> planned;
  for (auto& run : runs) planned.push_back(&run);
  relate_redundant_revisions(planned);
  ReportModel model = build_run_model(project, runs, std::string(run_mode_name(mode)));
  OutputFiles outputs;  // the report, the saved run and the snapshot: all or none
  if (!save_run_if(outputs, o.save, project, model, error)) return report_input_error(error);
  if (!add_report(outputs, o.output, model, o.format, error)) return report_input_error(error);
  if (!o.save_snapshot.empty() && !add_snapshot_output(outputs, o.save_snapshot, *runs[0].catalog,
                                                       snapshot_after(project, runs[0]), error))
    return report_input_error(error);
  if (!outputs.commit(error)) return report_input_error(error);
  int code = exit_code_for(runs, o.fail_on);
  keep_until_exit(std::move(project), std::move(model), std::move(runs));
  return code;
}

void add_options(CLI::App* cmd, PlanOptions& o, bool audit) {
  cmd->add_option("--config", o.project.config, "migsim.toml (default: ./migsim.toml if present)");
  cmd->add_option("--migrations", o.project.migrations,
                  "an Alembic versions/ directory, an offline .sql file, or a SQL directory");
  cmd->add_option("--source-format", o.project.source_format, "override the detected format")
      ->check(CLI::IsMember(
          {"alembic", "alembic-sql", "flyway", "golang-migrate", "dbmate", "diesel", "sql"}));
  cmd->add_option(
         "--env", o.envs,
         audit ? "an environment to audit (repeat for several)"
               : "an environment to plan for ('fresh': an empty database; repeat for several)")
      ->allow_extra_args(false);
  cmd->add_option("--snapshot", o.snapshot, "a snapshot file instead of a configured environment");
  if (!audit) {
    cmd->add_flag("--empty", o.empty, "plan for an empty database, as a new environment is built");
    cmd->add_option("--to", o.to, "target revision (default: all heads)")->allow_extra_args(false);
  }
  cmd->add_option("--current", o.current,
                  "the environment's current revision, overriding its version table")
      ->allow_extra_args(false);
  cmd->add_option("--format", o.format, "text, markdown, json, sarif or github")
      ->check(CLI::IsMember({"text", "markdown", "json", "sarif", "github"}));
  cmd->add_option("-o,--output", o.output, "write to this file instead of stdout");
  add_limit_options(*cmd);
  cmd->add_option("--save-snapshot", o.save_snapshot,
                  "write the catalog as it stands after the run to this snapshot file");
  cmd->add_option("--save", o.save, "also save the whole run to this SQLite file");
  cmd->add_option("--rule", o.project.rules,
                  "RULE=LEVEL: a rule's level (error, warning, info, off)")
      ->allow_extra_args(false);
  cmd->add_option("--fail-on", o.fail_on, "exit 1 on findings of this severity or worse")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
}

void setup_plan(CLI::App* cmd, std::function<int()>& action) {
  static PlanOptions o;
  add_options(cmd, o, false);
  cmd->callback([&action] { action = [] { return run_plan(o, RunMode::kPlan); }; });
}

void setup_audit(CLI::App* cmd, std::function<int()>& action) {
  static PlanOptions o;
  add_options(cmd, o, true);
  cmd->callback([&action] { action = [] { return run_plan(o, RunMode::kAudit); }; });
}

CommandRegistrar reg_plan(
    30, "plan",
    "Simulate the pending revisions on an environment's snapshot, or on an empty database",
    setup_plan);
CommandRegistrar reg_audit(
    31, "audit",
    "Replay the applied history from base and compare it with the environment's snapshot",
    setup_audit);

}  // namespace
}  // namespace migsim
