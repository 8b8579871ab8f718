// CREATE [UNLOGGED] TABLE [IF NOT EXISTS] name (columns, constraints)

#include "planner/exec/column_builder.h"
#include "planner/exec/common.h"
#include "planner/exec/name_chooser.h"
#include "planner/exec/table_constraints.h"

namespace migsim {
namespace {

StatementResult create_table(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Node rv = n["relation"];
  Target target;
  StatementResult error;
  if (!target_for_create(ctx, rv, target, error)) return error;
  bool exists = ctx.catalog.relation(target.schema, target.name) != nullptr;
  if (exists && n.flag("if_not_exists")) {
    return ExecContext::skipped_with_notice("relation \"" + target.name +
                                            "\" already exists, skipping");
  }
  if (n["partbound"] || n["partspec"] || !n.list("inhRelations").empty()) {
    return ExecContext::unknown("partitioned and inherited tables are not modelled yet");
  }
  if (n["ofTypename"]) return ExecContext::unknown("CREATE TABLE OF type is not modelled");

  Relation table;
  table.schema = target.schema;
  table.name = target.name;
  table.kind = RelKind::kTable;
  table.owner = ctx.catalog.current_user();
  table.unlogged = rv.str("relpersistence") == "u";
  std::vector<ColumnBuild> builds;
  std::vector<PendingConstraint> pending;
  // PostgreSQL's order: column types and key columns (parse analysis), then
  // duplicate columns (MergeAttributes), then the name (heap_create).
  std::string duplicate;
  std::string sequence_clash;  ///< a sequence name two same-named columns both take
  for (Node elt : n.list("tableElts")) {
    std::string_view kind = elt.kind();
    if (kind == "ColumnDef") {
      ColumnBuild b;
      if (!build_column(ctx.catalog, elt.body(), b, error)) return error;
      if (table.column(b.column.name)) {
        if (duplicate.empty()) duplicate = b.column.name;
        bool owns_sequence = b.serial || b.column.identity;
        for (const auto& first : builds) {
          if (first.column.name == b.column.name && (first.serial || first.column.identity) &&
              owns_sequence && sequence_clash.empty()) {
            // Both columns' sequences get the same name, chosen before either exists.
            sequence_clash =
                choose_relation_name(ctx.catalog, target.schema, target.name, b.column.name, "seq");
          }
        }
        continue;
      }
      table.columns.push_back(b.column);
      builds.push_back(std::move(b));
    } else if (kind == "Constraint") {
      pending.push_back({elt.body(), {}});
    } else if (kind == "TableLikeClause") {
      return ExecContext::unknown("CREATE TABLE ... LIKE is not modelled yet");
    } else {
      return ExecContext::unknown("table element " + std::string(kind) + " is not modelled");
    }
  }
  for (const auto& p : pending) {
    std::string_view contype = p.node.str("contype");
    if (contype != "CONSTR_PRIMARY" && contype != "CONSTR_UNIQUE") continue;
    for (Node k : p.node.list("keys")) {
      if (!table.column(k.sval())) {
        return ExecContext::fails(
            "42703", "column \"" + std::string(k.sval()) + "\" named in key does not exist");
      }
    }
  }
  // Sequences of serial and identity columns are created before the table.
  if (!sequence_clash.empty()) {
    return ExecContext::fails("42P07", "relation \"" + sequence_clash + "\" already exists");
  }
  if (!duplicate.empty()) {
    return ExecContext::fails("42701", "column \"" + duplicate + "\" specified more than once");
  }
  if (exists) {
    return ExecContext::fails("42P07", "relation \"" + target.name + "\" already exists");
  }
  if (ctx.catalog.type(target.schema, target.name)) {
    return ExecContext::fails("42710", "type \"" + target.name + "\" already exists", {},
                              "A relation has an associated type of the same name, so you "
                              "must use a name that doesn't conflict with any existing type.");
  }
  for (auto& b : builds)
    for (auto& p : b.constraints) pending.push_back(p);
  // Two key constraints on the same columns become one index in PostgreSQL
  // (transformIndexConstraints keeps one, the primary key, under the first
  // name given); that merge is not modelled.
  std::vector<std::vector<std::string>> key_columns;
  for (const auto& p : pending) {
    std::string_view contype = p.node.str("contype");
    if (contype != "CONSTR_PRIMARY" && contype != "CONSTR_UNIQUE") continue;
    std::vector<std::string> cols = p.columns;
    if (!p.node.list("keys").empty()) {
      cols.clear();
      for (Node k : p.node.list("keys")) cols.emplace_back(k.sval());
    }
    for (const auto& seen : key_columns) {
      if (seen == cols) {
        return ExecContext::unknown(
            "two PRIMARY KEY or UNIQUE constraints on the same columns in one CREATE TABLE are "
            "not modelled");
      }
    }
    key_columns.push_back(std::move(cols));
  }
  for (Node opt : n.list("options")) {
    Node d = opt.body();
    table.options[std::string(d.str("defname"))] =
        d["arg"] ? std::string(d["arg"].body().str("sval")) : "true";
  }

  std::vector<std::string> taken{table.name};
  for (auto& b : builds) {
    create_column_sequence(ctx.catalog, table.schema, table.name, b, taken);
    *table.column(b.column.name) = b.column;
  }
  std::vector<Relation> indexes;
  if (!add_table_constraints(ctx, table, pending, indexes, taken, error)) return error;

  StatementResult r;
  r.touched.push_back(touched_name("table", table.schema, table.name));
  ctx.catalog.put_relation(std::move(table));
  for (auto& idx : indexes) {
    ctx.catalog.put_relation(std::move(idx));
  }
  return r;
}

HandlerRegistrar reg("CreateStmt", create_table);

}  // namespace
}  // namespace migsim
