#pragma once
// Writers of environment runs: JSON (format 1, the contract for tools) and
// text (for people).

#include <string>
#include <vector>

#include "planner/run/run_model.h"

namespace migsim {

std::string runs_json(const std::vector<EnvironmentRun>& runs);
std::string runs_text(const std::vector<EnvironmentRun>& runs, bool color);
/// SARIF 2.1.0: one run of the tool; rules with their documentation as help.
std::string runs_sarif(const std::vector<EnvironmentRun>& runs);
/// GitHub Actions workflow commands: ::error file=...,line=...::message
std::string runs_github(const std::vector<EnvironmentRun>& runs);
/// Writes runs in `format` (text, json, sarif, github).
std::string write_runs(const std::vector<EnvironmentRun>& runs, std::string_view format, bool color);

}  // namespace migsim
