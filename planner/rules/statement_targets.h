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
  // Details the risk rules read.
  bool not_null_without_default = false;  ///< ADD COLUMN ... NOT NULL with no DEFAULT
  bool volatile_default = false;          ///< ADD COLUMN with a volatile default (rewrites)
  bool set_not_null = false;              ///< ALTER COLUMN SET NOT NULL (scans the table)
  bool index = false;                     ///< CREATE INDEX
  bool concurrently = false;              ///< ... CONCURRENTLY
  std::string new_type;                   ///< ALTER COLUMN TYPE: the type as written
};

/// The changes `sql` makes; unparsable text gives none.
std::vector<ObjectChange> statement_changes(std::string_view sql, const Catalog& catalog);

std::string_view change_op_name(ObjectChange::Op op);

}  // namespace migsim
