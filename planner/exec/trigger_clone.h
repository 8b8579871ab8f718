#pragma once
// Row triggers of a partitioned table are cloned onto each of its partitions
// (CloneRowTriggersToPartition): CREATE TRIGGER, CREATE TABLE ... PARTITION OF
// and ATTACH PARTITION make the clones, DETACH PARTITION and DROP TRIGGER
// remove them.

#include "planner/catalog/relation.h"

namespace migsim {

/// True for a FOR EACH ROW trigger.
bool is_row_trigger(const Trigger& t);

/// `t` of `parent` as its clone on `partition` (the definition names the partition).
Trigger clone_trigger(const Trigger& t, const Relation& parent, const Relation& partition);

/// Adds the clones of `parent`'s row triggers to `partition` (one it already has is kept).
void clone_row_triggers(const Relation& parent, Relation& partition);

/// Removes from `partition` the clones of `parent`'s row triggers.
void remove_cloned_triggers(const Relation& parent, Relation& partition);

}  // namespace migsim
