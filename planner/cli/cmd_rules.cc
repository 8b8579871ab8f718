// migsim rules: the rules findings come from, with their default severities.

#include <CLI/CLI.hpp>

#include "planner/cli/commands.h"
#include "planner/cli/output.h"
#include "planner/rules/rule_table.h"

namespace migsim {
namespace {

int run_rules() {
  std::string text;
  size_t width = 0;
  for (const auto& r : rule_table()) width = std::max(width, r.id.size());
  for (const auto& r : rule_table()) {
    std::string id(r.id);
    id.append(width + 2 - id.size(), ' ');
    std::string sev(r.severity);
    sev.append(9 - sev.size(), ' ');
    text += id + sev + std::string(r.summary) + "\n";
  }
  text +=
      "\nEach rule is documented in docs/rules/<id>.md. Change a level in migsim.toml:\n"
      "[rules]\nredundant-revision = \"error\"   # error, warning, info or off\n";
  InputError error;
  if (!write_output("", text, error)) return report_input_error(error);
  return 0;
}

void setup(CLI::App* cmd, std::function<int()>& action) {
  cmd->callback([&action] { action = [] { return run_rules(); }; });
}

CommandRegistrar reg(80, "rules", "List the rules findings come from", setup);

}  // namespace
}  // namespace migsim
