// QueryScope: FROM items (relations, subqueries, functions, joins).

#include "planner/exec/query_scope.h"

#include <algorithm>

#include "planner/engine/exec_context.h"
#include "planner/exec/query_scope_detail.h"

namespace migsim {

using namespace query_detail;  // NOLINT: internal helpers of this component

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

}  // namespace migsim
