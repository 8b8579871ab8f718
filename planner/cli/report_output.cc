#include "planner/cli/report_output.h"

#include "planner/report/run_writers.h"

namespace migsim {

bool add_report(OutputFiles& outputs, const std::string& path, const ReportModel& model,
                std::string_view format, InputError& error) {
  bool color = path.empty() && stdout_wants_color();
  return outputs.add(
      path, [&](const auto& emit) { write_report(model, format, color, emit); }, error);
}

}  // namespace migsim
