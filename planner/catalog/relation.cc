#include "planner/catalog/relation.h"

namespace migsim {

std::string_view relkind_word(RelKind kind) {
  switch (kind) {
    case RelKind::kTable:
    case RelKind::kPartitionedTable:
      return "table";
    case RelKind::kView:
      return "view";
    case RelKind::kMaterializedView:
      return "materialized view";
    case RelKind::kIndex:
    case RelKind::kPartitionedIndex:
      return "index";
    case RelKind::kSequence:
      return "sequence";
    case RelKind::kCompositeType:
      return "type";
    case RelKind::kForeignTable:
      return "foreign table";
  }
  return "relation";
}

const Column* Relation::column(std::string_view n) const {
  for (const auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

Column* Relation::column(std::string_view n) {
  for (auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}

const Constraint* Relation::constraint(std::string_view n) const {
  for (const auto& c : constraints)
    if (c.name == n) return &c;
  return nullptr;
}

}  // namespace migsim
