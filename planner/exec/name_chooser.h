#pragma once
// PostgreSQL's generated object names: makeObjectName, ChooseRelationName,
// ChooseConstraintName (src/backend/commands/indexcmds.c, catalog/pg_constraint.c).

#include <string>
#include <string_view>
#include <vector>

#include "planner/catalog/catalog.h"

namespace migsim {

/// name1_name2_label, truncating name1 and name2 so the result fits in 63 bytes.
std::string make_object_name(std::string_view name1, std::string_view name2,
                             std::string_view label);

/// A relation name not yet used in `schema`: name1_name2_label, then
/// name1_name2_label1, label2, ... `extra_taken` holds names chosen earlier in
/// the same statement.
std::string choose_relation_name(const Catalog& catalog, std::string_view schema,
                                 std::string_view name1, std::string_view name2,
                                 std::string_view label,
                                 const std::vector<std::string>& extra_taken = {});

/// A constraint name not yet used by any constraint in `schema`.
std::string choose_constraint_name(const Catalog& catalog, std::string_view schema,
                                   std::string_view name1, std::string_view name2,
                                   std::string_view label,
                                   const std::vector<std::string>& extra_taken = {});

/// The column-name part of an index name: the key columns joined by "_"
/// (ChooseIndexNameAddition), "expr" for expressions.
std::string index_name_addition(const std::vector<std::string>& columns);

}  // namespace migsim
