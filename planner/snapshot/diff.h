#pragma once
// What differs between two snapshots: objects added, removed, or changed field by field.

#include <string>
#include <vector>

#include "planner/snapshot/snapshot.h"

namespace migsim {

struct SnapshotChange {
  enum class Kind { kAdded, kRemoved, kChanged };
  Kind kind = Kind::kChanged;
  std::string object;  ///< "table", "column", "index", "enum type", ...
  std::string name;    ///< qualified name ("app.users.email", "app.add(integer)")
  std::string field;   ///< kChanged: the field that differs
  std::string from;    ///< kChanged: old and new values as text
  std::string to;
};

struct DiffOptions {
  bool statistics = false;  ///< also compare row estimates and sizes
  bool rows = true;         ///< compare version tables' rows (when both snapshots hold them)
};

/// False when a snapshot was made from pg_dump --schema-only, which holds no rows: the
/// version tables' rows are then not compared.
bool rows_compared(const Snapshot& a, const Snapshot& b);

/// Every difference from (a) to (b), sorted by object name then field.
std::vector<SnapshotChange> diff_snapshots(const Catalog& a, const Snapshot& sa, const Catalog& b,
                                           const Snapshot& sb, const DiffOptions& options);

std::string diff_text(const std::vector<SnapshotChange>& changes);
std::string diff_json(const std::vector<SnapshotChange>& changes);

}  // namespace migsim
