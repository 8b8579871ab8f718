#pragma once
// Renaming and moving catalog objects while keeping every reference to them
// consistent: view dependencies, foreign keys, index and sequence owners,
// partition parents, row-type columns, nextval() defaults.

#include <string>

#include "planner/catalog/catalog.h"

namespace migsim {

/// Moves relation fs.fn to ts.tn (a rename, a SET SCHEMA, or both) and
/// rewrites the references of other objects. Indexes and owned sequences of a
/// table that changes schema are the caller's to move (they keep their names).
void relocate_relation(Catalog& catalog, const std::string& fs, const std::string& fn,
                       const std::string& ts, const std::string& tn);

/// Renames column `from` of schema.rel to `to` everywhere it is referenced.
void rename_column_everywhere(Catalog& catalog, const std::string& schema, const std::string& rel,
                              const std::string& from, const std::string& to);

/// Renames schema `from` to `to`: every object in it and every reference to it.
void rename_schema_everywhere(Catalog& catalog, const std::string& from, const std::string& to);

}  // namespace migsim
