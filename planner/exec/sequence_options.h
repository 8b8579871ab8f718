#pragma once
// Sequence options as init_params() in src/backend/commands/sequence.c reads them.

#include "planner/catalog/relation.h"
#include "planner/engine/exec_context.h"

namespace migsim {

/// Applies CREATE/ALTER SEQUENCE `options` (DefElem list) to `seq`, with
/// PostgreSQL's checks. `for_create` selects CREATE's defaults. OWNED BY is
/// returned in `owned_by` (the List node) for the caller to resolve.
/// SEQUENCE NAME is taken only for an identity column's sequence (`identity`).
bool apply_sequence_options(const Catalog& catalog, const Statement& stmt, NodeList options,
                            bool for_create, SequenceInfo& seq, Node& owned_by,
                            StatementResult& error, bool identity = false);

/// ALTER SEQUENCE ... AS `type` alone, as ALTER COLUMN ... TYPE does to an
/// identity column's sequence (transformAlterTableStmt): a bound that was the
/// old type's default becomes the new type's, and the bounds and START must fit.
bool change_sequence_type(SequenceInfo& seq, const std::string& type, StatementResult& error);

/// Resolves OWNED BY for sequence schema.`seq_name`: sets owned_by_table/column.
bool apply_owned_by(ExecContext& ctx, Node owned_by, const std::string& seq_schema,
                    SequenceInfo& seq, StatementResult& error);

}  // namespace migsim
