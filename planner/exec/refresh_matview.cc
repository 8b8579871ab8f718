// REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]

#include "planner/exec/common.h"
#include "planner/exec/relation_lookup.h"

namespace migsim {
namespace {

StatementResult refresh_matview(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  bool concurrent = n.flag("concurrent");
  bool no_data = n.flag("skipData");
  if (concurrent && no_data) {
    return ExecContext::fails("42601",
                              "CONCURRENTLY and WITH NO DATA options cannot be used together");
  }
  Target t;
  StatementResult error;
  const Relation* rel = find_relation(ctx, n["relation"], t, error);
  if (!rel) return error;
  if (rel->kind != RelKind::kMaterializedView) {
    return ExecContext::fails("0A000", "\"" + t.name + "\" is not a materialized view");
  }
  if (concurrent && !rel->populated) {
    return ExecContext::fails(
        "0A000", "CONCURRENTLY cannot be used when the materialized view is not populated");
  }
  if (concurrent) {
    bool usable = false;
    for (const Relation* idx : ctx.catalog.indexes_of(t.schema, t.name)) {
      bool plain_columns = true;
      for (const auto& k : idx->index->keys) plain_columns = plain_columns && rel->column(k);
      if (idx->index->unique && idx->index->predicate.empty() && plain_columns) usable = true;
    }
    if (!usable) {
      return ExecContext::fails(
          "55000",
          "cannot refresh materialized view \"" + t.schema + "." + t.name + "\" concurrently", {},
          "Create a unique index with no WHERE clause on one or more columns of the "
          "materialized view.");
    }
  }
  if (rel->populated == no_data) ctx.catalog.relation_mut(t.schema, t.name)->populated = !no_data;
  return ExecContext::data(no_data ? "the materialized view is emptied"
                                   : "the materialized view's query runs again");
}

HandlerRegistrar reg("RefreshMatViewStmt", refresh_matview);

}  // namespace
}  // namespace migsim
