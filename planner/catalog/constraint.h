#pragma once

#include <string>
#include <vector>

namespace migsim {

/// A pg_constraint row belonging to a table (or domain).
struct Constraint {
  enum class Kind : char {
    kPrimaryKey = 'p',
    kUnique = 'u',
    kForeignKey = 'f',
    kCheck = 'c',
    kExclusion = 'x',
  };
  std::string name;
  Kind kind = Kind::kCheck;
  std::vector<std::string> columns;
  std::string expression;  ///< CHECK expression or EXCLUDE definition text
  std::string index;       ///< the index backing a primary key, unique or exclusion constraint
  // Foreign keys
  std::string ref_schema;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  char on_delete = 'a';  ///< a no action, r restrict, c cascade, n set null, d set default
  char on_update = 'a';
  char match = 's';  ///< s simple, f full
  bool deferrable = false;
  bool deferred = false;
  bool validated = true;
  bool no_inherit = false;
  std::string comment;
};

}  // namespace migsim
