#pragma once
// Index creation shared by CREATE INDEX and CREATE TABLE (LIKE, PARTITION OF).

#include <string>
#include <vector>

#include "planner/catalog/catalog.h"

namespace migsim {

/// ChooseIndexColumnNames(): each key's name ("expr" for an unnamed
/// expression), made unique within the index by appending digits.
std::vector<std::string> choose_index_column_names(const std::vector<std::string>& preliminary);

/// The index column names of an existing index (stored, or derived from its keys).
std::vector<std::string> index_column_names(const Relation& table, const Relation& index);

/// A copy of `index` (of some other table) for `table`, with a generated name
/// as PostgreSQL chooses it; a backing constraint is copied into `table` too.
Relation clone_index_for(const Catalog& catalog, Relation& table, const Relation& index,
                         const Relation& source_table, std::vector<std::string>& taken);

}  // namespace migsim
