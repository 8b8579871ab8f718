#pragma once
// The rows that system catalogs and information_schema views would show for
// the modelled catalog, so that a DO block's IF EXISTS (SELECT ... FROM
// pg_class ...) can be answered. Object ids are symbolic: "n:schema",
// "c:schema.name", "t:schema.name".

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "planner/catalog/catalog.h"

namespace migsim {

using CatalogRow = std::map<std::string, std::string>;

struct CatalogRows {
  std::vector<std::string> columns;  ///< the columns modelled
  std::vector<CatalogRow> rows;
};

/// Rows of a system relation ("pg_catalog", "pg_class"); false when it is not modelled.
bool catalog_rows(const Catalog& catalog, std::string_view schema, std::string_view name,
                  CatalogRows& out);

/// "name:typtype name:typtype ..." of pg_catalog's types (builtin_types.cc).
std::string_view builtin_type_list();

std::string namespace_oid(std::string_view schema);
std::string class_oid(std::string_view schema, std::string_view name);

}  // namespace migsim
