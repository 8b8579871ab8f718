#include "planner/run/verdict.h"

namespace migsim {

namespace {
std::string where(const StatementRecord& s) {
  return std::string(s.location.file) + ":" + std::to_string(s.location.line);
}
}  // namespace

void decide_verdict(RevisionRun& run) {
  size_t body = 0, no_ops = 0;
  const StatementRecord* unknown = nullptr;
  for (const auto& s : run.statements) {
    if (s.result.outcome == Outcome::kFails) {
      run.verdict = Verdict::kFails;
      run.reason = s.result.sqlstate + " " + s.result.message + " (" + where(s) + ")";
      return;
    }
    if (s.bookkeeping) continue;
    ++body;
    if (s.result.outcome == Outcome::kNoOp) ++no_ops;
    if (s.result.outcome == Outcome::kUnknown && !unknown) unknown = &s;
  }
  if (unknown) {
    run.verdict = Verdict::kUnknown;
    run.reason = unknown->result.message + " (" + where(*unknown) + ")";
    return;
  }
  if (body == 0) {
    bool merge = run.revision && run.revision->down_revisions.size() > 1;
    run.verdict = merge ? Verdict::kApplies : Verdict::kRedundant;
    run.reason = merge ? "a merge point: no statements" : "no statements";
    return;
  }
  if (no_ops == body) {
    run.verdict = Verdict::kRedundant;
    std::string why;
    for (const auto& s : run.statements) {
      if (s.bookkeeping) continue;
      if (!why.empty()) why += "; ";
      why += s.result.message.empty() ? "changes nothing" : s.result.message;
    }
    run.reason = "every statement is a no-op: " + why;
    return;
  }
  run.verdict = Verdict::kApplies;
  run.reason.clear();
}

}  // namespace migsim
