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

size_t EnvironmentRun::pending() const {
  size_t n = 0;
  for (const auto& r : revisions)
    if (!r.applied) ++n;
  return n;
}

}  // namespace migsim
