// ALTER TABLE ... ADD CONSTRAINT [NOT VALID], DROP CONSTRAINT [IF EXISTS]
// [CASCADE], VALIDATE CONSTRAINT.

#include "planner/exec/alter_table.h"
#include "planner/exec/common.h"
#include "planner/exec/table_constraints.h"

namespace migsim {

namespace {
std::string constraint_of(const AlterTarget& t, const std::string& name) {
  return "constraint \"" + name + "\" of relation \"" + t.name + "\"";
}
}  // namespace

StatementResult at_add_constraint(AlterTarget& t, Node cmd) {
  ExecContext& ctx = t.ctx;
  Node con = cmd["def"].body();
  if (!con.str("indexname").empty()) {
    return ExecContext::unknown("ADD CONSTRAINT ... USING INDEX is not modelled");
  }
  std::string name(con.str("conname"));
  const Relation& current = t.get();
  if (con.str("contype") == "CONSTR_PRIMARY") {
    // PostgreSQL first runs an implied SET NOT NULL on each key column, which
    // is what reports a missing one.
    for (Node k : con.list("keys")) {
      std::string col(k.sval());
      if (!current.column(col)) {
        return ExecContext::fails(
            "42703", "column \"" + col + "\" of relation \"" + t.name + "\" does not exist");
      }
    }
  }
  if (!name.empty() && current.constraint(name) && !ctx.catalog.relation(t.schema, name)) {
    return ExecContext::fails(
        "42710", "constraint \"" + name + "\" for relation \"" + t.name + "\" already exists");
  }
  Relation table = current;
  std::vector<Relation> indexes;
  std::vector<std::string> taken;
  StatementResult error;
  if (!add_table_constraints(ctx, table, {PendingConstraint{con, {}, {}}}, indexes, taken, error))
    return error;
  ctx.catalog.put_relation(std::move(table));
  for (auto& idx : indexes) ctx.catalog.put_relation(std::move(idx));
  return ExecContext::applies();
}

StatementResult at_drop_constraint(AlterTarget& t, Node cmd) {
  Catalog& catalog = t.ctx.catalog;
  std::string name(cmd.str("name"));
  bool cascade = cmd.str("behavior") == "DROP_CASCADE";
  const Constraint* c = t.get().constraint(name);
  if (!c) {
    if (cmd.flag("missing_ok")) {
      return ExecContext::skipped_with_notice(constraint_of(t, name) + " does not exist, skipping");
    }
    return ExecContext::fails("42704", constraint_of(t, name) + " does not exist");
  }
  // The constraint's index goes with it; foreign keys that rely on that index
  // need CASCADE, as pg_depend has it.
  return drop_table_part(
      catalog, ObjectRef::part(ObjectRef::Kind::kConstraint, t.schema, t.name, name), cascade);
}

StatementResult at_validate_constraint(AlterTarget& t, Node cmd) {
  std::string name(cmd.str("name"));
  const Constraint* c = t.get().constraint(name);
  if (!c) return ExecContext::fails("42704", constraint_of(t, name) + " does not exist");
  if (c->kind != Constraint::Kind::kForeignKey && c->kind != Constraint::Kind::kCheck) {
    return ExecContext::fails("42809",
                              constraint_of(t, name) + " is not a foreign key or check constraint");
  }
  if (c->validated) return ExecContext::no_op("constraint \"" + name + "\" is already valid");
  for (auto& m : t.mut().constraints)
    if (m.name == name) m.validated = true;
  return ExecContext::applies();
}

}  // namespace migsim
