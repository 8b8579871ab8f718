#pragma once
// The command line: each command lives in its own cmd_*.cc file and
// registers itself with a file-level CommandRegistrar.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

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

/// Gives a command (a subcommand of the app, made with its name and
/// description) its options and subcommands. It must set `action` in its
/// parse callback; the action runs after parsing and returns the exit code.
using CommandSetup = void (*)(CLI::App* cmd, std::function<int()>& action);

struct CommandRegistrar {
  /// `order` sorts commands in --help.
  CommandRegistrar(int order, const char* name, const char* description, CommandSetup setup);
};

/// The command line's parser: every command, each with its name and
/// description, and `only` set up with its options (every command when
/// `only` is empty). A run needs the options of the command it runs alone:
/// making all of them was 2M instructions, a fifth of a short run's start.
std::unique_ptr<CLI::App> make_app(std::function<int()>& action, std::string_view only);

/// Prints `migsim: file:line:col: message` to stderr and returns 2.
struct InputError;
int report_input_error(const InputError& e);
/// Adds the input limits (--max-file-size, --max-statements, --max-nesting,
/// --max-snapshot-size) to a command that reads input files.
void add_limit_options(CLI::App& cmd);

/// Prints `migsim: message` and a pointer to --help to stderr and returns 2.
int report_usage_error(const std::string& message);

}  // namespace migsim
