#include "planner/engine/outcome.h"

namespace migsim {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kApplies:
      return "applies";
    case Outcome::kNoOp:
      return "no-op";
    case Outcome::kFails:
      return "fails";
    case Outcome::kSkipped:
      return "skipped";
    case Outcome::kData:
      return "data";
    case Outcome::kUnknown:
      return "unknown";
  }
  return "unknown";
}

bool parse_outcome(std::string_view name, Outcome& out) {
  for (Outcome o : {Outcome::kApplies, Outcome::kNoOp, Outcome::kFails, Outcome::kSkipped,
                    Outcome::kData, Outcome::kUnknown}) {
    if (outcome_name(o) == name) {
      out = o;
      return true;
    }
  }
  return false;
}

}  // namespace migsim
