#pragma once
// What depends on a table, its columns and its indexes, as pg_depend would
// say: views (Relation::depends), foreign keys of other tables, owned
// sequences, indexes. Shared by ALTER TABLE, RENAME and SET SCHEMA.

#include <string>
#include <string_view>
#include <vector>

#include "planner/catalog/catalog.h"

namespace migsim {

/// Views and materialized views that read schema.table (any column, or `column` when given).
std::vector<const Relation*> dependent_views(const Catalog& catalog, std::string_view schema,
                                             std::string_view table, std::string_view column = {});

/// A foreign key of some table, found by the table's schema and name.
struct ForeignKeyRef {
  std::string schema;
  std::string table;
  std::string constraint;
};

/// Foreign keys of other tables (and of the table itself) that reference
/// schema.table through exactly the key `columns` (i.e. depend on that key's index).
std::vector<ForeignKeyRef> foreign_keys_on_key(const Catalog& catalog, std::string_view schema,
                                               std::string_view table,
                                               const std::vector<std::string>& columns);

/// Partitions and inheritance children of schema.table.
std::vector<const Relation*> children_of(const Catalog& catalog, std::string_view schema,
                                         std::string_view table);

/// Drops a view and, first, every view that reads it; appends "view v" descriptions.
void drop_view_cascade(Catalog& catalog, const std::string& schema, const std::string& name,
                       std::vector<std::string>& dropped);

/// Drops one constraint of a table and the index that backs it.
void drop_constraint_and_index(Catalog& catalog, const std::string& schema,
                               const std::string& table, const std::string& constraint);

/// Replaces identifier `from` by `to` in SQL text, outside string literals
/// (column renames in CHECK expressions, index expressions, generated columns).
std::string replace_identifier(std::string_view sql, std::string_view from, std::string_view to);

/// True when SQL text mentions identifier `name` outside string literals.
bool mentions_identifier(std::string_view sql, std::string_view name);

/// "view v" / "table s.t" as getObjectDescription prints a relation.
std::string describe_relation(const Catalog& catalog, const Relation& r);

}  // namespace migsim
