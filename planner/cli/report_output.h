#pragma once
// A command's report as one of its outputs.

#include <string>
#include <string_view>

#include "planner/cli/output.h"
#include "planner/report/report_model.h"

namespace migsim {

/// Adds `model`, written in `format`, to `outputs` as `path` ("" or "-" for
/// stdout, in color when stdout is a terminal that wants it). A JSON report
/// goes to its staged file in pieces as it is made.
bool add_report(OutputFiles& outputs, const std::string& path, const ReportModel& model,
                std::string_view format, InputError& error);

}  // namespace migsim
