#include "planner/exec/common.h"

namespace migsim {

namespace {
bool finish_target(ExecContext& ctx, std::string schema, std::string name, Target& out,
                   StatementResult& error) {
  if (schema.empty()) {
    schema = ctx.catalog.creation_schema();
    if (schema.empty()) {
      error = ExecContext::fails("3F000", "no schema has been selected to create in");
      return false;
    }
  } else if (!ctx.catalog.schemas.find(schema)) {
    error = ExecContext::fails("3F000", "schema \"" + schema + "\" does not exist");
    return false;
  }
  out.schema = std::move(schema);
  out.name = std::move(name);
  return true;
}
}  // namespace

bool target_for_create(ExecContext& ctx, Node rv, Target& out, StatementResult& error) {
  return finish_target(ctx, std::string(rv.str("schemaname")), std::string(rv.str("relname")), out,
                       error);
}

bool target_for_create(ExecContext& ctx, NodeList names, Target& out, StatementResult& error) {
  Target t = names_to_target(names);
  return finish_target(ctx, t.schema, t.name, out, error);
}

Target names_to_target(NodeList names) {
  Target t;
  size_t n = names.size();
  if (n >= 1) t.name = std::string(names.at(n - 1).sval());
  if (n >= 2) t.schema = std::string(names.at(n - 2).sval());
  return t;
}

std::string relation_display(const Catalog& catalog, std::string_view schema,
                             std::string_view name) {
  if (catalog.schema_visible(schema)) {
    // Visible, unless an earlier schema on the path holds a relation of the same name.
    std::string found;
    if (catalog.lookup_relation("", name, &found) && found == schema) return quote_ident(name);
  }
  return quote_qualified(schema, name);
}

std::string touched_name(std::string_view kind, std::string_view schema, std::string_view name) {
  std::string s(kind);
  s += ' ';
  s += schema;
  s += '.';
  s += name;
  return s;
}

}  // namespace migsim
