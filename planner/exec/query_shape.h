#pragma once
// What a SELECT reads and returns, as far as the catalog model can tell:
// PostgreSQL's parse analysis errors for missing relations and columns, the
// output column names and (where known) types, and the columns read.

#include <string>
#include <vector>

#include "planner/catalog/relation.h"
#include "planner/engine/exec_context.h"

namespace migsim {

struct QueryShape {
  std::vector<Column> columns;       ///< type "" when migsim cannot tell it
  std::vector<RelationRef> depends;  ///< relations read and their columns
};

/// Analyzes `select` (a SelectStmt body). Returns false with `error` set: a
/// PostgreSQL failure, or `unknown` for SQL this analysis does not cover.
bool analyze_select(ExecContext& ctx, Node select, QueryShape& out, StatementResult& error);

/// The source text of the query of a CREATE VIEW / CREATE ... AS statement:
/// from its SELECT keyword to the end, without a trailing WITH [NO] DATA.
std::string query_text(const Statement& stmt, Node select);

}  // namespace migsim
