#pragma once
// Renders a column DEFAULT as pg_get_expr() prints it once PostgreSQL has
// coerced it to the column's type: 'x'::character varying, 30, '1'::smallint,
// '-1'::integer, false, now(), 'none'::app.mood. Expressions it does not know
// how to type are printed as written.

#include <string>
#include <string_view>

#include "parser/node.h"

namespace migsim {

/// `column_type` is Column::type ("character varying(32)", "integer", "app.mood").
std::string render_default(Node expr, std::string_view column_type);

/// The name format_type() prints for a type without its modifier:
/// "character varying(30)" -> "character varying", "character(3)" -> "bpchar".
std::string type_without_modifier(std::string_view type);

}  // namespace migsim
