#pragma once
// The command line: each command lives in its own cmd_*.cc file and
// registers itself with a file-level CommandRegistrar.

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace migsim {

/// Parses the command line and runs one command. Returns the exit code:
/// 0 clean, 1 findings at or above --fail-on, 2 bad usage or bad input.
int run_cli(int argc, char** argv);

/// Runs `action` on a thread with a stack of `stack_bytes` and returns its
/// exit code (2, with a message, when no such thread can be made).
int run_on_stack(const std::function<int()>& action, size_t stack_bytes);

/// Adds a subcommand to `app`. It must set `action` in its parse callback;
/// the action runs after parsing and returns the exit code.
using CommandSetup = void (*)(CLI::App& app, std::function<int()>& action);

struct CommandRegistrar {
  /// `order` sorts commands in --help.
  CommandRegistrar(int order, CommandSetup setup);
};

/// Prints `migsim: file:line:col: message` to stderr and returns 2.
struct InputError;
int report_input_error(const InputError& e);
/// Adds the input limits (--max-file-size, --max-statements, --max-nesting,
/// --max-snapshot-size) to a command that reads input files.
void add_limit_options(CLI::App& cmd);

/// Prints `migsim: message` and a pointer to --help to stderr and returns 2.
int report_usage_error(const std::string& message);

}  // namespace migsim
