// ALTER TABLE [IF EXISTS] name SET SCHEMA new_schema: the table's indexes and
// the sequences its columns own move along. Other object kinds: unknown.

#include "planner/exec/common.h"
#include "planner/exec/relation_lookup.h"
#include "planner/exec/relation_moves.h"

namespace migsim {
namespace {

StatementResult alter_object_schema(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string_view type = n.str("objectType");
  if (type != "OBJECT_TABLE") {
    return ExecContext::unknown("ALTER ... SET SCHEMA of " + std::string(type) +
                                " is not modelled");
  }
  std::string schema;
  StatementResult missing;
  const Relation* rel =
      find_relation_for_alter(ctx.catalog, n["relation"], n.flag("missing_ok"), schema, missing);
  if (!rel) return missing;
  std::string name = rel->name;
  if (!rel->is_table()) {
    return ExecContext::unknown("ALTER TABLE ... SET SCHEMA on a " +
                                std::string(relkind_word(rel->kind)) + " is not modelled");
  }
  std::string target(n.str("newschema"));
  if (!ctx.catalog.schemas.find(target)) {
    return ExecContext::fails("3F000", "schema \"" + target + "\" does not exist");
  }
  if (target == schema) {
    return ExecContext::no_op("table \"" + name + "\" already is in schema \"" + target + "\"");
  }
  // The table, then its indexes and owned sequences, each checked for a clash.
  std::vector<std::string> movers{name};
  for (const Relation* r : ctx.catalog.relations_in(schema)) {
    bool index = (r->kind == RelKind::kIndex || r->kind == RelKind::kPartitionedIndex) &&
                 r->index->table == name;
    bool seq = r->kind == RelKind::kSequence && r->sequence->owned_by_table == name;
    if (index || seq) movers.push_back(r->name);
  }
  for (const auto& m : movers) {
    if (ctx.catalog.relation(target, m)) {
      return ExecContext::fails(
          "42P07", "relation \"" + m + "\" already exists in schema \"" + target + "\"");
    }
  }
  if (ctx.catalog.type(target, name)) {
    return ExecContext::fails("42710",
                              "type \"" + name + "\" already exists in schema \"" + target + "\"");
  }
  for (const auto& m : movers) relocate_relation(ctx.catalog, schema, m, target, m);
  StatementResult r;
  r.touched.push_back(touched_name("table", target, name));
  return r;
}

HandlerRegistrar reg("AlterObjectSchemaStmt", alter_object_schema);

}  // namespace
}  // namespace migsim
