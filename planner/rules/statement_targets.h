#pragma once
// What a statement changes, by name, read from its SQL: which relations and
// columns, how, and whether the change is guarded (IF [NOT] EXISTS, or inside
// a DO block's condition). Findings use it; the engine does not. The replay
// reads each statement's changes from its parse tree once and keeps them on
// its record, so findings do not parse the SQL again.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parser/statement.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/statement_record.h"

namespace migsim {

struct ObjectChange {
  enum class Op {
    kCreate,
    kAddColumn,
    kAlterColumn,
    kColumnType,
    kDropColumn,
    kDrop,
    kRename,
    kOther
  };
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

/// The changes `stmt` makes as written: a schema the SQL does not name is
/// left empty, to be resolved when the changes are read. Read from its digest
/// when it has one.
std::shared_ptr<const std::vector<ObjectChange>> written_changes(const Statement& stmt);

/// What a statement's digest holds (parser/statement.h). written_changes()
/// hands out the list as a pointer that shares the digest's ownership: made
/// on the parsing thread, the digest and its count are one block, and the
/// replay's thread reads one cache line of it, not two.
struct StatementDigest {
  std::vector<ObjectChange> written_changes;
};
/// The digest of `stmt`: for set_statement_digest, which has revision bodies
/// digested where they are parsed, beside the replay.
std::shared_ptr<const StatementDigest> digest_statement(const Statement& stmt);

/// The changes of a replayed statement: those kept on its record when it ran
/// (else its SQL, parsed again), schemas resolved through `catalog`.
std::vector<ObjectChange> statement_changes(const StatementRecord& s, const Catalog& catalog);

std::string_view change_op_name(ObjectChange::Op op);

}  // namespace migsim
