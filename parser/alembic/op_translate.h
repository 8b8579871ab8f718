#pragma once
// Translates Alembic operations (op.* and batch_op.* calls, already evaluated
// into PyValues) into the SQL that Alembic's PostgreSQL dialect emits.

#include <string>
#include <vector>

#include "parser/alembic/alembic_version.h"
#include "parser/alembic/py_value.h"

namespace migsim {

struct OpStatement {
  std::string sql;
  /// Set for a CREATE TYPE that SQLAlchemy emits only when the type does not
  /// exist yet (ENUM.create(bind, checkfirst=True)): schema and name of the type.
  std::string only_if_type_missing;
};

struct OpTranslation {
  std::vector<OpStatement> statements;
  /// Non-empty when the operation cannot be translated: why.
  std::string unknown;
};

/// The table a `with op.batch_alter_table(...) as batch_op:` block alters.
struct BatchTarget {
  std::string table;
  std::string schema;
};

/// Translates `call`, whose dotted name is op.NAME or (with `batch`) batch_op.NAME,
/// as the Alembic release `version` renders it.
OpTranslation translate_op(const PyValue& call, const BatchTarget* batch = nullptr,
                           const AlembicVersion& version = {});

/// Translates `SomeEnum.create(bind, checkfirst=...)` where `type` is the
/// evaluated sa.Enum / postgresql.ENUM value.
OpTranslation translate_enum_create(const PyValue& type, bool checkfirst);

}  // namespace migsim
