#include "planner/exec/routine_lookup.h"

#include "planner/exec/common.h"
#include "planner/exec/type_resolver.h"

namespace migsim {

const Function* find_routine_by_types(const Catalog& catalog, const std::string& schema,
                                      const std::string& name,
                                      const std::vector<std::string>& arg_types) {
  std::vector<std::string> schemas;
  if (!schema.empty())
    schemas.push_back(schema);
  else
    schemas = catalog.search_path();
  for (const auto& s : schemas) {
    Function probe;
    probe.schema = s;
    probe.name = name;
    probe.arg_types = arg_types;
    if (const Function* f = catalog.functions.find(Catalog::function_key(probe))) return f;
  }
  return nullptr;
}

const Function* find_routine(const Catalog& catalog, Node owa, std::string_view word,
                             StatementResult& error) {
  Target t = names_to_target(owa.list("objname"));
  if (!t.schema.empty() && !catalog.schemas.find(t.schema)) {
    error = ExecContext::fails("3F000", "schema \"" + t.schema + "\" does not exist");
    return nullptr;
  }
  std::string shown = t.schema.empty() ? t.name : t.schema + "." + t.name;
  if (owa.flag("args_unspecified")) {
    std::vector<std::string> schemas;
    if (!t.schema.empty())
      schemas.push_back(t.schema);
    else
      schemas = catalog.search_path();
    const Function* found = nullptr;
    for (const auto& s : schemas) {
      for (const auto& [k, f] : catalog.functions.all()) {
        if (f.schema != s || f.name != t.name) continue;
        if (found) {
          error = ExecContext::fails(
              "42725", std::string(word) + " name \"" + shown + "\" is not unique", {},
              "Specify the argument list to select the " + std::string(word) + " unambiguously.");
          return nullptr;
        }
        found = &f;
      }
      if (found) return found;
    }
    error = ExecContext::fails(
        "42883", "could not find a " + std::string(word) + " named \"" + shown + "\"");
    return nullptr;
  }
  std::vector<std::string> types;
  for (Node a : owa.list("objargs")) {
    Column c;
    if (!resolve_type(catalog, a.body(), c, error)) return nullptr;
    types.push_back(c.type);
  }
  if (const Function* f = find_routine_by_types(catalog, t.schema, t.name, types)) return f;
  std::string sig = shown + "(";
  for (size_t i = 0; i < types.size(); ++i) sig += (i ? ", " : "") + types[i];
  sig += ")";
  error = ExecContext::fails("42883", std::string(word) + " " + sig + " does not exist");
  return nullptr;
}

}  // namespace migsim
