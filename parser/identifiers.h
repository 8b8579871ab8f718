#pragma once
// Identifiers as PostgreSQL prints them: quoting and folding.

#include <string>
#include <string_view>

namespace migsim {

/// quote_ident(): quotes a name unless it is lower case, starts with a letter
/// or underscore, and is not a keyword that needs quoting.
std::string quote_ident(std::string_view name);

/// "schema.name" with each part quoted as needed.
std::string quote_qualified(std::string_view schema, std::string_view name);

/// A SQL string literal: 'it''s'.
std::string quote_literal(std::string_view s);

/// Lower-cases ASCII letters, as PostgreSQL folds an unquoted identifier.
std::string fold_identifier(std::string_view name);

}  // namespace migsim
