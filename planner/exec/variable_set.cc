// SET [SESSION | LOCAL] name {TO | =} value | DEFAULT; RESET name | ALL; SHOW name;
// SELECT set_config(name, value, is_local).

#include <algorithm>
#include <cctype>

#include "planner/exec/settings.h"

namespace migsim {
namespace {

/// The text of one SET argument as flatten_set_variable_args() prints it.
bool arg_text(const Statement& stmt, Node a, bool quote, std::string& out) {
  if (a.kind() != "A_Const") return false;
  Node c = a.body();
  if (c["ival"] || c["fval"]) {
    // Numbers are read from the text: the parse tree loses a leading minus sign.
    std::string_view t = stmt.text_from(c.location());
    size_t len = 0;
    while (len < t.size() && (std::isdigit(static_cast<unsigned char>(t[len])) || t[len] == '-' ||
                              t[len] == '+' || t[len] == '.' || t[len] == 'e' || t[len] == 'E'))
      ++len;
    if (len > 0) {
      out = std::string(t.substr(0, len));
      return true;
    }
  }
  if (c["sval"]) {
    std::string s(c["sval"].str("sval"));
    out = quote ? quote_ident(s) : s;
  } else if (c["ival"]) {
    out = std::to_string(c["ival"].integer("ival", 0));
  } else if (c["fval"]) {
    out = std::string(c["fval"].str("fval"));
  } else {
    return false;
  }
  return true;
}

bool is_list_param(std::string_view name) {
  return name == "search_path" || name == "temp_tablespaces" || name == "datestyle";
}

/// True when a parse tree calls set_config() anywhere.
bool calls_set_config(simdjson::dom::element e) {
  simdjson::dom::object obj;
  simdjson::dom::array arr;
  if (e.get_object().get(obj) == simdjson::SUCCESS) {
    for (auto field : obj) {
      if (field.key == "FuncCall") {
        NodeList fn = Node(field.value).list("funcname");
        if (fn.at(fn.size() - 1).sval() == "set_config") return true;
      }
      if (calls_set_config(field.value)) return true;
    }
  } else if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (auto item : arr)
      if (calls_set_config(item)) return true;
  }
  return false;
}

/// Checks that a parameter exists and may be set now.
bool check_name(const std::string& name, const GucInfo*& g, StatementResult& error) {
  g = find_guc(name);
  if (!g) {
    if (name.find('.') != std::string::npos) return true;  // a placeholder for an extension
    error = ExecContext::fails("42704", "unrecognized configuration parameter \"" + name + "\"");
    return false;
  }
  SettingCheck c = check_setting_context(*g);
  if (!c.ok()) {
    error = c.result();
    return false;
  }
  return true;
}

StatementResult reset_all(ExecContext& ctx) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : ctx.catalog.settings.all())
    if (k != "search_path" && k != "current_user" && k.rfind("local\x1f", 0) != 0)
      keys.push_back(k);
  for (const auto& k : keys) ctx.catalog.settings.erase(k);
  return apply_setting(ctx, "search_path", {}, true, false, false);
}

StatementResult set_variable(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string_view kind = n.str("kind");
  std::string name = fold_identifier(n.str("name"));
  bool local = n.flag("is_local");
  if (kind == "VAR_RESET_ALL") return reset_all(ctx);
  if (kind == "VAR_SET_MULTI" || kind == "VAR_SET_CURRENT") {
    return ExecContext::unknown("SET " + std::string(n.str("name")) + " is not modelled");
  }
  if (name == "role" || name == "session_authorization") {
    return ExecContext::unknown("changing the current role is not modelled");
  }
  const GucInfo* g = nullptr;
  StatementResult error;
  if (!check_name(name, g, error)) return error;
  if (kind == "VAR_RESET" || kind == "VAR_SET_DEFAULT") {
    return apply_setting(ctx, name, {}, true, local, false);
  }
  NodeList args = n.list("args");
  if (args.size() > 1 && !is_list_param(name)) {
    return ExecContext::fails("22023", "SET " + name + " takes only one argument");
  }
  std::string value;
  bool quote = name == "search_path" || name == "temp_tablespaces";
  bool first = true;
  for (Node a : args) {
    std::string text;
    if (!arg_text(ctx.stmt, a, quote, text)) {
      return ExecContext::unknown("a SET value that is not a constant is not modelled");
    }
    if (!first) value += ", ";
    first = false;
    value += text;
  }
  if (g) {
    SettingCheck c = check_setting_value(*g, value);
    if (!c.ok()) return c.result();
  }
  return apply_setting(ctx, name, value, false, local, false);
}

StatementResult show_variable(ExecContext& ctx) {
  std::string name = fold_identifier(ctx.stmt.node.str("name"));
  if (name == "all" || find_guc(name) || ctx.catalog.settings.find(name)) {
    return ExecContext::no_op("SHOW reads a setting");
  }
  return ExecContext::fails("42704", "unrecognized configuration parameter \"" + name + "\"");
}

HandlerRegistrar reg_set("VariableSetStmt", set_variable);
HandlerRegistrar reg_show("VariableShowStmt", show_variable);

}  // namespace

bool select_set_config(ExecContext& ctx, StatementResult& out) {
  Node s = ctx.stmt.node;
  if (!calls_set_config(s.element())) return false;
  NodeList targets = s.list("targetList");
  Node call = targets.size() == 1 ? targets.at(0).body()["val"] : Node();
  bool simple = call.kind() == "FuncCall" && !s["fromClause"] && !s["whereClause"] &&
                !s["withClause"] && s.list("valuesLists").empty();
  NodeList fn = simple ? call.body().list("funcname") : NodeList();
  NodeList args = simple ? call.body().list("args") : NodeList();
  simple = simple && fn.at(fn.size() - 1).sval() == "set_config" &&
           (fn.size() == 1 || fn.at(0).sval() == "pg_catalog") && args.size() == 3;
  for (Node a : args) simple = simple && a.kind() == "A_Const";
  if (!simple) {
    out = ExecContext::unknown("set_config() inside a query is not modelled");
    return true;
  }
  std::string name = fold_identifier(args.at(0).body()["sval"].str("sval"));
  std::string value(args.at(1).body()["sval"].str("sval"));
  Node b = args.at(2).body();
  bool local = b["boolval"] && b["boolval"].flag("boolval");
  if (!args.at(0).body()["sval"] || !args.at(1).body()["sval"] || !b["boolval"]) {
    out = ExecContext::unknown("set_config() with arguments that are not literals is not modelled");
    return true;
  }
  const GucInfo* g = nullptr;
  if (!check_name(name, g, out)) return true;
  if (g) {
    SettingCheck c = check_setting_value(*g, value);
    if (!c.ok()) {
      out = c.result();
      return true;
    }
  }
  out = apply_setting(ctx, name, value, false, local, true);
  return true;
}

}  // namespace migsim
