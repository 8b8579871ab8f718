#pragma once
// ALTER INDEX [IF EXISTS] name SET (...) | RESET (...) | SET TABLESPACE ...
// An AlterTableStmt whose objtype is OBJECT_INDEX; the AlterTableStmt
// handler hands those statements here.

#include "planner/engine/exec_context.h"

namespace migsim {

StatementResult alter_index(ExecContext& ctx);

}  // namespace migsim
