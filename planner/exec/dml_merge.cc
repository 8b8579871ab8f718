// MERGE INTO t [AS a] USING source ON cond WHEN [NOT] MATCHED [AND cond] THEN
//   UPDATE SET ... | DELETE | INSERT [(cols)] VALUES (...) | DO NOTHING

#include <algorithm>

#include "planner/exec/dml_common.h"

namespace migsim {
namespace {

/// A scope for one WHEN clause: NOT MATCHED clauses see only the source.
bool clause_scope(QueryScope& scope, Node n, const RangeEntry& target, bool matched,
                  StatementResult& err) {
  scope.push_level();
  if (!scope.add_with(n["withClause"].body(), err)) return false;
  if (matched && !scope.add_entry(target, err)) return false;
  return scope.add_from_node(n["sourceRelation"], err);
}

StatementResult merge(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  // Parse analysis first rejects clauses that can never run.
  bool seen_plain[2] = {false, false};
  for (Node c : n.list("mergeWhenClauses")) {
    Node w = c.body();
    int m = w.flag("matched") ? 1 : 0;
    if (seen_plain[m]) {
      return ExecContext::fails("42601",
                                "unreachable WHEN clause specified after unconditional WHEN "
                                "clause");
    }
    if (!w["condition"]) seen_plain[m] = true;
  }
  QueryScope scope(ctx.catalog);
  scope.push_level();
  StatementResult err;
  if (!scope.add_with(n["withClause"].body(), err)) return err;
  RangeEntry target;
  const Relation* rel = nullptr;
  if (!open_dml_target(scope, n["relation"].body(), target, rel, err)) return err;
  if (!scope.add_entry(target, err)) return err;
  if (!scope.add_from_node(n["sourceRelation"], err)) return err;
  if (!scope.check_expr(n["joinCondition"], err)) return err;

  for (Node c : n.list("mergeWhenClauses")) {
    Node w = c.body();
    bool matched = w.flag("matched");
    QueryScope cs(ctx.catalog);
    if (!clause_scope(cs, n, target, matched, err)) return err;
    auto check = [&](bool ok) {
      if (ok) return true;
      if (!matched && err.sqlstate == "42P01" &&
          err.message == "missing FROM-clause entry for table \"" + target.refname + "\"")
        err.message = "invalid reference to FROM-clause entry for table \"" + target.refname + "\"";
      return false;
    };
    if (!check(cs.check_expr(w["condition"], err))) return err;
    std::string_view cmd = w.str("commandType");
    if (cmd == "CMD_UPDATE") {
      if (!check(check_update_targets(cs, *rel, w.list("targetList"), err))) return err;
    } else if (cmd == "CMD_INSERT") {
      std::vector<const Column*> cols;
      for (Node t : w.list("targetList")) {
        std::string name(t.body().str("name"));
        const Column* col = rel->column(name);
        if (!col) {
          return ExecContext::fails(
              "42703", "column \"" + name + "\" of relation \"" + rel->name + "\" does not exist");
        }
        if (std::find(cols.begin(), cols.end(), col) != cols.end()) {
          return ExecContext::fails("42701", "column \"" + name + "\" specified more than once");
        }
        cols.push_back(col);
      }
      bool explicit_cols = !cols.empty();
      if (!explicit_cols)
        for (const auto& col : rel->columns) cols.push_back(&col);
      NodeList values = w.list("values");
      if (!check(cs.check_exprs(values, err))) return err;
      if (values.size() > cols.size()) {
        return ExecContext::fails("42601", "INSERT has more expressions than target columns");
      }
      if (values.size() < cols.size() && explicit_cols && !values.empty()) {
        return ExecContext::fails("42601", "INSERT has more target columns than expressions");
      }
    }
  }
  // Rewriter: identity ALWAYS and generated columns.
  for (Node c : n.list("mergeWhenClauses")) {
    Node w = c.body();
    if (w.str("commandType") == "CMD_UPDATE" &&
        !check_update_rewrite(*rel, w.list("targetList"), err))
      return err;
    if (w.str("commandType") == "CMD_INSERT") {
      NodeList targets = w.list("targetList");
      NodeList values = w.list("values");
      for (size_t i = 0; i < targets.size() && i < values.size(); ++i) {
        const Column* col = rel->column(targets.at(i).body().str("name"));
        bool always = col->identity == 'a' && w.str("override") != "OVERRIDING_SYSTEM_VALUE";
        if ((always || !col->extras->generated.empty()) && values.at(i).kind() != "SetToDefault") {
          return ExecContext::fails(
              "428C9", "cannot insert a non-DEFAULT value into column \"" + col->name + "\"");
        }
      }
    }
  }
  if (!check_dml_target_kind(*rel, err)) return err;
  return dml_data("merges into", target);
}

HandlerRegistrar reg("MergeStmt", merge);

}  // namespace
}  // namespace migsim
