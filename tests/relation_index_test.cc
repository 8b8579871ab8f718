// The catalog's lookups by what relations point at (indexes of a table,
// foreign keys referencing it, views reading it, sequences it owns, children,
// constraint names), as relations are added, changed, dropped and rolled back.

#include <catch2/catch.hpp>

#include "planner/catalog/catalog.h"

namespace migsim {

namespace {

Relation table(const std::string& schema, const std::string& name) {
  Relation r;
  r.schema = schema;
  r.name = name;
  r.kind = RelKind::kTable;
  return r;
}

Relation index_on(const std::string& schema, const std::string& name, const std::string& of) {
  Relation r = table(schema, name);
  r.kind = RelKind::kIndex;
  r.index.mut().table = of;
  return r;
}

Constraint foreign_key(const std::string& name, const std::string& ref_schema,
                       const std::string& ref_table) {
  Constraint c;
  c.name = name;
  c.kind = Constraint::Kind::kForeignKey;
  c.ref_schema = ref_schema;
  c.ref_table = ref_table;
  return c;
}

std::vector<std::string> names(const std::vector<const Relation*>& rs) {
  std::vector<std::string> out;
  for (const Relation* r : rs) out.push_back(r->schema + "." + r->name);
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("relation lookups follow adds, changes and drops", "[catalog]") {
  Catalog c;
  c.put_relation(table("public", "t"));
  c.put_relation(index_on("public", "t_b", "t"));
  c.put_relation(index_on("public", "t_a", "t"));
  c.put_relation(index_on("public", "u_a", "u"));
  CHECK(names(c.indexes_of("public", "t")) == Names{"public.t_a", "public.t_b"});
  CHECK(names(c.indexes_of("public", "u")) == Names{"public.u_a"});
  CHECK(c.indexes_of("other", "t").empty());

  // Two foreign keys to one table: the referencing table is listed once.
  Relation child = table("app", "child");
  child.constraints.push_back(foreign_key("child_a_fkey", "public", "t"));
  child.constraints.push_back(foreign_key("child_b_fkey", "public", "t"));
  c.put_relation(child);
  Relation other = table("public", "other");
  other.constraints.push_back(foreign_key("other_fkey", "", "t"));  // same schema as its table
  c.put_relation(other);
  CHECK(names(c.fkey_referencers_of("public", "t")) == Names{"app.child", "public.other"});
  CHECK(c.relation_constraint_named("app", "child_a_fkey"));
  CHECK_FALSE(c.relation_constraint_named("public", "child_a_fkey"));
  CHECK(c.relation_constraint_named("public", "other_fkey"));

  // A change that leaves what it points at alone, then one that does not.
  c.relation_mut("app", "child")->comment = "x";
  c.end_statement();
  CHECK(names(c.fkey_referencers_of("public", "t")) == Names{"app.child", "public.other"});
  c.relation_mut("app", "child")->constraints.pop_back();
  c.end_statement();
  CHECK(c.relation_constraint_named("app", "child_a_fkey"));
  CHECK_FALSE(c.relation_constraint_named("app", "child_b_fkey"));
  c.relation_mut("app", "child")->constraints.clear();
  c.end_statement();
  CHECK(names(c.fkey_referencers_of("public", "t")) == Names{"public.other"});
  CHECK_FALSE(c.relation_constraint_named("app", "child_a_fkey"));

  c.drop_relation("public", "t_a");
  CHECK(names(c.indexes_of("public", "t")) == Names{"public.t_b"});
  c.drop_relation("public", "t_b");
  CHECK(c.indexes_of("public", "t").empty());
}

TEST_CASE("relation lookups after a rollback see the catalog as it was", "[catalog]") {
  Catalog c;
  c.put_relation(table("public", "t"));
  Relation seq = table("public", "t_id_seq");
  seq.kind = RelKind::kSequence;
  seq.sequence.mut().owned_by_table = "t";
  seq.sequence.mut().owned_by_column = "id";
  c.put_relation(seq);
  c.journal.commit();
  CHECK(names(c.sequences_owned_by("public", "t")) == Names{"public.t_id_seq"});
  CHECK_FALSE(c.any_inheritance());

  size_t mark = c.journal.mark();
  c.drop_relation("public", "t_id_seq");
  Relation part = table("public", "t_2024");
  part.partition_parent = "t";
  c.put_relation(part);
  Relation view = table("public", "v");
  view.kind = RelKind::kView;
  view.depends.push_back({"public", "t", {"id"}});
  c.put_relation(view);
  c.end_statement();
  CHECK(c.sequences_owned_by("public", "t").empty());
  CHECK(c.any_inheritance());
  CHECK(names(c.inheritors_of("t")) == Names{"public.t_2024"});
  CHECK(names(c.readers_of("public", "t")) == Names{"public.v"});

  c.journal.rollback_to(mark);
  c.end_statement();
  CHECK(names(c.sequences_owned_by("public", "t")) == Names{"public.t_id_seq"});
  CHECK_FALSE(c.any_inheritance());
  CHECK(c.inheritors_of("t").empty());
  CHECK(c.readers_of("public", "t").empty());
}

}  // namespace migsim
