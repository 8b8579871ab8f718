#pragma once
// Whether two texts of one expression or query mean the same: pg_dump and the
// catalog query print some of them differently (parentheses, a leading space
// and trailing semicolon on view definitions, VALUE for value in domain checks).

#include <string_view>

namespace migsim {

/// True when `a` and `b`, as scalar expressions, parse to the same tree.
bool same_expression(std::string_view a, std::string_view b);

/// True when `a` and `b`, as whole statements (view definitions), parse to the same tree.
bool same_query(std::string_view a, std::string_view b);

}  // namespace migsim
