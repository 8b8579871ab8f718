// QueryScope: levels, relations, CTEs, expressions and SELECT.

#include "planner/exec/query_scope.h"

#include <algorithm>

#include "planner/engine/exec_context.h"
#include "planner/exec/query_scope_detail.h"

namespace migsim {

using namespace query_detail;  // NOLINT: internal helpers of this component

namespace query_detail {

std::string figure_colname(Node expr) {
  std::string_view kind = expr.kind();
  Node b = expr.body();
  if (kind == "ColumnRef") {
    NodeList fields = b.list("fields");
    Node last = fields.at(fields.size() - 1);
    if (last.kind() == "A_Star") return {};
    return std::string(last.sval());
  }
  if (kind == "A_Indirection") {
    NodeList ind = b.list("indirection");
    Node last = ind.at(ind.size() - 1);
    if (last.kind() == "String") return std::string(last.sval());
    return figure_colname(b["arg"]);
  }
  if (kind == "FuncCall") return std::string(last_name(b.list("funcname")));
  if (kind == "TypeCast") {
    std::string inner = figure_colname(b["arg"]);
    if (!inner.empty() && inner != "?column?") return inner;
    return std::string(last_name(b["typeName"].body().list("names")));
  }
  if (kind == "CaseExpr") return "case";
  if (kind == "CoalesceExpr") return "coalesce";
  if (kind == "A_ArrayExpr") return "array";
  if (kind == "RowExpr") return "row";
  if (kind == "MinMaxExpr") return b.str("op") == "IS_GREATEST" ? "greatest" : "least";
  if (kind == "NullIfExpr") return "nullif";
  if (kind == "SubLink") {
    std::string_view t = b.str("subLinkType");
    if (t == "EXISTS_SUBLINK") return "exists";
    if (t == "ARRAY_SUBLINK") return "array";
    if (t == "EXPR_SUBLINK") {
      NodeList targets = b["subselect"].body().list("targetList");
      if (targets.size() == 1) {
        Node rt = targets.at(0).body();
        if (!rt.str("name").empty()) return std::string(rt.str("name"));
        return figure_colname(rt["val"]);
      }
      return {};
    }
    return "?column?";
  }
  if (kind == "A_Const" || kind == "A_Expr" || kind == "BoolExpr" || kind == "NullTest" ||
      kind == "BooleanTest" || kind == "ParamRef")
    return "?column?";
  return {};
}

}  // namespace query_detail

void QueryScope::push_level() {
  levels_.emplace_back();
}
void QueryScope::pop_level() {
  levels_.pop_back();
}

void QueryScope::set_out_of_scope(size_t from, size_t to, bool hidden) {
  auto& entries = levels_.back().entries;
  for (size_t i = from; i < to && i < entries.size(); ++i)
    entries[i].out_of_scope += hidden ? 1 : -1;
}

void QueryScope::record_read(std::string_view schema, std::string_view name,
                             std::string_view column) {
  for (auto& r : reads_) {
    if (r.schema == schema && r.name == name) {
      if (!column.empty() && !contains(r.columns, column)) r.columns.emplace_back(column);
      return;
    }
  }
  RelationRef r{std::string(schema), std::string(name), {}};
  if (!column.empty()) r.columns.emplace_back(column);
  reads_.push_back(std::move(r));
}

void QueryScope::record_entry_read(const RangeEntry& e, std::string_view column) {
  if (!e.user_relation) return;
  if (column.empty()) {
    for (const auto& c : e.columns) record_read(e.schema, e.relname, c);
    return;
  }
  if (is_system_column(column)) return;
  record_read(e.schema, e.relname, column);
}

const QueryScope::Cte* QueryScope::find_cte(std::string_view name) const {
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l)
    for (const auto& c : l->ctes)
      if (c.name == name) return &c;
  return nullptr;
}

bool QueryScope::open_relation(Node rv, bool allow_cte, RangeEntry& out, StatementResult& error) {
  std::string schema(rv.str("schemaname"));
  std::string name(rv.str("relname"));
  if (!rv.str("catalogname").empty()) {
    error = ExecContext::unknown("relation names with a database part are not modelled");
    return false;
  }
  Node alias = rv["alias"].body();
  out = RangeEntry{};
  out.refname = alias ? std::string(alias.str("aliasname")) : name;
  out.has_alias = static_cast<bool>(alias);
  out.relname = name;
  std::string display = schema.empty() ? name : schema + "." + name;
  if (schema.empty() && allow_cte) {
    if (const Cte* cte = find_cte(name)) {
      out.columns = cte->output.columns;
      out.opaque = cte->output.opaque || cte->pending;
      out.relname.clear();
    }
  }
  if (out.relname.empty()) {
    // A CTE.
  } else if (schema.empty() && system_relation_columns("pg_catalog", name)) {
    out.schema = "pg_catalog";
    out.columns = *system_relation_columns("pg_catalog", name);
  } else if (schema == "pg_catalog" || schema == "information_schema") {
    const auto* cols = system_relation_columns(schema, name);
    if (!cols) {
      error = ExecContext::unknown("system relation " + display + " is not modelled");
      return false;
    }
    out.schema = schema;
    out.columns = *cols;
  } else {
    std::string found;
    const Relation* rel = catalog_.lookup_relation(schema, name, &found);
    if (!rel) {
      if (schema.empty() && name.rfind("pg_", 0) == 0) {
        error = ExecContext::unknown("system relation " + name + " is not modelled");
      } else {
        error = ExecContext::fails("42P01", "relation \"" + display + "\" does not exist");
      }
      return false;
    }
    if (rel->kind == RelKind::kIndex || rel->kind == RelKind::kPartitionedIndex) {
      error = ExecContext::fails("42809", "\"" + name + "\" is an index");
      return false;
    }
    if (rel->kind == RelKind::kCompositeType) {
      error = ExecContext::fails("42809", "\"" + name + "\" is a composite type");
      return false;
    }
    out.schema = found;
    out.user_relation = true;
    if (rel->kind == RelKind::kSequence) {
      out.columns = {"last_value", "log_cnt", "is_called"};
    } else {
      for (const auto& c : rel->columns) out.columns.push_back(c.name);
    }
    if (rel->kind != RelKind::kView)
      for (std::string_view c : {"tableoid", "cmax", "xmax", "cmin", "xmin", "ctid"})
        out.columns.emplace_back(c);
  }
  if (alias) {
    size_t i = 0;
    for (Node c : alias.list("colnames")) {
      if (i >= out.columns.size() && !out.opaque) {
        error = ExecContext::fails("42P10", "table \"" + out.refname + "\" has " +
                                                std::to_string(i) + " columns available but " +
                                                std::to_string(alias.list("colnames").size()) +
                                                " columns specified");
        return false;
      }
      if (i < out.columns.size()) out.columns[i] = std::string(c.sval());
      ++i;
    }
  }
  return true;
}

bool QueryScope::add_entry(RangeEntry entry, StatementResult& error) {
  Level& level = levels_.back();
  if (!entry.qualified_hidden) {
    for (const auto& e : level.entries) {
      if (e.qualified_hidden || e.refname != entry.refname) continue;
      // Two relations named alike in different schemas, neither aliased, do not conflict.
      if (!e.has_alias && !entry.has_alias && e.user_relation && entry.user_relation &&
          e.schema != entry.schema)
        continue;
      error = ExecContext::fails("42712",
                                 "table name \"" + entry.refname + "\" specified more than once");
      return false;
    }
  }
  level.entries.push_back(std::move(entry));
  return true;
}

bool QueryScope::add_with(Node with, StatementResult& error) {
  if (!with) return true;
  bool recursive = with.flag("recursive");
  for (Node c : with.list("ctes")) {
    Node cte = c.body();
    Cte entry;
    entry.name = std::string(cte.str("ctename"));
    for (const auto& existing : levels_.back().ctes) {
      if (existing.name == entry.name) {
        error = ExecContext::fails(
            "42712", "WITH query name \"" + entry.name + "\" specified more than once");
        return false;
      }
    }
    NodeList aliases = cte.list("aliascolnames");
    Node query = cte["ctequery"];
    if (query.kind() != "SelectStmt") {
      error = ExecContext::unknown("data-modifying statements in WITH are not modelled");
      return false;
    }
    if (recursive) {
      // The CTE can name itself; its columns come from its alias list or,
      // as in PostgreSQL, from the non-recursive term of its UNION.
      entry.pending = aliases.empty();
      for (Node a : aliases) entry.output.columns.emplace_back(a.sval());
      Node q = query.body();
      std::string_view op = q.str("op");
      if (entry.pending && op == "SETOP_UNION") {
        levels_.back().ctes.push_back(entry);
        QueryOutput first;
        bool ok = check_select(q["larg"], &first, error);
        levels_.back().ctes.pop_back();
        if (!ok) return false;
        entry.output = first;
        entry.pending = false;
      }
      levels_.back().ctes.push_back(entry);
    }
    QueryOutput out;
    bool ok = check_select(query.body(), &out, error);
    if (recursive) levels_.back().ctes.pop_back();
    if (!ok) return false;
    entry.pending = false;
    entry.output = out;
    size_t i = 0;
    for (Node a : aliases) {
      if (i < entry.output.columns.size())
        entry.output.columns[i] = std::string(a.sval());
      else if (!out.opaque) {
        error = ExecContext::fails(
            "42P10", "WITH query \"" + entry.name + "\" has " + std::to_string(out.columns.size()) +
                         " columns available but " + std::to_string(aliases.size()) +
                         " columns specified");
        return false;
      }
      ++i;
    }
    levels_.back().ctes.push_back(std::move(entry));
  }
  return true;
}

bool QueryScope::check_expr(Node expr, StatementResult& error) {
  if (!expr) return true;
  return walk(expr.element(), error);
}

bool QueryScope::check_where(Node where, StatementResult& error) {
  no_aggregates_in_ = "WHERE";
  bool ok = check_expr(where, error);
  no_aggregates_in_ = {};
  return ok;
}

bool QueryScope::check_exprs(NodeList exprs, StatementResult& error) {
  for (Node e : exprs)
    if (!check_expr(e, error)) return false;
  return true;
}

bool QueryScope::walk(simdjson::dom::element e, StatementResult& error) {
  simdjson::dom::object obj;
  simdjson::dom::array arr;
  if (e.get_object().get(obj) == simdjson::SUCCESS) {
    for (auto field : obj) {
      if (field.key == "ColumnRef") {
        if (!check_column_ref(Node(field.value), error)) return false;
      } else if (field.key == "FuncCall") {
        if (!no_aggregates_in_.empty()) {
          Node f(field.value);
          if (f["over"]) {
            error = ExecContext::fails(
                "42P20", "window functions are not allowed in " + std::string(no_aggregates_in_));
            return false;
          }
          if (is_aggregate(last_name(f.list("funcname")))) {
            error = ExecContext::fails("42803", "aggregate functions are not allowed in " +
                                                    std::string(no_aggregates_in_));
            return false;
          }
        }
        if (!check_function_call(Node(field.value), error)) return false;
        if (!walk(field.value, error)) return false;
      } else if (field.key == "SelectStmt") {
        // A sublink's query: a new level that can see this one.
        bool saved = allow_output_names_;
        std::string_view saved_agg = no_aggregates_in_;
        allow_output_names_ = false;
        no_aggregates_in_ = {};
        bool ok = check_select(Node(field.value), nullptr, error);
        allow_output_names_ = saved;
        no_aggregates_in_ = saved_agg;
        if (!ok) return false;
      } else if (!walk(field.value, error)) {
        return false;
      }
    }
  } else if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (auto item : arr)
      if (!walk(item, error)) return false;
  }
  return true;
}

bool QueryScope::figure_outputs(NodeList targets, QueryOutput& out) {
  for (Node t : targets) {
    Node rt = t.body();
    if (!rt.str("name").empty()) {
      out.columns.emplace_back(rt.str("name"));
      continue;
    }
    Node val = rt["val"];
    if (val.kind() == "ColumnRef") {
      NodeList fields = val.body().list("fields");
      if (fields.at(fields.size() - 1).kind() == "A_Star") {
        std::string table =
            fields.size() > 1 ? std::string(fields.at(fields.size() - 2).sval()) : std::string();
        for (const auto& e : levels_.back().entries) {
          if (table.empty() ? e.qualified_only : (e.qualified_hidden || e.refname != table))
            continue;
          if (e.opaque) out.opaque = true;
          for (const auto& c : e.columns)
            if (!is_system_column(c)) out.columns.push_back(c);
        }
        continue;
      }
    }
    std::string name = figure_colname(val);
    if (name.empty()) {
      out.opaque = true;
      name = "?column?";
    }
    out.columns.push_back(name);
  }
  return true;
}

bool QueryScope::check_select(Node select, QueryOutput* output, StatementResult& error) {
  push_level();
  bool ok =
      add_with(select["withClause"].body(), error) && check_select_body(select, output, error);
  pop_level();
  return ok;
}

bool QueryScope::check_select_body(Node s, QueryOutput* output, StatementResult& error) {
  QueryOutput out;
  std::string_view op = s.str("op");
  if (!op.empty() && op != "SETOP_NONE") {
    QueryOutput left, right;
    if (!check_select(s["larg"], &left, error)) return false;
    if (!check_select(s["rarg"], &right, error)) return false;
    if (!left.opaque && !right.opaque && left.columns.size() != right.columns.size()) {
      std::string word = op == "SETOP_UNION"       ? "UNION"
                         : op == "SETOP_INTERSECT" ? "INTERSECT"
                                                   : "EXCEPT";
      error = ExecContext::fails("42601", "each " + word +
                                              " query must have the same number of "
                                              "columns");
      return false;
    }
    out = left;
    levels_.back().output_names = out.columns;
    allow_output_names_ = true;
    // ORDER BY of a set operation sees only the output columns.
    for (Node sb : s.list("sortClause")) {
      Node e = sb.body()["node"];
      if (e.kind() == "ColumnRef" && e.body().list("fields").size() == 1 &&
          contains(out.columns, e.body().list("fields").at(0).sval()))
        continue;
      if (e.kind() == "ColumnRef" && !out.opaque) {
        allow_output_names_ = false;
        error = ExecContext::fails(
            "42703",
            "column \"" + std::string(last_name(e.body().list("fields"))) + "\" does not exist");
        return false;
      }
    }
    allow_output_names_ = false;
    if (!check_expr(s["limitCount"], error) || !check_expr(s["limitOffset"], error)) return false;
    if (output) *output = out;
    return true;
  }
  if (s["intoClause"]) {
    error = ExecContext::unknown("SELECT INTO creates a table; it is not modelled");
    return false;
  }
  NodeList values = s.list("valuesLists");
  if (!values.empty()) {
    size_t width = 0;
    bool first = true;
    for (Node row : values) {
      NodeList items = row.body().list("items");
      if (!first && items.size() != width) {
        error = ExecContext::fails("42601", "VALUES lists must all be the same length");
        return false;
      }
      width = items.size();
      first = false;
      if (!check_exprs(items, error)) return false;
    }
    for (size_t i = 1; i <= width; ++i) out.columns.push_back("column" + std::to_string(i));
    if (output) *output = out;
    return true;
  }
  if (!add_from(s.list("fromClause"), error)) return false;
  NodeList targets = s.list("targetList");
  for (Node t : targets) {
    Node val = t.body()["val"];
    if (val.kind() == "ColumnRef" && levels_.back().entries.empty()) {
      NodeList f = val.body().list("fields");
      if (f.size() == 1 && f.at(0).kind() == "A_Star") {
        error = ExecContext::fails("42601", "SELECT * with no tables specified is not valid");
        return false;
      }
    }
    if (!check_expr(val, error)) return false;
  }
  figure_outputs(targets, out);
  levels_.back().output_names = out.columns;
  if (!check_where(s["whereClause"], error)) return false;
  allow_output_names_ = true;
  bool ok = check_exprs(s.list("groupClause"), error) && check_expr(s["havingClause"], error) &&
            check_exprs(s.list("windowClause"), error) &&
            check_exprs(s.list("sortClause"), error) &&
            check_exprs(s.list("distinctClause"), error);
  allow_output_names_ = false;
  if (!ok) return false;
  if (!check_expr(s["limitCount"], error) || !check_expr(s["limitOffset"], error)) return false;
  for (Node lc : s.list("lockingClause")) {
    for (Node rv : lc.body().list("lockedRels")) {
      std::string_view rel = rv.body().str("relname");
      bool found = false;
      for (const auto& e : levels_.back().entries)
        if (!e.qualified_hidden && e.refname == rel) found = true;
      if (!found) {
        std::string_view st = lc.body().str("strength");
        std::string word = st == "LCS_FORNOKEYUPDATE" ? "FOR NO KEY UPDATE"
                           : st == "LCS_FORSHARE"     ? "FOR SHARE"
                           : st == "LCS_FORKEYSHARE"  ? "FOR KEY SHARE"
                                                      : "FOR UPDATE";
        error = ExecContext::fails("42P01", "relation \"" + std::string(rel) + "\" in " + word +
                                                " clause not found in FROM clause");
        return false;
      }
    }
  }
  if (!check_grouping(s, error)) return false;
  if (output) *output = out;
  return true;
}

bool analyze_query(const Catalog& catalog, Node select, QueryOutput& output,
                   std::vector<RelationRef>& reads, StatementResult& error) {
  QueryScope scope(catalog);
  if (!scope.check_select(select, &output, error)) return false;
  reads = scope.reads();
  return true;
}

}  // namespace migsim
