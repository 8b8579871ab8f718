// CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [(columns)] AS SELECT ... [WITH [NO] DATA]
// CREATE TABLE [IF NOT EXISTS] name [(columns)] AS SELECT ... [WITH [NO] DATA]

#include "planner/exec/common.h"
#include "planner/exec/query_shape.h"

namespace migsim {
namespace {

StatementResult create_table_as(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Node into = n["into"];
  Node rv = into["rel"];
  bool matview = n.str("objtype") == "OBJECT_MATVIEW";
  if (rv.str("relpersistence") == "t") {
    return ExecContext::unknown("temporary tables are not modelled");
  }
  Target target;
  StatementResult error;
  if (!target_for_create(ctx, rv, target, error)) return error;
  Node query = n["query"];
  if (query.kind() != "SelectStmt") {
    return ExecContext::unknown("CREATE ... AS " + std::string(query.kind()) + " is not modelled");
  }
  QueryShape shape;
  if (!analyze_select(ctx, query.body(), shape, error)) return error;
  // Parse analysis of the query comes before the name clash.
  if (ctx.catalog.relation(target.schema, target.name)) {
    if (n.flag("if_not_exists")) {
      return ExecContext::skipped_with_notice("relation \"" + target.name +
                                              "\" already exists, skipping");
    }
    return ExecContext::fails("42P07", "relation \"" + target.name + "\" already exists");
  }
  NodeList names = into.list("colNames");
  if (names.size() > shape.columns.size()) {
    return ExecContext::fails("42601", "too many column names were specified");
  }
  for (size_t i = 0; i < names.size(); ++i) shape.columns[i].name = std::string(names.at(i).sval());
  for (size_t i = 0; i < shape.columns.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (shape.columns[i].name == shape.columns[j].name) {
        return ExecContext::fails(
            "42701", "column \"" + shape.columns[i].name + "\" specified more than once");
      }
    }
  }
  if (ctx.catalog.type(target.schema, target.name)) {
    return ExecContext::fails("42710", "type \"" + target.name + "\" already exists");
  }
  Relation rel;
  rel.schema = target.schema;
  rel.name = target.name;
  rel.kind = matview ? RelKind::kMaterializedView : RelKind::kTable;
  rel.owner = ctx.catalog.current_user();
  rel.unlogged = rv.str("relpersistence") == "u";
  for (auto& c : shape.columns) c.extras.set(&ColumnExtras::comment, std::string());
  rel.columns = std::move(shape.columns);
  if (matview) {
    rel.depends = std::move(shape.depends);
    rel.definition = query_text(ctx.stmt, query.body());
    rel.populated = !into.flag("skipData");
  }
  StatementResult r;
  r.touched.push_back(touched_name(matview ? "materialized view" : "table", rel.schema, rel.name));
  ctx.catalog.put_relation(std::move(rel));
  return r;
}

HandlerRegistrar reg("CreateTableAsStmt", create_table_as);

}  // namespace
}  // namespace migsim
