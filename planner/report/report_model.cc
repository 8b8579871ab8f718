#include "planner/report/report_model.h"

#include <map>

namespace migsim {

size_t ModelRun::pending() const {
  size_t n = 0;
  for (const auto& r : revisions)
    if (!r.applied) ++n;
  return n;
}

std::string verdict_counts(const ModelRun& run) {
  std::map<std::string, int> counts;
  for (const auto& r : run.revisions) ++counts[std::string(verdict_name(r.verdict))];
  std::string out;
  for (const auto& [verdict, n] : counts)
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + verdict;
  return out.empty() ? "none" : out;
}

int count_severity(const ModelRun& run, std::string_view severity) {
  int n = 0;
  for (const auto& f : run.findings) n += f.severity == severity;
  return n;
}

}  // namespace migsim
