#pragma once
// Readers of the snapshot tables whose rows belong to a relation (columns,
// constraints, indexes, sequences, view dependencies, triggers). Each reads
// its table on its own connection into groups, one per owner in the file's
// (schema, relation) order, so several can run at once; the groups are then
// attached to the relations read from the relations table.

#include <sqlite3.h>

#include <string>
#include <vector>

#include "planner/catalog/relation.h"

namespace migsim {

/// The rows of one table that belong to one owner, in the file's order.
template <class T>
struct RowGroup {
  std::string schema;
  std::string relation;  ///< or the domain, for a domain's constraint
  bool on_domain = false;
  std::vector<T> items;
};

template <class T>
using RowGroups = std::vector<RowGroup<T>>;

/// Everything the per-relation tables hold; filled by read_child_rows.
struct ChildRows {
  RowGroups<Column> columns;
  RowGroups<Constraint> constraints;
  RowGroups<IndexInfo> indexes;  ///< one item per group: the index relation's own row
  RowGroups<SequenceInfo> sequences;
  RowGroups<RelationRef> depends;
  RowGroups<Trigger> triggers;
  /// The first error met, naming the table; "" when all were read.
  std::string error;
};

/// "cannot read TABLE: " and SQLite's message.
std::string read_failure(sqlite3* db, const char* table);

/// Reads the columns table (the largest) into `rows.columns`.
void read_column_rows(sqlite3* db, ChildRows& rows);

/// Reads the other per-relation tables into `rows`, stopping at the first error.
void read_other_child_rows(sqlite3* db, ChildRows& rows);

}  // namespace migsim
