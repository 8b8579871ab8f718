#pragma once
// Turns a parsed TypeName into the type text format_type() prints.

#include "planner/catalog/column.h"
#include "planner/engine/exec_context.h"

namespace migsim {

/// Resolves `type_name` (a TypeName node) into `column.type` and, for user
/// types, `column.type_schema`/`type_name`. Fails with 42704 when the type
/// does not exist. Serial pseudo-types are the caller's concern.
bool resolve_type(const Catalog& catalog, Node type_name, Column& column, StatementResult& error);

/// The type a serial pseudo-type stands for ("integer" for serial), or "" when
/// `type_name` is not smallserial, serial or bigserial.
std::string_view serial_base_type(Node type_name);

/// The SQL name format_type() prints for a built-in type's internal name
/// ("int4" -> "integer"), or "" when it is not a known built-in type.
std::string_view builtin_type_display(std::string_view internal_name);

}  // namespace migsim
