#pragma once
// The dependencies PostgreSQL records in pg_depend, derived from the catalog
// model, and the drop plans that findDependentObjects() makes from them
// (src/backend/catalog/dependency.c). DROP, ALTER TABLE (DROP COLUMN, DROP
// CONSTRAINT, ALTER COLUMN TYPE), RENAME and TRUNCATE all ask here what
// depends on an object and how PostgreSQL names it.

#include <string>
#include <vector>

#include "planner/catalog/catalog.h"

namespace migsim {

/// One object that can be dropped or depended on.
struct ObjectRef {
  enum class Kind {
    kSchema,      ///< name
    kRelation,    ///< schema, name
    kColumn,      ///< schema, name (the relation), sub (the column)
    kDefault,     ///< default value of column `sub` of relation schema.name
    kConstraint,  ///< constraint `sub` of table schema.name
    kTrigger,     ///< trigger `sub` on table schema.name
    kType,        ///< a TypeDef: schema, name
    kFunction,    ///< schema, name, sub = Catalog::function_key
    kExtension,   ///< name
  };
  Kind kind = Kind::kRelation;
  std::string schema;
  std::string name;
  std::string sub;

  static ObjectRef schema_of(std::string name) { return {Kind::kSchema, {}, std::move(name), {}}; }
  static ObjectRef relation(std::string schema, std::string name) {
    return {Kind::kRelation, std::move(schema), std::move(name), {}};
  }
  static ObjectRef part(Kind kind, std::string schema, std::string rel, std::string sub) {
    return {kind, std::move(schema), std::move(rel), std::move(sub)};
  }
  static ObjectRef type(std::string schema, std::string name) {
    return {Kind::kType, std::move(schema), std::move(name), {}};
  }
  static ObjectRef function(const Function& f) {
    return {Kind::kFunction, f.schema, f.name, Catalog::function_key(f)};
  }
  static ObjectRef extension(std::string name) {
    return {Kind::kExtension, {}, std::move(name), {}};
  }

  bool operator==(const ObjectRef& o) const {
    return kind == o.kind && schema == o.schema && name == o.name && sub == o.sub;
  }
  bool operator<(const ObjectRef& o) const;
};

/// pg_depend.deptype: how a dependent goes when what it depends on is dropped.
enum class DepType {
  kNormal,    ///< 'n': dropping needs CASCADE
  kAuto,      ///< 'a': dropped silently along with it
  kInternal,  ///< 'i': part of it; cannot be dropped alone
};

struct Dependent {
  ObjectRef object;
  DepType type;
  /// How the dependency names what is depended on when it differs from the
  /// object itself ("type mood[]" for a column of an array of mood).
  std::string via;
};

/// The objects that depend directly on `object`, as pg_depend records them.
std::vector<Dependent> direct_dependents(const Catalog& catalog, const ObjectRef& object);

/// Partitions and inheritance children of schema.table.
std::vector<const Relation*> children_of(const Catalog& catalog, const std::string& schema,
                                         const std::string& table);

/// Foreign key constraints (of any table, schema.table included) that
/// reference schema.table, in table order.
std::vector<ObjectRef> foreign_keys_referencing(const Catalog& catalog, const std::string& schema,
                                                const std::string& table);

/// Views and materialized views that read column `column` of schema.table.
std::vector<ObjectRef> views_reading_column(const Catalog& catalog, const std::string& schema,
                                            const std::string& table, const std::string& column);

/// Other generated columns of `table` whose expression reads `column`.
std::vector<std::string> generated_columns_reading(const Relation& table,
                                                   const std::string& column);

/// True when an index uses `column` as a key, an included column, in an
/// expression or in its predicate.
bool index_uses_column(const Relation& index, const std::string& column);

/// True when an expression text calls function `f` by name (qualified or not).
bool expression_calls(const std::string& expr, const Function& f);
/// True when another function has the same name, so a call in an expression
/// text cannot be tied to one of them.
bool function_name_overloaded(const Catalog& catalog, const Function& f);
/// True when some default, CHECK or view text calls a function named like `f`.
bool function_used_in_expressions(const Catalog& catalog, const Function& f);
/// The defaults, CHECK constraints and views whose text calls `f`.
void expression_users(const Catalog& catalog, const Function& f, std::vector<Dependent>& out);

/// The object `object` is an internal part of, if any (an index backing a
/// constraint, an identity sequence, a member of an extension).
bool internal_owner(const Catalog& catalog, const ObjectRef& object, ObjectRef& owner);

/// PostgreSQL's description of an object ("table t", "constraint x on table t",
/// "column c of table t", "function f(integer)"), qualified as getObjectDescription does.
std::string describe(const Catalog& catalog, const ObjectRef& object);

/// What dropping some objects does, as performDeletion computes it.
struct DropPlan {
  std::vector<ObjectRef> objects;  ///< everything that goes, targets first
  size_t target_count = 0;
  /// Dependents that need CASCADE: "view v depends on table t" lines, in order.
  std::vector<std::string> normal_lines;
  /// The same dependents' descriptions, for "drop cascades to ..." notices.
  std::vector<std::string> cascaded;
  /// When a target is part of another object being kept: its error.
  std::string required_by_message;
  std::string required_by_hint;
};

/// A user type's (or row type's) name as format_type_be() prints it: qualified
/// unless its schema is on search_path and nothing earlier hides it.
std::string type_display(const Catalog& catalog, const std::string& schema,
                         const std::string& name);

DropPlan plan_drop(const Catalog& catalog, const std::vector<ObjectRef>& targets);

/// The failure or notice PostgreSQL gives for a plan: fills `error` (2BP01)
/// and returns false when the plan needs CASCADE (or hits an internal part);
/// otherwise fills `notices` with the "drop cascades to" notice, if any.
bool check_drop(const Catalog& catalog, const DropPlan& plan, const ObjectRef& first_target,
                bool cascade, std::string& error, std::string& detail, std::string& hint,
                std::vector<std::string>& notices);

/// Removes every object of the plan from the catalog (journaled).
/// Returns the touched-object names.
std::vector<std::string> apply_drop(Catalog& catalog, const DropPlan& plan);

}  // namespace migsim
