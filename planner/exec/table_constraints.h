#pragma once
// Adds PRIMARY KEY, UNIQUE, CHECK and FOREIGN KEY constraints to a table,
// with PostgreSQL's checks, generated names and backing indexes.

#include <vector>

#include "planner/exec/column_builder.h"

namespace migsim {

/// Adds `pending` to `table` (already holding its columns). Backing indexes go
/// into `indexes` (the caller stores them after the table). `taken` collects
/// relation names chosen in this statement.
bool add_table_constraints(ExecContext& ctx, Relation& table,
                           const std::vector<PendingConstraint>& pending,
                           std::vector<Relation>& indexes, std::vector<std::string>& taken,
                           StatementResult& error);

}  // namespace migsim
