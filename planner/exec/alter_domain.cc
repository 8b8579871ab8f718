// ALTER DOMAIN name SET DEFAULT e | DROP DEFAULT | SET NOT NULL | DROP NOT NULL
//                 | ADD constraint | DROP CONSTRAINT [IF EXISTS] c | VALIDATE CONSTRAINT c
//
// SET NOT NULL, ADD CHECK and VALIDATE scan the rows of every table using the
// domain; migsim does not see rows, so when a table uses it they are unknown.

#include "planner/exec/common.h"
#include "planner/exec/domain_constraints.h"
#include "planner/exec/type_lookup.h"
#include "planner/expr/default_render.h"
#include "planner/expr/deparse.h"

namespace migsim {
namespace {

StatementResult rows_checked(const std::string& what) {
  return ExecContext::unknown(what +
                              " checks the existing rows of tables using the domain, which "
                              "migsim cannot see");
}

StatementResult alter_domain(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  FoundType found;
  StatementResult error;
  if (!find_user_type(ctx.catalog, n.list("typeName"), found, error)) return error;
  if (!found.def || found.def->kind != TypeDef::Kind::kDomain) {
    return ExecContext::fails(
        "42809", type_display(ctx.catalog, found.schema, found.name) + " is not a domain");
  }
  const TypeDef& cur = *found.def;
  bool used = type_in_use_by_tables(ctx.catalog, found.schema, found.name);
  std::string subtype(n.str("subtype"));
  std::string name(n.str("name"));
  StatementResult r;
  r.touched.push_back(touched_name("domain", found.schema, found.name));
  auto mut = [&]() { return ctx.catalog.types.find_mut(Catalog::key(found.schema, found.name)); };
  if (subtype == "T") {
    std::string def = n["def"] ? render_default(n["def"], cur.base_type) : std::string();
    if (def == cur.default_expr) return ExecContext::no_op("the default is already that");
    mut()->default_expr = def;
    return r;
  }
  if (subtype == "N") {
    if (!cur.not_null) return ExecContext::no_op("the domain already allows nulls");
    mut()->not_null = false;
    return r;
  }
  if (subtype == "O") {
    if (cur.not_null) return ExecContext::no_op("the domain is already NOT NULL");
    if (used) return rows_checked("SET NOT NULL");
    mut()->not_null = true;
    return r;
  }
  if (subtype == "C") {
    Node con = n["def"].body();
    std::string_view type = con.str("contype");
    if (domain_rejects_kind(type, error)) return error;
    if (type == "CONSTR_NOTNULL" || type == "CONSTR_NULL") {
      return ExecContext::unknown("ALTER DOMAIN ADD [NOT] NULL is not modelled");
    }
    if (type != "CONSTR_CHECK") {
      return ExecContext::unknown("domain constraint " + std::string(type) + " is not modelled");
    }
    TypeDef copy = cur;
    if (!add_domain_check(ctx.catalog, copy, con, error)) return error;
    if (used && copy.constraints.back().validated) return rows_checked("ADD CONSTRAINT");
    *mut() = std::move(copy);
    return r;
  }
  if (subtype == "X" || subtype == "V") {
    size_t at = cur.constraints.size();
    for (size_t i = 0; i < cur.constraints.size(); ++i)
      if (cur.constraints[i].name == name) at = i;
    if (at == cur.constraints.size()) {
      std::string msg = "constraint \"" + name + "\" of domain \"" + cur.name + "\" does not exist";
      if (subtype == "X" && n.flag("missing_ok")) {
        return ExecContext::skipped_with_notice(msg + ", skipping");
      }
      return ExecContext::fails("42704", msg);
    }
    if (subtype == "X") {
      TypeDef* t = mut();
      t->constraints.erase(t->constraints.begin() + static_cast<std::ptrdiff_t>(at));
      return r;
    }
    if (cur.constraints[at].validated) return ExecContext::no_op("the constraint is already valid");
    if (used) return rows_checked("VALIDATE CONSTRAINT");
    mut()->constraints[at].validated = true;
    return r;
  }
  return ExecContext::unknown("ALTER DOMAIN subcommand " + subtype + " is not modelled");
}

HandlerRegistrar reg("AlterDomainStmt", alter_domain);

}  // namespace
}  // namespace migsim
