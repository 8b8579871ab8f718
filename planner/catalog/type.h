#pragma once
// A user-defined type in pg_type: enum, domain, range, or a base type that an
// extension provides.
//
// Row types: PostgreSQL gives every table, view, materialized view, foreign
// table and stand-alone composite type (CREATE TYPE t AS (...), a pg_class row
// of relkind 'c') a row type of the same name. migsim models all of them the
// same way: the Relation is the only record, and its row type is implied
// (type_resolver.cc resolves a type name to a Relation when no TypeDef has
// it; exec/type_lookup.h has the shared lookups). A name is taken as a type
// when a TypeDef or such a Relation holds it. Kind::kComposite is kept for
// snapshots that list a composite type without its attributes.

#include <string>
#include <vector>

#include "planner/catalog/constraint.h"

namespace migsim {

struct TypeDef {
  enum class Kind : char {
    kEnum = 'e',
    kDomain = 'd',
    kComposite = 'c',
    kRange = 'r',
    kBase = 'b'
  };
  std::string schema;
  std::string name;
  Kind kind = Kind::kEnum;
  std::string owner;
  std::vector<std::string> labels;  ///< enum labels in sort order
  std::string base_type;            ///< domain: the underlying type (Column::type form)
  std::string base_type_schema;     ///< domain over a user type: its schema and name
  std::string base_type_name;
  bool not_null = false;                ///< domain NOT NULL
  std::string default_expr;             ///< domain DEFAULT
  std::vector<Constraint> constraints;  ///< domain CHECK constraints
  std::string extension;                ///< the extension that owns it, if any
  std::string comment;
};

}  // namespace migsim
