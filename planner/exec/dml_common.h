#pragma once
// What INSERT, UPDATE and DELETE share: opening the target table and checking
// the columns a SET list or INSERT column list names.

#include <string>
#include <vector>

#include "planner/engine/exec_context.h"
#include "planner/exec/query_scope.h"

namespace migsim {

/// Opens the table a data statement writes to, as PostgreSQL's setTargetTable
/// does; `rel` is the catalog relation. Fails or is unknown for what is not a table.
bool open_dml_target(QueryScope& scope, Node range_var, RangeEntry& entry, const Relation*& rel,
                     StatementResult& error);

/// Errors the executor raises for a target that cannot be written (sequences,
/// materialized views); empty when it is a table.
bool check_dml_target_kind(const Relation& rel, StatementResult& error);

/// UPDATE and DELETE share their shape: WITH, the target, a FROM list
/// (`from_field`: fromClause or usingClause) that cannot see the target,
/// WHERE and RETURNING. Checks them all in PostgreSQL's order.
bool check_update_or_delete(QueryScope& scope, Node stmt, std::string_view from_field,
                            RangeEntry& target, const Relation*& rel, StatementResult& error);

/// Checks the column names of UPDATE's SET list (or ON CONFLICT DO UPDATE's):
/// first the expressions, then the names, then repeated names and identity or
/// generated columns, in PostgreSQL's order.
bool check_update_targets(QueryScope& scope, const Relation& rel, NodeList targets,
                          StatementResult& error);

/// Runs the rewriter's checks of an UPDATE target list (repeated and
/// non-updatable columns); call after every parse-analysis check.
bool check_update_rewrite(const Relation& rel, NodeList targets, StatementResult& error);

/// "data" with a note naming the table.
StatementResult dml_data(std::string_view verb, const RangeEntry& target);

}  // namespace migsim
