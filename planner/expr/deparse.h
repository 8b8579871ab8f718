#pragma once
// Renders an expression parse tree back to SQL text.

#include <string>
#include <vector>

#include "parser/node.h"

namespace migsim {

/// SQL text of an expression node (a raw parse tree, as written).
std::string deparse_expr(Node expr);

/// The column names an expression refers to (ColumnRef nodes, last field), in order of appearance.
void collect_column_refs(Node expr, std::vector<std::string>& out);

}  // namespace migsim
