#include "planner/expr/deparse.h"
#include "parser/identifiers.h"

#include "planner/catalog/names.h"

namespace migsim {

namespace {

std::string deparse_const(Node c) {
  if (c.flag("isnull")) return "NULL";
  if (Node v = c["ival"]) return std::to_string(c.ival());
  if (Node v = c["fval"]) return std::string(v.str("fval"));
  if (Node v = c["boolval"]) return v.flag("boolval") ? "true" : "false";
  if (Node v = c["sval"]) return quote_literal(v.str("sval"));
  if (Node v = c["bsval"]) return std::string(v.str("bsval"));
  return "0";  // an A_Const with no value field is integer zero
}

std::string deparse_type_name(Node t) {
  std::string out;
  NodeList names = t.list("names");
  for (size_t i = 0; i < names.size(); ++i) {
    std::string_view part = names.at(i).sval();
    if (i == 0 && part == "pg_catalog" && names.size() > 1) continue;
    if (!out.empty()) out += '.';
    out += part;
  }
  NodeList mods = t.list("typmods");
  if (!mods.empty()) {
    out += '(';
    bool first = true;
    for (Node m : mods) {
      if (!first) out += ',';
      first = false;
      out += deparse_expr(m);
    }
    out += ')';
  }
  if (!t.list("arrayBounds").empty()) out += "[]";
  return out;
}

std::string join_args(NodeList args) {
  std::string out;
  bool first = true;
  for (Node a : args) {
    if (!first) out += ", ";
    first = false;
    out += deparse_expr(a);
  }
  return out;
}

}  // namespace

std::string deparse_expr(Node expr) {
  std::string_view kind = expr.kind();
  Node n = expr.body();
  if (kind == "A_Const") return deparse_const(n);
  if (kind == "String") return quote_literal(n.str("sval"));
  if (kind == "Integer") return std::to_string(n.integer("ival"));
  if (kind == "TypeCast") {
    return deparse_expr(n["arg"]) + "::" + deparse_type_name(n["typeName"]);
  }
  if (kind == "ColumnRef") {
    std::string out;
    for (Node f : n.list("fields")) {
      if (!out.empty()) out += '.';
      out += f.kind() == "A_Star" ? std::string("*") : quote_ident(f.sval());
    }
    return out;
  }
  if (kind == "FuncCall") {
    std::string out;
    for (Node f : n.list("funcname")) {
      if (!out.empty()) out += '.';
      out += f.sval();
    }
    if (n.flag("agg_star")) return out + "(*)";
    return out + "(" + join_args(n.list("args")) + ")";
  }
  if (kind == "SQLValueFunction") {
    std::string_view op = n.str("op");
    if (op == "SVFOP_CURRENT_TIMESTAMP") return "CURRENT_TIMESTAMP";
    if (op == "SVFOP_CURRENT_DATE") return "CURRENT_DATE";
    if (op == "SVFOP_CURRENT_TIME") return "CURRENT_TIME";
    if (op == "SVFOP_LOCALTIMESTAMP") return "LOCALTIMESTAMP";
    if (op == "SVFOP_CURRENT_USER") return "CURRENT_USER";
    if (op == "SVFOP_SESSION_USER") return "SESSION_USER";
    return std::string(op);
  }
  if (kind == "A_Expr") {
    std::string op;
    for (Node f : n.list("name")) op = std::string(f.sval());
    std::string_view k = n.str("kind");
    if (k == "AEXPR_OP") {
      Node l = n["lexpr"];
      if (!l) return op + " " + deparse_expr(n["rexpr"]);
      return deparse_expr(l) + " " + op + " " + deparse_expr(n["rexpr"]);
    }
    if (k == "AEXPR_IN") {
      return deparse_expr(n["lexpr"]) + (op == "=" ? " IN (" : " NOT IN (") +
             join_args(n["rexpr"].list("items")) + ")";
    }
    if (k == "AEXPR_DISTINCT" || k == "AEXPR_NOT_DISTINCT") {
      return deparse_expr(n["lexpr"]) +
             (k == "AEXPR_DISTINCT" ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ") +
             deparse_expr(n["rexpr"]);
    }
    if (k == "AEXPR_LIKE" || k == "AEXPR_ILIKE") {
      std::string word = k == "AEXPR_LIKE" ? "LIKE" : "ILIKE";
      if (op.rfind("!", 0) == 0) word = "NOT " + word;
      return deparse_expr(n["lexpr"]) + " " + word + " " + deparse_expr(n["rexpr"]);
    }
    return deparse_expr(n["lexpr"]) + " " + std::string(k) + " " + deparse_expr(n["rexpr"]);
  }
  if (kind == "BoolExpr") {
    std::string_view op = n.str("boolop");
    NodeList args = n.list("args");
    if (op == "NOT_EXPR") return "NOT " + deparse_expr(args.at(0));
    std::string sep = op == "AND_EXPR" ? " AND " : " OR ";
    std::string out = "(";
    bool first = true;
    for (Node a : args) {
      if (!first) out += sep;
      first = false;
      out += deparse_expr(a);
    }
    return out + ")";
  }
  if (kind == "NullTest") {
    return deparse_expr(n["arg"]) +
           (n.str("nulltesttype") == "IS_NOT_NULL" ? " IS NOT NULL" : " IS NULL");
  }
  if (kind == "A_ArrayExpr") return "ARRAY[" + join_args(n.list("elements")) + "]";
  if (kind == "ParamRef") return "$" + std::to_string(n.integer("number"));
  return "<" + std::string(kind) + ">";
}

void collect_column_refs(Node expr, std::vector<std::string>& out) {
  if (!expr) return;
  simdjson::dom::element e = expr.element();
  if (e.is_array()) {
    for (auto child : simdjson::dom::array(e)) collect_column_refs(Node(child), out);
    return;
  }
  if (!e.is_object()) return;
  if (expr.kind() == "ColumnRef") {
    NodeList fields = expr.body().list("fields");
    if (!fields.empty()) {
      Node last = fields.at(fields.size() - 1);
      if (last.kind() == "String") out.emplace_back(last.sval());
    }
    return;
  }
  for (auto field : simdjson::dom::object(e)) collect_column_refs(Node(field.value), out);
}

}  // namespace migsim
