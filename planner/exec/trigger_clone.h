#pragma once
// Row triggers of a partitioned table are cloned onto each of its partitions
// (CloneRowTriggersToPartition): CREATE TRIGGER, CREATE TABLE ... PARTITION OF
// and ATTACH PARTITION make the clones, DETACH PARTITION and DROP TRIGGER
// remove them.

#include <string>
#include <vector>

#include "planner/catalog/catalog.h"
#include "planner/catalog/relation.h"
#include "planner/engine/outcome.h"

namespace migsim {

/// True when `r` has a trigger named `name`.
bool has_trigger(const Relation& r, const std::string& name);

/// The partitions below a partitioned table (not the table itself), each
/// level before the next; none for any other relation.
std::vector<const Relation*> partitions_below(const Catalog& catalog, const Relation& table);

/// True for a FOR EACH ROW trigger.
bool is_row_trigger(const Trigger& t);

/// `t` of `parent` as its clone on `partition` (the definition names the partition).
Trigger clone_trigger(const Trigger& t, const Relation& parent, const Relation& partition);

/// Adds the clones of `parent`'s row triggers to `partition`, and to the
/// partitions below it when it is partitioned itself (they are in `catalog`;
/// `partition` may not be yet). When one of them already has a trigger of
/// that name, nothing changes and the result is PostgreSQL's error (42710).
StatementResult clone_row_triggers(Catalog& catalog, const Relation& parent, Relation& partition);

/// Removes from `partition`, and from the partitions below it, the clones of
/// `parent`'s row triggers.
void remove_cloned_triggers(Catalog& catalog, const Relation& parent, Relation& partition);

/// The trigger that `schema.name`'s trigger `trigger` is a clone of (on the
/// partition's parent), or null when it is the relation's own.
const Trigger* cloned_from(const Catalog& catalog, const std::string& schema,
                           const std::string& name, const std::string& trigger,
                           const Relation** parent);

}  // namespace migsim
