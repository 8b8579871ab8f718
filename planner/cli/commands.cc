#include "planner/cli/commands.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>

#include "planner/cli/output.h"
#include "planner/replay/replay_run.h"

namespace migsim {

namespace {

int report_input_error(const InputError& e) {
  std::fprintf(stderr, "migsim: %s\n", e.to_string().c_str());
  return 2;
}

struct ReplayOptions {
  std::vector<std::string> base;
  std::vector<std::string> files;
  std::string format = "text";
  std::string output;
};

int run_replay(const ReplayOptions& o) {
  Catalog catalog;
  ReplayRun run;
  InputError error;
  if (!replay_files(o.base, o.files, catalog, run, error)) return report_input_error(error);
  std::string text = o.format == "json" ? replay_json(run)
                                        : replay_text(run, o.output.empty() && stdout_wants_color());
  if (!write_output(o.output, text, error)) return report_input_error(error);
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"migsim: plan and simulate PostgreSQL schema migrations, offline"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("migsim ") + MIGSIM_VERSION);
  std::function<int()> action;

  ReplayOptions replay;
  auto* cmd = app.add_subcommand("replay", "Replay SQL files on an empty database and print "
                                           "each statement's outcome");
  cmd->add_option("--schema", replay.base, "SQL applied first, to build the starting catalog");
  cmd->add_option("--format", replay.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", replay.output, "write to this file instead of stdout");
  cmd->add_option("files", replay.files, "SQL files, replayed in order")->required();
  cmd->callback([&] { action = [&] { return run_replay(replay); }; });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "migsim: %s\nRun 'migsim --help' for usage.\n", e.what());
    return 2;
  }
  return action ? action() : 2;
}

}  // namespace migsim
