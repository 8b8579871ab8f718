// DELETE FROM t [AS a] [USING ...] [WHERE ...] [RETURNING ...]

#include "planner/exec/dml_common.h"

namespace migsim {
namespace {

StatementResult delete_rows(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  QueryScope scope(ctx.catalog);
  StatementResult err;
  RangeEntry target;
  const Relation* rel = nullptr;
  if (!check_update_or_delete(scope, n, "usingClause", target, rel, err)) return err;
  if (!check_dml_target_kind(*rel, err)) return err;
  return dml_data("deletes from", target);
}

HandlerRegistrar reg("DeleteStmt", delete_rows);

}  // namespace
}  // namespace migsim
