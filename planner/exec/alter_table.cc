// ALTER TABLE [IF EXISTS] [ONLY] name subcommand [, ...]
//
// Subcommands apply in order on the journaled catalog; the first failure ends
// the statement and the engine rolls every earlier subcommand back.

#include "planner/exec/alter_table.h"

#include "planner/exec/common.h"
#include "planner/exec/relation_lookup.h"

namespace migsim {

StatementResult missing_column(const AlterTarget& t, const std::string& column) {
  return ExecContext::fails(
      "42703", "column \"" + column + "\" of relation \"" + t.name + "\" does not exist");
}

namespace {

StatementResult dispatch(AlterTarget& t, Node cmd) {
  std::string_view subtype = cmd.str("subtype");
  if (subtype == "AT_AddColumn") return at_add_column(t, cmd);
  if (subtype == "AT_DropColumn") return at_drop_column(t, cmd);
  if (subtype == "AT_AlterColumnType") return at_alter_column_type(t, cmd);
  if (subtype == "AT_ColumnDefault") return at_column_default(t, cmd);
  if (subtype == "AT_SetNotNull") return at_set_not_null(t, cmd, true);
  if (subtype == "AT_DropNotNull") return at_set_not_null(t, cmd, false);
  if (subtype == "AT_AddIdentity") return at_add_identity(t, cmd);
  if (subtype == "AT_DropIdentity") return at_drop_identity(t, cmd);
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
  return ExecContext::unknown("ALTER TABLE subcommand " + std::string(subtype) +
                              " is not modelled");
}

StatementResult alter_table(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string_view objtype = n.str("objtype");
  if (objtype != "OBJECT_TABLE") {
    return ExecContext::unknown("ALTER " + std::string(objtype) + " is not modelled");
  }
  std::string schema;
  StatementResult missing;
  const Relation* rel =
      find_relation_for_alter(ctx.catalog, n["relation"], n.flag("missing_ok"), schema, missing);
  if (!rel) return missing;
  std::string name = rel->name;
  if (!rel->is_table()) {
    return ExecContext::unknown("ALTER TABLE on a " + std::string(relkind_word(rel->kind)) +
                                " is not modelled");
  }
  AlterTarget t{ctx, schema, name};
  size_t mark = ctx.catalog.journal.mark();
  StatementResult result;
  bool changed = false;
  std::string skip_notice;
  for (Node c : n.list("cmds")) {
    StatementResult r = dispatch(t, c.body());
    for (auto& notice : r.notices) {
      if (skip_notice.empty() && notice.size() >= 10 &&
          notice.compare(notice.size() - 10, 10, ", skipping") == 0)
        skip_notice = notice;
      result.notices.push_back(notice);
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
  return result;
}

HandlerRegistrar reg("AlterTableStmt", alter_table);

}  // namespace
}  // namespace migsim
