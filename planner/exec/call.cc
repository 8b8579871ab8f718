// CALL procedure(args)
//
// A procedure's effects are in its body, which migsim does not run: a call of
// an existing routine is unknown. A call of a name no routine has fails.

#include <algorithm>

#include "planner/exec/common.h"

namespace migsim {
namespace {

/// The type PostgreSQL infers for a literal argument, or "" when it is not one.
std::string literal_type(Node arg) {
  if (arg.kind() != "A_Const") return {};
  Node c = arg.body();
  if (c["ival"]) return "integer";
  if (c["fval"]) return "numeric";
  if (c["boolval"]) return "boolean";
  if (c["sval"] || c.flag("isnull")) return "unknown";
  return {};
}

StatementResult call(ExecContext& ctx) {
  Node fc = ctx.stmt.node["funccall"];
  Target t = names_to_target(fc.list("funcname"));
  std::vector<std::string> schemas;
  if (!t.schema.empty()) {
    if (!ctx.catalog.schemas.find(t.schema)) {
      return ExecContext::fails("3F000", "schema \"" + t.schema + "\" does not exist");
    }
    schemas.push_back(t.schema);
  } else {
    schemas = ctx.catalog.search_path();
  }
  size_t nargs = fc.list("args").size();
  for (const auto& [k, f] : ctx.catalog.functions.all()) {
    if (f.name != t.name) continue;
    bool visible = false;
    for (const auto& s : schemas) visible = visible || f.schema == s;
    if (!visible) continue;
    size_t max = f.arg_types.size();
    size_t min = max - std::min<size_t>(max, static_cast<size_t>(f.arg_defaults));
    bool variadic = f.arguments.find("VARIADIC ") != std::string::npos;
    // A routine that could take this many arguments: which one is called, and what
    // it does, is beyond the model.
    if (nargs >= min && (nargs <= max || variadic)) {
      return ExecContext::unknown("CALL runs the body of " + f.name +
                                  ", whose effects are not modelled");
    }
  }
  // PostgreSQL 15 has no built-in procedures, so a name the model lacks is no procedure.
  std::string sig = (t.schema.empty() ? "" : t.schema + ".") + t.name + "(";
  size_t i = 0;
  for (Node a : fc.list("args")) {
    std::string type = literal_type(a);
    if (type.empty()) {
      return ExecContext::unknown("the argument types of the call are not inferred");
    }
    sig += (i++ ? ", " : "") + type;
  }
  sig += ")";
  return ExecContext::fails("42883", "procedure " + sig + " does not exist", {},
                            "No procedure matches the given name and argument types. You might "
                            "need to add explicit type casts.");
}

HandlerRegistrar reg("CallStmt", call);

}  // namespace
}  // namespace migsim
