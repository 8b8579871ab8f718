#pragma once
// Identifier-level edits and searches in stored SQL text (CHECK expressions,
// index expressions, generated columns), outside string literals.

#include <string>
#include <string_view>

namespace migsim {

/// True for a character that can continue an unquoted identifier.
bool identifier_char(char c);

/// Replaces identifier `from` by `to` in SQL text, outside string literals
/// (column renames in CHECK expressions, index expressions, generated columns).
std::string replace_identifier(std::string_view sql, std::string_view from, std::string_view to);

/// True when SQL text mentions identifier `name` outside string literals.
bool mentions_identifier(std::string_view sql, std::string_view name);

}  // namespace migsim
