#pragma once
// A member of a schema's relation namespace: tables, partitioned tables,
// views, materialized views, sequences, indexes, composite types, foreign tables.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "planner/catalog/column.h"
#include "planner/catalog/constraint.h"
#include "planner/util/boxed.h"

namespace migsim {

enum class RelKind : char {
  kTable = 'r',
  kPartitionedTable = 'p',
  kView = 'v',
  kMaterializedView = 'm',
  kIndex = 'i',
  kPartitionedIndex = 'I',
  kSequence = 'S',
  kCompositeType = 'c',
  kForeignTable = 'f',
};

/// The word PostgreSQL uses for a relation kind in messages ("table", "view", ...).
std::string_view relkind_word(RelKind kind);

struct IndexInfo {
  std::string table;              ///< the indexed relation, in the same schema
  std::vector<std::string> keys;  ///< column names or expression texts
  std::string method = "btree";
  std::string predicate;  ///< partial index WHERE clause
  std::vector<std::string> include;
  bool unique = false;
  bool primary = false;
  std::string constraint;  ///< the constraint that owns it, if any
  /// The index's own column names (pg_attribute of the index: "a", "lower",
  /// "expr"), keys then INCLUDE columns; empty when not known.
  std::vector<std::string> column_names;
};

struct SequenceInfo {
  std::string type = "bigint";
  int64_t start = 1;
  int64_t increment = 1;
  int64_t min = 1;
  int64_t max = INT64_MAX;
  int64_t cache = 1;
  bool cycle = false;
  std::string owned_by_table;   ///< OWNED BY table (same schema) ...
  std::string owned_by_column;  ///< ... and column
  bool identity = false;        ///< created for an identity column
};

/// A dependency of a view (or other object) on a relation and some of its columns.
struct RelationRef {
  std::string schema;
  std::string name;
  std::vector<std::string> columns;
};

struct Trigger {
  std::string name;
  std::string function;  ///< schema-qualified function name
  std::string definition;
  bool enabled = true;
  std::string comment;
};

struct Relation {
  std::string schema;
  std::string name;
  RelKind kind = RelKind::kTable;
  std::string owner;
  bool unlogged = false;
  std::vector<Column> columns;
  std::vector<Constraint> constraints;
  std::vector<Trigger> triggers;
  std::map<std::string, std::string> options;  ///< reloptions
  std::vector<std::string> acl;
  std::string comment;

  Boxed<IndexInfo> index;            ///< kind kIndex, kPartitionedIndex
  Boxed<SequenceInfo> sequence;      ///< kind kSequence
  std::string definition;            ///< views and materialized views: the query
  std::vector<RelationRef> depends;  ///< views: the relations and columns they read
  std::string partition_key;         ///< partitioned tables: PARTITION BY ...
  std::string partition_parent;  ///< partitions: the parent, quoted and qualified (quote_qualified)
  std::string partition_bound;   ///< partitions: FOR VALUES ...
  std::vector<std::string> inherits;  ///< INHERITS parents, quoted and qualified
  bool populated = true;              ///< materialized views: false after WITH NO DATA

  // What only a live database knows; -1 when the snapshot does not say.
  int64_t row_estimate = -1;
  int64_t total_bytes = -1;

  const Column* column(std::string_view name) const;
  Column* column(std::string_view name);
  const Constraint* constraint(std::string_view name) const;
  bool is_table() const { return kind == RelKind::kTable || kind == RelKind::kPartitionedTable; }
};

}  // namespace migsim
