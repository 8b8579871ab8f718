// A short Markdown summary of the runs: one row per run and the errors, as
// check appends it to a GitHub step summary.

#include "planner/report/run_writers.h"

namespace migsim {

std::string summary_markdown(const ReportModel& model) {
  std::string md = "## migsim " + model.command +
                   "\n\n| Environment | Current | Pending | Verdicts | Errors | Warnings "
                   "|\n|---|---|---|---|---|---|\n";
  for (const auto& run : model.runs) {
    std::string verdicts = verdict_counts(run);
    int errors = count_severity(run, "error"), warnings = count_severity(run, "warning");
    std::string current;
    for (const auto& c : run.current) current += (current.empty() ? "" : ", ") + c;
    md += "| " + run.name + " | " + (current.empty() ? "none" : current) + " | " +
          std::to_string(run.pending()) + " | " + verdicts + " | " + std::to_string(errors) +
          " | " + std::to_string(warnings) + " |\n";
  }
  md += "\n";
  for (const auto& run : model.runs)
    if (size_t n = run.silenced)
      md += "_" + std::to_string(n) + (n == 1 ? " finding was" : " findings were") +
            " silenced by migsim:ignore comments in " + run.name + "._\n\n";
  for (const auto& run : model.runs)
    for (const auto& f : run.findings)
      if (f.severity == "error")
        md += "- **" + f.rule + "** (" + run.name + ")" +
              (f.file.empty() ? "" : " `" + f.file + ":" + std::to_string(f.line) + "`") + ": " +
              f.message + "\n";
  return md;
}

}  // namespace migsim
