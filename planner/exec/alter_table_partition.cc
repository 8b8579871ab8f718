// ALTER TABLE parent ATTACH PARTITION child FOR VALUES ... | DEFAULT
// ALTER TABLE parent DETACH PARTITION child
//
// The checks of ATExecAttachPartition and CreateInheritance (tablecmds.c), in
// their order. Overlapping bounds are not checked (nor are they on CREATE
// TABLE ... PARTITION OF).

#include <algorithm>

#include "planner/catalog/names.h"
#include "planner/exec/alter_table.h"
#include "planner/exec/create_index.h"
#include "planner/exec/partition_bound.h"
#include "planner/exec/partition_overlap.h"
#include "planner/exec/relation_lookup.h"
#include "planner/exec/trigger_clone.h"

namespace migsim {
namespace {

StatementResult mismatch(std::string message, std::string detail = {}) {
  return ExecContext::fails("42804", std::move(message), std::move(detail));
}

/// The partitioned table's partitions and theirs, as qualified names.
bool is_descendant(const Catalog& catalog, const Relation& rel, const std::string& ancestor) {
  std::string parent = rel.partition_parent;
  for (int depth = 0; !parent.empty() && depth < 64; ++depth) {
    if (parent == ancestor) return true;
    const Relation* up = nullptr;
    for (const auto& [k, r] : catalog.relations.all())
      if (quote_qualified(r.schema, r.name) == parent) up = &r;
    if (!up) return false;
    parent = up->partition_parent;
  }
  return false;
}

/// MergeAttributesIntoExisting and MergeConstraintsIntoExisting.
bool merge_into_existing(const Relation& parent, const Relation& child, StatementResult& error) {
  for (const auto& pc : parent.columns) {
    const Column* cc = child.column(pc.name);
    if (!cc) {
      error = mismatch("child table is missing column \"" + pc.name + "\"");
      return false;
    }
    if (cc->type != pc.type || cc->extras->collation != pc.extras->collation) {
      error = mismatch("child table \"" + child.name + "\" has different type for column \"" +
                       pc.name + "\"");
      return false;
    }
    if (pc.not_null && !cc->not_null) {
      error = mismatch("column \"" + pc.name + "\" in child table must be marked NOT NULL");
      return false;
    }
    if (!pc.extras->generated.empty() && cc->extras->generated.empty()) {
      error = mismatch("column \"" + pc.name + "\" in child table must be a generated column");
      return false;
    }
  }
  for (const auto& pk : parent.constraints) {
    if (pk.kind != Constraint::Kind::kCheck || pk.no_inherit) continue;
    const Constraint* ck = child.constraint(pk.name);
    if (!ck || ck->kind != Constraint::Kind::kCheck) {
      error = mismatch("child table is missing constraint \"" + pk.name + "\"");
      return false;
    }
    if (ck->expression != pk.expression) {
      error = mismatch("child table \"" + child.name +
                       "\" has different definition for check constraint \"" + pk.name + "\"");
      return false;
    }
  }
  return true;
}

}  // namespace

StatementResult at_attach_partition(AlterTarget& t, Node cmd) {
  Node pc = cmd["def"].body();
  Catalog& catalog = t.ctx.catalog;
  StatementResult error;
  Target child_name;
  const Relation* child = find_relation(t.ctx, pc["name"], child_name, error);
  if (!child) return error;
  if (child->kind == RelKind::kForeignTable)
    return ExecContext::unknown("attaching a foreign table as a partition is not modelled");
  if (!child->is_table())
    return ExecContext::unknown("ATTACH PARTITION of a " + std::string(relkind_word(child->kind)) +
                                " is not modelled");
  if (!child->partition_parent.empty())
    return ExecContext::fails("42809", "\"" + child->name + "\" is already a partition");
  if (!child->inherits.empty())
    return ExecContext::fails("42809", "cannot attach inheritance child as partition");
  if (child->kind == RelKind::kTable &&
      !children_of(catalog, child_name.schema, child_name.name).empty())
    return ExecContext::fails("42809", "cannot attach inheritance parent as partition");
  const Relation& parent = t.get();
  std::string child_key = quote_qualified(child_name.schema, child_name.name);
  if ((child_name.schema == t.schema && child_name.name == t.name) ||
      is_descendant(catalog, parent, child_key)) {
    return ExecContext::fails(
        "42P07", "circular inheritance not allowed",
        "\"" + parent.name + "\" is already a child of \"" + child->name + "\".");
  }
  for (const auto& c : child->columns) {
    if (!parent.column(c.name)) {
      return mismatch("table \"" + child->name + "\" contains column \"" + c.name +
                          "\" not found in parent \"" + parent.name + "\"",
                      "The new partition may contain only the columns present in parent.");
    }
  }
  if (!merge_into_existing(parent, *child, error)) return error;
  std::string bound;
  if (!partition_bound(t.ctx, Target{t.schema, t.name}, parent, child->name, pc["bound"], bound,
                       error) ||
      !check_partition_overlap(t.ctx.catalog, quote_qualified(t.schema, t.name), child->name, bound,
                               error))
    return error;

  Relation updated = *child;
  updated.partition_parent = quote_qualified(t.schema, t.name);
  updated.partition_bound = bound;
  if (StatementResult cloned = clone_row_triggers(catalog, parent, updated);
      cloned.outcome != Outcome::kApplies)
    return cloned;
  // The parent's foreign keys are cloned into the new partition.
  for (const auto& con : parent.constraints)
    if (con.kind == Constraint::Kind::kForeignKey && !updated.constraint(con.name))
      updated.constraints.push_back(con);
  // Each index of the parent: an equivalent index of the partition is attached, or one is made.
  std::vector<Relation> made;
  std::vector<std::string> taken;
  for (const Relation* pidx : catalog.indexes_of(t.schema, t.name)) {
    bool attached = false;
    for (const Relation* own : catalog.indexes_of(child_name.schema, child_name.name)) {
      const IndexInfo& a = own->index;
      const IndexInfo& b = pidx->index;
      if (a.keys == b.keys && a.include == b.include && a.method == b.method &&
          a.predicate == b.predicate && a.unique == b.unique && a.primary == b.primary)
        attached = true;
    }
    if (!attached) made.push_back(clone_index_for(catalog, updated, *pidx, parent, taken));
  }
  catalog.put_relation(std::move(updated));
  for (auto& idx : made) catalog.put_relation(std::move(idx));
  return ExecContext::applies();
}

StatementResult at_detach_partition(AlterTarget& t, Node cmd) {
  Node pc = cmd["def"].body();
  if (pc.flag("concurrent"))
    return ExecContext::unknown("DETACH PARTITION CONCURRENTLY is not modelled");
  StatementResult error;
  Target child_name;
  const Relation* child = find_relation(t.ctx, pc["name"], child_name, error);
  if (!child) return error;
  if (child->partition_parent != quote_qualified(t.schema, t.name)) {
    return ExecContext::fails("42P01", "relation \"" + child->name +
                                           "\" is not a partition of relation \"" + t.name + "\"");
  }
  // The partition keeps its columns, constraints (foreign keys included) and
  // indexes; the parent's row triggers cloned onto it go.
  Relation* r = t.ctx.catalog.relation_mut(child_name.schema, child_name.name);
  r->partition_parent.clear();
  r->partition_bound.clear();
  remove_cloned_triggers(t.ctx.catalog, t.get(), *r);
  return ExecContext::applies();
}

}  // namespace migsim
