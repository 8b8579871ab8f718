#pragma once
// Evaluates a PL/pgSQL IF condition against the modelled catalog: boolean
// combinations of [NOT] EXISTS (SELECT ... FROM <system catalogs> WHERE a
// conjunction of comparisons). Anything else is not judged.

#include <string>
#include <string_view>

#include "parser/statement.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/outcome.h"

namespace migsim {

struct ConditionValue {
  enum class State { kTrue, kFalse, kUnknown, kFails } state = State::kUnknown;
  std::string reason;     ///< kUnknown: why
  std::string found;      ///< for an EXISTS that holds: the object it found
  StatementResult error;  ///< kFails: what PostgreSQL raises evaluating it
};

/// `condition` is the expression text PL/pgSQL holds (e.g. "NOT EXISTS (SELECT ...)").
ConditionValue evaluate_condition(const Catalog& catalog, const Statement& outer,
                                  std::string_view condition);

}  // namespace migsim
