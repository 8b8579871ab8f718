#pragma once
// Roles named in OWNER TO: the catalog models no roles, so only the roles
// known to exist resolve: the current user, pg_database_owner, and any role
// that owns an object of the catalog.

#include <string>

#include "planner/engine/exec_context.h"

namespace migsim {

/// Resolves a RoleSpec node to a role name, or sets `error` to unknown.
bool resolve_role(const Catalog& catalog, Node role_spec, std::string& out, StatementResult& error);

}  // namespace migsim
