#pragma once
// SQLAlchemy column types rendered as SQLAlchemy's PostgreSQL dialect renders
// them in DDL: sa.String(30) -> VARCHAR(30), sa.DateTime(timezone=True) ->
// TIMESTAMP WITH TIME ZONE, postgresql.ARRAY(sa.Integer) -> INTEGER[].

#include <string>
#include <vector>

#include "parser/alembic/py_value.h"

namespace migsim {

/// An enum type a column's type asks to create (sa.Enum / postgresql.ENUM).
struct EnumType {
  std::string schema;  ///< empty: the default schema
  std::string name;
  std::vector<std::string> labels;
  bool create = true;  ///< false for create_type=False
};

struct SqlType {
  std::string sql;              ///< e.g. "VARCHAR(30)"
  std::string base;             ///< the type without arguments, e.g. "String"
  bool integer = false;         ///< an Integer family type (for SERIAL)
  std::vector<EnumType> enums;  ///< enum types this type uses
};

/// Renders a type given as a call (sa.String(30)) or a name (sa.Text).
/// Returns false with `why` set for a type it does not know.
bool render_sa_type(const PyValue& type, SqlType& out, std::string& why);

/// SQL text of a string literal: 'it''s'.
std::string sql_string_literal(std::string_view s);

}  // namespace migsim
