#pragma once
// ALTER TABLE: the table being altered and one function per subcommand family
// (alter_table_columns.cc, alter_table_constraints.cc, alter_table_misc.cc).

#include <string>

#include "planner/engine/exec_context.h"
#include "planner/exec/dependencies.h"

namespace migsim {

/// The table an ALTER TABLE statement works on, found once and re-fetched
/// (journaled) by each subcommand that changes it.
struct AlterTarget {
  ExecContext& ctx;
  std::string schema;
  std::string name;

  const Relation& get() const { return *ctx.catalog.relation(schema, name); }
  Relation& mut() { return *ctx.catalog.relation_mut(schema, name); }
  /// The relation to change in place, journaling `undo` instead of a copy
  /// of it (ObjectMap::find_mut_undo).
  template <class Undo>
  Relation& mut_undo(Undo undo) {
    return *ctx.catalog.relations.find_mut_undo(Catalog::key(schema, name), std::move(undo));
  }
};

// Columns (alter_table_columns.cc)
StatementResult at_add_column(AlterTarget& t, Node cmd);
StatementResult at_drop_column(AlterTarget& t, Node cmd);
StatementResult at_alter_column_type(AlterTarget& t, Node cmd);
/// The checks PostgreSQL makes on ALTER COLUMN TYPE before any subcommand runs
/// (its USING expression's columns, then the column); false with `error` set.
bool at_alter_column_type_precheck(AlterTarget& t, Node cmd, StatementResult& error);
StatementResult at_column_default(AlterTarget& t, Node cmd);
StatementResult at_set_not_null(AlterTarget& t, Node cmd, bool not_null);

// Identity columns (alter_table_identity.cc)
StatementResult at_add_identity(AlterTarget& t, Node cmd);
StatementResult at_drop_identity(AlterTarget& t, Node cmd);
StatementResult at_set_identity(AlterTarget& t, Node cmd);

// Constraints (alter_table_constraints.cc)
StatementResult at_add_constraint(AlterTarget& t, Node cmd);
StatementResult at_drop_constraint(AlterTarget& t, Node cmd);
StatementResult at_validate_constraint(AlterTarget& t, Node cmd);

// Table-level settings (alter_table_misc.cc)
StatementResult at_change_owner(AlterTarget& t, Node cmd);
StatementResult at_set_options(AlterTarget& t, Node cmd, bool reset);
StatementResult at_enable_trigger(AlterTarget& t, Node cmd, std::string_view subtype);
StatementResult at_set_logged(AlterTarget& t, bool logged);

// Partitions (alter_table_partition.cc)
StatementResult at_attach_partition(AlterTarget& t, Node cmd);
StatementResult at_detach_partition(AlterTarget& t, Node cmd);

/// `column "c" of relation "t" does not exist` (42703).
StatementResult missing_column(const AlterTarget& t, const std::string& column);

/// Drops a column or constraint and what depends on it, as DROP plans it
/// (2BP01 without CASCADE); of the "drop cascades to" notice only its first
/// line is kept, as ALTER TABLE reports its subcommands' notices.
StatementResult drop_table_part(Catalog& catalog, const ObjectRef& target, bool cascade);

}  // namespace migsim
