#pragma once
// One replayed statement as reports show it: where it is, its text, what it did.

#include <memory>
#include <string>
#include <vector>

#include "parser/source.h"
#include "planner/engine/outcome.h"

namespace migsim {

struct ObjectChange;

struct StatementRecord {
  Location location;
  std::string sql;
  StatementResult result;
  /// The migration tool's own version-table statement (alembic_version
  /// INSERT/UPDATE, flyway_schema_history rows): not part of the revision's body.
  bool bookkeeping = false;
  /// What the statement changes as written, read from its parse tree when it
  /// ran (planner/rules/statement_targets.h); null for a record of no parsed statement.
  std::shared_ptr<const std::vector<ObjectChange>> changes = nullptr;
};

}  // namespace migsim
