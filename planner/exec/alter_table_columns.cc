// ALTER TABLE ... ADD COLUMN, DROP COLUMN, ALTER COLUMN TYPE, SET/DROP DEFAULT,
// SET/DROP NOT NULL.

#include <algorithm>

#include "planner/exec/alter_table.h"
#include "planner/exec/column_builder.h"
#include "planner/exec/column_cast.h"
#include "planner/exec/common.h"
#include "planner/exec/dependencies.h"
#include "planner/exec/sequence_options.h"
#include "planner/exec/table_constraints.h"
#include "planner/exec/type_resolver.h"
#include "planner/expr/default_render.h"
#include "planner/expr/deparse.h"

namespace migsim {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool is_system_column(std::string_view name) {
  return name == "tableoid" || name == "cmax" || name == "xmax" || name == "cmin" ||
         name == "xmin" || name == "ctid";
}

}  // namespace

StatementResult at_add_column(AlterTarget& t, Node cmd) {
  ExecContext& ctx = t.ctx;
  Node def = cmd["def"].body();
  std::string colname(def.str("colname"));
  if (t.get().column(colname)) {
    if (cmd.flag("missing_ok")) {
      return ExecContext::skipped_with_notice("column \"" + colname + "\" of relation \"" + t.name +
                                              "\" already exists, skipping");
    }
    return ExecContext::fails(
        "42701", "column \"" + colname + "\" of relation \"" + t.name + "\" already exists");
  }
  if (is_system_column(colname)) {
    return ExecContext::fails(
        "42701", "column name \"" + colname + "\" conflicts with a system column name");
  }
  ColumnBuild build;
  StatementResult error;
  if (!build_column(ctx.catalog, t.name, def, build, error)) return error;
  if (!children_of(ctx.catalog, t.schema, t.name).empty()) {
    return ExecContext::unknown(
        "adding a column to a table with partitions or children is not "
        "modelled");
  }
  const Relation& current = t.get();
  bool needs_value = build.column.not_null && build.column.default_expr.empty() && !build.serial &&
                     !build.column.identity && build.column.extras->generated.empty();
  if (needs_value && current.row_estimate > 0) {
    return ExecContext::fails(
        "23502", "column \"" + colname + "\" of relation \"" + t.name + "\" contains null values");
  }
  std::vector<std::string> taken;
  if (!create_column_sequence(ctx.catalog, ctx.stmt, t.schema, t.name, build, taken, error))
    return error;
  // The table is changed in place, not copied: the column goes at the end and
  // its constraints after the table's, and that is all (a column constraint
  // names no other column), so cutting both lists back undoes it. A failure
  // below undoes it at once, as the copy it replaces was never put.
  size_t mark = ctx.catalog.journal.mark();
  Relation& table = t.mut_undo(
      [columns = current.columns.size(), constraints = current.constraints.size()](Relation& r) {
        r.columns.erase(r.columns.begin() + static_cast<std::ptrdiff_t>(columns), r.columns.end());
        r.constraints.erase(r.constraints.begin() + static_cast<std::ptrdiff_t>(constraints),
                            r.constraints.end());
      });
  table.columns.reserve(table.columns.size() + 1);  // not doubled: the catalog keeps the room
  table.columns.push_back(std::move(build.column));
  std::vector<Relation> indexes;
  if (!add_table_constraints(ctx, table, build.constraints, indexes, taken, error)) {
    ctx.catalog.journal.rollback_to(mark);
    return error;
  }
  for (auto& idx : indexes) ctx.catalog.put_relation(std::move(idx));
  return ExecContext::applies();
}

StatementResult at_drop_column(AlterTarget& t, Node cmd) {
  ExecContext& ctx = t.ctx;
  Catalog& catalog = ctx.catalog;
  std::string col(cmd.str("name"));
  bool cascade = cmd.str("behavior") == "DROP_CASCADE";
  const Relation& table = t.get();
  if (!table.column(col)) {
    if (cmd.flag("missing_ok")) {
      return ExecContext::skipped_with_notice("column \"" + col + "\" of relation \"" + t.name +
                                              "\" does not exist, skipping");
    }
    return missing_column(t, col);
  }
  if (!children_of(catalog, t.schema, t.name).empty()) {
    return ExecContext::unknown(
        "dropping a column of a table with partitions or children is not "
        "modelled");
  }
  // Everything that goes with the column, and what blocks it without CASCADE,
  // follows pg_depend as DROP computes it.
  return drop_table_part(catalog, ObjectRef::part(ObjectRef::Kind::kColumn, t.schema, t.name, col),
                         cascade);
}

bool at_alter_column_type_precheck(AlterTarget& t, Node cmd, StatementResult& error) {
  std::string col(cmd.str("name"));
  const Relation& table = t.get();
  // USING col or USING col::type, read first: a column the table lacks, or a
  // cast PostgreSQL does not have.
  if (Node u = cmd["def"].body()["raw_default"]) {
    Node cast_type;
    if (u.kind() == "TypeCast") {
      cast_type = u.body()["typeName"];
      u = u.body()["arg"];
    }
    if (u.kind() == "ColumnRef") {
      NodeList fields = u.body().list("fields");
      if (fields.size() == 1 && fields.at(0).kind() == "String") {
        const Column* from = table.column(fields.at(0).sval());
        if (!from) {
          error = ExecContext::fails(
              "42703", "column \"" + std::string(fields.at(0).sval()) + "\" does not exist");
          return false;
        }
        Column cast_to;
        StatementResult cast_error;
        if (cast_type && resolve_type(t.ctx.catalog, cast_type, cast_to, cast_error) &&
            explicit_cast(from->type, cast_to.type) == CastRule::kNone) {
          error = ExecContext::fails(
              "42846", "cannot cast type " + type_without_modifier(t.ctx.catalog, *from) + " to " +
                           type_without_modifier(t.ctx.catalog, cast_to));
          return false;
        }
      }
    }
  }
  const Column* c = table.column(col);
  if (!c) {
    error = missing_column(t, col);
    return false;
  }
  if (c->identity) {
    Column target;
    if (!resolve_type(t.ctx.catalog, cmd["def"].body()["typeName"], target, error)) return false;
    if (target.type != "smallint" && target.type != "integer" && target.type != "bigint") {
      error =
          ExecContext::fails("22023", "identity column type must be smallint, integer, or bigint");
      return false;
    }
  }
  return true;
}

StatementResult at_alter_column_type(AlterTarget& t, Node cmd) {
  ExecContext& ctx = t.ctx;
  Catalog& catalog = ctx.catalog;
  std::string col(cmd.str("name"));
  Node def = cmd["def"].body();
  const Relation& table = t.get();
  const Column* old = table.column(col);
  if (!old) return missing_column(t, col);
  Column target = *old;
  StatementResult error;
  if (!resolve_type(catalog, def["typeName"], target, error)) return error;
  if (Node coll = def["collClause"]) {
    for (Node part : coll.list("collname"))
      target.extras.mut().collation = std::string(part.sval());
  }
  bool has_using = static_cast<bool>(def["raw_default"]);
  CastRule rule = assignment_cast(old->type, target.type);
  if (const TypeDef* td = catalog.type(target.extras->type_schema, target.extras->type_name);
      td && td->kind == TypeDef::Kind::kDomain && rule == CastRule::kNone) {
    rule = CastRule::kUnknown;  // a domain over the old type's family may accept it
  }
  if (!has_using) {
    if (rule == CastRule::kNone) {
      return ExecContext::fails("42804",
                                "column \"" + col + "\" cannot be cast automatically to type " +
                                    type_without_modifier(catalog, target),
                                {},
                                "You might need to specify \"USING " + quote_ident(col) +
                                    "::" + type_for_cast(catalog, target) + "\".");
    }
    if (rule == CastRule::kUnknown) {
      return ExecContext::unknown("whether " + old->type + " casts to " + target.type +
                                  " automatically is not modelled");
    }
  }
  if (!children_of(catalog, t.schema, t.name).empty()) {
    return ExecContext::unknown(
        "changing a column type on a table with partitions or children "
        "is not modelled");
  }
  auto views = views_reading_column(catalog, t.schema, t.name, col);
  if (!views.empty()) {
    return ExecContext::fails("0A000", "cannot alter type of a column used by a view or rule",
                              "rule _RETURN on " + describe(catalog, views.front()) +
                                  " depends on column \"" + col + "\"");
  }
  if (auto generated = generated_columns_reading(table, col); !generated.empty()) {
    return ExecContext::fails(
        "0A000", "cannot alter type of a column used by a generated column",
        "Column \"" + col + "\" is used by generated column \"" + generated.front() + "\".");
  }
  if (target.type == old->type && target.extras->collation == old->extras->collation) {
    return ExecContext::no_op("column \"" + col + "\" already has type " + old->type);
  }
  bool same_family = same_comparison_family(old->type, target.type);
  if (!old->default_expr.empty() && !same_family) {
    if (rule == CastRule::kNone) {
      return ExecContext::fails("42804", "default for column \"" + col +
                                             "\" cannot be cast automatically to type " +
                                             type_without_modifier(catalog, target));
    }
    if (rule == CastRule::kUnknown) {
      return ExecContext::unknown("whether the default of column \"" + col + "\" casts to " +
                                  target.type + " is not modelled");
    }
  }
  if (old->identity && !same_family) {
    return ExecContext::unknown(
        "changing an identity column to a non-integer type is not "
        "modelled");
  }
  if (!same_family) {
    // Constraints on the column, and foreign keys that reference it, would be
    // re-checked for the new type.
    ObjectRef column = ObjectRef::part(ObjectRef::Kind::kColumn, t.schema, t.name, col);
    for (const auto& d : direct_dependents(catalog, column)) {
      if (d.object.kind != ObjectRef::Kind::kConstraint) continue;
      const Relation* owner = catalog.relation(d.object.schema, d.object.name);
      const Constraint* c = owner ? owner->constraint(d.object.sub) : nullptr;
      if (!c) continue;
      if (d.type == DepType::kNormal) {
        return ExecContext::unknown("whether foreign key \"" + c->name +
                                    "\" still works with type " + target.type + " is not modelled");
      }
      if (c->kind == Constraint::Kind::kCheck || c->kind == Constraint::Kind::kForeignKey ||
          c->kind == Constraint::Kind::kExclusion) {
        return ExecContext::unknown("whether constraint \"" + c->name + "\" still holds for type " +
                                    target.type + " is not modelled");
      }
    }
    for (const Relation* idx : catalog.indexes_of(t.schema, t.name)) {
      if (index_uses_column(*idx, col) && !has_btree_opclass(target.type)) {
        return ExecContext::unknown("whether index \"" + idx->name + "\" can be rebuilt on type " +
                                    target.type + " is not modelled");
      }
    }
  }
  if (old->identity && target.type != old->type) {
    // The identity sequence follows the column's type (ALTER SEQUENCE ... AS).
    for (const Relation* s : catalog.relations_in(t.schema)) {
      if (s->kind != RelKind::kSequence || !s->sequence->identity ||
          s->sequence->owned_by_table != t.name || s->sequence->owned_by_column != col)
        continue;
      SequenceInfo seq = s->sequence;
      if (!change_sequence_type(seq, target.type, error)) return error;
      catalog.relation_mut(t.schema, s->name)->sequence = seq;
      break;
    }
  }
  Column* m = t.mut().column(col);
  m->type = target.type;
  m->extras.set(&ColumnExtras::type_schema, target.extras->type_schema);
  m->extras.set(&ColumnExtras::type_name, target.extras->type_name);
  m->extras.set(&ColumnExtras::collation, target.extras->collation);
  return ExecContext::applies();
}

StatementResult at_column_default(AlterTarget& t, Node cmd) {
  std::string col(cmd.str("name"));
  const Column* c = t.get().column(col);
  if (!c) return missing_column(t, col);
  Node def = cmd["def"];
  std::string prefix = "column \"" + col + "\" of relation \"" + t.name + "\" is ";
  if (c->identity) {
    return ExecContext::fails(
        "42601", prefix + "an identity column", {},
        def ? "" : "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.");
  }
  if (!c->extras->generated.empty()) {
    return ExecContext::fails(
        "42601", prefix + "a generated column", {},
        def ? "" : "Use ALTER TABLE ... ALTER COLUMN ... DROP EXPRESSION instead.");
  }
  std::string literal_type;
  if (def && def.kind() == "A_Const" && (def.body()["ival"] || def.body()["fval"])) {
    literal_type = def.body()["fval"] ? "numeric" : "integer";
  } else if (def && def.kind() == "SQLValueFunction") {
    std::string_view op = def.body().str("op");
    if (op == "SVFOP_CURRENT_DATE") literal_type = "date";
    if (op == "SVFOP_CURRENT_TIMESTAMP") literal_type = "timestamp with time zone";
  } else if (def && def.kind() == "FuncCall" && def.body().list("args").empty()) {
    NodeList names = def.body().list("funcname");
    std::string_view fn = names.empty() ? "" : names.at(names.size() - 1).sval();
    if (fn == "now") literal_type = "timestamp with time zone";
    if (fn == "gen_random_uuid") literal_type = "uuid";
  }
  // An expression of a known type needs an assignment cast to the column's type.
  if (!literal_type.empty()) {
    if (assignment_cast(literal_type, c->type) == CastRule::kNone) {
      return ExecContext::fails("42804",
                                "column \"" + col + "\" is of type " +
                                    type_without_modifier(t.ctx.catalog, *c) +
                                    " but default expression is of type " + literal_type,
                                {}, "You will need to rewrite or cast the expression.");
    }
  }
  // A string constant is read by the column type's input function right away.
  if (def && def.kind() == "A_Const" && def.body()["sval"]) {
    std::string code, message;
    if (literal_input_refused(c->type, def.sval(), code, message))
      return ExecContext::fails(code, message);
  }
  // Rendered as CREATE TABLE renders a default, so the two compare. A NULL
  // constant is no default at all (AddRelationNewConstraints stores none).
  Node bare = def && def.kind() == "TypeCast" ? def.body()["arg"] : def;
  bool null_const = bare && bare.kind() == "A_Const" && bare.body().flag("isnull");
  std::string expr =
      def && !null_const ? render_default(def, type_for_cast(t.ctx.catalog, *c)) : std::string();
  if (expr.empty() && c->default_expr.empty()) {
    return ExecContext::no_op("column \"" + col + "\" has no default");
  }
  // The same expression again: PostgreSQL writes a new pg_attrdef row that
  // says what the old one said.
  if (!expr.empty() && expr == c->default_expr) {
    return ExecContext::no_op("column \"" + col + "\" already has this default");
  }
  t.mut_undo(
       [col, old = c->default_expr](Relation& r) { r.column(col)->default_expr = std::move(old); })
      .column(col)
      ->default_expr = std::move(expr);
  return ExecContext::applies();
}

StatementResult at_set_not_null(AlterTarget& t, Node cmd, bool not_null) {
  std::string col(cmd.str("name"));
  const Relation& table = t.get();
  const Column* c = table.column(col);
  if (!c) return missing_column(t, col);
  if (!not_null) {
    // ATExecDropNotNull refuses identity columns before primary key columns.
    if (c->identity) {
      return ExecContext::fails(
          "42601", "column \"" + col + "\" of relation \"" + t.name + "\" is an identity column");
    }
    for (const auto& con : table.constraints) {
      if (con.kind == Constraint::Kind::kPrimaryKey && contains(con.columns, col)) {
        return ExecContext::fails("42P16", "column \"" + col + "\" is in a primary key");
      }
    }
  }
  if (c->not_null == not_null) {
    return ExecContext::no_op(std::string("column \"") + col + "\" already is " +
                              (not_null ? "NOT NULL" : "nullable"));
  }
  t.mut().column(col)->not_null = not_null;
  return ExecContext::applies();
}

}  // namespace migsim
