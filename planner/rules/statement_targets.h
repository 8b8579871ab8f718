#pragma once
// What a statement changes, by name, read from its SQL: which relations and
// columns, how, and whether the change is guarded (IF [NOT] EXISTS, or inside
// a DO block's condition). Findings use it; the engine does not.

#include <string>
#include <string_view>
#include <vector>

#include "planner/catalog/catalog.h"

namespace migsim {

struct ObjectChange {
  enum class Op { kCreate, kAddColumn, kAlterColumn, kColumnType, kDropColumn, kDrop, kRename, kOther };
  std::string schema;  ///< resolved through `catalog`'s search_path when not written
  std::string table;   ///< the relation (or the object's name for non-relations)
  std::string column;  ///< for column changes
  Op op = Op::kOther;
  bool guarded = false;
};

/// The changes `sql` makes; unparsable text gives none.
std::vector<ObjectChange> statement_changes(std::string_view sql, const Catalog& catalog);

std::string_view change_op_name(ObjectChange::Op op);

}  // namespace migsim
