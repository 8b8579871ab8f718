#include "planner/cli/commands.h"

#include <sys/resource.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "parser/limits.h"
#include "parser/revisions/parse_bodies.h"
#include "parser/source.h"
#include "parser/stack_thread.h"
#include "planner/rules/statement_targets.h"

namespace migsim {

namespace {

struct Command {
  int order;
  const char* name;
  const char* description;
  CommandSetup setup;
};

std::vector<Command>& commands() {
  static std::vector<Command> list;
  return list;
}

}  // namespace

CommandRegistrar::CommandRegistrar(int order, const char* name, const char* description,
                                   CommandSetup setup) {
  commands().push_back({order, name, description, setup});
}

std::unique_ptr<CLI::App> make_app(std::function<int()>& action, std::string_view only) {
  auto app =
      std::make_unique<CLI::App>("migsim: plan and simulate PostgreSQL schema migrations, offline");
  app->require_subcommand(1);
  app->set_version_flag("--version", std::string("migsim ") + MIGSIM_VERSION);
  auto list = commands();
  std::sort(list.begin(), list.end(),
            [](const Command& a, const Command& b) { return a.order < b.order; });
  for (const Command& c : list) {
    CLI::App* cmd = app->add_subcommand(c.name, c.description);
    if (only.empty() || only == c.name) c.setup(cmd, action);
  }
  return app;
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
  // Built once: every command has these options, and building the validator
  // (its table of units) took a sixth of the start of every run.
  static const CLI::AsSizeValue size_value(false);
  cmd.add_option("--max-file-size", limits.max_file_size,
                 "largest input file read, e.g. 200MiB (default 64MiB)")
      ->transform(size_value)
      // Offsets in files are 32-bit.
      ->check(CLI::Range(uint64_t{1}, uint64_t{0xFFFFFFFF}, "at most 4GiB"));
  cmd.add_option("--max-statements", limits.max_statements,
                 "most statements read from one file (default 1000000)")
      ->check(CLI::PositiveNumber);
  // Each level costs stack frames; commands run on a stack sized for both.
  cmd.add_option("--max-nesting", limits.max_nesting,
                 "deepest Python expression read (default 200)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));
  cmd.add_option("--max-sql-nesting", limits.max_sql_nesting,
                 "deepest SQL statement read, in parse tree levels (default 1000)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));
  cmd.add_option("--max-snapshot-size", limits.max_snapshot_size,
                 "largest snapshot file loaded, e.g. 2GiB (default 512MiB)")
      ->transform(size_value)
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 40, "at most 1TiB"));
}

int run_on_stack(const std::function<int()>& action, size_t stack_bytes) {
  // The reader and the engine recurse once per level of what they read; the
  // command gets a stack for the limits in force, whatever `ulimit -s` says.
  // Only the pages it touches are ever committed.
  //
  // Up to kMainStackRoom, the main thread's own stack is allowed to grow that
  // far: Linux checks the limit as the stack grows, and leaves at least 128 MiB
  // below it free of mappings. The main thread also keeps malloc's main arena,
  // which grows in large steps; another thread's arena grows a page or so at a
  // time, a system call each.
  constexpr size_t kMainStackRoom = size_t{100} << 20;
  struct rlimit limit;
  if (stack_bytes <= kMainStackRoom && getrlimit(RLIMIT_STACK, &limit) == 0) {
    auto allows = [&](rlim_t bound) { return bound == RLIM_INFINITY || bound >= stack_bytes; };
    if (allows(limit.rlim_cur)) return action();
    limit.rlim_cur = stack_bytes;
    if (allows(limit.rlim_max) && setrlimit(RLIMIT_STACK, &limit) == 0) return action();
  }
  int code = 2;
  std::exception_ptr failed;
  StackThread thread;
  auto call = [&] {
    try {
      code = action();
    } catch (...) {
      failed = std::current_exception();
    }
  };
  if (!thread.start(call, stack_bytes)) {
    return report_usage_error("cannot reserve " + format_size(stack_bytes) +
                              " of stack for the nesting limits (lower --max-nesting or "
                              "--max-sql-nesting)");
  }
  thread.join();
  if (failed) std::rethrow_exception(failed);
  return code;
}

int run_cli(int argc, char** argv) {
  // Revision bodies parsed in the background get their written changes there.
  set_statement_digest(&digest_statement);
  std::function<int()> action;
  // The command named first on the line is the one that runs (CLI11 takes
  // options before it for the app's own): only it needs its options.
  bool named = argc > 1 && argv[1][0] != '-';
  std::unique_ptr<CLI::App> made =
      make_app(action, named ? std::string_view(argv[1]) : std::string_view());
  CLI::App& app = *made;
  if (named) {
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
  if (!action) return 2;
  return run_on_stack(action, stack_size_for(input_limits()));
}

}  // namespace migsim
