// DELETE FROM t [AS a] [USING ...] [WHERE ...] [RETURNING ...]

#include "planner/exec/dml_common.h"

namespace migsim {
namespace {

StatementResult delete_rows(ExecContext& ctx) {
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
  bool from_ok = scope.add_from(n.list("usingClause"), err);
  scope.set_out_of_scope(0, 1, false);
  if (!from_ok) return err;
  if (!scope.check_where(n["whereClause"], err)) return err;
  if (!scope.check_exprs(n.list("returningList"), err)) return err;
  if (!check_dml_target_kind(*rel, err)) return err;
  return dml_data("deletes from", target);
}

HandlerRegistrar reg("DeleteStmt", delete_rows);

}  // namespace
}  // namespace migsim
