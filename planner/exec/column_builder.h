#pragma once
// Builds a catalog column, and the constraints and sequences it implies, from
// a ColumnDef node (CREATE TABLE and ALTER TABLE ADD COLUMN share this).

#include <vector>

#include "planner/catalog/relation.h"
#include "planner/engine/exec_context.h"

namespace migsim {

/// A constraint as written, before it gets a name and is checked.
struct PendingConstraint {
  Node node;                         ///< the Constraint node body
  std::vector<std::string> columns;  ///< for a column constraint, that column
  std::string name;  ///< when set, the name it takes instead of the one written (key merges)
};

struct ColumnBuild {
  Column column;
  std::vector<PendingConstraint> constraints;  ///< PRIMARY KEY, UNIQUE, CHECK, REFERENCES
  bool serial = false;                         ///< needs an owned sequence and nextval default
  Node identity;  ///< the IDENTITY constraint: its sequence options (SEQUENCE NAME, START, ...)
};

/// Reads a ColumnDef body of table `table` (named in its errors). Fails on
/// unknown types and conflicting clauses.
bool build_column(const Catalog& catalog, const std::string& table, Node column_def,
                  ColumnBuild& out, StatementResult& error);

/// Creates the sequence behind a serial or identity column of schema.table and
/// sets the column's default / identity accordingly. An identity column's
/// sequence options (from `stmt`) are checked as CREATE SEQUENCE checks them.
bool create_column_sequence(Catalog& catalog, const Statement& stmt, const std::string& schema,
                            const std::string& table, ColumnBuild& build,
                            std::vector<std::string>& taken_names, StatementResult& error);

}  // namespace migsim
