#pragma once
// SQLAlchemy's Inspector (sa.inspect(op.get_bind())) over the modelled
// catalog: each method returns what SQLAlchemy's PostgreSQL dialect would
// reflect from a live database in the same state, as evaluated Python values.

#include <string>
#include <vector>

#include "parser/alembic/py_value.h"
#include "planner/catalog/catalog.h"

namespace migsim {

/// Calls inspector method `method` with `args` (positional) and `kwargs`.
/// Returns a kUnknown value saying why for methods it does not model and for
/// the exceptions SQLAlchemy raises (NoSuchTableError).
PyValue inspector_call(const Catalog& catalog, const std::string& method,
                       const std::vector<PyValue>& args,
                       const std::vector<std::pair<std::string, PyValue>>& kwargs);

}  // namespace migsim
