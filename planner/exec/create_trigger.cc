// CREATE [OR REPLACE] TRIGGER name {BEFORE | AFTER | INSTEAD OF} events ON table
//   [FOR EACH ROW | STATEMENT] [WHEN (cond)] EXECUTE {FUNCTION | PROCEDURE} f(args)

#include "planner/exec/common.h"
#include "planner/exec/routine_lookup.h"
#include "planner/expr/deparse.h"

namespace migsim {
namespace {

// Bits of CreateTrigStmt.timing and .events (PostgreSQL's TRIGGER_TYPE_*).
constexpr int64_t kBefore = 2, kInstead = 64;
constexpr int64_t kInsert = 4, kDelete = 8, kUpdate = 16, kTruncate = 32;

std::string definition(const Catalog& catalog, Node n, const Relation& rel, const Function& fn) {
  int64_t timing = n.integer("timing"), events = n.integer("events");
  std::string d = "CREATE TRIGGER " + quote_ident(n.str("trigname"));
  d += timing & kBefore ? " BEFORE" : timing & kInstead ? " INSTEAD OF" : " AFTER";
  std::string ev;
  auto add = [&](const char* e) { ev += (ev.empty() ? " " : " OR ") + std::string(e); };
  if (events & kInsert) add("INSERT");
  if (events & kDelete) add("DELETE");
  if (events & kUpdate) {
    add("UPDATE");
    NodeList cols = n.list("columns");
    for (size_t i = 0; i < cols.size(); ++i)
      ev += (i ? ", " : " OF ") + quote_ident(cols.at(i).sval());
  }
  if (events & kTruncate) add("TRUNCATE");
  d += ev + " ON " + quote_qualified(rel.schema, rel.name);
  d += n.flag("row") ? " FOR EACH ROW" : " FOR EACH STATEMENT";
  if (Node w = n["whenClause"]) d += " WHEN ((" + deparse_expr(w) + "))";
  d += " EXECUTE FUNCTION " +
       (catalog.schema_visible(fn.schema) ? quote_ident(fn.name)
                                          : quote_qualified(fn.schema, fn.name)) +
       "(";
  NodeList args = n.list("args");
  for (size_t i = 0; i < args.size(); ++i)
    d += (i ? ", " : "") + std::string("'") + std::string(args.at(i).sval()) + "'";
  return d + ")";
}

StatementResult create_trigger(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  if (n.flag("isconstraint")) return ExecContext::unknown("constraint triggers are not modelled");
  if (!n.list("transitionRels").empty()) {
    return ExecContext::unknown("transition tables (REFERENCING) are not modelled");
  }
  Node rv = n["relation"];
  std::string schema;
  std::string relname(rv.str("relname"));
  const Relation* rel = ctx.catalog.lookup_relation(rv.str("schemaname"), relname, &schema);
  if (!rel) {
    std::string shown =
        rv.str("schemaname").empty() ? relname : std::string(rv.str("schemaname")) + "." + relname;
    return ExecContext::fails("42P01", "relation \"" + shown + "\" does not exist");
  }
  int64_t timing = n.integer("timing"), events = n.integer("events");
  bool row = n.flag("row");
  std::string q = "\"" + relname + "\"";
  if (rel->is_table() || rel->kind == RelKind::kForeignTable) {
    if (timing & kInstead) {
      std::string word = rel->kind == RelKind::kForeignTable ? "foreign table" : "table";
      std::string Word = rel->kind == RelKind::kForeignTable ? "Foreign tables" : "Tables";
      return ExecContext::fails("42809", q + " is a " + word,
                                Word + " cannot have INSTEAD OF triggers.");
    }
  } else if (rel->kind == RelKind::kView) {
    if ((timing & (kBefore | kInstead)) == 0 || timing & kBefore) {
      if (row) {
        return ExecContext::fails("42809", q + " is a view",
                                  "Views cannot have row-level BEFORE or AFTER triggers.");
      }
    }
    if (events & kTruncate) {
      return ExecContext::fails("42809", q + " is a view", "Views cannot have TRUNCATE triggers.");
    }
  } else if (rel->kind == RelKind::kCompositeType) {
    // table_openrv() refuses composite types and indexes before any trigger check.
    return ExecContext::fails("42809", q + " is a composite type");
  } else if (rel->kind == RelKind::kIndex || rel->kind == RelKind::kPartitionedIndex) {
    return ExecContext::fails("42809", q + " is an index");
  } else {
    std::string kind = rel->kind == RelKind::kSequence ? "sequences" : "materialized views";
    return ExecContext::fails("42809", "relation \"" + relname + "\" cannot have triggers",
                              "This operation is not supported for " + kind + ".");
  }
  if (n["whenClause"]) {
    return ExecContext::unknown("the WHEN condition of a trigger is not checked");
  }
  // The function: no declared arguments, returning trigger.
  Target ft = names_to_target(n.list("funcname"));
  if (!ft.schema.empty() && !ctx.catalog.schemas.find(ft.schema)) {
    return ExecContext::fails("3F000", "schema \"" + ft.schema + "\" does not exist");
  }
  std::string fshown = ft.schema.empty() ? ft.name : ft.schema + "." + ft.name;
  const Function* fn = find_routine_by_types(ctx.catalog, ft.schema, ft.name, {});
  if (!fn) return ExecContext::fails("42883", "function " + fshown + "() does not exist");
  if (fn->result != "trigger") {
    return ExecContext::fails("42P17", "function " + fshown + " must return type trigger");
  }
  std::string name(n.str("trigname"));
  int existing = -1;
  for (size_t i = 0; i < rel->triggers.size(); ++i)
    if (rel->triggers[i].name == name) existing = static_cast<int>(i);
  if (existing >= 0 && !n.flag("replace")) {
    return ExecContext::fails(
        "42710", "trigger \"" + name + "\" for relation \"" + relname + "\" already exists");
  }
  for (Node c : n.list("columns")) {
    std::string col(c.sval());
    if (!rel->column(col)) {
      return ExecContext::fails(
          "42703", "column \"" + col + "\" of relation \"" + relname + "\" does not exist");
    }
  }
  Trigger tg;
  tg.name = name;
  tg.function = fn->schema + "." + fn->name;
  tg.definition = definition(ctx.catalog, n, *rel, *fn);
  Relation* target = ctx.catalog.relation_mut(schema, relname);
  if (existing >= 0) {
    tg.comment = target->triggers[static_cast<size_t>(existing)].comment;
    target->triggers[static_cast<size_t>(existing)] = std::move(tg);
  } else {
    target->triggers.push_back(std::move(tg));
  }
  StatementResult r;
  r.touched.push_back(touched_name("trigger", schema, relname + "." + name));
  return r;
}

HandlerRegistrar reg("CreateTrigStmt", create_trigger);

}  // namespace
}  // namespace migsim
