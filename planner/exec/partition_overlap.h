#pragma once
// check_new_partition_bound: a new partition's bound must not overlap a
// sibling's (a second default partition is partition_bound()'s check).

#include <string>

#include "planner/engine/exec_context.h"

namespace migsim {

/// `parent`: "schema.name"; `bound`: the new partition's bound as stored
/// ("FOR VALUES FROM (0) TO (10)", "DEFAULT", ...). Bounds it cannot compare
/// (several keys, expressions, text ranges) are unknown when there are
/// siblings. False with `error` set when it may not be added.
bool check_partition_overlap(const Catalog& catalog, const std::string& parent,
                             const std::string& name, const std::string& bound,
                             StatementResult& error);

}  // namespace migsim
