#include "planner/exec/trigger_clone.h"

#include <algorithm>

#include "planner/catalog/names.h"

namespace migsim {

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

void clone_row_triggers(const Relation& parent, Relation& partition) {
  for (const auto& t : parent.triggers) {
    if (!is_row_trigger(t)) continue;
    bool has = std::any_of(partition.triggers.begin(), partition.triggers.end(),
                           [&](const Trigger& own) { return own.name == t.name; });
    if (!has) partition.triggers.push_back(clone_trigger(t, parent, partition));
  }
}

void remove_cloned_triggers(const Relation& parent, Relation& partition) {
  auto cloned = [&](const Trigger& own) {
    return std::any_of(parent.triggers.begin(), parent.triggers.end(),
                       [&](const Trigger& t) { return is_row_trigger(t) && t.name == own.name; });
  };
  partition.triggers.erase(
      std::remove_if(partition.triggers.begin(), partition.triggers.end(), cloned),
      partition.triggers.end());
}

}  // namespace migsim
