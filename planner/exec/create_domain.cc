// CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT e] [[NOT] NULL] [CHECK (...)] ...

#include "planner/exec/common.h"
#include "planner/exec/domain_constraints.h"
#include "planner/exec/type_lookup.h"
#include "planner/exec/type_resolver.h"
#include "planner/expr/default_render.h"
#include "planner/expr/deparse.h"

namespace migsim {
namespace {

StatementResult create_domain(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Target target;
  StatementResult error;
  if (!target_for_create(ctx, n.list("domainname"), target, error)) return error;
  if (type_name_taken(ctx.catalog, target.schema, target.name)) {
    return ExecContext::fails("42710", "type \"" + target.name + "\" already exists");
  }
  if (!serial_base_type(n["typeName"]).empty()) {
    return ExecContext::unknown("a domain over a serial pseudo-type is not modelled");
  }
  Column base;
  if (!resolve_type(ctx.catalog, n["typeName"], base, error)) return error;
  TypeDef t;
  t.schema = target.schema;
  t.name = target.name;
  t.kind = TypeDef::Kind::kDomain;
  t.owner = ctx.catalog.current_user();
  t.base_type = base.type;
  t.base_type_schema = base.extras->type_schema;
  t.base_type_name = base.extras->type_name;
  bool saw_null = false, saw_not_null = false, saw_default = false;
  for (Node c : n.list("constraints")) {
    Node con = c.body();
    std::string_view type = con.str("contype");
    if (domain_rejects_kind(type, error)) return error;
    if (type == "CONSTR_NOTNULL" || type == "CONSTR_NULL") {
      bool not_null = type == "CONSTR_NOTNULL";
      if (not_null ? saw_null : saw_not_null) {
        return ExecContext::fails("42601", "conflicting NULL/NOT NULL constraints");
      }
      (not_null ? saw_not_null : saw_null) = true;
      t.not_null = not_null;
    } else if (type == "CONSTR_DEFAULT") {
      if (saw_default) return ExecContext::fails("42601", "multiple default expressions");
      saw_default = true;
      t.default_expr = render_default(con["raw_expr"], base.type);
    } else if (type == "CONSTR_CHECK") {
      if (!add_domain_check(ctx.catalog, t, con, error)) return error;
    } else {
      return ExecContext::unknown("domain constraint " + std::string(type) + " is not modelled");
    }
  }
  // A domain over a domain inherits its default (DefineDomain).
  const TypeDef* over = base.extras->type_schema.empty()
                            ? nullptr
                            : ctx.catalog.type(base.extras->type_schema, base.extras->type_name);
  if (!saw_default && over && over->kind == TypeDef::Kind::kDomain)
    t.default_expr = over->default_expr;
  StatementResult r;
  r.touched.push_back(touched_name("domain", t.schema, t.name));
  ctx.catalog.put_type(std::move(t));
  return r;
}

HandlerRegistrar reg("CreateDomainStmt", create_domain);

}  // namespace
}  // namespace migsim
