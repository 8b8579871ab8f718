#pragma once

#include <string>

#include "planner/util/boxed.h"

namespace migsim {

/// What few columns have, kept out of line (Column::extras).
struct ColumnExtras {
  /// For a user-defined type (enum, domain, composite; arrays of them), its
  /// schema and name; empty for built-in types.
  std::string type_schema;
  std::string type_name;
  std::string generated;  ///< generation expression of a STORED generated column
  std::string collation;
  std::string comment;
};

/// A column of a table, view, composite type or index.
struct Column {
  std::string name;
  /// The type as format_type() prints it with only pg_catalog visible: built-in
  /// types by their SQL names ("character varying(30)", "integer[]"), others
  /// schema-qualified ("public.mood").
  std::string type;
  bool not_null = false;
  char identity = 0;         ///< 'a' ALWAYS, 'd' BY DEFAULT, 0 none
  std::string default_expr;  ///< empty when there is none
  /// The type's schema and name when user-defined, a generation expression,
  /// a collation, a comment: allocated once one is written.
  Boxed<ColumnExtras> extras;
};

}  // namespace migsim
