#pragma once
// Finding types by name for CREATE/ALTER TYPE, DOMAIN, COMMENT ON TYPE ...
//
// A type is either a TypeDef (enum, domain, range, extension base type) or the
// row type of a relation (table, view, composite type...); see type.h.

#include <string>
#include <string_view>

#include "planner/engine/exec_context.h"

namespace migsim {

/// True when a relation of this kind has a row type in pg_type (PG 14+: not
/// indexes and not sequences).
bool has_row_type(RelKind kind);

/// True when `schema` already holds a type called `name` (a TypeDef or a row type).
bool type_name_taken(const Catalog& catalog, std::string_view schema, std::string_view name);

/// A type found by name: a TypeDef, or the relation whose row type it is.
struct FoundType {
  std::string schema;
  std::string name;
  const TypeDef* def = nullptr;
  const Relation* relation = nullptr;
  bool found() const { return def || relation; }
};

/// Looks up a (possibly qualified) type name given as a list of String nodes.
/// On failure fills `error` with 42704 `type "x" does not exist` (or 3F000).
bool find_user_type(const Catalog& catalog, NodeList names, FoundType& out, StatementResult& error);

/// The type's name as format_type_be() prints it: unqualified when visible.
std::string type_display(const Catalog& catalog, std::string_view schema, std::string_view name);

/// True when some column of a table uses the type schema.name, directly or through domains.
bool type_in_use_by_tables(const Catalog& catalog, std::string_view schema, std::string_view name);

}  // namespace migsim
