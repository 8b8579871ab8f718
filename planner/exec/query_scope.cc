#include "planner/exec/query_scope.h"

#include <algorithm>

#include "planner/engine/exec_context.h"

namespace migsim {

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

/// Columns every heap relation has besides its own (ctid, xmin, ...).
bool is_system_column(std::string_view name) {
  return name == "ctid" || name == "xmin" || name == "xmax" || name == "cmin" || name == "cmax" ||
         name == "tableoid";
}

/// Built-in aggregates: a query that calls one is grouped.
bool is_aggregate(std::string_view name) {
  static constexpr std::string_view kAggregates[] = {"array_agg",
                                                     "avg",
                                                     "bit_and",
                                                     "bit_or",
                                                     "bit_xor",
                                                     "bool_and",
                                                     "bool_or",
                                                     "count",
                                                     "every",
                                                     "json_agg",
                                                     "json_object_agg",
                                                     "jsonb_agg",
                                                     "jsonb_object_agg",
                                                     "max",
                                                     "min",
                                                     "string_agg",
                                                     "sum",
                                                     "xmlagg",
                                                     "stddev",
                                                     "variance",
                                                     "percentile_cont",
                                                     "percentile_disc",
                                                     "mode",
                                                     "range_agg",
                                                     "range_intersect_agg"};
  return std::find(std::begin(kAggregates), std::end(kAggregates), name) != std::end(kAggregates);
}

std::string_view last_name(NodeList names) {
  return names.empty() ? std::string_view() : names.at(names.size() - 1).sval();
}

/// PostgreSQL's FigureColname(): the name of an unnamed output column; empty when not known.
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

}  // namespace

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

bool QueryScope::add_from(NodeList from, StatementResult& error) {
  for (Node item : from) {
    std::vector<RangeEntry> added;
    if (!add_from_item(item, added, error)) return false;
  }
  return true;
}

bool QueryScope::add_from_node(Node item, StatementResult& error) {
  std::vector<RangeEntry> added;
  return add_from_item(item, added, error);
}

bool QueryScope::add_from_item(Node item, std::vector<RangeEntry>& out, StatementResult& error) {
  std::string_view kind = item.kind();
  Node b = item.body();
  Level& level = levels_.back();
  size_t first = level.entries.size();
  if (kind == "RangeVar") {
    RangeEntry e;
    if (!open_relation(b, true, e, error)) return false;
    if (!add_entry(e, error)) return false;
  } else if (kind == "RangeSubselect") {
    QueryOutput sub;
    bool lateral = b.flag("lateral");
    if (!lateral) set_out_of_scope(0, first, true);
    bool ok = check_select(b["subquery"].body(), &sub, error);
    if (!lateral) set_out_of_scope(0, first, false);
    if (!ok) return false;
    RangeEntry e;
    Node alias = b["alias"].body();
    e.refname = std::string(alias.str("aliasname"));
    e.has_alias = true;
    e.columns = sub.columns;
    e.opaque = sub.opaque;
    size_t i = 0;
    for (Node c : alias.list("colnames")) {
      if (i < e.columns.size())
        e.columns[i] = std::string(c.sval());
      else
        e.columns.emplace_back(c.sval());
      ++i;
    }
    if (!add_entry(e, error)) return false;
  } else if (kind == "RangeFunction") {
    RangeEntry e;
    e.opaque = true;
    for (Node f : b.list("functions")) {
      NodeList pair(f.body().list("items"));
      Node call = pair.empty() ? Node() : pair.at(0);
      if (call && !check_expr(call, error)) return false;
      if (e.refname.empty() && call.kind() == "FuncCall")
        e.refname = std::string(last_name(call.body().list("funcname")));
    }
    Node alias = b["alias"].body();
    if (alias) {
      e.refname = std::string(alias.str("aliasname"));
      e.has_alias = true;
      for (Node c : alias.list("colnames")) e.columns.emplace_back(c.sval());
      if (e.columns.empty()) e.columns.push_back(e.refname);
    } else {
      e.columns.push_back(e.refname);
    }
    if (!add_entry(e, error)) return false;
  } else if (kind == "RangeTableSample") {
    return add_from_item(b["relation"], out, error);
  } else if (kind == "JoinExpr") {
    std::vector<RangeEntry> tmp;
    if (!add_from_item(b["larg"], tmp, error)) return false;
    size_t mid = levels_.back().entries.size();
    if (!add_from_item(b["rarg"], tmp, error)) return false;
    Level& lv = levels_.back();
    auto side_columns = [&](size_t from, size_t to, std::string_view col, bool& opaque) {
      int n = 0;
      for (size_t i = from; i < to; ++i) {
        if (lv.entries[i].qualified_only) continue;
        if (contains(lv.entries[i].columns, col))
          ++n;
        else if (lv.entries[i].opaque)
          opaque = true;
      }
      return n;
    };
    std::vector<std::string> using_cols;
    for (Node u : b.list("usingClause")) using_cols.emplace_back(u.sval());
    if (b.flag("isNatural")) {
      for (size_t i = first; i < mid; ++i) {
        if (lv.entries[i].opaque) {
          error = ExecContext::unknown("NATURAL JOIN over a relation whose columns are not known");
          return false;
        }
        for (const auto& c : lv.entries[i].columns) {
          if (is_system_column(c)) continue;
          bool op = false;
          if (side_columns(mid, lv.entries.size(), c, op) > 0 && !contains(using_cols, c))
            using_cols.push_back(c);
        }
      }
    }
    for (const auto& c : using_cols) {
      bool op = false;
      int left = side_columns(first, mid, c, op);
      if (left == 0 && !op) {
        error = ExecContext::fails(
            "42703", "column \"" + c + "\" specified in USING clause does not exist in left table");
        return false;
      }
      if (left > 1) {
        error = ExecContext::fails(
            "42702", "common column name \"" + c + "\" appears more than once in left table");
        return false;
      }
      op = false;
      int right = side_columns(mid, lv.entries.size(), c, op);
      if (right == 0 && !op) {
        error = ExecContext::fails("42703", "column \"" + c +
                                                "\" specified in USING clause does not exist "
                                                "in right table");
        return false;
      }
      if (right > 1) {
        error = ExecContext::fails(
            "42702", "common column name \"" + c + "\" appears more than once in right table");
        return false;
      }
      if (!contains(lv.merged, c)) lv.merged.push_back(c);
      for (size_t i = first; i < lv.entries.size(); ++i)
        if (contains(lv.entries[i].columns, c)) record_entry_read(lv.entries[i], c);
    }
    if (b["quals"]) {
      // ON sees only the two sides of its join.
      set_out_of_scope(0, first, true);
      bool ok = check_expr(b["quals"], error);
      set_out_of_scope(0, first, false);
      if (!ok) return false;
    }
    Node alias = b["alias"].body();
    if (alias) {
      RangeEntry j;
      j.refname = std::string(alias.str("aliasname"));
      j.has_alias = true;
      j.qualified_only = true;
      Level& l2 = levels_.back();
      for (size_t i = first; i < l2.entries.size(); ++i) {
        l2.entries[i].qualified_hidden = true;
        if (l2.entries[i].opaque) j.opaque = true;
        for (const auto& c : l2.entries[i].columns) {
          if (is_system_column(c)) continue;
          if (!contains(j.columns, c))
            j.columns.push_back(c);
          else if (!contains(l2.merged, c) && !contains(j.ambiguous, c))
            j.ambiguous.push_back(c);
        }
      }
      if (!add_entry(j, error)) return false;
    }
  } else {
    error = ExecContext::unknown("FROM item " + std::string(kind) + " is not modelled");
    return false;
  }
  const Level& done = levels_.back();
  for (size_t i = first; i < done.entries.size(); ++i) out.push_back(done.entries[i]);
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
        if (!check_function_call(Node(field.value), error)) return false;
        if (!walk(field.value, error)) return false;
      } else if (field.key == "SelectStmt") {
        // A sublink's query: a new level that can see this one.
        bool saved = allow_output_names_;
        allow_output_names_ = false;
        bool ok = check_select(Node(field.value), nullptr, error);
        allow_output_names_ = saved;
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

bool QueryScope::check_function_call(Node call, StatementResult& error) {
  // Sequence functions take a regclass: a literal name is looked up when the
  // query is planned. Other functions are not checked.
  NodeList fn = call.list("funcname");
  std::string_view name = last_name(fn);
  if (fn.size() > 2 || (fn.size() == 2 && fn.at(0).sval() != "pg_catalog")) return true;
  if (name != "nextval" && name != "currval" && name != "setval") return true;
  NodeList args = call.list("args");
  if (args.empty() || args.at(0).kind() != "A_Const" || !args.at(0).body()["sval"]) return true;
  std::string lit(args.at(0).body()["sval"].str("sval"));
  // regclass input: dotted, folded unless quoted.
  std::vector<std::string> parts{""};
  bool quoted = false;
  for (size_t i = 0; i < lit.size(); ++i) {
    char c = lit[i];
    if (c == '"') {
      if (quoted && i + 1 < lit.size() && lit[i + 1] == '"') {
        parts.back().push_back('"');
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back().push_back(quoted || c < 'A' || c > 'Z' ? c : static_cast<char>(c - 'A' + 'a'));
    }
  }
  if (parts.size() > 2) {
    error = ExecContext::unknown("a sequence name with a database part is not modelled");
    return false;
  }
  std::string schema = parts.size() == 2 ? parts[0] : std::string();
  const Relation* rel = catalog_.lookup_relation(schema, parts.back());
  if (!rel) {
    if (schema.empty() && parts.back().rfind("pg_", 0) == 0) return true;
    error = ExecContext::fails("42P01", "relation \"" + lit + "\" does not exist");
    return false;
  }
  if (rel->kind != RelKind::kSequence) {
    error = ExecContext::fails("42809", "\"" + rel->name + "\" is not a sequence");
    return false;
  }
  if (name == "currval") {
    error = ExecContext::unknown("currval() depends on what the session did before");
    return false;
  }
  record_read(rel->schema, rel->name, {});
  return true;
}

bool QueryScope::resolve_qualified(std::string_view schema, std::string_view table,
                                   std::string_view column, bool star, StatementResult& error) {
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l) {
    for (const auto& e : l->entries) {
      if (e.qualified_hidden || e.out_of_scope || e.refname != table) continue;
      if (!schema.empty() && (e.has_alias || e.schema != schema)) continue;
      if (star) {
        record_entry_read(e, {});
        return true;
      }
      if (contains(e.ambiguous, column)) {
        error = ExecContext::fails("42702",
                                   "column reference \"" + std::string(column) + "\" is ambiguous");
        return false;
      }
      if (contains(e.columns, column)) {
        record_entry_read(e, column);
        return true;
      }
      if (e.opaque) {
        error = ExecContext::unknown("the columns of \"" + e.refname + "\" are not known");
        return false;
      }
      error = ExecContext::fails(
          "42703", "column " + std::string(table) + "." + std::string(column) + " does not exist");
      return false;
    }
  }
  // A table hidden by a join alias is there, but cannot be named.
  bool hidden = false;
  for (const auto& l : levels_)
    for (const auto& e : l.entries)
      if ((e.qualified_hidden || e.out_of_scope) && e.refname == table) hidden = true;
  error = ExecContext::fails("42P01", std::string(hidden ? "invalid reference to" : "missing") +
                                          " FROM-clause entry for table \"" + std::string(table) +
                                          "\"");
  return false;
}

bool QueryScope::check_column_ref(Node ref, StatementResult& error) {
  std::vector<std::string> names;
  bool star = false;
  for (Node f : ref.list("fields")) {
    if (f.kind() == "A_Star")
      star = true;
    else
      names.emplace_back(f.sval());
  }
  if (star && names.empty()) {
    const Level& level = levels_.back();
    for (const auto& e : level.entries)
      if (!e.qualified_only) record_entry_read(e, {});
    return true;
  }
  if (names.size() == 1 && star) return resolve_qualified({}, names[0], {}, true, error);
  if (names.size() == 2 && !star) return resolve_qualified({}, names[0], names[1], false, error);
  if (names.size() == 2 && star) return resolve_qualified(names[0], names[1], {}, true, error);
  if (names.size() == 3 && !star)
    return resolve_qualified(names[0], names[1], names[2], false, error);
  if (names.size() != 1) {
    error = ExecContext::unknown("column references with a database part are not modelled");
    return false;
  }
  const std::string& name = names[0];
  bool maybe = false;
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l) {
    if (contains(l->merged, name)) return true;
    const RangeEntry* match = nullptr;
    int count = 0;
    for (const auto& e : l->entries) {
      if (e.qualified_only || e.out_of_scope) continue;
      if (contains(e.columns, name)) {
        ++count;
        match = &e;
      } else if (e.opaque) {
        maybe = true;
      }
    }
    if (count > 1) {
      error = ExecContext::fails("42702", "column reference \"" + name + "\" is ambiguous");
      return false;
    }
    if (count == 1) {
      record_entry_read(*match, name);
      return true;
    }
    if (l == levels_.rbegin() && allow_output_names_ && contains(l->output_names, name))
      return true;
  }
  // A whole-row reference to a FROM item.
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l)
    for (const auto& e : l->entries)
      if (!e.qualified_hidden && !e.out_of_scope && e.refname == name) {
        record_entry_read(e, {});
        return true;
      }
  if (maybe) {
    error = ExecContext::unknown("column \"" + name +
                                 "\" may come from a FROM item whose columns are not known");
    return false;
  }
  error = ExecContext::fails("42703", "column \"" + name + "\" does not exist");
  return false;
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
  if (!check_expr(s["whereClause"], error)) return false;
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

namespace {

/// Collects column references outside aggregate calls and sublinks; notes aggregates.
void collect_ungrouped(simdjson::dom::element e, std::vector<Node>& refs, bool& has_agg) {
  simdjson::dom::object obj;
  simdjson::dom::array arr;
  if (e.get_object().get(obj) == simdjson::SUCCESS) {
    for (auto field : obj) {
      if (field.key == "ColumnRef") {
        refs.emplace_back(field.value);
      } else if (field.key == "SelectStmt") {
        continue;
      } else if (field.key == "FuncCall") {
        Node f(field.value);
        if (!f["over"] && is_aggregate(last_name(f.list("funcname")))) {
          has_agg = true;
          continue;
        }
        collect_ungrouped(field.value, refs, has_agg);
      } else {
        collect_ungrouped(field.value, refs, has_agg);
      }
    }
  } else if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (auto item : arr) collect_ungrouped(item, refs, has_agg);
  }
}

}  // namespace

const RangeEntry* QueryScope::entry_of(Node ref, std::string& column) const {
  std::vector<std::string> names;
  for (Node f : ref.list("fields")) {
    if (f.kind() != "String") return nullptr;
    names.emplace_back(f.sval());
  }
  const Level& level = levels_.back();
  column = names.empty() ? std::string() : names.back();
  for (const auto& e : level.entries) {
    if (e.out_of_scope) continue;
    if (names.size() == 1) {
      if (!e.qualified_only && contains(e.columns, column)) return &e;
    } else if (!e.qualified_hidden && e.refname == names[names.size() - 2] &&
               (names.size() == 2 || (!e.has_alias && e.schema == names[0]))) {
      return &e;
    }
  }
  return nullptr;
}

bool QueryScope::check_grouping(Node s, StatementResult& error) {
  std::vector<Node> refs;
  bool has_agg = false;
  // PostgreSQL checks the target list (ORDER BY items join it), then HAVING.
  for (std::string_view f : {"targetList", "sortClause", "havingClause"})
    if (s[f]) collect_ungrouped(s[f].element(), refs, has_agg);
  NodeList group = s.list("groupClause");
  if (group.empty() && !has_agg && !s["havingClause"]) return true;
  NodeList targets = s.list("targetList");
  const Level& level = levels_.back();
  std::vector<std::pair<const RangeEntry*, std::string>> grouped;
  auto not_modelled = [&]() {
    error = ExecContext::unknown("GROUP BY items other than plain columns are not modelled");
    return false;
  };
  for (Node g : group) {
    Node ref = g;
    if (g.kind() == "A_Const" && g.body()["ival"]) {
      int64_t k = g.body()["ival"].integer("ival", 0);
      if (k < 1 || static_cast<size_t>(k) > targets.size()) return not_modelled();
      ref = targets.at(static_cast<size_t>(k - 1)).body()["val"];
    }
    if (ref.kind() != "ColumnRef") return not_modelled();
    std::string col;
    const RangeEntry* e = entry_of(ref.body(), col);
    if (!e && ref.body().list("fields").size() == 1) {
      // An output column's name.
      for (Node t : targets)
        if (t.body().str("name") == col && t.body()["val"].kind() == "ColumnRef")
          e = entry_of(t.body()["val"].body(), col);
    }
    if (!e) return not_modelled();
    grouped.emplace_back(e, col);
  }
  // A table whose primary key is grouped is grouped whole.
  auto fully_grouped = [&](const RangeEntry* e) {
    if (!e->user_relation) return false;
    const Relation* rel = catalog_.relation(e->schema, e->relname);
    if (!rel) return false;
    for (const auto& c : rel->constraints) {
      if (c.kind != Constraint::Kind::kPrimaryKey) continue;
      for (const auto& col : c.columns)
        if (std::find(grouped.begin(), grouped.end(), std::make_pair(e, col)) == grouped.end())
          return false;
      return true;
    }
    return false;
  };
  for (Node r : refs) {
    NodeList fields = r.list("fields");
    if (fields.at(fields.size() - 1).kind() == "A_Star") {
      for (const auto& e : level.entries)
        if (!e.qualified_only && !fully_grouped(&e)) {
          error = ExecContext::unknown("SELECT * in a grouped query is not checked");
          return false;
        }
      continue;
    }
    std::string col;
    const RangeEntry* e = entry_of(r, col);
    if (!e) {
      if (fields.size() == 1 && contains(level.merged, col)) {
        error = ExecContext::unknown("grouping of a USING column is not checked");
        return false;
      }
      continue;  // an outer reference or an output column's name
    }
    if (std::find(grouped.begin(), grouped.end(), std::make_pair(e, col)) != grouped.end() ||
        fully_grouped(e))
      continue;
    if (e->opaque || (!e->user_relation && !e->schema.empty())) {
      error = ExecContext::unknown("whether \"" + col + "\" is grouped is not checked");
      return false;
    }
    error = ExecContext::fails("42803", "column \"" + e->refname + "." + col +
                                            "\" must appear in the GROUP BY clause or be used "
                                            "in an aggregate function");
    return false;
  }
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
