// ALTER {TABLE|VIEW|MATERIALIZED VIEW|INDEX|SEQUENCE} [IF EXISTS] name RENAME TO new,
// ALTER TABLE ... RENAME COLUMN, ALTER TABLE ... RENAME CONSTRAINT,
// ALTER SCHEMA ... RENAME TO.

#include "planner/exec/common.h"
#include "planner/exec/dependencies.h"
#include "planner/exec/relation_lookup.h"
#include "planner/exec/relation_moves.h"

namespace migsim {
namespace {

bool is_system_column(std::string_view name) {
  return name == "tableoid" || name == "cmax" || name == "xmax" || name == "cmin" ||
         name == "xmin" || name == "ctid";
}

/// Finds the relation a RENAME names; `missing` is set to the outcome when it does not exist.
const Relation* find_target(ExecContext& ctx, Node n, std::string& schema,
                            StatementResult& missing) {
  return find_relation_for_alter(ctx.catalog, n["relation"], n.flag("missing_ok"), schema, missing);
}

/// RangeVarCallbackForAlterRelation: ALTER SEQUENCE on a table and the like.
bool kind_matches(std::string_view object_type, const Relation& rel, StatementResult& error) {
  std::string_view want;
  bool ok = true;
  if (object_type == "OBJECT_SEQUENCE") {
    want = "a sequence";
    ok = rel.kind == RelKind::kSequence;
  } else if (object_type == "OBJECT_VIEW") {
    want = "a view";
    ok = rel.kind == RelKind::kView;
  } else if (object_type == "OBJECT_MATVIEW") {
    want = "a materialized view";
    ok = rel.kind == RelKind::kMaterializedView;
  } else if (object_type == "OBJECT_FOREIGN_TABLE") {
    want = "a foreign table";
    ok = rel.kind == RelKind::kForeignTable;
  }
  if (!ok) {
    error = ExecContext::fails("42809", "\"" + rel.name + "\" is not " + std::string(want));
    return false;
  }
  if (rel.kind == RelKind::kCompositeType) {
    error = ExecContext::fails("42809", "\"" + rel.name + "\" is a composite type", {},
                               "Use ALTER TYPE instead.");
    return false;
  }
  return true;
}

/// A partition, an inheritance child, or a table with either.
bool in_hierarchy(const Catalog& catalog, const Relation& rel) {
  return !rel.partition_parent.empty() || !rel.inherits.empty() ||
         !children_of(catalog, rel.schema, rel.name).empty();
}

bool has_row_type(RelKind k) {
  return k != RelKind::kIndex && k != RelKind::kPartitionedIndex && k != RelKind::kSequence;
}

StatementResult touched(const std::string& what) {
  StatementResult r;
  r.touched.push_back(what);
  return r;
}

StatementResult rename_relation(ExecContext& ctx, Node n) {
  std::string schema;
  StatementResult out;
  const Relation* rel = find_target(ctx, n, schema, out);
  if (!rel) return out;
  if (!kind_matches(n.str("renameType"), *rel, out)) return out;
  std::string old_name = rel->name;
  std::string new_name(n.str("newname"));
  if (ctx.catalog.relation(schema, new_name)) {
    return ExecContext::fails("42P07", "relation \"" + new_name + "\" already exists");
  }
  if (has_row_type(rel->kind) && ctx.catalog.type(schema, new_name)) {
    return ExecContext::fails("42710", "type \"" + new_name + "\" already exists");
  }
  RelKind kind = rel->kind;
  std::string table = rel->index->table, constraint = rel->index->constraint;
  bool index = kind == RelKind::kIndex || kind == RelKind::kPartitionedIndex;
  if (index && !constraint.empty()) {
    // The constraint an index backs takes the index's new name.
    const Relation* owner = ctx.catalog.relation(schema, table);
    if (owner && owner->constraint(new_name)) {
      return ExecContext::fails(
          "42710", "constraint \"" + new_name + "\" for relation \"" + table + "\" already exists");
    }
  }
  relocate_relation(ctx.catalog, schema, old_name, schema, new_name);
  if (index && !constraint.empty()) {
    if (Relation* owner = ctx.catalog.relation_mut(schema, table)) {
      for (auto& c : owner->constraints) {
        if (c.name == constraint) {
          c.name = new_name;
          c.index = new_name;
        }
      }
      ctx.catalog.relation_mut(schema, new_name)->index.mut().constraint = new_name;
    }
  }
  return touched(touched_name(relkind_word(kind), schema, new_name));
}

StatementResult rename_column(ExecContext& ctx, Node n) {
  std::string schema;
  StatementResult out;
  const Relation* rel = find_target(ctx, n, schema, out);
  if (!rel) return out;
  if (rel->kind == RelKind::kSequence) {
    return ExecContext::fails("42809", "cannot rename columns of relation \"" + rel->name + "\"",
                              "This operation is not supported for sequences.");
  }
  std::string from(n.str("subname")), to(n.str("newname"));
  if (!rel->column(from)) {
    if (is_system_column(from)) {
      return ExecContext::fails("0A000", "cannot rename system column \"" + from + "\"");
    }
    return ExecContext::fails("42703", "column \"" + from + "\" does not exist");
  }
  if (rel->column(to)) {
    return ExecContext::fails(
        "42701", "column \"" + to + "\" of relation \"" + rel->name + "\" already exists");
  }
  if (is_system_column(to)) {
    return ExecContext::fails("42701",
                              "column name \"" + to + "\" conflicts with a system column name");
  }
  if (in_hierarchy(ctx.catalog, *rel)) {
    return ExecContext::unknown(
        "renaming a column of a table with partitions or children is not "
        "modelled");
  }
  std::string name = rel->name;
  rename_column_everywhere(ctx.catalog, schema, name, from, to);
  return touched("column " + schema + "." + name + "." + to);
}

StatementResult rename_constraint(ExecContext& ctx, Node n) {
  std::string schema;
  StatementResult out;
  const Relation* rel = find_target(ctx, n, schema, out);
  if (!rel) return out;
  std::string from(n.str("subname")), to(n.str("newname"));
  const Constraint* c = rel->constraint(from);
  if (!c) {
    return ExecContext::fails(
        "42704", "constraint \"" + from + "\" for table \"" + rel->name + "\" does not exist");
  }
  if (in_hierarchy(ctx.catalog, *rel)) {
    return ExecContext::unknown(
        "renaming a constraint of a table with partitions, children or "
        "parents is not modelled");
  }
  std::string table = rel->name;
  std::string index = c->index;
  if (!index.empty() && ctx.catalog.relation(schema, to)) {
    return ExecContext::fails("42P07", "relation \"" + to + "\" already exists");
  }
  if (rel->constraint(to)) {
    return ExecContext::fails(
        "42710", "constraint \"" + to + "\" for relation \"" + table + "\" already exists");
  }
  if (!index.empty() && ctx.catalog.relation(schema, index)) {
    relocate_relation(ctx.catalog, schema, index, schema, to);
    ctx.catalog.relation_mut(schema, to)->index.mut().constraint = to;
  }
  for (auto& m : ctx.catalog.relation_mut(schema, table)->constraints) {
    if (m.name == from) {
      m.name = to;
      if (!m.index.empty()) m.index = to;
    }
  }
  return touched("constraint " + schema + "." + table + "." + to);
}

StatementResult rename_schema(ExecContext& ctx, Node n) {
  std::string from(n.str("subname")), to(n.str("newname"));
  if (!ctx.catalog.schemas.find(from)) {
    return ExecContext::fails("3F000", "schema \"" + from + "\" does not exist");
  }
  if (ctx.catalog.schemas.find(to)) {
    return ExecContext::fails("42P06", "schema \"" + to + "\" already exists");
  }
  if (to.rfind("pg_", 0) == 0) {
    return ExecContext::fails("42939", "unacceptable schema name \"" + to + "\"",
                              "The prefix \"pg_\" is reserved for system schemas.");
  }
  rename_schema_everywhere(ctx.catalog, from, to);
  return touched("schema " + to);
}

StatementResult rename(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string_view type = n.str("renameType");
  if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" ||
      type == "OBJECT_INDEX" || type == "OBJECT_SEQUENCE") {
    return rename_relation(ctx, n);
  }
  if (type == "OBJECT_COLUMN") return rename_column(ctx, n);
  if (type == "OBJECT_TABCONSTRAINT") return rename_constraint(ctx, n);
  if (type == "OBJECT_SCHEMA") return rename_schema(ctx, n);
  return ExecContext::unknown("renaming " + std::string(type) + " is not modelled");
}

HandlerRegistrar reg("RenameStmt", rename);

}  // namespace
}  // namespace migsim
