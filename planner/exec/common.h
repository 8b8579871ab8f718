#pragma once
// Helpers that many statement handlers share: names, targets, messages.

#include <string>
#include <string_view>

#include "planner/catalog/names.h"
#include "planner/engine/exec_context.h"

namespace migsim {

/// A schema-qualified object name resolved for a statement.
struct Target {
  std::string schema;
  std::string name;
};

/// Where a CREATE puts the object named by RangeVar `rv`: its schema, or the
/// first existing schema of search_path. Fails like PostgreSQL (3F000).
bool target_for_create(ExecContext& ctx, Node rv, Target& out, StatementResult& error);

/// Same, for a name given as a list of String nodes (CREATE TYPE, DOMAIN, ...).
bool target_for_create(ExecContext& ctx, NodeList names, Target& out, StatementResult& error);

/// Splits a list of String nodes into schema and name (the last two parts).
Target names_to_target(NodeList names);

/// A relation's name as PostgreSQL's object descriptions print it:
/// qualified only when its schema is not on search_path.
std::string relation_display(const Catalog& catalog, std::string_view schema,
                             std::string_view name);

/// "schema.name" for findings and touched-object lists.
std::string touched_name(std::string_view kind, std::string_view schema, std::string_view name);

}  // namespace migsim
