// migsim report [--env NAME]... : the status document in Markdown, for one
// environment or a matrix of them, with a fresh database beside them.
// migsim report RUN.sqlite : a saved run rendered again, without its inputs.

#include <CLI/CLI.hpp>

#include "planner/cli/commands.h"
#include "planner/cli/output.h"
#include "planner/cli/report_output.h"
#include "planner/report/report_model_build.h"
#include "planner/report/saved_run.h"
#include "planner/run/environment.h"
#include "planner/run/findings.h"
#include "planner/util/keep_until_exit.h"

namespace migsim {
namespace {

struct ReportOptions {
  ProjectOptions project = ProjectOptions::for_replay();
  std::vector<std::string> envs;
  std::string output;
  std::string format = "markdown";
  std::string save;
  std::string saved;  ///< a saved run to render instead of running
};

int render_saved(const ReportOptions& o) {
  InputError error;
  if (!o.project.config.empty() || !o.project.migrations.empty() || !o.envs.empty() ||
      !o.save.empty())
    return report_usage_error(
        "a saved run is rendered on its own: --config, --migrations, --env and --save do not "
        "apply");
  ReportModel model;
  if (!load_saved_run(o.saved, model, error)) return report_input_error(error);
  OutputFiles outputs;
  if (!add_report(outputs, o.output, model, o.format, error) || !outputs.commit(error))
    return report_input_error(error);
  return 0;
}

int run_report(const ReportOptions& o) {
  if (!o.saved.empty()) return render_saved(o);
  Project project;
  InputError error;
  if (!load_project(o.project, project, error)) return report_input_error(error);
  std::vector<std::string> envs = o.envs;
  if (envs.empty())
    for (const auto& [name, e] : project.config.environments) envs.push_back(name);
  StatusReport report;
  for (const auto& name : envs) {
    EnvironmentReport env;
    for (RunMode mode : {RunMode::kPlan, RunMode::kAudit}) {
      EnvironmentRequest request;
      if (!environment_request(project, name, "", false, mode, request, error) ||
          !run_environment(project, request, mode == RunMode::kPlan ? env.plan : env.audit, error))
        return report_input_error(error);
    }
    report.environments.push_back(std::move(env));
  }
  EnvironmentRequest fresh;
  bool made = environment_request(project, "fresh", "", true, RunMode::kFresh, fresh, error);
  fresh.last_replay = true;
  if (!made || !run_environment(project, fresh, report.fresh, error))
    return report_input_error(error);
  std::vector<EnvironmentRun*> planned;
  for (auto& env : report.environments) planned.push_back(&env.plan);
  planned.push_back(&report.fresh);
  relate_redundant_revisions(planned);
  ReportModel model = build_status_model(project, report);
  OutputFiles outputs;  // the report and the saved run: both or neither
  if (!save_run_if(outputs, o.save, project, model, error)) return report_input_error(error);
  if (!add_report(outputs, o.output, model, o.format, error) || !outputs.commit(error))
    return report_input_error(error);
  keep_until_exit(std::move(project), std::move(model), std::move(report));
  return 0;
}

void setup(CLI::App* cmd, std::function<int()>& action) {
  static ReportOptions o;
  cmd->add_option("--config", o.project.config, "migsim.toml (default: ./migsim.toml if present)");
  cmd->add_option("--migrations", o.project.migrations, "the migration history");
  cmd->add_option("--source-format", o.project.source_format, "override the detected format");
  cmd->add_option("--env", o.envs, "an environment to report on (default: every configured one)")
      ->allow_extra_args(false);
  cmd->add_option("--format", o.format, "markdown (the status report), text, json, sarif or github")
      ->check(CLI::IsMember({"markdown", "text", "json", "sarif", "github"}));
  cmd->add_option("-o,--output", o.output, "write to this file instead of stdout");
  cmd->add_option("--save", o.save, "also save the whole run to this SQLite file");
  cmd->add_option("run", o.saved, "a saved run (--save) to render again instead");
  add_limit_options(*cmd);
  cmd->callback([&action] { action = [] { return run_report(o); }; });
}

CommandRegistrar reg(40, "report",
                     "Write the status report in Markdown: each environment, its "
                     "pending and applied revisions, findings; or render a saved run",
                     setup);

}  // namespace
}  // namespace migsim
