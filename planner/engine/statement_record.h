#pragma once
// One replayed statement as reports show it: where it is, its text, what it did.

#include <string>

#include "parser/source.h"
#include "planner/engine/outcome.h"

namespace migsim {

struct StatementRecord {
  Location location;
  std::string sql;
  StatementResult result;
  /// The migration tool's own version-table statement (alembic_version
  /// INSERT/UPDATE, flyway_schema_history rows): not part of the revision's body.
  bool bookkeeping = false;
};

}  // namespace migsim
