#include "planner/expr/default_render.h"
#include "parser/identifiers.h"

#include <cctype>

#include "planner/exec/type_resolver.h"
#include "planner/expr/deparse.h"

namespace migsim {

namespace {

/// A constant of type `type` as get_const_expr() prints it.
std::string const_of_type(std::string_view value, std::string_view type) {
  if (type == "integer") {
    // int4in skips surrounding spaces and a plus sign: ' 42 ' is stored as 42.
    std::string_view v = value;
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    bool negative = !v.empty() && v.front() == '-';
    if (!v.empty() && (v.front() == '+' || negative)) v.remove_prefix(1);
    bool digits =
        !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string_view::npos;
    if (digits) {
      std::string n = std::to_string(std::stol(std::string(v)));
      return negative && n != "0" ? "'-" + n + "'::integer" : n;
    }
    if (!value.empty() && value[0] != '-') return std::string(value);
    return quote_literal(value) + "::integer";
  }
  if (type == "numeric") {
    bool looks_float = !value.empty() && std::isdigit(static_cast<unsigned char>(value[0])) &&
                       value.find_first_of("eE.") != std::string_view::npos;
    if (looks_float) return std::string(value);
    return quote_literal(value) + "::numeric";
  }
  if (type == "boolean") {
    std::string lower;
    for (char c : value) lower.push_back(static_cast<char>(std::tolower(c)));
    if (lower == "t" || lower == "true" || lower == "y" || lower == "yes" || lower == "on" ||
        lower == "1")
      return "true";
    return "false";
  }
  return quote_literal(value) + "::" + std::string(type);
}

bool is_integer_type(std::string_view t) {
  return t == "integer" || t == "smallint" || t == "bigint";
}

bool is_numeric_family(std::string_view t) {
  return is_integer_type(t) || t == "numeric" || t == "real" || t == "double precision";
}

}  // namespace

std::string type_without_modifier(std::string_view type) {
  std::string t(type);
  bool array = t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0;
  if (array) t.resize(t.size() - 2);
  size_t open = t.find('(');
  if (open != std::string::npos) {
    size_t close = t.find(')', open);
    t = t.substr(0, open) + (close == std::string::npos ? "" : t.substr(close + 1));
  }
  if (t == "character") t = "bpchar";
  return array ? t + "[]" : t;
}

std::string render_default(Node expr, std::string_view column_type) {
  std::string type = type_without_modifier(column_type);
  std::string_view kind = expr.kind();
  Node n = expr.body();
  if (kind == "A_Const") {
    if (n.flag("isnull")) return "NULL";
    if (Node s = n["sval"]) return const_of_type(s.str("sval"), type);
    if (Node b = n["boolval"]) {
      bool v = b.flag("boolval");
      if (type == "boolean") return v ? "true" : "false";
      return deparse_expr(expr);
    }
    std::string value;
    bool is_float = false;
    if (Node f = n["fval"]) {
      value = std::string(f.str("fval"));
      is_float = true;
    } else {
      value = std::to_string(expr.ival());
    }
    if (!is_numeric_family(type)) return deparse_expr(expr);
    // The literal keeps its own type (integer or numeric); the coercion to the
    // column's type is implicit and not printed.
    return const_of_type(value, is_float ? "numeric" : "integer");
  }
  if (kind == "TypeCast") {
    Node arg = n["arg"];
    if (arg.kind() == "A_Const" && arg.body()["sval"]) {
      // 'x'::text becomes a constant of that type.
      NodeList names = n["typeName"].list("names");
      std::string_view last =
          names.empty() ? std::string_view() : names.at(names.size() - 1).sval();
      std::string_view builtin = builtin_type_display(last == "int" ? "int4" : last);
      if (!builtin.empty() && n["typeName"].list("arrayBounds").empty()) {
        std::string target = type_without_modifier(builtin);
        return const_of_type(arg.body()["sval"].str("sval"), target);
      }
    }
  }
  return deparse_expr(expr);
}

}  // namespace migsim
