#pragma once
// What replaying one statement does, in the vocabulary of DESIGN.md.

#include <string>
#include <string_view>
#include <vector>

#include "planner/util/boxed.h"

namespace migsim {

enum class Outcome { kApplies, kNoOp, kFails, kSkipped, kData, kUnknown };

std::string_view outcome_name(Outcome outcome);
bool parse_outcome(std::string_view name, Outcome& out);

struct StatementResult {
  Outcome outcome = Outcome::kApplies;
  std::string sqlstate;  ///< for kFails and kSkipped
  /// kFails: the error as PostgreSQL words it; kNoOp: the NOTICE, or why nothing
  /// changes; kUnknown: why migsim cannot model the statement; kApplies/kData: a note.
  std::string message;
  // What few statements have, out of line: a record is kept for every statement.
  Boxed<std::string> detail;
  Boxed<std::string> hint;
  Boxed<std::vector<std::string>> notices;  ///< every NOTICE PostgreSQL would raise
  /// The objects the statement changes, e.g. "table padealing.pad_request"
  /// or "column bo_airflow.oracle_position.last_trade_date".
  std::vector<std::string> touched;
};

}  // namespace migsim
