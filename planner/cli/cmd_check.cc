// migsim check: for pull requests. Plans every configured environment and a
// fresh database, reports, and exits 1 when a finding reaches --fail-on.
// --changed-since REF reports only findings in files changed since REF (the
// whole history is still replayed, so the state is right). With
// GITHUB_STEP_SUMMARY set, a Markdown summary is appended to that file.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "planner/cli/commands.h"
#include "planner/cli/output.h"
#include "planner/cli/report_output.h"
#include "planner/report/report_model_build.h"
#include "planner/report/run_writers.h"
#include "planner/report/saved_run.h"
#include "planner/run/environment.h"
#include "planner/run/findings.h"
#include "planner/util/keep_until_exit.h"

namespace migsim {
namespace {

struct CheckOptions {
  ProjectOptions project = ProjectOptions::for_replay();
  std::string format = "text";
  std::string output;
  std::string fail_on = "error";
  std::string changed_since;
  std::string save;
};

/// Files changed since `ref` (committed, staged or not), as absolute paths.
bool changed_files(const std::string& ref, std::set<std::string>& out, InputError& error) {
  std::string root_cmd = "git rev-parse --show-toplevel 2>/dev/null";
  FILE* p = popen(root_cmd.c_str(), "r");
  char buf[4096];
  std::string root;
  while (p && fgets(buf, sizeof buf, p)) root += buf;
  if (p) pclose(p);
  while (!root.empty() && (root.back() == '\n' || root.back() == '\r')) root.pop_back();
  if (root.empty()) {
    error = {"migsim", 0, 0, "--changed-since needs a git repository"};
    return false;
  }
  for (char c : ref) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
          c == '.' || c == '~' || c == '^' || c == '@')) {
      error = {"migsim", 0, 0, "--changed-since: not a git revision: " + ref};
      return false;
    }
  }
  std::string cmd = "git diff --name-only " + ref + " -- 2>/dev/null; echo \"rc=$?\"";
  p = popen(cmd.c_str(), "r");
  std::string text;
  while (p && fgets(buf, sizeof buf, p)) text += buf;
  if (p) pclose(p);
  if (text.find("rc=0") == std::string::npos) {
    error = {"migsim", 0, 0, "--changed-since: git does not know the revision " + ref};
    return false;
  }
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    if (line.empty() || line.rfind("rc=", 0) == 0) continue;
    out.insert(std::filesystem::weakly_canonical(root + "/" + line).string());
  }
  return true;
}

int run_check(const CheckOptions& o) {
  Project project;
  InputError error;
  if (!load_project(o.project, project, error)) return report_input_error(error);
  std::vector<std::string> envs;
  for (const auto& [name, e] : project.config.environments) envs.push_back(name);
  envs.push_back("fresh");
  std::vector<EnvironmentRun> runs;
  for (const auto& name : envs) {
    EnvironmentRequest request;
    EnvironmentRun run;
    bool made =
        environment_request(project, name, "", name == "fresh", RunMode::kPlan, request, error);
    request.last_replay = &name == &envs.back();
    if (!made || !run_environment(project, request, run, error)) return report_input_error(error);
    runs.push_back(std::move(run));
  }
  std::vector<EnvironmentRun*> planned;
  for (auto& run : runs) planned.push_back(&run);
  relate_redundant_revisions(planned);
  if (!o.changed_since.empty()) {
    std::set<std::string> changed;
    if (!changed_files(o.changed_since, changed, error)) return report_input_error(error);
    auto in_changed = [&](const Finding& f) {
      return !f.file.empty() && changed.count(std::filesystem::weakly_canonical(f.file).string());
    };
    for (auto& run : runs) {
      std::vector<Finding> kept;
      for (auto& f : run.findings)
        if (in_changed(f)) kept.push_back(std::move(f));
      run.findings = std::move(kept);
      std::vector<SilencedFinding> silenced;
      for (auto& s : run.silenced)
        if (in_changed(s.finding)) silenced.push_back(std::move(s));
      run.silenced = std::move(silenced);
    }
  }
  ReportModel model = build_run_model(project, runs, "check");
  OutputFiles outputs;  // the report and the saved run: both or neither
  if (!save_run_if(outputs, o.save, project, model, error)) return report_input_error(error);
  if (!add_report(outputs, o.output, model, o.format, error) || !outputs.commit(error))
    return report_input_error(error);
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary) {
    if (FILE* f = std::fopen(summary, "a")) {
      std::string md = summary_markdown(model);
      std::fwrite(md.data(), 1, md.size(), f);
      std::fclose(f);
    }
  }
  int code = exit_code_for(runs, o.fail_on);
  keep_until_exit(std::move(project), std::move(model), std::move(runs));
  return code;
}

void setup(CLI::App* cmd, std::function<int()>& action) {
  static CheckOptions o;
  cmd->add_option("--config", o.project.config, "migsim.toml (default: ./migsim.toml if present)");
  cmd->add_option("--migrations", o.project.migrations, "the migration history");
  cmd->add_option("--source-format", o.project.source_format, "override the detected format");
  cmd->add_option("--format", o.format, "text, markdown, json, sarif or github")
      ->check(CLI::IsMember({"text", "markdown", "json", "sarif", "github"}));
  cmd->add_option("-o,--output", o.output, "write to this file instead of stdout");
  add_limit_options(*cmd);
  cmd->add_option("--rule", o.project.rules,
                  "RULE=LEVEL: a rule's level (error, warning, info, off)")
      ->allow_extra_args(false);
  cmd->add_option("--fail-on", o.fail_on, "exit 1 on findings of this severity or worse")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  cmd->add_option("--save", o.save, "also save the whole run to this SQLite file");
  cmd->add_option("--changed-since", o.changed_since,
                  "report only findings in files changed since this git revision");
  cmd->callback([&action] { action = [] { return run_check(o); }; });
}

CommandRegistrar reg(
    50, "check",
    "For pull requests: plan every environment and a fresh database; exit 1 on findings", setup);

}  // namespace
}  // namespace migsim
