#pragma once
// A user-defined type in pg_type: enum, domain, composite (stand-alone; a
// table's row type is implied by the table), range, or a base type that an
// extension provides.

#include <string>
#include <vector>

#include "planner/catalog/constraint.h"

namespace migsim {

struct TypeDef {
  enum class Kind : char { kEnum = 'e', kDomain = 'd', kComposite = 'c', kRange = 'r', kBase = 'b' };
  std::string schema;
  std::string name;
  Kind kind = Kind::kEnum;
  std::string owner;
  std::vector<std::string> labels;       ///< enum labels in sort order
  std::string base_type;                 ///< domain: the underlying type (Column::type form)
  std::string base_type_schema;          ///< domain over a user type: its schema and name
  std::string base_type_name;
  bool not_null = false;                 ///< domain NOT NULL
  std::string default_expr;              ///< domain DEFAULT
  std::vector<Constraint> constraints;   ///< domain CHECK constraints
  std::string extension;                 ///< the extension that owns it, if any
  std::string comment;
};

}  // namespace migsim
