// UPDATE t [AS a] SET ... [FROM ...] [WHERE ...] [RETURNING ...]

#include "planner/exec/dml_common.h"

namespace migsim {
namespace {

StatementResult update(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  QueryScope scope(ctx.catalog);
  StatementResult err;
  RangeEntry target;
  const Relation* rel = nullptr;
  if (!check_update_or_delete(scope, n, "fromClause", target, rel, err)) return err;
  if (!check_update_targets(scope, *rel, n.list("targetList"), err)) return err;
  if (!check_update_rewrite(*rel, n.list("targetList"), err)) return err;
  if (!check_dml_target_kind(*rel, err)) return err;
  return dml_data("updates", target);
}

HandlerRegistrar reg("UpdateStmt", update);

}  // namespace
}  // namespace migsim
