// ALTER TABLE ... ALTER COLUMN c ADD GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY,
// ALTER COLUMN c DROP IDENTITY [IF EXISTS].

#include "planner/exec/alter_table.h"
#include "planner/exec/column_builder.h"

namespace migsim {

StatementResult at_add_identity(AlterTarget& t, Node cmd) {
  std::string col(cmd.str("name"));
  const Column* c = t.get().column(col);
  if (!c) return missing_column(t, col);
  // The identity sequence is created first, so its type check comes first.
  if (c->type != "smallint" && c->type != "integer" && c->type != "bigint") {
    return ExecContext::fails("22023", "identity column type must be smallint, integer, or bigint");
  }
  std::string prefix = "column \"" + col + "\" of relation \"" + t.name + "\" ";
  if (!c->not_null) {
    return ExecContext::fails("55000",
                              prefix + "must be declared NOT NULL before identity can be added");
  }
  if (c->identity) return ExecContext::fails("55000", prefix + "is already an identity column");
  if (!c->default_expr.empty()) {
    return ExecContext::fails("55000", prefix + "already has a default value");
  }
  ColumnBuild build;
  build.column = *c;
  build.identity = cmd["def"].body();
  std::string_view when = build.identity.str("generated_when");
  build.column.identity = when.empty() ? 'a' : when[0];
  std::vector<std::string> taken;
  StatementResult error;
  if (!create_column_sequence(t.ctx.catalog, t.ctx.stmt, t.schema, t.name, build, taken, error))
    return error;
  *t.mut().column(col) = build.column;
  return ExecContext::applies();
}

StatementResult at_drop_identity(AlterTarget& t, Node cmd) {
  std::string col(cmd.str("name"));
  const Column* c = t.get().column(col);
  if (!c) return missing_column(t, col);
  if (!c->identity) {
    std::string msg =
        "column \"" + col + "\" of relation \"" + t.name + "\" is not an identity column";
    if (cmd.flag("missing_ok")) return ExecContext::skipped_with_notice(msg + ", skipping");
    return ExecContext::fails("55000", msg);
  }
  t.mut().column(col)->identity = 0;
  std::vector<std::string> owned;
  for (const Relation* s : t.ctx.catalog.relations_in(t.schema))
    if (s->kind == RelKind::kSequence && s->sequence->identity &&
        s->sequence->owned_by_table == t.name && s->sequence->owned_by_column == col)
      owned.push_back(s->name);
  for (const auto& s : owned) t.ctx.catalog.drop_relation(t.schema, s);
  return ExecContext::applies();
}

}  // namespace migsim

namespace migsim {

StatementResult at_set_identity(AlterTarget& t, Node cmd) {
  std::string col(cmd.str("name"));
  const Column* c = t.get().column(col);
  if (!c) return missing_column(t, col);
  if (!c->identity) {
    return ExecContext::fails(
        "55000", "column \"" + col + "\" of relation \"" + t.name + "\" is not an identity column");
  }
  Catalog& catalog = t.ctx.catalog;
  std::string seq_name;
  for (const Relation* s : catalog.relations_in(t.schema))
    if (s->kind == RelKind::kSequence && s->sequence->identity &&
        s->sequence->owned_by_table == t.name && s->sequence->owned_by_column == col)
      seq_name = s->name;
  char identity = c->identity;
  SequenceInfo seq;
  if (const Relation* s = catalog.relation(t.schema, seq_name)) seq = s->sequence;
  SequenceInfo before = seq;
  for (Node item : cmd["def"].body().list("items")) {
    Node d = item.body();
    std::string_view opt = d.str("defname");
    int64_t value = d["arg"].body().integer("ival");
    if (opt == "generated") {
      identity = static_cast<char>(value);
    } else if (opt == "restart") {
      // The sequence's current value is not part of the catalog model.
    } else if (opt == "increment" && value != 0) {
      seq.increment = value;
    } else if (opt == "start") {
      seq.start = value;
    } else if (opt == "cache" && value > 0) {
      seq.cache = value;
    } else {
      return ExecContext::unknown("identity option " + std::string(opt) + " is not modelled");
    }
  }
  bool seq_changed =
      seq.increment != before.increment || seq.start != before.start || seq.cache != before.cache;
  if (identity == c->identity && !seq_changed) {
    return ExecContext::no_op("the identity column is unchanged in the catalog");
  }
  if (seq_changed && seq_name.empty()) {
    return ExecContext::unknown("the identity sequence of column \"" + col + "\" is not known");
  }
  t.mut().column(col)->identity = identity;
  if (seq_changed) catalog.relation_mut(t.schema, seq_name)->sequence = seq;
  return ExecContext::applies();
}

}  // namespace migsim
