// CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]

#include "planner/exec/common.h"

namespace migsim {
namespace {

StatementResult create_schema(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string name(n.str("schemaname"));
  Node role = n["authrole"];
  if (name.empty()) name = std::string(role.str("rolename"));
  if (name.empty()) return ExecContext::unknown("CREATE SCHEMA AUTHORIZATION CURRENT_USER");
  if (ctx.catalog.schemas.find(name)) {
    if (n.flag("if_not_exists")) {
      return ExecContext::skipped_with_notice("schema \"" + name + "\" already exists, skipping");
    }
    return ExecContext::fails("42P06", "schema \"" + name + "\" already exists");
  }
  if (name.rfind("pg_", 0) == 0) {
    return ExecContext::fails("42939", "unacceptable schema name \"" + name + "\"",
                              "The prefix \"pg_\" is reserved for system schemas.");
  }
  if (!n.list("schemaElts").empty()) {
    return ExecContext::unknown("CREATE SCHEMA with embedded statements is not modelled");
  }
  Schema s;
  s.name = name;
  s.owner = role ? std::string(role.str("rolename")) : ctx.catalog.current_user();
  ctx.catalog.schemas.put(name, std::move(s));
  StatementResult r;
  r.touched.push_back("schema " + name);
  return r;
}

HandlerRegistrar reg("CreateSchemaStmt", create_schema);

}  // namespace
}  // namespace migsim
