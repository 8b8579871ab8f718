// CREATE TYPE name AS (attribute type, ...)
//
// PostgreSQL stores a composite type as a pg_class row of relkind 'c' plus its
// row type; migsim keeps only the Relation (kind kCompositeType), whose row
// type is implied, as for tables (see planner/catalog/type.h).

#include "planner/exec/common.h"
#include "planner/exec/type_lookup.h"
#include "planner/exec/type_resolver.h"

namespace migsim {
namespace {

StatementResult create_composite_type(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Target target;
  StatementResult error;
  if (!target_for_create(ctx, n["typevar"], target, error)) return error;
  if (type_name_taken(ctx.catalog, target.schema, target.name)) {
    return ExecContext::fails("42710", "type \"" + target.name + "\" already exists");
  }
  if (ctx.catalog.relation(target.schema, target.name)) {
    return ExecContext::fails("42P07", "relation \"" + target.name + "\" already exists");
  }
  Relation rel;
  rel.schema = target.schema;
  rel.name = target.name;
  rel.kind = RelKind::kCompositeType;
  rel.owner = ctx.catalog.current_user();
  for (Node elt : n.list("coldeflist")) {
    Node def = elt.body();
    Column c;
    c.name = std::string(def.str("colname"));
    if (!serial_base_type(def["typeName"]).empty()) {
      return ExecContext::unknown("serial attributes of a composite type are not modelled");
    }
    if (!resolve_type(ctx.catalog, def["typeName"], c, error)) return error;
    if (Node coll = def["collClause"]) {
      for (Node part : coll.list("collname")) c.extras.mut().collation = std::string(part.sval());
    }
    if (rel.column(c.name)) {
      return ExecContext::fails("42701", "column \"" + c.name + "\" specified more than once");
    }
    rel.columns.push_back(std::move(c));
  }
  StatementResult r;
  r.touched.push_back(touched_name("type", rel.schema, rel.name));
  ctx.catalog.put_relation(std::move(rel));
  return r;
}

HandlerRegistrar reg("CompositeTypeStmt", create_composite_type);

}  // namespace
}  // namespace migsim
