// CREATE [OR REPLACE] TRIGGER name {BEFORE | AFTER | INSTEAD OF} events ON table
//   [FOR EACH ROW | STATEMENT] [WHEN (cond)] EXECUTE {FUNCTION | PROCEDURE} f(args)

#include <algorithm>

#include "planner/exec/common.h"
#include "planner/exec/dependencies.h"
#include "planner/exec/routine_lookup.h"
#include "planner/exec/trigger_clone.h"
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

/// The fields of every ColumnRef under `e`, in the order they appear ("*" for A_Star).
void column_refs(simdjson::dom::element e, std::vector<std::vector<std::string>>& out) {
  simdjson::dom::array arr;
  if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element child : arr) column_refs(child, out);
    return;
  }
  simdjson::dom::object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return;
  for (simdjson::dom::key_value_pair field : obj) {
    if (field.key == "ColumnRef") {
      std::vector<std::string> parts;
      for (Node f : Node(field.value).list("fields"))
        parts.push_back(f.kind() == "A_Star" ? "*" : std::string(f.sval()));
      out.push_back(std::move(parts));
      continue;
    }
    column_refs(field.value, out);
  }
}

/// Checks the WHEN condition the way CreateTrigger() does: names resolve
/// against OLD and NEW, then which of them the trigger may see. Types inside
/// the expression are not checked.
bool check_when(Node when, const Relation& rel, int64_t events, bool row, StatementResult& error) {
  std::vector<std::vector<std::string>> refs;
  column_refs(when.element(), refs);
  for (const auto& r : refs) {
    if (r.size() == 1) {
      if (r[0] == "*") continue;
      error = rel.column(r[0])
                  ? ExecContext::fails("42702", "column reference \"" + r[0] + "\" is ambiguous")
                  : ExecContext::fails("42703", "column \"" + r[0] + "\" does not exist");
      return false;
    }
    if (r.size() != 2) {
      error = ExecContext::unknown("qualified names in the WHEN condition are not modelled");
      return false;
    }
    if (r[0] != "new" && r[0] != "old") {
      error = ExecContext::fails("42P01", "missing FROM-clause entry for table \"" + r[0] + "\"");
      return false;
    }
    if (r[1] != "*" && !rel.column(r[1])) {
      error = ExecContext::fails("42703", "column " + r[0] + "." + r[1] + " does not exist");
      return false;
    }
  }
  for (const auto& r : refs) {
    if (!row) {
      error = ExecContext::fails("42P17",
                                 "statement trigger's WHEN condition cannot reference column "
                                 "values");
      return false;
    }
    if (r[0] == "old" && (events & kInsert)) {
      error = ExecContext::fails("42P17",
                                 "INSERT trigger's WHEN condition cannot reference OLD values");
      return false;
    }
    if (r[0] == "new" && (events & kDelete)) {
      error = ExecContext::fails("42P17",
                                 "DELETE trigger's WHEN condition cannot reference NEW values");
      return false;
    }
  }
  return true;
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
  StatementResult when_error;
  if (Node when = n["whenClause"]) {
    if (timing & kInstead) {
      return ExecContext::fails("0A000", "INSTEAD OF triggers cannot have WHEN conditions");
    }
    if (!check_when(when, *rel, events, row, when_error)) return when_error;
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
  tg.function = quote_qualified(fn->schema, fn->name);  // as the catalog query names it
  tg.definition = definition(ctx.catalog, n, *rel, *fn);
  // A row trigger on a partitioned table is cloned onto every partition, below it too.
  std::vector<const Relation*> below;
  if (is_row_trigger(tg)) below = partitions_below(ctx.catalog, *rel);
  if (existing < 0)
    for (const Relation* part : below)
      if (has_trigger(*part, name))
        return ExecContext::fails(
            "42710", "trigger \"" + name + "\" for relation \"" + part->name + "\" already exists");
  for (const Relation* below_part : below) {
    Relation* part = ctx.catalog.relation_mut(below_part->schema, below_part->name);
    Trigger c = clone_trigger(tg, *rel, *part);
    auto same = std::find_if(part->triggers.begin(), part->triggers.end(),
                             [&](const Trigger& t) { return t.name == name; });
    if (same != part->triggers.end())
      *same = c;
    else
      part->triggers.push_back(std::move(c));
  }
  Relation* target = ctx.catalog.relation_mut(schema, relname);
  if (existing >= 0) {
    tg.comment = target->triggers[static_cast<size_t>(existing)].comment;
    target->triggers[static_cast<size_t>(existing)] = std::move(tg);
  } else {
    target->triggers.push_back(std::move(tg));
  }
  StatementResult r;
  if (n["whenClause"]) r.message = "the types in the WHEN condition are not checked";
  r.touched.push_back(touched_name("trigger", schema, relname + "." + name));
  return r;
}

HandlerRegistrar reg("CreateTrigStmt", create_trigger);

}  // namespace
}  // namespace migsim
