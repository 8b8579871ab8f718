// UPDATE t [AS a] SET ... [FROM ...] [WHERE ...] [RETURNING ...]

#include "planner/exec/dml_common.h"

namespace migsim {
namespace {

StatementResult update(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  QueryScope scope(ctx.catalog);
  scope.push_level();
  StatementResult err;
  if (!scope.add_with(n["withClause"].body(), err)) return err;
  RangeEntry target;
  const Relation* rel = nullptr;
  if (!open_dml_target(scope, n["relation"].body(), target, rel, err)) return err;
  if (!scope.add_entry(target, err)) return err;
  // FROM items cannot name the target; the clauses after them can.
  scope.set_out_of_scope(0, 1, true);
  bool from_ok = scope.add_from(n.list("fromClause"), err);
  scope.set_out_of_scope(0, 1, false);
  if (!from_ok) return err;
  if (!scope.check_where(n["whereClause"], err)) return err;
  if (!scope.check_exprs(n.list("returningList"), err)) return err;
  if (!check_update_targets(scope, *rel, n.list("targetList"), err)) return err;
  if (!check_update_rewrite(*rel, n.list("targetList"), err)) return err;
  if (!check_dml_target_kind(*rel, err)) return err;
  return dml_data("updates", target);
}

HandlerRegistrar reg("UpdateStmt", update);

}  // namespace
}  // namespace migsim
