#pragma once
// FOR VALUES of a partition (CREATE TABLE ... PARTITION OF, ALTER TABLE ... ATTACH PARTITION).

#include <string>

#include "planner/catalog/relation.h"
#include "planner/engine/exec_context.h"
#include "planner/exec/common.h"

namespace migsim {

/// Checks FOR VALUES (a PartitionBoundSpec) against the parent's strategy and
/// renders it in `text` as pg_get_expr() does; `partition` is the new
/// partition's name, for the messages.
bool partition_bound(ExecContext& ctx, const Target& parent_name, const Relation& parent_rel,
                     const std::string& partition, Node bound, std::string& text,
                     StatementResult& error);

}  // namespace migsim
