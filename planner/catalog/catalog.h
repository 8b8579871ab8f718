#pragma once
// The model of one PostgreSQL 15 database's catalog that statements replay on.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "planner/catalog/function.h"
#include "planner/catalog/journal.h"
#include "planner/catalog/object_map.h"
#include "planner/catalog/relation.h"
#include "planner/catalog/schema.h"
#include "planner/catalog/type.h"

namespace migsim {

class Catalog {
 public:
  /// An empty database as `createdb` makes it: schema public, the default search_path.
  Catalog();
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  /// Key of a schema-qualified object in the maps below.
  static std::string key(std::string_view schema, std::string_view name);

  Journal journal;
  ObjectMap<Schema> schemas{journal};
  ObjectMap<Relation> relations{journal};
  ObjectMap<TypeDef> types{journal};
  ObjectMap<Function> functions{journal};  ///< keyed by key(schema, name) + '(' + arg types + ')'
  ObjectMap<Extension> extensions{journal};
  ObjectMap<std::string> settings{journal};  ///< session settings (search_path, ...)
  /// Roles known to exist, by name (from the snapshot; an empty catalog knows
  /// postgres). PostgreSQL's predefined pg_* roles are implied, see role_exists().
  ObjectMap<std::string> roles{journal};
  /// Role memberships, keyed key(role, member); the value is the grantor.
  ObjectMap<std::string> role_members{journal};

  /// True for a known role or one of PostgreSQL 15's predefined roles.
  bool role_exists(std::string_view name) const;

  const Relation* relation(std::string_view schema, std::string_view name) const {
    return relations.find(key(schema, name));
  }
  Relation* relation_mut(std::string_view schema, std::string_view name) {
    return relations.find_mut(key(schema, name));
  }
  /// Adds or replaces a relation under its own schema and name.
  Relation& put_relation(Relation&& r) {
    std::string k = key(r.schema, r.name);
    return relations.put(k, std::move(r));
  }
  Relation& put_relation(const Relation& r) { return put_relation(Relation(r)); }
  void drop_relation(std::string_view schema, std::string_view name) {
    relations.erase(key(schema, name));
  }
  TypeDef& put_type(TypeDef t) {
    std::string k = key(t.schema, t.name);
    return types.put(k, std::move(t));
  }
  /// Key of a function: schema, name and input argument types.
  static std::string function_key(const Function& f);
  Function& put_function(Function f) {
    std::string k = function_key(f);
    return functions.put(k, std::move(f));
  }
  const TypeDef* type(std::string_view schema, std::string_view name) const {
    return types.find(key(schema, name));
  }

  /// The role statements run as (the snapshot's user, or "postgres").
  std::string current_user() const;

  /// The schemas of search_path that exist, in order ($user resolved; pg_catalog not included).
  std::vector<std::string> search_path() const;
  /// The schema an unqualified CREATE goes to; empty when none exists (3F000).
  std::string creation_schema() const;

  /// Finds a relation by possibly-unqualified name; fills `schema` with where it was found.
  const Relation* lookup_relation(std::string_view schema, std::string_view name,
                                  std::string* found_schema = nullptr) const;
  /// Finds a user type by possibly-unqualified name.
  const TypeDef* lookup_type(std::string_view schema, std::string_view name,
                             std::string* found_schema = nullptr) const;

  /// True when `schema` is visible through search_path, so its objects print unqualified.
  bool schema_visible(std::string_view schema) const;

  /// Every relation in `schema`, sorted by name.
  std::vector<const Relation*> relations_in(std::string_view schema) const;
  /// Every index whose table is schema.table.
  std::vector<const Relation*> indexes_of(std::string_view schema, std::string_view table) const;

  // Candidates for the lookups that would otherwise scan every relation: each
  // returns, in key order, a superset of the relations the caller filters for.
  /// Relations whose partition_parent or inherits name `qualified` (quote_qualified).
  std::vector<const Relation*> inheritors_of(const std::string& qualified) const;
  /// False when no relation has a partition_parent or inherits at all (most
  /// histories): inheritors_of would find nothing for any name.
  bool any_inheritance() const;
  /// Relations with a foreign key whose referenced table is schema.table.
  std::vector<const Relation*> fkey_referencers_of(std::string_view schema,
                                                   std::string_view table) const;
  /// Relations whose `depends` names schema.name.
  std::vector<const Relation*> readers_of(std::string_view schema, std::string_view name) const;
  /// Sequences in `schema` whose owned_by_table is `table`.
  std::vector<const Relation*> sequences_owned_by(std::string_view schema,
                                                  std::string_view table) const;
  /// True when a relation in `schema` has a constraint named `name`.
  bool relation_constraint_named(std::string_view schema, std::string_view name) const;

  /// Ends a statement: objects it held mutable are final (see ObjectMap::end_statement).
  void end_statement();

 private:
  struct RelationIndex;
  const RelationIndex& relation_index() const;
  /// Relations entered under (kind, schema, name), in key order; a superset.
  std::vector<const Relation*> relations_for(int kind, std::string_view schema,
                                             std::string_view name) const;
  mutable std::unique_ptr<RelationIndex> relation_index_;
  /// any_inheritance's reading of the relation map's pending changes: how many
  /// it has looked at since the index last took them, and whether one of them
  /// had a parent.
  mutable size_t inheritance_scanned_ = 0;
  mutable bool inheritance_pending_ = false;
};

}  // namespace migsim
