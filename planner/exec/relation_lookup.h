#pragma once
// Finds the relation an ALTER or RENAME statement names (a RangeVar), with
// PostgreSQL's errors and IF EXISTS notices.

#include <string>

#include "planner/engine/exec_context.h"

namespace migsim {

/// The relation named by RangeVar `rv`, or nullptr with `outcome` set: 3F000
/// for a missing schema, 42P01 for a missing relation, or the IF EXISTS notice.
const Relation* find_relation_for_alter(const Catalog& catalog, Node rv, bool missing_ok,
                                        std::string& schema, StatementResult& outcome);

}  // namespace migsim
