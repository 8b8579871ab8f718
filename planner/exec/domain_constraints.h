#pragma once
// Constraints of CREATE DOMAIN and ALTER DOMAIN ADD CONSTRAINT.

#include "planner/catalog/type.h"
#include "planner/engine/exec_context.h"

namespace migsim {

/// Adds the Constraint node `con` (a CHECK) to domain `t`, naming it as
/// PostgreSQL does (<domain>_check, _check1, ...). Fails 42601 for kinds a
/// domain cannot have and 42710 for a name already used by the domain.
bool add_domain_check(const Catalog& catalog, TypeDef& t, Node con, StatementResult& error);

/// The 42601 error for a constraint kind domains do not allow, or false.
bool domain_rejects_kind(std::string_view contype, StatementResult& error);

}  // namespace migsim
