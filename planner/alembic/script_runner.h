#pragma once
// Runs the upgrade() of an Alembic revision script on the engine, without a
// Python interpreter: op.* calls become the SQL Alembic's PostgreSQL dialect
// emits (parser/alembic/op_translate.h) and replay like any other statement;
// inspector checks (sa.inspect(op.get_bind())) read the catalog as it stands
// at that point of the replay.

#include <vector>

#include "parser/alembic/alembic_version.h"
#include "parser/revisions/revision.h"
#include "planner/engine/engine.h"
#include "planner/engine/statement_record.h"

namespace migsim {

/// Appends one record per statement the script runs, or would have run behind
/// a guard that is false (`no-op`, the reason naming the guard), or cannot be
/// followed (`unknown`, with file:line and why). Each record's location is the
/// line of the Python call. Statements in `with op.get_context().autocommit_block():`
/// run outside the transaction block, as Alembic runs them. Returns false with
/// `error` only for input that cannot be read at all (a Python syntax error).
/// `version`: the Alembic release whose rendering to follow.
bool run_alembic_upgrade(const Revision& revision, Engine& engine,
                         std::vector<StatementRecord>& out, InputError& error,
                         const AlembicVersion& version = {});

}  // namespace migsim
