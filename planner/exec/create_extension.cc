// CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]
// ALTER EXTENSION ...: changes only the extension's own objects; unknown.

#include "planner/catalog/extension_catalog.h"
#include "planner/exec/common.h"
#include "planner/exec/type_lookup.h"
#include "planner/exec/type_resolver.h"

namespace migsim {
namespace {

/// An argument or result type of an extension function in Column::type form:
/// the extension's own types qualified with its schema.
std::string ext_type(const ExtensionSpec& spec, std::string_view schema, std::string_view type) {
  std::string_view prefix;
  if (type.rfind("SETOF ", 0) == 0) {
    prefix = "SETOF ";
    type.remove_prefix(6);
  }
  std::string_view base = type;
  std::string_view suffix;
  if (base.size() > 2 && base.substr(base.size() - 2) == "[]") {
    base.remove_suffix(2);
    suffix = "[]";
  }
  bool own = false;
  for (auto t : spec.base_types) own = own || t == base;
  for (auto t : spec.composite_types) own = own || t == base;
  std::string out(prefix);
  out += own ? quote_qualified(schema, base) : std::string(base);
  out += suffix;
  return out;
}

StatementResult create_extension(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string name(n.str("extname"));
  std::string schema, version;
  for (Node opt : n.list("options")) {
    Node d = opt.body();
    std::string_view def = d.str("defname");
    if (def == "schema") schema = std::string(d["arg"].sval());
    if (def == "new_version") version = std::string(d["arg"].sval());
  }
  if (ctx.catalog.extensions.find(name)) {
    if (n.flag("if_not_exists")) {
      return ExecContext::skipped_with_notice("extension \"" + name +
                                              "\" already exists, skipping");
    }
    return ExecContext::fails("42710", "extension \"" + name + "\" already exists");
  }
  const ExtensionSpec* spec = find_extension_spec(name);
  std::string_view required;
  if (!spec && extension_available(name, &required)) {
    bool cascade = false;
    for (Node opt : n.list("options"))
      if (opt.body().str("defname") == "cascade") cascade = true;
    if (!required.empty() && !cascade && !ctx.catalog.extensions.find(std::string(required))) {
      return ExecContext::fails(
          "42704", "required extension \"" + std::string(required) + "\" is not installed", {},
          "Use CREATE EXTENSION ... CASCADE to install required extensions too.");
    }
    return ExecContext::unknown("the objects of extension \"" + name + "\" are not modelled");
  }
  if (!spec) {
    return ExecContext::fails(
        "0A000", "extension \"" + name + "\" is not available",
        "Could not open extension control file \"/usr/share/postgresql/15/extension/" + name +
            ".control\": No such file or directory.",
        "The extension must first be installed on the system where PostgreSQL is running.");
  }
  if (!schema.empty()) {
    if (!ctx.catalog.schemas.find(schema)) {
      return ExecContext::fails("3F000", "schema \"" + schema + "\" does not exist");
    }
  } else {
    schema = ctx.catalog.creation_schema();
    if (schema.empty()) {
      return ExecContext::fails("3F000", "no schema has been selected to create in");
    }
  }
  std::string note;
  if (!version.empty() && version != spec->default_version) {
    if (!extension_version_exists(name, version)) {
      return ExecContext::fails("22023", "extension \"" + name +
                                             "\" has no installation script nor update path for "
                                             "version \"" +
                                             version + "\"");
    }
    note = "the objects created are those of the default version " +
           std::string(spec->default_version);
  } else {
    version = std::string(spec->default_version);
  }
  // The extension script creates its types and functions in `schema`.
  std::vector<TypeDef> types;
  std::vector<Relation> composites;
  for (auto t : spec->base_types) {
    if (type_name_taken(ctx.catalog, schema, t)) {
      return ExecContext::fails("42710", "type \"" + std::string(t) + "\" already exists");
    }
    TypeDef def;
    def.schema = schema;
    def.name = std::string(t);
    def.kind = TypeDef::Kind::kBase;
    def.owner = ctx.catalog.current_user();
    def.extension = name;
    types.push_back(std::move(def));
  }
  for (auto t : spec->composite_types) {
    if (type_name_taken(ctx.catalog, schema, t)) {
      return ExecContext::fails("42710", "type \"" + std::string(t) + "\" already exists");
    }
    if (ctx.catalog.relation(schema, t)) {
      return ExecContext::fails("42P07", "relation \"" + std::string(t) + "\" already exists");
    }
    Relation rel;
    rel.schema = schema;
    rel.name = std::string(t);
    rel.kind = RelKind::kCompositeType;
    rel.owner = ctx.catalog.current_user();
    composites.push_back(std::move(rel));
  }
  std::vector<Function> functions;
  for (const auto& f : spec->functions) {
    Function fn;
    fn.schema = schema;
    fn.name = std::string(f.name);
    for (auto a : f.args) fn.arg_types.push_back(ext_type(*spec, schema, a));
    for (size_t i = 0; i < fn.arg_types.size(); ++i)
      fn.arguments += (i ? ", " : "") + fn.arg_types[i];
    fn.result = ext_type(*spec, schema, f.result);
    fn.language = "c";
    fn.extension = name;
    fn.owner = ctx.catalog.current_user();
    if (ctx.catalog.functions.find(Catalog::function_key(fn))) {
      return ExecContext::fails(
          "42723", "function \"" + fn.name + "\" already exists with same argument types");
    }
    functions.push_back(std::move(fn));
  }
  for (auto& t : types) ctx.catalog.put_type(std::move(t));
  for (auto& r : composites) ctx.catalog.put_relation(std::move(r));
  for (auto& f : functions) ctx.catalog.put_function(std::move(f));
  ctx.catalog.extensions.put(name, Extension{name, schema, version, std::string(spec->comment)});
  StatementResult r;
  r.message = note;
  r.touched.push_back("extension " + name);
  return r;
}

StatementResult alter_extension(ExecContext& ctx) {
  std::string name(ctx.stmt.node.str("extname"));
  if (!ctx.catalog.extensions.find(name)) {
    return ExecContext::fails("42704", "extension \"" + name + "\" does not exist");
  }
  return ExecContext::unknown(
      "ALTER EXTENSION changes objects of the extension that are not "
      "modelled");
}

HandlerRegistrar reg("CreateExtensionStmt", create_extension);
HandlerRegistrar reg_alter("AlterExtensionStmt", alter_extension);

}  // namespace
}  // namespace migsim
