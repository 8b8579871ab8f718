#include "planner/exec/dml_common.h"

#include <algorithm>

namespace migsim {

bool open_dml_target(QueryScope& scope, Node rv, RangeEntry& entry, const Relation*& rel,
                     StatementResult& error) {
  if (!scope.open_relation(rv, false, entry, error)) return false;
  rel = entry.user_relation ? scope.catalog().relation(entry.schema, entry.relname) : nullptr;
  if (!rel) {
    error = ExecContext::unknown("writing to system relation " + entry.schema + "." +
                                 entry.relname + " is not modelled");
    return false;
  }
  if (rel->kind == RelKind::kView || rel->kind == RelKind::kForeignTable) {
    error = ExecContext::unknown("whether " + std::string(relkind_word(rel->kind)) + " \"" +
                                 rel->name + "\" can be written to is not modelled");
    return false;
  }
  return true;
}

bool check_dml_target_kind(const Relation& rel, StatementResult& error) {
  if (rel.kind == RelKind::kSequence) {
    error = ExecContext::fails("42809", "cannot change sequence \"" + rel.name + "\"");
    return false;
  }
  if (rel.kind == RelKind::kMaterializedView) {
    error = ExecContext::fails("42809", "cannot change materialized view \"" + rel.name + "\"");
    return false;
  }
  return true;
}

bool check_update_targets(QueryScope& scope, const Relation& rel, NodeList targets,
                          StatementResult& error) {
  for (Node t : targets)
    if (!scope.check_expr(t.body()["val"], error)) return false;
  for (Node t : targets) {
    std::string name(t.body().str("name"));
    if (!rel.column(name)) {
      error = ExecContext::fails(
          "42703", "column \"" + name + "\" of relation \"" + rel.name + "\" does not exist");
      return false;
    }
    if (!scope.check_exprs(t.body().list("indirection"), error)) return false;
  }
  return true;
}

bool check_update_rewrite(const Relation& rel, NodeList targets, StatementResult& error) {
  std::vector<std::string> seen;
  for (Node t : targets) {
    std::string name(t.body().str("name"));
    if (std::find(seen.begin(), seen.end(), name) != seen.end() &&
        t.body().list("indirection").empty()) {
      error = ExecContext::fails("42601", "multiple assignments to same column \"" + name + "\"");
      return false;
    }
    seen.push_back(name);
  }
  // In column order, as the rewriter walks the table's attributes.
  for (const auto& col : rel.columns) {
    for (Node t : targets) {
      if (t.body().str("name") != col.name) continue;
      if ((col.identity == 'a' || !col.extras->generated.empty()) &&
          t.body()["val"].kind() != "SetToDefault") {
        error = ExecContext::fails("428C9",
                                   "column \"" + col.name + "\" can only be updated to DEFAULT");
        return false;
      }
    }
  }
  return true;
}

StatementResult dml_data(std::string_view verb, const RangeEntry& target) {
  return ExecContext::data(std::string(verb) + " " + target.schema + "." + target.relname);
}

bool check_update_or_delete(QueryScope& scope, Node n, std::string_view from_field,
                            RangeEntry& target, const Relation*& rel, StatementResult& err) {
  scope.push_level();
  if (!scope.add_with(n["withClause"].body(), err)) return false;
  if (!open_dml_target(scope, n["relation"].body(), target, rel, err)) return false;
  if (!scope.add_entry(target, err)) return false;
  // FROM items cannot name the target; the clauses after them can.
  scope.set_out_of_scope(0, 1, true);
  bool from_ok = scope.add_from(n.list(from_field), err);
  scope.set_out_of_scope(0, 1, false);
  if (!from_ok) return false;
  if (!scope.check_where(n["whereClause"], err)) return false;
  return scope.check_exprs(n.list("returningList"), err);
}

}  // namespace migsim
