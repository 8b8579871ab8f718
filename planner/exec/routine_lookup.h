#pragma once
// Finding a function or procedure named by an ObjectWithArgs (COMMENT ON
// FUNCTION, GRANT ... ON FUNCTION) or by name and argument types.

#include <string>
#include <vector>

#include "planner/engine/exec_context.h"

namespace migsim {

/// Finds the routine an ObjectWithArgs names. `word` is "function" or
/// "procedure" for messages. Fails like PostgreSQL: 42883 when none matches,
/// 42725 when a name without arguments matches several.
const Function* find_routine(const Catalog& catalog, Node object_with_args, std::string_view word,
                             StatementResult& error);

/// The routine schema.name (schema may be empty: search_path) with exactly
/// these input argument types, or nullptr.
const Function* find_routine_by_types(const Catalog& catalog, const std::string& schema,
                                      const std::string& name,
                                      const std::vector<std::string>& arg_types);

}  // namespace migsim
