// ALTER SCHEMA | TYPE | DOMAIN | FUNCTION | PROCEDURE | ROUTINE name OWNER TO role.
// Other object kinds: unknown.

#include "planner/exec/common.h"
#include "planner/exec/roles.h"
#include "planner/exec/routine_lookup.h"

namespace migsim {
namespace {

StatementResult alter_owner(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string_view type = n.str("objectType");
  Node object = n["object"];
  std::string owner;
  StatementResult error;
  if (type == "OBJECT_SCHEMA") {
    std::string name(object.sval());
    const Schema* s = ctx.catalog.schemas.find(name);
    if (!s) return ExecContext::fails("3F000", "schema \"" + name + "\" does not exist");
    if (!resolve_role(ctx.catalog, n["newowner"], owner, error)) return error;
    if (s->owner == owner)
      return ExecContext::no_op("schema \"" + name + "\" is already owned by " + owner);
    ctx.catalog.schemas.find_mut(name)->owner = owner;
    StatementResult r;
    r.touched.push_back("schema " + name);
    return r;
  }
  if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
    Target t = names_to_target(object.body().list("items"));
    std::string schema;
    const TypeDef* def = ctx.catalog.lookup_type(t.schema, t.name, &schema);
    if (!def && type == "OBJECT_TYPE") {
      // A composite type is kept as its relation (and, from a snapshot, its type too).
      const Relation* rel = ctx.catalog.lookup_relation(t.schema, t.name, &schema);
      if (rel && rel->kind == RelKind::kCompositeType) {
        if (!resolve_role(ctx.catalog, n["newowner"], owner, error)) return error;
        if (rel->owner == owner)
          return ExecContext::no_op("type \"" + t.name + "\" is already owned by " + owner);
        ctx.catalog.relation_mut(schema, t.name)->owner = owner;
        StatementResult r;
        r.touched.push_back(touched_name("type", schema, t.name));
        return r;
      }
    }
    if (!def) {
      std::string shown = t.schema.empty() ? t.name : t.schema + "." + t.name;
      return ExecContext::fails("42704", "type \"" + shown + "\" does not exist");
    }
    if (type == "OBJECT_DOMAIN" && def->kind != TypeDef::Kind::kDomain) {
      return ExecContext::fails("42809", t.name + " is not a domain");
    }
    if (!resolve_role(ctx.catalog, n["newowner"], owner, error)) return error;
    if (def->owner == owner)
      return ExecContext::no_op("type \"" + t.name + "\" is already owned by " + owner);
    ctx.catalog.types.find_mut(Catalog::key(schema, t.name))->owner = owner;
    if (const Relation* rel = ctx.catalog.relation(schema, t.name);
        rel && rel->kind == RelKind::kCompositeType)
      ctx.catalog.relation_mut(schema, t.name)->owner = owner;
    StatementResult r;
    r.touched.push_back(touched_name("type", schema, t.name));
    return r;
  }
  if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_ROUTINE") {
    std::string_view word = type == "OBJECT_PROCEDURE" ? "procedure"
                            : type == "OBJECT_ROUTINE" ? "routine"
                                                       : "function";
    const Function* f = find_routine(ctx.catalog, object.body(), word, error);
    if (!f) return error;
    if (word != "routine" && (word == "procedure") != (f->kind == 'p'))
      return ExecContext::unknown("ALTER " + std::string(word) + " naming a " +
                                  (f->kind == 'p' ? "procedure" : "function") + " is not modelled");
    if (!resolve_role(ctx.catalog, n["newowner"], owner, error)) return error;
    if (f->owner == owner)
      return ExecContext::no_op(std::string(word) + " " + f->name + " is already owned by " +
                                owner);
    Function* m = ctx.catalog.functions.find_mut(Catalog::function_key(*f));
    m->owner = owner;
    StatementResult r;
    r.touched.push_back(touched_name(word, m->schema, m->signature()));
    return r;
  }
  return ExecContext::unknown("ALTER ... OWNER TO of " + std::string(type) + " is not modelled");
}

HandlerRegistrar reg("AlterOwnerStmt", alter_owner);

}  // namespace
}  // namespace migsim
