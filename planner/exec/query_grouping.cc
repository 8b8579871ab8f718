// QueryScope: grouped queries (GROUP BY, aggregates, HAVING).

#include "planner/exec/query_scope.h"

#include <algorithm>

#include "planner/engine/exec_context.h"
#include "planner/exec/query_scope_detail.h"

namespace migsim {

using namespace query_detail;  // NOLINT: internal helpers of this component

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

}  // namespace migsim
