// A run makes the options of the command it runs only (make_app with that
// command's name): what a user sees of any command, its help and its usage
// errors, is the same as when every command is made.

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "planner/cli/commands.h"

namespace migsim::testing {
namespace {

struct Parsed {
  int code = 0;
  std::string out;
  std::string err;
  std::string error;  ///< the parse error's message, as run_cli reports it
};

/// Parses `args` (the words after the program's name) with `app`, and what
/// CLI11 prints of the outcome.
Parsed parse(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> words = {"migsim"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  std::ostringstream out, err;
  Parsed p;
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    p.code = app.exit(e, out, err);
    p.error = e.what();
  }
  p.out = out.str();
  p.err = err.str();
  return p;
}

/// The command lines tried on `command` (its words so far) and on each of its
/// own subcommands, as `made` has them.
void lines_for(const CLI::App& made, std::vector<std::string> command,
               std::vector<std::vector<std::string>>& lines) {
  auto with = [&](std::vector<std::string> tail) {
    std::vector<std::string> line = command;
    line.insert(line.end(), tail.begin(), tail.end());
    return line;
  };
  lines.push_back(with({"--help"}));
  lines.push_back(with({}));
  lines.push_back(with({"--no-such-option"}));
  lines.push_back(with({"--format", "nonsense", "a", "b"}));
  lines.push_back(with({"-o"}));
  for (const CLI::App* sub : made.get_subcommands({})) {
    std::vector<std::string> deeper = command;
    deeper.push_back(sub->get_name());
    lines_for(*sub, deeper, lines);
  }
}

TEST_CASE("commands: each command's help and usage errors are the same when only it is made") {
  std::function<int()> action;
  auto all = make_app(action, "");
  std::vector<std::string> names;
  for (const CLI::App* sub : all->get_subcommands({})) names.push_back(sub->get_name());
  REQUIRE(names.size() >= 9);
  for (const std::string& name : names) {
    std::vector<std::vector<std::string>> lines;
    lines_for(*all->get_subcommand(name), {name}, lines);
    for (const auto& line : lines) {
      std::string shown;
      for (const auto& w : line) shown += " " + w;
      INFO("migsim" << shown);
      std::function<int()> full_action, lazy_action;
      auto full = make_app(full_action, "");
      auto lazy = make_app(lazy_action, name);
      Parsed a = parse(*full, line);
      Parsed b = parse(*lazy, line);
      CHECK(b.code == a.code);
      CHECK(b.out == a.out);
      CHECK(b.err == a.err);
      CHECK(b.error == a.error);
      CHECK(bool(lazy_action) == bool(full_action));
    }
  }
}

TEST_CASE("commands: the top-level help lists every command, made or not") {
  std::function<int()> action;
  auto all = make_app(action, "");
  auto one = make_app(action, "rules");
  CHECK(parse(*one, {"--help"}).out == parse(*all, {"--help"}).out);
  CHECK(parse(*one, {"--version"}).out == parse(*all, {"--version"}).out);
  // The commands not named have their name and description, not their options.
  CHECK(one->get_subcommand("plan")->get_description() ==
        all->get_subcommand("plan")->get_description());
  CHECK(one->get_subcommand("plan")->get_options().size() == 1);  // --help alone
  CHECK(all->get_subcommand("plan")->get_options().size() > 10);
}

}  // namespace
}  // namespace migsim::testing
