#include "planner/exec/query_shape.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "planner/exec/common.h"
#include "planner/exec/relation_lookup.h"
#include "planner/exec/type_resolver.h"
#include "planner/expr/deparse.h"

namespace migsim {

namespace {

/// One FROM-clause relation and the name it is referred to by.
struct RangeEntry {
  std::string refname;
  const Relation* rel = nullptr;
  size_t dep = 0;  ///< index into QueryShape::depends
};

class Analyzer {
 public:
  Analyzer(ExecContext& ctx, QueryShape& out, StatementResult& error)
      : ctx_(ctx), out_(out), error_(error) {}

  bool from_item(Node item) {
    std::string_view kind = item.kind();
    Node n = item.body();
    if (kind == "RangeVar") {
      Target t;
      const Relation* rel = find_relation(ctx_, n, t, error_);
      if (!rel && error_.sqlstate == "3F000") {
        // parserOpenTable: a table in a missing schema is a missing relation.
        error_ =
            ExecContext::fails("42P01", "relation \"" + std::string(n.str("schemaname")) + "." +
                                            std::string(n.str("relname")) + "\" does not exist");
      }
      if (!rel) return false;
      if (rel->kind == RelKind::kSequence || rel->kind == RelKind::kIndex ||
          rel->kind == RelKind::kPartitionedIndex || rel->kind == RelKind::kCompositeType) {
        error_ = ExecContext::unknown("reading from a " + std::string(relkind_word(rel->kind)) +
                                      " in a query is not modelled");
        return false;
      }
      RangeEntry e;
      e.rel = rel;
      std::string alias(n["alias"].str("aliasname"));
      e.refname = alias.empty() ? t.name : alias;
      if (!n["alias"].list("colnames").empty()) {
        error_ = ExecContext::unknown("column aliases on a FROM item are not modelled");
        return false;
      }
      auto it = std::find_if(out_.depends.begin(), out_.depends.end(), [&](const RelationRef& r) {
        return r.schema == t.schema && r.name == t.name;
      });
      if (it == out_.depends.end()) {
        out_.depends.push_back({t.schema, t.name, {}});
        e.dep = out_.depends.size() - 1;
      } else {
        e.dep = static_cast<size_t>(it - out_.depends.begin());
      }
      entries_.push_back(e);
      return true;
    }
    if (kind == "JoinExpr") {
      if (n["alias"] || !n.list("usingClause").empty() || n.flag("isNatural")) {
        error_ = ExecContext::unknown(
            "JOIN ... USING, NATURAL JOIN and join aliases are not "
            "modelled");
        return false;
      }
      if (!from_item(n["larg"]) || !from_item(n["rarg"])) return false;
      return expr(n["quals"]);
    }
    error_ = ExecContext::unknown("FROM item " + std::string(kind) + " is not modelled");
    return false;
  }

  /// Resolves a ColumnRef; `type` receives the column's type when found.
  bool column_ref(Node ref, Column* found) {
    NodeList fields = ref.body().list("fields");
    std::vector<std::string> parts;
    bool star = false;
    for (Node f : fields) {
      if (f.kind() == "A_Star") {
        star = true;
      } else {
        parts.emplace_back(f.sval());
      }
    }
    if (star) {
      error_ = ExecContext::unknown("* outside a select list is not modelled");
      return false;
    }
    if (parts.size() == 1) {
      const RangeEntry* hit = nullptr;
      for (const auto& e : entries_) {
        if (e.rel->column(parts[0])) {
          if (hit) {
            error_ =
                ExecContext::fails("42702", "column reference \"" + parts[0] + "\" is ambiguous");
            return false;
          }
          hit = &e;
        }
      }
      if (!hit) {
        error_ = ExecContext::fails("42703", "column \"" + parts[0] + "\" does not exist");
        return false;
      }
      use(*hit, parts[0], found);
      return true;
    }
    if (parts.size() == 2) {
      const RangeEntry* e = entry(parts[0]);
      if (!e) {
        missing_entry(parts[0]);
        return false;
      }
      if (!e->rel->column(parts[1])) {
        error_ =
            ExecContext::fails("42703", "column " + parts[0] + "." + parts[1] + " does not exist");
        return false;
      }
      use(*e, parts[1], found);
      return true;
    }
    error_ = ExecContext::unknown("schema-qualified column references are not modelled");
    return false;
  }

  /// Checks every column reference inside an expression.
  bool expr(Node e) {
    if (!e) return true;
    simdjson::dom::element el = e.element();
    if (el.is_array()) {
      for (auto child : simdjson::dom::array(el))
        if (!expr(Node(child))) return false;
      return true;
    }
    if (!el.is_object()) return true;
    std::string_view kind = e.kind();
    if (kind == "ColumnRef") return column_ref(e, nullptr);
    if (kind == "SubLink" || kind == "SelectStmt") {
      error_ = ExecContext::unknown("subqueries are not modelled");
      return false;
    }
    if (kind == "FuncCall" && !known_function(e.body())) return false;
    for (auto field : simdjson::dom::object(el))
      if (!expr(Node(field.value))) return false;
    return true;
  }

  /// Adds the select list's columns to the output.
  bool target(Node rt) {
    Node n = rt.body();
    Node val = n["val"];
    std::string name(n.str("name"));
    if (val.kind() == "ColumnRef") {
      NodeList fields = val.body().list("fields");
      Node last = fields.at(fields.size() - 1);
      if (last.kind() == "A_Star") {
        std::vector<const RangeEntry*> which;
        if (fields.size() == 1) {
          for (const auto& e : entries_) which.push_back(&e);
          if (which.empty()) {
            error_ = ExecContext::fails("42601", "SELECT * with no tables specified is not valid");
            return false;
          }
        } else if (fields.size() == 2) {
          std::string q(fields.at(0).sval());
          const RangeEntry* e = entry(q);
          if (!e) {
            missing_entry(q);
            return false;
          }
          which.push_back(e);
        } else {
          error_ = ExecContext::unknown("schema-qualified * is not modelled");
          return false;
        }
        for (const RangeEntry* e : which) {
          for (const auto& c : e->rel->columns) {
            Column col;
            use(*e, c.name, &col);
            out_.columns.push_back(col);
          }
        }
        return true;
      }
      Column col;
      if (!column_ref(val, &col)) return false;
      if (!name.empty()) col.name = name;
      out_.columns.push_back(col);
      return true;
    }
    if (!expr(val)) return false;
    Column col;
    col.name = name.empty() ? figure_colname(val) : name;
    if (col.name.empty()) col.name = "?column?";
    type_of(val, col);
    out_.columns.push_back(col);
    return true;
  }

 private:
  /// A qualifier that names no FROM item; a relation hidden behind an alias gets its own message.
  void missing_entry(const std::string& q) {
    for (const auto& e : entries_) {
      if (e.rel->name == q) {
        error_ = ExecContext::fails(
            "42P01", "invalid reference to FROM-clause entry for table \"" + q + "\"");
        return;
      }
    }
    error_ = ExecContext::fails("42P01", "missing FROM-clause entry for table \"" + q + "\"");
  }

  const RangeEntry* entry(const std::string& refname) const {
    for (const auto& e : entries_)
      if (e.refname == refname) return &e;
    return nullptr;
  }

  void use(const RangeEntry& e, const std::string& column, Column* found) {
    // A set of column names, sorted as a snapshot lists them (pg_depend has no order).
    auto& cols = out_.depends[e.dep].columns;
    auto at = std::lower_bound(cols.begin(), cols.end(), column);
    if (at == cols.end() || *at != column) cols.insert(at, column);
    if (found) {
      const Column* c = e.rel->column(column);
      found->name = c->name;
      found->type = c->type;
      found->extras.set(&ColumnExtras::type_schema, c->extras->type_schema);
      found->extras.set(&ColumnExtras::type_name, c->extras->type_name);
      found->extras.set(&ColumnExtras::collation, c->extras->collation);
    }
  }

  /// Built-in functions this analysis accepts (their existence is certain);
  /// user functions must exist in the catalog model.
  bool known_function(Node call) {
    NodeList names = call.list("funcname");
    std::string name(names.at(names.size() - 1).sval());
    static const std::set<std::string> builtin = {
        "count",    "sum",   "min",        "max",    "avg",        "lower",     "upper",
        "length",   "now",   "coalesce",   "concat", "string_agg", "array_agg", "abs",
        "round",    "trim",  "btrim",      "substr", "date_trunc", "bool_and",  "bool_or",
        "greatest", "least", "row_number", "rank",   "dense_rank", "jsonb_agg", "json_agg"};
    if (names.size() == 1 && builtin.count(name)) return true;
    for (const auto& [k, f] : ctx_.catalog.functions.all())
      if (f.name == name) return true;
    error_ = ExecContext::unknown("function " + name + "() is not modelled");
    return false;
  }

  void type_of(Node val, Column& col) {
    std::string_view kind = val.kind();
    Node n = val.body();
    if (kind == "A_Const") {
      if (n.flag("isnull"))
        col.type = "text";
      else if (n["ival"] || (!n["fval"] && !n["sval"] && !n["boolval"] && !n["bsval"]))
        col.type = "integer";
      else if (n["fval"])
        col.type = "numeric";
      else if (n["boolval"])
        col.type = "boolean";
      else if (n["sval"])
        col.type = "text";
      return;
    }
    if (kind == "TypeCast") {
      Column c;
      StatementResult ignored;
      if (resolve_type(ctx_.catalog, n["typeName"], c, ignored)) {
        col.type = c.type;
        col.extras.set(&ColumnExtras::type_schema, c.extras->type_schema);
        col.extras.set(&ColumnExtras::type_name, c.extras->type_name);
      }
      return;
    }
    if (kind == "FuncCall") {
      NodeList names = n.list("funcname");
      std::string name(names.at(names.size() - 1).sval());
      if (name == "length")
        col.type = "integer";
      else if (name == "count" || name == "row_number" || name == "rank" || name == "dense_rank")
        col.type = "bigint";
      else if (name == "now")
        col.type = "timestamp with time zone";
      else if (name == "lower" || name == "upper" || name == "concat" || name == "string_agg")
        col.type = "text";
      else if ((name == "sum" || name == "avg") && names.size() == 1 && n.list("args").size() == 1)
        col.type = aggregate_type(name, argument_type(n.list("args").at(0)));
    }
  }

  /// The type of an aggregate's argument, as far as a column reference tells it
  /// (a domain stands for its base type); "" when not known.
  std::string argument_type(Node arg) {
    if (arg.kind() != "ColumnRef") return "";
    Column c;
    if (!column_ref(arg, &c)) return "";
    std::string type = c.type;
    if (const TypeDef* d = ctx_.catalog.type(c.extras->type_schema, c.extras->type_name);
        d && d->kind == TypeDef::Kind::kDomain)
      type = d->base_type;
    return type.substr(0, type.find('('));  // numeric(10,2) -> numeric
  }

  /// sum() and avg() of the built-in number types (pg_aggregate's result types).
  static std::string aggregate_type(const std::string& name, const std::string& arg) {
    bool small = arg == "smallint" || arg == "integer";
    if (name == "sum") {
      if (small) return "bigint";
      if (arg == "bigint" || arg == "numeric") return "numeric";
      if (arg == "real" || arg == "double precision" || arg == "money" || arg == "interval")
        return arg;
      return "";
    }
    if (small || arg == "bigint" || arg == "numeric") return "numeric";
    if (arg == "real" || arg == "double precision") return "double precision";
    return arg == "interval" ? "interval" : "";
  }

  ExecContext& ctx_;
  QueryShape& out_;
  StatementResult& error_;
  std::vector<RangeEntry> entries_;
};

bool is_aggregate(Node call) {
  static const std::set<std::string> aggregates = {"count",   "sum",        "min",       "max",
                                                   "avg",     "string_agg", "array_agg", "bool_and",
                                                   "bool_or", "jsonb_agg",  "json_agg"};
  NodeList names = call.list("funcname");
  return !call["over"] && names.size() == 1 && aggregates.count(std::string(names.at(0).sval()));
}

/// Column names referenced outside aggregate calls.
void refs_outside_aggregates(Node e, std::vector<std::string>& out, bool& has_aggregate) {
  if (!e) return;
  simdjson::dom::element el = e.element();
  if (el.is_array()) {
    for (auto child : simdjson::dom::array(el))
      refs_outside_aggregates(Node(child), out, has_aggregate);
    return;
  }
  if (!el.is_object()) return;
  if (e.kind() == "FuncCall" && is_aggregate(e.body())) {
    has_aggregate = true;
    return;
  }
  if (e.kind() == "ColumnRef") {
    collect_column_refs(e, out);
    return;
  }
  for (auto field : simdjson::dom::object(el))
    refs_outside_aggregates(Node(field.value), out, has_aggregate);
}

}  // namespace

bool analyze_select(ExecContext& ctx, Node select, QueryShape& out, StatementResult& error) {
  if (select.str("op") != "SETOP_NONE" && !select.str("op").empty()) {
    error = ExecContext::unknown("UNION, INTERSECT and EXCEPT queries are not modelled");
    return false;
  }
  if (select["withClause"] || !select.list("valuesLists").empty() || select["intoClause"]) {
    error = ExecContext::unknown("WITH and VALUES queries are not modelled");
    return false;
  }
  Analyzer a(ctx, out, error);
  for (Node item : select.list("fromClause"))
    if (!a.from_item(item)) return false;
  for (Node rt : select.list("targetList"))
    if (!a.target(rt)) return false;
  if (!a.expr(select["whereClause"])) return false;
  // GROUP BY and ORDER BY may also name output columns (SQL92 style).
  auto output_name = [&](Node e) {
    if (e.kind() != "ColumnRef" || e.body().list("fields").size() != 1) return false;
    std::string col = figure_colname(e);
    return std::any_of(out.columns.begin(), out.columns.end(),
                       [&](const Column& c) { return c.name == col; });
  };
  for (Node g : select.list("groupClause")) {
    if (output_name(g)) continue;
    if (!a.expr(g)) return false;
  }
  if (!a.expr(select["havingClause"])) return false;
  for (Node s : select.list("sortClause")) {
    Node e = s.body()["node"];
    if (output_name(e)) continue;
    if (!a.expr(e)) return false;
  }
  if (!a.expr(select["windowClause"])) return false;
  if (!a.expr(select["distinctClause"])) return false;
  // A grouped query may only return grouped columns outside aggregates, unless a
  // key makes them functionally dependent: the latter is not modelled.
  std::vector<std::string> outside;
  bool has_aggregate = false;
  for (Node rt : select.list("targetList"))
    refs_outside_aggregates(rt.body()["val"], outside, has_aggregate);
  if (has_aggregate || !select.list("groupClause").empty() || select["havingClause"]) {
    std::vector<std::string> grouped;
    for (Node g : select.list("groupClause")) {
      if (g.kind() == "ColumnRef") {
        collect_column_refs(g, grouped);
        std::string name = figure_colname(g);
        for (Node rt : select.list("targetList"))
          if (rt.body().str("name") == name) collect_column_refs(rt.body()["val"], grouped);
      }
      if (g.kind() == "A_Const") {
        size_t i = static_cast<size_t>(g.ival());
        if (i >= 1 && i <= select.list("targetList").size()) {
          collect_column_refs(select.list("targetList").at(i - 1).body()["val"], grouped);
        }
      }
    }
    for (const auto& r : outside) {
      if (std::find(grouped.begin(), grouped.end(), r) == grouped.end()) {
        error = ExecContext::unknown("column \"" + r +
                                     "\" is neither grouped nor aggregated: whether a key makes it "
                                     "functionally dependent is not modelled");
        return false;
      }
    }
  }
  // Columns read, in the order of the relation's columns (as pg_depend lists them by attnum).
  for (auto& d : out.depends) {
    const Relation* rel = ctx.catalog.relation(d.schema, d.name);
    if (!rel) continue;
    auto position = [&](const std::string& name) {
      for (size_t i = 0; i < rel->columns.size(); ++i)
        if (rel->columns[i].name == name) return i;
      return rel->columns.size();
    };
    std::stable_sort(
        d.columns.begin(), d.columns.end(),
        [&](const std::string& a, const std::string& b) { return position(a) < position(b); });
  }
  return true;
}

std::string query_text(const Statement& stmt, Node select) {
  NodeList targets = select.list("targetList");
  int32_t loc = targets.empty() ? -1 : targets.at(0).body().location();
  if (loc < 0) return std::string(stmt.text);
  std::string_view whole = stmt.parsed_text;
  size_t begin = static_cast<size_t>(loc);
  // Back up to the SELECT keyword before the first target.
  while (begin >= 6) {
    std::string word(whole.substr(begin - 6, 6));
    for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (word == "select") {
      begin -= 6;
      break;
    }
    --begin;
  }
  std::string_view rest = whole.substr(begin);
  size_t stmt_end = static_cast<size_t>(stmt.text.data() + stmt.text.size() - whole.data());
  if (stmt_end >= begin && stmt_end <= whole.size()) rest = whole.substr(begin, stmt_end - begin);
  std::string text(rest);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::string lower = text;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* tail : {"with no data", "with data"}) {
    std::string t(tail);
    if (lower.size() >= t.size() && lower.compare(lower.size() - t.size(), t.size(), t) == 0) {
      text.resize(text.size() - t.size());
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.pop_back();
      break;
    }
  }
  return text;
}

}  // namespace migsim
