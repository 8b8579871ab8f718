#include "planner/run/run_model.h"

namespace migsim {

std::string_view run_mode_name(RunMode mode) {
  switch (mode) {
    case RunMode::kPlan:
      return "plan";
    case RunMode::kFresh:
      return "fresh";
    case RunMode::kAudit:
      return "audit";
  }
  return "plan";
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kApplies:
      return "applies";
    case Verdict::kRedundant:
      return "redundant";
    case Verdict::kFails:
      return "fails";
    case Verdict::kUnknown:
      return "unknown";
    case Verdict::kSkipped:
      return "skipped";
  }
  return "unknown";
}

namespace {
int severity_rank(std::string_view s) {
  return s == "error" ? 3 : s == "warning" ? 2 : s == "info" ? 1 : 0;
}
}  // namespace

int exit_code_for(const std::vector<EnvironmentRun>& runs, std::string_view fail_on) {
  int threshold = severity_rank(fail_on);
  if (threshold == 0) return 0;
  for (const auto& run : runs)
    for (const auto& f : run.findings)
      if (severity_rank(f.severity) >= threshold) return 1;
  return 0;
}

size_t EnvironmentRun::pending() const {
  size_t n = 0;
  for (const auto& r : revisions)
    if (!r.applied) ++n;
  return n;
}

}  // namespace migsim
