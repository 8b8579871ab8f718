#pragma once
// Finding an existing relation named by a RangeVar, with PostgreSQL's errors,
// and the column names PostgreSQL derives from expressions.

#include <string>

#include "planner/exec/common.h"

namespace migsim {

/// Resolves RangeVar `rv` to an existing relation. On failure sets `error`
/// (3F000 for a missing schema, 42P01 for a missing relation) and returns null.
/// `found` receives the schema and name.
const Relation* find_relation(ExecContext& ctx, Node rv, Target& found, StatementResult& error);

/// The same lookup for ALTER and RENAME: with `missing_ok` (IF EXISTS) a missing
/// relation is the NOTICE `relation "t" does not exist, skipping` instead.
/// `schema` receives where it was found.
const Relation* find_relation_for_alter(const Catalog& catalog, Node rv, bool missing_ok,
                                        std::string& schema, StatementResult& outcome);

/// The name as written in a RangeVar: "schema.name" or "name".
std::string range_var_text(Node rv);

/// FigureColname() of src/backend/parser/parse_target.c: the name PostgreSQL
/// gives an expression; "" when it has none (callers pick "?column?" or "expr").
std::string figure_colname(Node expr);

}  // namespace migsim
