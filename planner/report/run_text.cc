#include <algorithm>

#include "planner/report/run_writers.h"
#include "planner/report/text_util.h"

namespace migsim {

namespace {

std::string paint(bool color, std::string_view code, std::string_view text) {
  if (!color) return std::string(text);
  return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

std::string_view verdict_color(Verdict v) {
  switch (v) {
    case Verdict::kApplies:
      return "32";
    case Verdict::kRedundant:
      return "36";
    case Verdict::kFails:
      return "31";
    case Verdict::kUnknown:
      return "33";
    case Verdict::kSkipped:
      return "90";
  }
  return "0";
}

std::string pad(std::string s, size_t n) {
  if (s.size() < n) s.append(n - s.size(), ' ');
  return s;
}

}  // namespace

std::string runs_text(const ReportModel& model, bool color) {
  std::string out;
  for (const auto& run : model.runs) {
    if (!out.empty()) out += "\n";
    out += paint(color, "1", run.name) + " (" + std::string(run_mode_name(run.mode)) + ")";
    if (!run.snapshot.empty()) out += " from " + run.snapshot;
    out += "\n";
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
      return s.empty() ? std::string("none") : s;
    };
    out += "  current: " + join(run.current) + "   heads: " + join(run.heads) +
           "   pending: " + std::to_string(run.pending()) + "\n";
    size_t id_width = 0, name_width = 0;
    for (const auto& rev : run.revisions) {
      id_width = std::max(id_width, rev.id.size());
      name_width = std::max(name_width, std::min<size_t>(rev.name.size(), 40));
    }
    for (const auto& rev : run.revisions) {
      std::string verdict(verdict_name(rev.verdict));
      out += "  " + pad(rev.applied ? "applied" : "pending", 8) + pad(rev.id, id_width + 2) +
             (name_width ? pad(rev.name.substr(0, 40), name_width + 2) : "") +
             paint(color, verdict_color(rev.verdict), verdict);
      if (rev.rolled_back) out += " (rolled back)";
      out += "\n";
      if (!rev.reason.empty()) out += "      " + rev.reason + "\n";
      bool detail = rev.verdict == Verdict::kFails || rev.verdict == Verdict::kUnknown ||
                    rev.verdict == Verdict::kRedundant;
      if (!detail) continue;
      for (const auto& s : rev.statements) {
        Outcome outcome = s.result.outcome;
        if (outcome == Outcome::kApplies || outcome == Outcome::kData) continue;
        if (outcome == Outcome::kSkipped) continue;
        out += "      " + std::string(s.location.file) + ":" + std::to_string(s.location.line) +
               "  " + std::string(outcome_name(outcome)) + "  " + one_line(s.sql, 60) + "\n";
      }
    }
    if (!run.findings.empty()) {
      out += "  findings:\n";
      for (const auto& f : run.findings) {
        std::string where =
            f.file.empty() ? "" : f.file + (f.line ? ":" + std::to_string(f.line) : "") + ": ";
        std::string sev = f.severity == "error"     ? paint(color, "31", f.severity)
                          : f.severity == "warning" ? paint(color, "33", f.severity)
                                                    : f.severity;
        out += "    " + where + sev + " [" + f.rule + "] " + f.message + "\n";
      }
    }
    if (run.silenced)
      out += "  " + std::to_string(run.silenced) + " finding" + (run.silenced == 1 ? "" : "s") +
             " silenced by migsim:ignore comments\n";
  }
  return out;
}

}  // namespace migsim
