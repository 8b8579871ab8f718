#include "planner/exec/type_lookup.h"

#include "planner/catalog/names.h"

namespace migsim {

bool has_row_type(RelKind kind) {
  return kind != RelKind::kIndex && kind != RelKind::kPartitionedIndex &&
         kind != RelKind::kSequence;
}

bool type_name_taken(const Catalog& catalog, std::string_view schema, std::string_view name) {
  if (catalog.type(schema, name)) return true;
  const Relation* r = catalog.relation(schema, name);
  return r && has_row_type(r->kind);
}

bool find_user_type(const Catalog& catalog, NodeList names, FoundType& out,
                    StatementResult& error) {
  std::string schema, name;
  size_t n = names.size();
  if (n >= 1) name = std::string(names.at(n - 1).sval());
  if (n >= 2) schema = std::string(names.at(n - 2).sval());
  if (!schema.empty() && !catalog.schemas.find(schema) && schema != "pg_catalog") {
    error = ExecContext::fails("3F000", "schema \"" + schema + "\" does not exist");
    return false;
  }
  auto try_schema = [&](const std::string& s) {
    if (const TypeDef* t = catalog.type(s, name)) {
      out = {s, name, t, nullptr};
      return true;
    }
    const Relation* r = catalog.relation(s, name);
    if (r && has_row_type(r->kind)) {
      out = {s, name, nullptr, r};
      return true;
    }
    return false;
  };
  if (!schema.empty()) {
    if (try_schema(schema)) return true;
  } else {
    for (const auto& s : catalog.search_path())
      if (try_schema(s)) return true;
  }
  std::string shown = schema.empty() ? name : schema + "." + name;
  error = ExecContext::fails("42704", "type \"" + shown + "\" does not exist");
  return false;
}

std::string type_display(const Catalog& catalog, std::string_view schema, std::string_view name) {
  for (const auto& s : catalog.search_path()) {
    if (type_name_taken(catalog, s, name)) {
      if (s == schema) return quote_ident(name);
      break;
    }
  }
  return quote_qualified(schema, name);
}

bool type_in_use_by_tables(const Catalog& catalog, std::string_view schema, std::string_view name) {
  for (const auto& [k, r] : catalog.relations.all()) {
    if (!r.is_table() && r.kind != RelKind::kForeignTable) continue;
    for (const auto& c : r.columns)
      if (c.extras->type_schema == schema && c.extras->type_name == name) return true;
  }
  // A domain over this type matters only when a table uses that domain.
  for (const auto& [k, t] : catalog.types.all())
    if (t.kind == TypeDef::Kind::kDomain && t.base_type_schema == schema &&
        t.base_type_name == name && type_in_use_by_tables(catalog, t.schema, t.name))
      return true;
  return false;
}

}  // namespace migsim
