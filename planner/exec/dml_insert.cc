// INSERT INTO t [AS a] [(cols)] {VALUES ... | SELECT ... | DEFAULT VALUES}
//   [ON CONFLICT ...] [RETURNING ...]
// Checks names in PostgreSQL's order (parse analysis, rewriter, planner,
// executor); what only the rows decide is `data`.

#include <algorithm>

#include "planner/exec/dml_common.h"

namespace migsim {
namespace {

bool is_null_const(Node e) {
  return e.kind() == "A_Const" && e.body().flag("isnull");
}

bool is_pk_column(const Relation& rel, std::string_view col) {
  for (const auto& c : rel.constraints)
    if (c.kind == Constraint::Kind::kPrimaryKey &&
        std::find(c.columns.begin(), c.columns.end(), col) != c.columns.end())
      return true;
  return false;
}

/// ON CONFLICT's arbiter: a unique index (or constraint) on exactly the named columns.
bool has_arbiter(const Catalog& catalog, const Relation& rel, const std::vector<std::string>& cols,
                 bool& judged) {
  judged = true;
  std::vector<std::string> want = cols;
  std::sort(want.begin(), want.end());
  for (const Relation* idx : catalog.indexes_of(rel.schema, rel.name)) {
    if (!idx->index->unique) continue;
    if (!idx->index->predicate.empty()) {
      judged = false;
      continue;
    }
    std::vector<std::string> keys = idx->index->keys;
    std::sort(keys.begin(), keys.end());
    if (keys == want) return true;
  }
  for (const auto& c : rel.constraints) {
    if (c.kind == Constraint::Kind::kExclusion) judged = false;
  }
  return false;
}

StatementResult insert(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  QueryScope scope(ctx.catalog);
  scope.push_level();
  StatementResult err;
  if (!scope.add_with(n["withClause"].body(), err)) return err;
  RangeEntry target;
  const Relation* rel = nullptr;
  if (!open_dml_target(scope, n["relation"].body(), target, rel, err)) return err;

  // The target columns, explicit or all of them.
  std::vector<const Column*> cols;
  NodeList explicit_cols = n.list("cols");
  for (Node c : explicit_cols) {
    std::string name(c.body().str("name"));
    const Column* col = rel->column(name);
    if (!col) {
      return ExecContext::fails(
          "42703", "column \"" + name + "\" of relation \"" + rel->name + "\" does not exist");
    }
    if (c.body().list("indirection").empty() &&
        std::find(cols.begin(), cols.end(), col) != cols.end()) {
      return ExecContext::fails("42701", "column \"" + name + "\" specified more than once");
    }
    cols.push_back(col);
  }
  if (explicit_cols.empty())
    for (const auto& c : rel->columns) cols.push_back(&c);

  // The source rows.
  Node sel = n["selectStmt"].body();
  NodeList rows = sel.list("valuesLists");
  bool plain_values = sel && !rows.empty() && !sel["withClause"] &&
                      sel.list("sortClause").empty() && !sel["limitCount"];
  QueryOutput source;
  if (sel && !scope.check_select(sel, &source, err)) return err;
  if (sel && !source.opaque) {
    if (source.columns.size() > cols.size()) {
      return ExecContext::fails("42601", "INSERT has more expressions than target columns");
    }
    if (source.columns.size() < cols.size() && !explicit_cols.empty()) {
      return ExecContext::fails("42601", "INSERT has more target columns than expressions");
    }
  }
  for (Node c : explicit_cols)
    if (!scope.check_exprs(c.body().list("indirection"), err)) return err;

  // The target becomes visible to ON CONFLICT and RETURNING.
  if (!scope.add_entry(target, err)) return err;
  Node oc = n["onConflictClause"].body();
  std::vector<std::string> arbiter_cols;
  bool need_arbiter = false;
  if (oc) {
    Node infer = oc["infer"].body();
    if (infer && !infer.str("conname").empty()) {
      std::string conname(infer.str("conname"));
      const Constraint* con = rel->constraint(conname);
      if (!con) {
        return ExecContext::fails("42704", "constraint \"" + conname + "\" for table \"" +
                                               rel->name + "\" does not exist");
      }
      if (con->kind != Constraint::Kind::kPrimaryKey && con->kind != Constraint::Kind::kUnique &&
          con->kind != Constraint::Kind::kExclusion) {
        return ExecContext::fails("42809",
                                  "constraint in ON CONFLICT clause has no associated index");
      }
    } else if (infer) {
      for (Node e : infer.list("indexElems")) {
        Node ie = e.body();
        if (!ie.str("name").empty()) {
          std::string name(ie.str("name"));
          if (!rel->column(name)) {
            return ExecContext::fails("42703", "column \"" + name + "\" does not exist");
          }
          arbiter_cols.push_back(name);
        } else {
          if (!scope.check_expr(ie["expr"], err)) return err;
          return ExecContext::unknown("ON CONFLICT on an expression index is not modelled");
        }
      }
      if (!scope.check_expr(infer["whereClause"], err)) return err;
      need_arbiter = true;
    } else if (oc.str("action") == "ONCONFLICT_UPDATE") {
      return ExecContext::fails("42601",
                                "ON CONFLICT DO UPDATE requires inference specification or "
                                "constraint name");
    }
    if (oc.str("action") == "ONCONFLICT_UPDATE") {
      RangeEntry excluded = target;
      excluded.refname = "excluded";
      excluded.has_alias = true;
      if (!scope.add_entry(excluded, err)) return err;
      if (!check_update_targets(scope, *rel, oc.list("targetList"), err)) return err;
      if (!scope.check_expr(oc["whereClause"], err)) return err;
    }
  }
  if (!scope.check_exprs(n.list("returningList"), err)) return err;

  // Rewriter: identity ALWAYS and generated columns take only DEFAULT.
  bool overriding = n.str("override") == "OVERRIDING_SYSTEM_VALUE";
  for (size_t i = 0; i < cols.size() && sel; ++i) {
    const Column* col = cols[i];
    bool always = col->identity == 'a' && !overriding;
    if (!always && col->extras->generated.empty()) continue;
    if (!source.opaque && i >= source.columns.size()) continue;
    bool all_default = !rows.empty();
    for (Node row : rows) {
      NodeList items = row.body().list("items");
      if (i < items.size() && items.at(i).kind() != "SetToDefault") all_default = false;
    }
    if (!all_default) {
      return ExecContext::fails(
          "428C9", "cannot insert a non-DEFAULT value into column \"" + col->name + "\"");
    }
  }
  if (oc && oc.str("action") == "ONCONFLICT_UPDATE" &&
      !check_update_rewrite(*rel, oc.list("targetList"), err))
    return err;

  // Planner: the arbiter index.
  if (need_arbiter) {
    bool judged = true;
    if (!has_arbiter(ctx.catalog, *rel, arbiter_cols, judged)) {
      if (!judged) return ExecContext::unknown("partial and exclusion arbiters are not modelled");
      return ExecContext::fails("42P10",
                                "there is no unique or exclusion constraint matching the ON "
                                "CONFLICT specification");
    }
  }
  if (!check_dml_target_kind(*rel, err)) return err;

  // Executor: a VALUES row that leaves a NOT NULL column null fails whatever the data.
  if ((plain_values || !sel) && rel->kind == RelKind::kTable && rel->triggers.empty()) {
    size_t nrows = sel ? rows.size() : 1;
    for (size_t r = 0; r < nrows; ++r) {
      NodeList items = sel ? rows.at(r).body().list("items") : NodeList();
      for (const auto& col : rel->columns) {
        if (!col.not_null && !is_pk_column(*rel, col.name)) continue;
        if (!col.extras->type_schema.empty()) continue;  // a domain may supply a default
        Node value;
        for (size_t i = 0; i < cols.size() && i < items.size(); ++i)
          if (cols[i] == &col &&
              (explicit_cols.empty() || explicit_cols.at(i).body().list("indirection").empty()))
            value = items.at(i);
        bool has_default =
            !col.default_expr.empty() || col.identity || !col.extras->generated.empty();
        bool is_null =
            value ? is_null_const(value) || (value.kind() == "SetToDefault" && !has_default)
                  : !has_default;
        if (is_null) {
          return ExecContext::fails("23502", "null value in column \"" + col.name +
                                                 "\" of relation \"" + rel->name +
                                                 "\" violates not-null constraint");
        }
      }
    }
  }
  return dml_data("inserts into", target);
}

HandlerRegistrar reg("InsertStmt", insert);

}  // namespace
}  // namespace migsim
