#include "planner/exec/trigger_clone.h"

#include <algorithm>
#include <vector>

#include "planner/catalog/names.h"
#include "planner/engine/exec_context.h"
#include "planner/exec/dependencies.h"

namespace migsim {
bool has_trigger(const Relation& r, const std::string& name) {
  return std::any_of(r.triggers.begin(), r.triggers.end(),
                     [&](const Trigger& t) { return t.name == name; });
}

std::vector<const Relation*> partitions_below(const Catalog& catalog, const Relation& table) {
  std::vector<const Relation*> out;
  if (table.kind != RelKind::kPartitionedTable) return out;
  std::vector<const Relation*> parents{&table};
  for (size_t i = 0; i < parents.size() && i < 10000; ++i)
    for (const Relation* part : children_of(catalog, parents[i]->schema, parents[i]->name)) {
      if (part->partition_parent.empty()) continue;
      out.push_back(part);
      if (part->kind == RelKind::kPartitionedTable) parents.push_back(part);
    }
  return out;
}

bool is_row_trigger(const Trigger& t) {
  return t.definition.find(" FOR EACH ROW") != std::string::npos;
}

Trigger clone_trigger(const Trigger& t, const Relation& parent, const Relation& partition) {
  Trigger c = t;
  c.comment.clear();
  std::string from = " ON " + quote_qualified(parent.schema, parent.name) + " ";
  size_t at = c.definition.find(from);
  if (at != std::string::npos)
    c.definition.replace(at, from.size(),
                         " ON " + quote_qualified(partition.schema, partition.name) + " ");
  return c;
}

StatementResult clone_row_triggers(Catalog& catalog, const Relation& parent, Relation& partition) {
  std::vector<const Trigger*> rows;
  for (const auto& t : parent.triggers)
    if (is_row_trigger(t)) rows.push_back(&t);
  if (rows.empty()) return ExecContext::applies();
  // CloneRowTriggersToPartition creates each clone as CREATE TRIGGER would,
  // which refuses a name the relation has; on a partitioned table, the
  // creation goes on down to its partitions.
  std::vector<const Relation*> below = partitions_below(catalog, partition);
  for (const Trigger* t : rows) {
    if (has_trigger(partition, t->name))
      return ExecContext::fails("42710", "trigger \"" + t->name + "\" for relation \"" +
                                             partition.name + "\" already exists");
    for (const Relation* part : below)
      if (has_trigger(*part, t->name))
        return ExecContext::fails("42710", "trigger \"" + t->name + "\" for relation \"" +
                                               part->name + "\" already exists");
  }
  // Every clone is the parent's trigger on another relation. (Changing a
  // relation adds or removes none, so the pointers stay good.)
  for (const Trigger* t : rows) partition.triggers.push_back(clone_trigger(*t, parent, partition));
  for (const Relation* below_part : below) {
    Relation* part = catalog.relation_mut(below_part->schema, below_part->name);
    for (const Trigger* t : rows) part->triggers.push_back(clone_trigger(*t, parent, *part));
  }
  return ExecContext::applies();
}

void remove_cloned_triggers(Catalog& catalog, const Relation& parent, Relation& partition) {
  std::vector<std::string> cloned;
  for (const auto& t : parent.triggers)
    if (is_row_trigger(t)) cloned.push_back(t.name);
  auto is_clone = [&](const Trigger& own) {
    return std::find(cloned.begin(), cloned.end(), own.name) != cloned.end();
  };
  // Dropping a clone drops the clones made from it on the partitions below.
  std::erase_if(partition.triggers, is_clone);
  for (const Relation* below_part : partitions_below(catalog, partition))
    std::erase_if(catalog.relation_mut(below_part->schema, below_part->name)->triggers, is_clone);
}

const Trigger* cloned_from(const Catalog& catalog, const std::string& schema,
                           const std::string& name, const std::string& trigger,
                           const Relation** parent) {
  const Relation* r = catalog.relation(schema, name);
  if (!r || r->partition_parent.empty()) return nullptr;
  for (const auto& [k, p] : catalog.relations.all()) {
    if (quote_qualified(p.schema, p.name) != r->partition_parent) continue;
    for (const auto& t : p.triggers)
      if (t.name == trigger && is_row_trigger(t)) {
        if (parent) *parent = &p;
        return &t;
      }
    return nullptr;
  }
  return nullptr;
}

}  // namespace migsim
