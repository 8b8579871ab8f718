// concurrently-in-transaction: CREATE/DROP INDEX CONCURRENTLY (and friends)
// inside the migration tool's transaction, where PostgreSQL refuses them.

#include "planner/rules/risk_rules.h"

namespace migsim {

void check_concurrently_in_transaction(const Project&, const EnvironmentRun& run,
                                       std::vector<Finding>& out) {
  for (const auto& rev : run.revisions) {
    for (const auto& s : rev.statements) {
      if (s.result.outcome != Outcome::kFails || s.result.sqlstate != "25001") continue;
      Finding f;
      f.rule = "concurrently-in-transaction";
      f.severity = "error";
      f.revision = rev.revision->id;
      f.message = s.result.message +
                  ": the migration tool runs this revision in a transaction. "
                  "Run it outside one (Alembic: op.get_context().autocommit_block(); dbmate: "
                  "transaction:false; Flyway: executeInTransaction=false).";
      f.file = std::string(s.location.file);
      f.line = s.location.line;
      f.column = s.location.column;
      out.push_back(std::move(f));
    }
  }
}

}  // namespace migsim
