// CREATE [OR REPLACE] FUNCTION | PROCEDURE name (args) [RETURNS type] LANGUAGE l AS body
//
// Bodies are stored, not run. PostgreSQL parses and analyses a LANGUAGE sql
// body at creation (check_function_bodies); migsim checks only that the
// relations it names exist. PL/pgSQL bodies are not checked.

#include "planner/exec/column_cast.h"
#include "planner/exec/common.h"
#include "planner/exec/routine_body.h"
#include "planner/exec/type_resolver.h"
#include "planner/expr/default_render.h"

namespace migsim {
namespace {

bool language_exists(const Catalog& catalog, const std::string& lang) {
  if (lang == "sql" || lang == "c" || lang == "internal") return true;
  return catalog.extensions.find(lang) != nullptr;  // plpgsql and other PL extensions
}

/// The result text pg_get_function_result prints for a declared return type.
bool result_text(const Catalog& catalog, Node type_name, std::string& out, StatementResult& error) {
  Column c;
  if (!resolve_type(catalog, type_name, c, error)) return false;
  out = (type_name.flag("setof") ? "SETOF " : "") + c.type;
  return true;
}

StatementResult create_function(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  bool procedure = n.flag("is_procedure");
  Target target;
  StatementResult error;
  if (!target_for_create(ctx, n.list("funcname"), target, error)) return error;
  Function fn;
  fn.schema = target.schema;
  fn.name = target.name;
  fn.kind = procedure ? 'p' : 'f';
  fn.owner = ctx.catalog.current_user();
  bool has_body = static_cast<bool>(n["sql_body"]);
  for (Node opt : n.list("options")) {
    Node d = opt.body();
    std::string_view def = d.str("defname");
    if (def == "language") fn.language = std::string(d["arg"].sval());
    if (def == "volatility") fn.volatility = std::string(d["arg"].sval()).substr(0, 1);
    if (def == "as") {
      has_body = true;
      NodeList items = d["arg"].body().list("items");
      if (items.size() == 1) fn.body = std::string(items.at(0).sval());
      if (items.size() == 2) fn.body = std::string(items.at(1).sval());  // obj_file, link_symbol
    }
  }
  if (!has_body) return ExecContext::fails("42P13", "no function body specified");
  if (fn.language.empty()) {
    if (!n["sql_body"]) return ExecContext::fails("42P13", "no language specified");
    fn.language = "sql";
  }
  if (!language_exists(ctx.catalog, fn.language)) {
    return ExecContext::fails("42704", "language \"" + fn.language + "\" does not exist");
  }
  // Parameters: input ones make the signature; OUT and TABLE ones the result.
  std::vector<std::string> out_types, table_cols;
  for (Node p : n.list("parameters")) {
    Node fp = p.body();
    std::string_view mode = fp.str("mode");
    std::string pname(fp.str("name"));
    Column c;
    StatementResult type_error;
    if (!resolve_type(ctx.catalog, fp["argType"], c, type_error)) {
      if (type_error.outcome == Outcome::kFails && type_error.sqlstate == "42704") {
        // Parameter types are named without quotes here (TypeNameToString).
        std::string msg = type_error.message;
        size_t q1 = msg.find('"'), q2 = msg.rfind('"');
        if (q1 != std::string::npos && q2 > q1)
          msg = msg.substr(0, q1) + msg.substr(q1 + 1, q2 - q1 - 1) + msg.substr(q2 + 1);
        return ExecContext::fails("42704", msg);
      }
      return type_error;
    }
    bool input = mode != "FUNC_PARAM_OUT" && mode != "FUNC_PARAM_TABLE";
    bool output =
        mode == "FUNC_PARAM_OUT" || mode == "FUNC_PARAM_INOUT" || mode == "FUNC_PARAM_TABLE";
    if (!pname.empty()) {
      for (size_t i = 0; i < fn.arg_names.size(); ++i)
        if (fn.arg_names[i] == pname)
          return ExecContext::fails("42P13",
                                    "parameter name \"" + pname + "\" used more than once");
    }
    std::string prefix;
    if (mode == "FUNC_PARAM_OUT") prefix = "OUT ";
    if (mode == "FUNC_PARAM_INOUT") prefix = "INOUT ";
    if (mode == "FUNC_PARAM_VARIADIC") prefix = "VARIADIC ";
    // A procedure's input arguments are marked IN (pg_get_function_arguments).
    if (procedure && (mode == "FUNC_PARAM_IN" || mode == "FUNC_PARAM_DEFAULT")) prefix = "IN ";
    if (mode != "FUNC_PARAM_TABLE") {
      if (!fn.arguments.empty()) fn.arguments += ", ";
      fn.arguments += prefix + (pname.empty() ? "" : quote_ident(pname) + " ") + c.type;
      // As pg_get_function_arguments() prints it: the default coerced to the type.
      if (Node d = fp["defexpr"])
        fn.arguments += " DEFAULT " + render_default(d, type_for_cast(ctx.catalog, c));
    }
    if (input) {
      fn.arg_types.push_back(c.type);
      fn.arg_names.push_back(pname);
      if (fp["defexpr"]) ++fn.arg_defaults;
    }
    if (output && mode == "FUNC_PARAM_TABLE") table_cols.push_back(pname + " " + c.type);
    if (output && mode != "FUNC_PARAM_TABLE") out_types.push_back(c.type);
  }
  if (procedure) {
    fn.result.clear();
  } else if (!table_cols.empty()) {
    fn.result = "TABLE(";
    for (size_t i = 0; i < table_cols.size(); ++i) fn.result += (i ? ", " : "") + table_cols[i];
    fn.result += ")";
  } else if (Node rt = n["returnType"]) {
    StatementResult rt_error;
    if (!result_text(ctx.catalog, rt, fn.result, rt_error)) {
      if (rt_error.outcome == Outcome::kFails && fn.language != "sql" && fn.language != "plpgsql") {
        return ExecContext::unknown(
            "a C function returning an undefined type creates a shell "
            "type, which is not modelled");
      }
      return rt_error;
    }
  } else if (out_types.size() == 1) {
    fn.result = out_types[0];
  } else if (out_types.size() > 1) {
    fn.result = "record";
  } else {
    return ExecContext::fails("42P13", "function result type must be specified");
  }
  if (fn.result == "trigger" && !fn.arg_types.empty()) {
    return ExecContext::fails(
        "42P13", "trigger functions cannot have declared arguments", {},
        "The arguments of the trigger can be accessed through TG_NARGS and TG_ARGV instead.");
  }
  // OR REPLACE keeps what callers depend on: kind, result, input names, defaults.
  std::string key = Catalog::function_key(fn);
  if (const Function* old = ctx.catalog.functions.find(key)) {
    if (!n.flag("replace")) {
      return ExecContext::fails(
          "42723", "function \"" + fn.name + "\" already exists with same argument types");
    }
    std::string drop_hint = std::string("Use DROP ") +
                            (old->kind == 'p' ? "PROCEDURE " : "FUNCTION ") + old->name + "(";
    for (size_t i = 0; i < old->arg_types.size(); ++i)
      drop_hint += (i ? "," : "") + old->arg_types[i];
    drop_hint += ") first.";
    if (old->kind != fn.kind) {
      return ExecContext::fails(
          "42809", "cannot change routine kind",
          "\"" + old->name + "\" is a " + (old->kind == 'p' ? "procedure" : "function") + ".");
    }
    if (old->result != fn.result) {
      return ExecContext::fails("42P13", "cannot change return type of existing function", {},
                                drop_hint);
    }
    for (size_t i = 0; i < old->arg_names.size() && i < fn.arg_names.size(); ++i) {
      if (!old->arg_names[i].empty() && old->arg_names[i] != fn.arg_names[i]) {
        return ExecContext::fails(
            "42P13", "cannot change name of input parameter \"" + old->arg_names[i] + "\"", {},
            drop_hint);
      }
    }
    if (fn.arg_defaults < old->arg_defaults) {
      return ExecContext::fails("42P13", "cannot remove parameter defaults from existing function",
                                {}, drop_hint);
    }
    fn.owner = old->owner;
    fn.acl = old->acl;
    fn.comment = old->comment;
  }
  StatementResult r;
  if (fn.language == "sql") {
    const std::string* check = ctx.catalog.settings.find("check_function_bodies");
    bool checking = !check || (*check != "off" && *check != "false" && *check != "0");
    std::string missing;
    if (checking && n["sql_body"]) {
      if (find_missing_relation(ctx.catalog, n["sql_body"], missing))
        return ExecContext::fails("42P01", "relation \"" + missing + "\" does not exist");
    } else if (checking) {
      bool parsed = true;
      if (check_sql_body_text(ctx.catalog, fn.body, parsed, missing))
        return ExecContext::fails("42P01", "relation \"" + missing + "\" does not exist");
      if (!parsed) return ExecContext::unknown("the SQL body does not parse");
    }
    r.message = "the body is checked only for relations that do not exist";
  } else if (fn.language == "plpgsql") {
    r.message = "the PL/pgSQL body is not checked";
  }
  r.touched.push_back(
      touched_name(procedure ? "procedure" : "function", fn.schema, fn.signature()));
  ctx.catalog.functions.put(key, std::move(fn));
  return r;
}

HandlerRegistrar reg("CreateFunctionStmt", create_function);

}  // namespace
}  // namespace migsim
