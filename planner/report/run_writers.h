#pragma once
// Writers of environment runs: JSON (format 1, the contract for tools) and
// text (for people).

#include <string>
#include <vector>

#include "planner/run/run_model.h"

namespace migsim {

std::string runs_json(const std::vector<EnvironmentRun>& runs);
std::string runs_text(const std::vector<EnvironmentRun>& runs, bool color);

}  // namespace migsim
