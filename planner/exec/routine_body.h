#pragma once
// What PostgreSQL checks in a routine's body when it is created.

#include <string>

#include "planner/engine/exec_context.h"

namespace migsim {

/// Finds the first relation a SQL body (a parse tree) reads or writes that
/// does not exist; CTE names are not relations. Returns false when all exist.
bool find_missing_relation(const Catalog& catalog, Node body, std::string& missing);

/// Parses the text of a LANGUAGE sql body and looks for a missing relation.
/// Returns false when the text does not parse (then `parsed` is false).
bool check_sql_body_text(const Catalog& catalog, const std::string& body, bool& parsed,
                         std::string& missing);

}  // namespace migsim
