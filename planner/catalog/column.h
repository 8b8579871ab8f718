#pragma once

#include <string>

namespace migsim {

/// A column of a table, view, composite type or index.
struct Column {
  std::string name;
  /// The type as format_type() prints it with only pg_catalog visible: built-in
  /// types by their SQL names ("character varying(30)", "integer[]"), others
  /// schema-qualified ("public.mood").
  std::string type;
  /// For a user-defined type (enum, domain, composite; arrays of them), its
  /// schema and name; empty for built-in types.
  std::string type_schema;
  std::string type_name;
  bool not_null = false;
  std::string default_expr;  ///< empty when there is none
  char identity = 0;         ///< 'a' ALWAYS, 'd' BY DEFAULT, 0 none
  std::string generated;     ///< generation expression of a STORED generated column
  std::string collation;
  std::string comment;
};

}  // namespace migsim
