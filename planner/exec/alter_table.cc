// ALTER TABLE [IF EXISTS] [ONLY] name subcommand [, ...]
//
// Subcommands apply in order on the journaled catalog; the first failure ends
// the statement and the engine rolls every earlier subcommand back.

#include "planner/exec/alter_table.h"
#include "planner/exec/alter_index.h"

#include <algorithm>
#include <vector>

#include "planner/exec/common.h"
#include "planner/exec/dependencies.h"
#include "planner/exec/relation_lookup.h"
#include "planner/exec/roles.h"

namespace migsim {

StatementResult missing_column(const AlterTarget& t, const std::string& column) {
  return ExecContext::fails(
      "42703", "column \"" + column + "\" of relation \"" + t.name + "\" does not exist");
}

StatementResult drop_table_part(Catalog& catalog, const ObjectRef& target, bool cascade) {
  DropPlan plan = plan_drop(catalog, {target});
  std::string error, detail, hint;
  std::vector<std::string> notices;
  if (!check_drop(catalog, plan, target, cascade, error, detail, hint, notices))
    return ExecContext::fails("2BP01", error, detail, hint);
  StatementResult r;
  // ALTER TABLE merges its subcommands' notices, one line each.
  for (const auto& n : notices) r.notices.mut().push_back(n.substr(0, n.find('\n')));
  apply_drop(catalog, plan);
  return r;
}

namespace {

/// Subcommands that recurse to partitions and inheritance children, or that
/// PostgreSQL restricts on a partition or child (inherited columns and constraints).
bool follows_inheritance(std::string_view subtype) {
  return subtype != "AT_ChangeOwner" && subtype != "AT_SetRelOptions" &&
         subtype != "AT_ResetRelOptions" && subtype != "AT_SetLogged" &&
         subtype != "AT_SetUnLogged" && subtype != "AT_AttachPartition" &&
         subtype != "AT_DetachPartition";
}

StatementResult dispatch(AlterTarget& t, Node cmd) {
  std::string_view subtype = cmd.str("subtype");
  const Relation& rel = t.get();
  if (follows_inheritance(subtype) && (!rel.partition_parent.empty() || !rel.inherits.empty() ||
                                       !children_of(t.ctx.catalog, t.schema, t.name).empty())) {
    return ExecContext::unknown("ALTER TABLE " + std::string(subtype) +
                                " on a table with partitions, children or parents is not "
                                "modelled");
  }
  if (subtype == "AT_AddColumn") return at_add_column(t, cmd);
  if (subtype == "AT_DropColumn") return at_drop_column(t, cmd);
  if (subtype == "AT_AlterColumnType") return at_alter_column_type(t, cmd);
  if (subtype == "AT_ColumnDefault") return at_column_default(t, cmd);
  if (subtype == "AT_SetNotNull") return at_set_not_null(t, cmd, true);
  if (subtype == "AT_DropNotNull") return at_set_not_null(t, cmd, false);
  if (subtype == "AT_AddIdentity") return at_add_identity(t, cmd);
  if (subtype == "AT_DropIdentity") return at_drop_identity(t, cmd);
  if (subtype == "AT_SetIdentity") return at_set_identity(t, cmd);
  if (subtype == "AT_AddConstraint") return at_add_constraint(t, cmd);
  if (subtype == "AT_DropConstraint") return at_drop_constraint(t, cmd);
  if (subtype == "AT_ValidateConstraint") return at_validate_constraint(t, cmd);
  if (subtype == "AT_ChangeOwner") return at_change_owner(t, cmd);
  if (subtype == "AT_SetRelOptions") return at_set_options(t, cmd, false);
  if (subtype == "AT_ResetRelOptions") return at_set_options(t, cmd, true);
  if (subtype == "AT_SetLogged") return at_set_logged(t, true);
  if (subtype == "AT_SetUnLogged") return at_set_logged(t, false);
  if (subtype.substr(0, 13) == "AT_EnableTrig" || subtype.substr(0, 14) == "AT_DisableTrig")
    return at_enable_trigger(t, cmd, subtype);
  if (subtype == "AT_AttachPartition" || subtype == "AT_DetachPartition") {
    if (t.get().kind != RelKind::kPartitionedTable) {
      return ExecContext::fails("42P17", "table \"" + t.name + "\" is not partitioned");
    }
    return subtype == "AT_AttachPartition" ? at_attach_partition(t, cmd)
                                           : at_detach_partition(t, cmd);
  }
  return ExecContext::unknown("ALTER TABLE subcommand " + std::string(subtype) +
                              " is not modelled");
}

/// Subcommands that work on tables and foreign tables (and some on composite
/// types) only, with the words PostgreSQL's ATWrongRelkindError uses.
std::string_view table_only_action(std::string_view subtype) {
  if (subtype == "AT_AddColumn") return "ADD COLUMN";
  if (subtype == "AT_DropColumn") return "DROP COLUMN";
  if (subtype == "AT_AlterColumnType") return "ALTER COLUMN ... SET DATA TYPE";
  if (subtype == "AT_SetNotNull") return "ALTER COLUMN ... SET NOT NULL";
  if (subtype == "AT_DropNotNull") return "ALTER COLUMN ... DROP NOT NULL";
  if (subtype == "AT_AddConstraint") return "ADD CONSTRAINT";
  if (subtype == "AT_DropConstraint") return "DROP CONSTRAINT";
  if (subtype == "AT_ValidateConstraint") return "VALIDATE CONSTRAINT";
  return {};
}

std::string_view kind_plural(RelKind kind) {
  switch (kind) {
    case RelKind::kView:
      return "views";
    case RelKind::kMaterializedView:
      return "materialized views";
    case RelKind::kIndex:
      return "indexes";
    case RelKind::kPartitionedIndex:
      return "partitioned indexes";
    case RelKind::kSequence:
      return "sequences";
    default:
      return {};
  }
}

/// ALTER TABLE on a view, sequence, index...: PostgreSQL rejects the
/// table-only subcommands before running any; the rest is not modelled.
StatementResult not_a_table(const Relation& rel, NodeList cmds) {
  std::string_view plural = kind_plural(rel.kind);
  for (Node c : cmds) {
    std::string_view action = table_only_action(c.body().str("subtype"));
    if (!action.empty() && !plural.empty()) {
      return ExecContext::fails("42809",
                                "ALTER action " + std::string(action) +
                                    " cannot be performed on relation \"" + rel.name + "\"",
                                "This operation is not supported for " + std::string(plural) + ".");
    }
  }
  return ExecContext::unknown("ALTER TABLE on a " + std::string(relkind_word(rel.kind)) +
                              " is not modelled");
}

/// ALTER VIEW / MATERIALIZED VIEW / SEQUENCE: the kind each names, and its words.
const char* other_relation_word(std::string_view objtype) {
  if (objtype == "OBJECT_VIEW") return "a view";
  if (objtype == "OBJECT_MATVIEW") return "a materialized view";
  if (objtype == "OBJECT_SEQUENCE") return "a sequence";
  return nullptr;
}
RelKind other_relation_kind(std::string_view objtype) {
  return objtype == "OBJECT_VIEW"      ? RelKind::kView
         : objtype == "OBJECT_MATVIEW" ? RelKind::kMaterializedView
                                       : RelKind::kSequence;
}

/// OWNER TO on a view, materialized view or sequence (ALTER TABLE takes it too).
/// A sequence linked to a table changes owner only with its table.
StatementResult change_owner_of_other(AlterTarget& t, NodeList cmds) {
  StatementResult last;
  for (Node c : cmds) {
    const Relation& rel = t.get();
    if (rel.kind == RelKind::kSequence && !rel.sequence->owned_by_table.empty()) {
      std::string owner;
      StatementResult error;
      if (!resolve_role(t.ctx.catalog, c.body()["newowner"], owner, error)) return error;
      if (owner != rel.owner) {
        return ExecContext::fails("0A000", "cannot change owner of sequence \"" + rel.name + "\"",
                                  "Sequence \"" + rel.name + "\" is linked to table \"" +
                                      rel.sequence->owned_by_table + "\".");
      }
    }
    last = at_change_owner(t, c.body());
    if (last.outcome == Outcome::kFails || last.outcome == Outcome::kUnknown) return last;
  }
  return last;
}

/// PostgreSQL runs subcommands in passes (AlterTablePass in tablecmds.c):
/// drops first, then type changes, new columns, column attributes, indexes,
/// constraints, and the rest; in statement order within a pass.
int pass_of(Node cmd) {
  std::string_view st = cmd.str("subtype");
  if (st == "AT_DropColumn" || st == "AT_DropConstraint" || st == "AT_DropNotNull" ||
      st == "AT_DropIdentity")
    return 0;
  if (st == "AT_ColumnDefault") return cmd["def"] ? 8 : 0;
  if (st == "AT_AlterColumnType") return 1;
  if (st == "AT_AddColumn") return 4;
  if (st == "AT_SetNotNull" || st == "AT_AddIdentity" || st == "AT_SetIdentity") return 5;
  if (st == "AT_AddConstraint") {
    std::string_view type = cmd["def"].body().str("contype");
    bool index = type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE" || type == "CONSTR_EXCLUSION";
    return index ? 6 : 7;
  }
  return 9;
}

std::vector<Node> in_pass_order(NodeList cmds) {
  std::vector<Node> out;
  for (Node c : cmds) out.push_back(c.body());
  std::stable_sort(out.begin(), out.end(),
                   [](const Node& a, const Node& b) { return pass_of(a) < pass_of(b); });
  return out;
}

/// SET LOGGED and SET UNLOGGED may appear once per statement.
bool persistence_twice(NodeList cmds, StatementResult& error) {
  int n = 0;
  for (Node c : cmds) {
    std::string_view st = c.body().str("subtype");
    if (st == "AT_SetLogged" || st == "AT_SetUnLogged") ++n;
  }
  if (n < 2) return false;
  error = ExecContext::fails("0A000", "cannot change persistence setting twice");
  return true;
}

StatementResult alter_table(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string_view objtype = n.str("objtype");
  if (objtype == "OBJECT_INDEX") return alter_index(ctx);
  bool owner_only = true;
  for (Node c : n.list("cmds")) owner_only &= c.body().str("subtype") == "AT_ChangeOwner";
  if (objtype != "OBJECT_TABLE" && !(owner_only && other_relation_word(objtype))) {
    return ExecContext::unknown("ALTER " + std::string(objtype) + " is not modelled");
  }
  std::string schema;
  StatementResult missing;
  const Relation* rel =
      find_relation_for_alter(ctx.catalog, n["relation"], n.flag("missing_ok"), schema, missing);
  if (!rel) return missing;
  std::string name = rel->name;
  if (objtype != "OBJECT_TABLE" && other_relation_kind(objtype) != rel->kind) {
    return ExecContext::fails("42809", "\"" + name + "\" is not " + other_relation_word(objtype));
  }
  if (owner_only && (rel->kind == RelKind::kView || rel->kind == RelKind::kMaterializedView ||
                     rel->kind == RelKind::kSequence)) {
    AlterTarget t{ctx, schema, name};
    return change_owner_of_other(t, n.list("cmds"));
  }
  if (!rel->is_table()) return not_a_table(*rel, n.list("cmds"));
  if (StatementResult twice; persistence_twice(n.list("cmds"), twice)) return twice;
  AlterTarget t{ctx, schema, name};
  // Before any subcommand runs, each ALTER COLUMN TYPE is checked, in statement order.
  bool drops = false, adds = false, retypes = false;
  for (Node c : n.list("cmds")) {
    std::string_view subtype = c.body().str("subtype");
    drops = drops || subtype == "AT_DropColumn";
    adds = adds || subtype == "AT_AddColumn";
    if (subtype != "AT_AlterColumnType") continue;
    retypes = true;
    if (StatementResult e; !at_alter_column_type_precheck(t, c.body(), e)) return e;
  }
  // Types as they were: a second type change of one column is refused, and
  // the changes are listed for the rules. A column's type changes only by
  // ALTER COLUMN TYPE or by dropping it and adding it again: other statements
  // need no copy of them.
  std::vector<std::pair<std::string, std::string>> types_before;
  if (retypes || (drops && adds))
    for (const auto& col : rel->columns) types_before.emplace_back(col.name, col.type);
  size_t mark = ctx.catalog.journal.mark();
  StatementResult result;
  bool changed = false;
  std::string skip_notice;
  for (Node c : in_pass_order(n.list("cmds"))) {
    if (c.str("subtype") == "AT_AlterColumnType") {
      std::string col(c.str("name"));
      const Column* now = t.get().column(col);
      for (const auto& [before_name, before_type] : types_before) {
        if (now && before_name == col && before_type != now->type) {
          return ExecContext::fails("0A000", "cannot alter type of column \"" + col + "\" twice");
        }
      }
    }
    StatementResult r = dispatch(t, c);
    for (const auto& notice : *r.notices) {
      if (skip_notice.empty() && notice.size() >= 10 &&
          notice.compare(notice.size() - 10, 10, ", skipping") == 0)
        skip_notice = notice;
      result.notices.mut().push_back(notice);
    }
    if (r.outcome == Outcome::kFails) return r;
    if (r.outcome == Outcome::kUnknown) {
      // Nothing of a statement that cannot be modelled may stay applied.
      ctx.catalog.journal.rollback_to(mark);
      return r;
    }
    if (r.outcome == Outcome::kApplies) changed = true;
  }
  if (!skip_notice.empty() && !changed) {
    result.outcome = Outcome::kNoOp;
    result.message = skip_notice;
  } else if (!changed) {
    result.outcome = Outcome::kNoOp;
    result.message = "the table already is as the statement asks";
  }
  result.touched.push_back(touched_name("table", schema, name));
  // Type changes, old and new, for the rules that judge rewrites.
  for (const auto& [col, before] : types_before) {
    const Column* now = t.get().column(col);
    if (now && now->type != before)
      result.touched.push_back(touched_name("column", schema, name) + "." + col + " type " +
                               before + " -> " + now->type);
  }
  return result;
}

HandlerRegistrar reg("AlterTableStmt", alter_table);

}  // namespace
}  // namespace migsim
