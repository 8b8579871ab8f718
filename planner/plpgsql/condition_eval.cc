#include "planner/plpgsql/condition_eval.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <memory>

#include "parser/sql_parser.h"
#include "planner/catalog/names.h"
#include "planner/engine/exec_context.h"
#include "planner/plpgsql/catalog_rows.h"

namespace migsim {
namespace {

using State = ConditionValue::State;

ConditionValue unknown(std::string why) {
  ConditionValue v;
  v.state = State::kUnknown;
  v.reason = std::move(why);
  return v;
}

ConditionValue boolean(bool b) {
  ConditionValue v;
  v.state = b ? State::kTrue : State::kFalse;
  return v;
}

/// One FROM item of the EXISTS query: its name and rows.
struct Source {
  std::string alias;
  std::string table;
  CatalogRows data;
};

/// A value in a row being joined; `bound` says which sources are filled.
struct Binding {
  const std::vector<Source>* sources;
  std::vector<const CatalogRow*> rows;
};

/// Splits a regclass/regnamespace literal into its (folded) name parts.
std::vector<std::string> split_qualified(std::string_view s) {
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    if (ch == '"') {
      if (quoted && i + 1 < s.size() && s[i + 1] == '"') {
        cur.push_back('"');
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (ch == '.' && !quoted) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(quoted ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
  }
  parts.push_back(cur);
  return parts;
}

class Evaluator {
 public:
  explicit Evaluator(const Catalog& c) : catalog_(c) {}

  ConditionValue eval_bool(Node e) {
    std::string_view kind = e.kind();
    Node b = e.body();
    if (kind == "BoolExpr") {
      std::string_view op = b.str("boolop");
      std::vector<ConditionValue> args;
      for (Node a : b.list("args")) {
        args.push_back(eval_bool(a));
        if (args.back().state == State::kFails) return args.back();
      }
      if (op == "NOT_EXPR") {
        if (args[0].state == State::kUnknown) return args[0];
        ConditionValue v = boolean(args[0].state == State::kFalse);
        v.found = args[0].found;
        return v;
      }
      bool is_and = op == "AND_EXPR";
      for (const auto& a : args)
        if (a.state == (is_and ? State::kFalse : State::kTrue)) return a;
      for (const auto& a : args)
        if (a.state == State::kUnknown) return a;
      return boolean(is_and);
    }
    if (kind == "A_Const" && b["boolval"]) return boolean(b["boolval"].flag("boolval"));
    if (kind == "NullTest" && b["arg"].kind() == "FuncCall") return eval_to_reg(b);
    if (kind == "SubLink" && b.str("subLinkType") == "EXISTS_SUBLINK") {
      Evaluator sub(catalog_);  // each EXISTS has its own FROM items
      return sub.eval_exists(b["subselect"].body());
    }
    return unknown("the condition is not an EXISTS test on the system catalogs");
  }

 private:
  /// to_regclass('name') / to_regnamespace('name') IS [NOT] NULL.
  ConditionValue eval_to_reg(Node test) {
    Node call = test["arg"].body();
    NodeList fn = call.list("funcname");
    std::string_view name = fn.at(fn.size() - 1).sval();
    NodeList args = call.list("args");
    Node lit = args.size() == 1 ? args.at(0) : Node();
    if (lit.kind() == "TypeCast") lit = lit.body()["arg"];
    if ((name != "to_regclass" && name != "to_regnamespace") || lit.kind() != "A_Const" ||
        !lit.body()["sval"])
      return unknown("the condition is not an EXISTS test on the system catalogs");
    std::string text(lit.body()["sval"].str("sval"));
    auto parts = split_qualified(text);
    bool exists = false;
    std::string what;
    if (name == "to_regnamespace") {
      if (parts.size() != 1) return unknown("a qualified name given to to_regnamespace()");
      if (parts[0].rfind("pg_", 0) == 0 || parts[0] == "information_schema")
        return unknown("system schemas are not modelled");
      exists = catalog_.schemas.find(parts[0]) != nullptr;
      what = "schema \"" + parts[0] + "\" exists";
    } else {
      if (parts.size() > 2) return unknown("a relation name with a database part");
      if (parts.back().rfind("pg_", 0) == 0 && parts.size() == 1)
        return unknown("system relations are not modelled");
      const Relation* r = parts.size() == 2 ? catalog_.relation(parts[0], parts[1])
                                            : catalog_.lookup_relation("", parts[0]);
      exists = r != nullptr;
      what = "relation \"" + text + "\" exists";
    }
    bool is_null_test = test.str("nulltesttype") == "IS_NULL";
    ConditionValue v = boolean(is_null_test ? !exists : exists);
    if (exists) v.found = what;
    return v;
  }

  ConditionValue eval_exists(Node s) {
    if ((s.str("op") != "" && s.str("op") != "SETOP_NONE") || s["withClause"] ||
        !s.list("groupClause").empty() || s["havingClause"] || !s.list("valuesLists").empty())
      return unknown("the EXISTS query is not a plain SELECT");
    std::vector<Node> preds;
    for (Node item : s.list("fromClause")) {
      ConditionValue v = add_from(item, preds);
      if (v.state != State::kTrue) return v;
    }
    if (s["whereClause"]) flatten_and(s["whereClause"], preds);
    // Compile every predicate before evaluating any, so errors come first.
    std::vector<std::function<int(const Binding&)>> tests;
    std::vector<std::vector<size_t>> uses;
    for (Node p : preds) {
      std::vector<size_t> used;
      std::function<int(const Binding&)> t;
      ConditionValue v = compile_pred(p, t, used);
      if (v.state != State::kTrue) return v;
      tests.push_back(std::move(t));
      uses.push_back(std::move(used));
    }
    Binding bind{&sources_, std::vector<const CatalogRow*>(sources_.size(), nullptr)};
    bool found = false;
    search(bind, 0, tests, uses, found);
    ConditionValue v = boolean(found);
    v.found = found_;
    return v;
  }

  void search(Binding& bind, size_t depth,
              const std::vector<std::function<int(const Binding&)>>& tests,
              const std::vector<std::vector<size_t>>& uses, bool& found) {
    if (found) return;
    if (depth == sources_.size()) {
      found = true;
      found_ = describe(bind);
      return;
    }
    for (const auto& row : sources_[depth].data.rows) {
      bind.rows[depth] = &row;
      bool ok = true;
      for (size_t i = 0; i < tests.size() && ok; ++i) {
        // Apply a predicate once its last source is bound.
        size_t last = 0;
        for (size_t u : uses[i]) last = std::max(last, u);
        if (last == depth && tests[i](bind) != 1) ok = false;
      }
      if (ok) search(bind, depth + 1, tests, uses, found);
      if (found) break;
    }
    bind.rows[depth] = nullptr;
  }

  static void flatten_and(Node e, std::vector<Node>& out) {
    if (e.kind() == "BoolExpr" && e.body().str("boolop") == "AND_EXPR") {
      for (Node a : e.body().list("args")) flatten_and(a, out);
      return;
    }
    out.push_back(e);
  }

  ConditionValue add_from(Node item, std::vector<Node>& preds) {
    std::string_view kind = item.kind();
    Node b = item.body();
    if (kind == "JoinExpr") {
      if (b.str("jointype") != "JOIN_INNER" || !b.list("usingClause").empty() ||
          b.flag("isNatural"))
        return unknown("only inner joins with ON are modelled in EXISTS conditions");
      ConditionValue v = add_from(b["larg"], preds);
      if (v.state != State::kTrue) return v;
      v = add_from(b["rarg"], preds);
      if (v.state != State::kTrue) return v;
      if (b["quals"]) flatten_and(b["quals"], preds);
      return boolean(true);
    }
    if (kind != "RangeVar") return unknown("FROM item " + std::string(kind) + " in a condition");
    std::string schema(b.str("schemaname"));
    std::string name(b.str("relname"));
    if (schema.empty()) {
      if (name.rfind("pg_", 0) != 0) {
        return unknown("the condition reads relation \"" + name +
                       "\", whose rows migsim does "
                       "not know");
      }
      schema = "pg_catalog";
    }
    Source src;
    src.alias = b["alias"] ? std::string(b["alias"].str("aliasname")) : name;
    src.table = name;
    if (!catalog_rows(catalog_, schema, name, src.data))
      return unknown("system relation " + schema + "." + name + " is not modelled");
    sources_.push_back(std::move(src));
    return boolean(true);
  }

  /// A value: a column of some source, or a constant.
  ConditionValue compile_value(Node e, std::function<std::string(const Binding&)>& out,
                               std::vector<size_t>& used) {
    std::string_view kind = e.kind();
    Node b = e.body();
    if (kind == "ColumnRef") {
      std::vector<std::string> f;
      for (Node x : b.list("fields")) {
        if (x.kind() != "String") return unknown("a * in a condition");
        f.emplace_back(x.sval());
      }
      std::string col = f.back();
      std::string table = f.size() >= 2 ? f[f.size() - 2] : std::string();
      int found = -1;
      bool modelled_col = false;
      for (size_t i = 0; i < sources_.size(); ++i) {
        if (!table.empty() && sources_[i].alias != table) continue;
        const auto& cols = sources_[i].data.columns;
        if (std::find(cols.begin(), cols.end(), col) != cols.end()) {
          if (found >= 0) return unknown("column " + col + " is ambiguous in the condition");
          found = static_cast<int>(i);
          modelled_col = true;
        }
      }
      if (!modelled_col) return unknown("column " + col + " is not modelled in conditions");
      size_t idx = static_cast<size_t>(found);
      used.push_back(idx);
      out = [idx, col](const Binding& bnd) {
        auto it = bnd.rows[idx]->find(col);
        return it == bnd.rows[idx]->end() ? std::string() : it->second;
      };
      return boolean(true);
    }
    if (kind == "A_Const") {
      std::string v;
      if (b["sval"])
        v = std::string(b["sval"].str("sval"));
      else if (b["ival"])
        v = std::to_string(b["ival"].integer("ival", 0));
      else if (b["boolval"])
        v = b["boolval"].flag("boolval") ? "t" : "f";
      else
        return unknown("a constant of this kind in a condition");
      out = [v](const Binding&) { return v; };
      return boolean(true);
    }
    if (kind == "TypeCast") {
      NodeList tn = b["typeName"].body().list("names");
      std::string type(tn.at(tn.size() - 1).sval());
      Node arg = b["arg"];
      if (type == "text" || type == "name" || type == "varchar")
        return compile_value(arg, out, used);
      if ((type == "regclass" || type == "regnamespace") && arg.kind() == "A_Const" &&
          arg.body()["sval"]) {
        std::string lit(arg.body()["sval"].str("sval"));
        auto parts = split_qualified(lit);
        std::string oid;
        if (type == "regnamespace") {
          if (parts.size() != 1 || !(catalog_.schemas.find(parts[0]) || parts[0] == "pg_catalog" ||
                                     parts[0] == "information_schema")) {
            ConditionValue f;
            f.state = State::kFails;
            f.error = ExecContext::fails("3F000", "schema \"" + lit + "\" does not exist");
            return f;
          }
          oid = namespace_oid(parts[0]);
        } else {
          if (parts.size() > 2) return unknown("a regclass literal with a database part");
          std::string found;
          const Relation* r = parts.size() == 2 ? catalog_.relation(parts[0], parts[1])
                                                : catalog_.lookup_relation("", parts[0], &found);
          if (!r) {
            if (parts.back().rfind("pg_", 0) == 0) return unknown("a system relation as regclass");
            ConditionValue f;
            f.state = State::kFails;
            f.error = ExecContext::fails("42P01", "relation \"" + lit + "\" does not exist");
            return f;
          }
          oid = class_oid(r->schema, r->name);
        }
        out = [oid](const Binding&) { return oid; };
        return boolean(true);
      }
      return unknown("a cast to " + type + " in a condition");
    }
    if (kind == "FuncCall") {
      NodeList fn = b.list("funcname");
      if (fn.at(fn.size() - 1).sval() == "current_schema" && b.list("args").empty()) {
        std::string s = catalog_.creation_schema();
        out = [s](const Binding&) { return s; };
        return boolean(true);
      }
    }
    return unknown("an expression of kind " + std::string(kind) + " in a condition");
  }

  /// A predicate: returns 1 true, 0 false.
  ConditionValue compile_pred(Node p, std::function<int(const Binding&)>& out,
                              std::vector<size_t>& used) {
    std::string_view kind = p.kind();
    Node b = p.body();
    if (kind == "ColumnRef") {  // a boolean column
      std::function<std::string(const Binding&)> v;
      ConditionValue r = compile_value(p, v, used);
      if (r.state != State::kTrue) return r;
      out = [v](const Binding& bd) { return v(bd) == "t" ? 1 : 0; };
      return boolean(true);
    }
    if (kind == "BoolExpr" && b.str("boolop") == "NOT_EXPR") {
      std::function<int(const Binding&)> inner;
      ConditionValue r = compile_pred(b.list("args").at(0), inner, used);
      if (r.state != State::kTrue) return r;
      out = [inner](const Binding& bd) { return 1 - inner(bd); };
      return boolean(true);
    }
    if (kind == "BoolExpr" && b.str("boolop") == "OR_EXPR") {
      std::vector<std::function<int(const Binding&)>> parts;
      for (Node a : b.list("args")) {
        std::function<int(const Binding&)> f;
        ConditionValue r = compile_pred(a, f, used);
        if (r.state != State::kTrue) return r;
        parts.push_back(f);
      }
      out = [parts](const Binding& bd) {
        for (const auto& f : parts)
          if (f(bd)) return 1;
        return 0;
      };
      return boolean(true);
    }
    if (kind != "A_Expr") return unknown("a predicate of kind " + std::string(kind));
    std::string_view ekind = b.str("kind");
    NodeList name = b.list("name");
    std::string op = name.empty() ? "" : std::string(name.at(name.size() - 1).sval());
    std::function<std::string(const Binding&)> l, r;
    ConditionValue lv = compile_value(b["lexpr"], l, used);
    if (lv.state != State::kTrue) return lv;
    if (ekind == "AEXPR_IN" && b["rexpr"].kind() == "List") {
      std::vector<std::function<std::string(const Binding&)>> items;
      for (Node it : b["rexpr"].body().list("items")) {
        std::function<std::string(const Binding&)> f;
        ConditionValue v = compile_value(it, f, used);
        if (v.state != State::kTrue) return v;
        items.push_back(f);
      }
      bool negate = op == "<>";
      out = [l, items, negate](const Binding& bd) {
        std::string x = l(bd);
        bool in = false;
        for (const auto& f : items) in = in || f(bd) == x;
        return (in != negate) ? 1 : 0;
      };
      return boolean(true);
    }
    if (ekind != "AEXPR_OP") return unknown("an operator of kind " + std::string(ekind));
    ConditionValue rv = compile_value(b["rexpr"], r, used);
    if (rv.state != State::kTrue) return rv;
    if (op != "=" && op != "<>" && op != "!=" && op != "<" && op != ">" && op != "<=" && op != ">=")
      return unknown("operator " + op + " in a condition");
    out = [l, r, op](const Binding& bd) {
      std::string a = l(bd), c = r(bd);
      int cmp;
      char* ea = nullptr;
      char* ec = nullptr;
      double da = std::strtod(a.c_str(), &ea), dc = std::strtod(c.c_str(), &ec);
      if (!a.empty() && !c.empty() && *ea == 0 && *ec == 0)
        cmp = da < dc ? -1 : da > dc ? 1 : 0;
      else
        cmp = a.compare(c) < 0 ? -1 : a.compare(c) > 0 ? 1 : 0;
      if (op == "=") return cmp == 0 ? 1 : 0;
      if (op == "<>" || op == "!=") return cmp != 0 ? 1 : 0;
      if (op == "<") return cmp < 0 ? 1 : 0;
      if (op == ">") return cmp > 0 ? 1 : 0;
      if (op == "<=") return cmp <= 0 ? 1 : 0;
      return cmp >= 0 ? 1 : 0;
    };
    return boolean(true);
  }

  /// Names the object a matching row stands for, the most specific first.
  std::string describe(const Binding& bind) const {
    auto get = [&](size_t i, const char* col) {
      auto it = bind.rows[i]->find(col);
      return it == bind.rows[i]->end() ? std::string() : it->second;
    };
    auto rel_of = [](const std::string& oid) {
      size_t dot = oid.find('.');
      return dot == std::string::npos ? oid : oid.substr(dot + 1);
    };
    static const char* kOrder[] = {
        "pg_attribute", "columns",      "pg_constraint", "table_constraints",
        "pg_indexes",   "pg_class",     "tables",        "pg_tables",
        "pg_views",     "pg_matviews",  "pg_sequences",  "pg_type",
        "pg_proc",      "pg_extension", "pg_namespace",  "schemata"};
    for (const char* t : kOrder) {
      for (size_t i = 0; i < sources_.size(); ++i) {
        if (sources_[i].table != t) continue;
        std::string_view tn = t;
        if (tn == "pg_attribute")
          return "column \"" + get(i, "attname") + "\" of relation \"" +
                 rel_of(get(i, "attrelid")) + "\" exists";
        if (tn == "columns")
          return "column \"" + get(i, "column_name") + "\" of relation \"" + get(i, "table_name") +
                 "\" exists";
        if (tn == "pg_constraint") return "constraint \"" + get(i, "conname") + "\" exists";
        if (tn == "table_constraints")
          return "constraint \"" + get(i, "constraint_name") + "\" of relation \"" +
                 get(i, "table_name") + "\" exists";
        if (tn == "pg_indexes") return "index \"" + get(i, "indexname") + "\" exists";
        if (tn == "pg_class") return "relation \"" + get(i, "relname") + "\" exists";
        if (tn == "tables") return "relation \"" + get(i, "table_name") + "\" exists";
        if (tn == "pg_tables") return "table \"" + get(i, "tablename") + "\" exists";
        if (tn == "pg_views") return "view \"" + get(i, "viewname") + "\" exists";
        if (tn == "pg_matviews")
          return "materialized view \"" + get(i, "matviewname") + "\" exists";
        if (tn == "pg_sequences") return "sequence \"" + get(i, "sequencename") + "\" exists";
        if (tn == "pg_type") return "type \"" + get(i, "typname") + "\" exists";
        if (tn == "pg_proc") return "function \"" + get(i, "proname") + "\" exists";
        if (tn == "pg_extension") return "extension \"" + get(i, "extname") + "\" exists";
        if (tn == "pg_namespace") return "schema \"" + get(i, "nspname") + "\" exists";
        return "schema \"" + get(i, "schema_name") + "\" exists";
      }
    }
    return "a matching row exists";
  }

  const Catalog& catalog_;
  std::vector<Source> sources_;
  std::string found_;
};

}  // namespace

ConditionValue evaluate_condition(const Catalog& catalog, const Statement& outer,
                                  std::string_view condition) {
  std::string sql = "SELECT " + std::string(condition);
  auto source = std::make_shared<SourceFile>("<condition>", sql);
  ParsedScript script;
  InputError error;
  if (!SqlParser::parse(source, sql, 0, script, error, outer.location) ||
      script.statements.size() != 1) {
    return unknown("the condition does not parse: " + error.message);
  }
  NodeList targets = script.statements[0].node.list("targetList");
  if (targets.size() != 1 || script.statements[0].node["fromClause"])
    return unknown("the condition is not a single expression");
  Evaluator ev(catalog);
  return ev.eval_bool(targets.at(0).body()["val"]);
}

}  // namespace migsim
