#include "planner/cli/commands.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "parser/limits.h"
#include "parser/source.h"

namespace migsim {

namespace {
std::vector<std::pair<int, CommandSetup>>& commands() {
  static std::vector<std::pair<int, CommandSetup>> list;
  return list;
}
}  // namespace

CommandRegistrar::CommandRegistrar(int order, CommandSetup setup) {
  commands().emplace_back(order, setup);
}

int report_input_error(const InputError& e) {
  // An error of the command line itself names no file.
  std::string text = e.file == "migsim" ? e.message : e.to_string();
  std::fprintf(stderr, "migsim: %s\n", text.c_str());
  return 2;
}

int report_usage_error(const std::string& message) {
  std::fprintf(stderr, "migsim: %s\nRun 'migsim --help' for usage.\n", message.c_str());
  return 2;
}

void add_limit_options(CLI::App& cmd) {
  InputLimits& limits = input_limits();
  cmd.add_option("--max-file-size", limits.max_file_size,
                 "largest input file read, e.g. 200MiB (default 64MiB)")
      ->transform(CLI::AsSizeValue(false))
      // Offsets in files are 32-bit.
      ->check(CLI::Range(uint64_t{1}, uint64_t{0xFFFFFFFF}, "at most 4GiB"));
  cmd.add_option("--max-statements", limits.max_statements,
                 "most statements read from one file (default 1000000)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--max-nesting", limits.max_nesting,
                 "deepest Python expression read (default 200)")
      // Each level costs the parser and the interpreter stack frames.
      ->check(CLI::Range(size_t{1}, size_t{1'000}));
  cmd.add_option("--max-snapshot-size", limits.max_snapshot_size,
                 "largest snapshot file loaded, e.g. 2GiB (default 512MiB)")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 40, "at most 1TiB"));
}

int run_cli(int argc, char** argv) {
  CLI::App app{"migsim: plan and simulate PostgreSQL schema migrations, offline"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("migsim ") + MIGSIM_VERSION);
  std::function<int()> action;
  auto list = commands();
  std::sort(list.begin(), list.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, setup] : list) setup(app, action);
  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) known = known || sub->check_name(argv[1]);
    if (!known) return report_usage_error(std::string("unknown command '") + argv[1] + "'");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return report_usage_error(e.what());
  }
  return action ? action() : 2;
}

}  // namespace migsim
