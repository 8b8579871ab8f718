// What CREATE INDEX / SEQUENCE / VIEW / TABLE extras leave in the catalog model,
// beyond the outcomes the replay cases check.

#include <catch2/catch.hpp>

#include "parser/sql_parser.h"
#include "planner/engine/engine.h"
#include "planner/exec/alter_index.h"

namespace migsim {

namespace {

/// Replays `sql` and returns the outcome of each statement.
std::vector<StatementResult> replay(Catalog& catalog, Engine& engine, ParsedScript& script,
                                    const std::string& sql) {
  auto source = std::make_shared<SourceFile>("test.sql", sql);
  InputError error;
  REQUIRE(SqlParser::parse_file(source, script, error));
  std::vector<StatementResult> out;
  for (const auto& s : script.statements) {
    if (s.kind == "AlterTableStmt" && s.node.str("objtype") == "OBJECT_INDEX") {
      ExecContext ctx{catalog, s, engine};
      out.push_back(alter_index(ctx));
    } else {
      out.push_back(engine.execute(s));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("CREATE INDEX records keys, names and predicate", "[relations]") {
  Catalog c;
  Engine e(c);
  ParsedScript s;
  auto r = replay(c, e, s,
                  "CREATE TABLE t (a integer, b text, c integer);"
                  "CREATE UNIQUE INDEX ON t (lower(b)) INCLUDE (c) WHERE a > 0;");
  REQUIRE(r[1].outcome == Outcome::kApplies);
  const Relation* idx = c.relation("public", "t_lower_c_idx");
  REQUIRE(idx);
  CHECK(idx->kind == RelKind::kIndex);
  CHECK(idx->index->unique);
  CHECK(idx->index->keys == std::vector<std::string>{"lower(b)"});
  CHECK(idx->index->include == std::vector<std::string>{"c"});
  CHECK(idx->index->predicate == "a > 0");
}

TEST_CASE("ALTER INDEX sets and resets storage parameters", "[relations]") {
  Catalog c;
  Engine e(c);
  ParsedScript s;
  auto r = replay(c, e, s,
                  "CREATE TABLE t (a integer);"
                  "CREATE INDEX ti ON t (a);"
                  "ALTER INDEX ti SET (fillfactor = 70);"
                  "ALTER INDEX ti SET (fillfactor = 70);"
                  "ALTER INDEX ti SET (fillfactor = 5);"
                  "ALTER INDEX ti SET (nosuch = 1);"
                  "ALTER INDEX t SET (fillfactor = 70);"
                  "ALTER INDEX IF EXISTS missing SET (fillfactor = 70);"
                  "ALTER INDEX ti SET TABLESPACE pg_default;"
                  "ALTER INDEX ti SET TABLESPACE fast;"
                  "ALTER INDEX ti RESET (fillfactor);");
  CHECK(r[2].outcome == Outcome::kApplies);
  CHECK(r[3].outcome == Outcome::kNoOp);
  CHECK(r[4].message == "value 5 out of bounds for option \"fillfactor\"");
  CHECK(r[5].message == "unrecognized parameter \"nosuch\"");
  CHECK(r[6].message == "\"t\" is not an index");
  CHECK(r[7].message == "relation \"missing\" does not exist, skipping");
  CHECK(r[8].outcome == Outcome::kNoOp);
  CHECK(r[9].outcome == Outcome::kUnknown);
  CHECK(r[10].outcome == Outcome::kApplies);
  CHECK(c.relation("public", "ti")->options.empty());
}

TEST_CASE("sequences keep their options and owner", "[relations]") {
  Catalog c;
  Engine e(c);
  ParsedScript s;
  replay(c, e, s,
         "CREATE TABLE t (id integer);"
         "CREATE SEQUENCE s AS integer INCREMENT -2 CACHE 5 CYCLE OWNED BY t.id;");
  const Relation* seq = c.relation("public", "s");
  REQUIRE(seq);
  CHECK(seq->sequence->type == "integer");
  CHECK(seq->sequence->increment == -2);
  CHECK(seq->sequence->min == -2147483648LL);
  CHECK(seq->sequence->max == -1);
  CHECK(seq->sequence->start == -1);
  CHECK(seq->sequence->cache == 5);
  CHECK(seq->sequence->cycle);
  CHECK(seq->sequence->owned_by_table == "t");
  CHECK(seq->sequence->owned_by_column == "id");
}

TEST_CASE("views record columns, types, dependencies and definition", "[relations]") {
  Catalog c;
  Engine e(c);
  ParsedScript s;
  auto r = replay(c, e, s,
                  "CREATE TABLE t (a integer, b text);"
                  "CREATE TABLE u (id bigint, t_a integer);"
                  "CREATE VIEW v AS SELECT x.a, y.id AS uid, 1 AS one, x.b || 'z' "
                  "FROM t x JOIN u y ON y.t_a = x.a WHERE x.b <> '';"
                  "CREATE MATERIALIZED VIEW m AS SELECT * FROM t WITH NO DATA;");
  REQUIRE(r[2].outcome == Outcome::kApplies);
  const Relation* v = c.relation("public", "v");
  REQUIRE(v);
  REQUIRE(v->columns.size() == 4);
  CHECK(v->columns[0].name == "a");
  CHECK(v->columns[0].type == "integer");
  CHECK(v->columns[1].name == "uid");
  CHECK(v->columns[1].type == "bigint");
  CHECK(v->columns[2].type == "integer");
  CHECK(v->columns[3].name == "?column?");
  CHECK(v->columns[3].type.empty());
  REQUIRE(v->depends.size() == 2);
  CHECK(v->depends[0].name == "t");
  CHECK(v->depends[0].columns == std::vector<std::string>{"a", "b"});
  CHECK(v->depends[1].columns == std::vector<std::string>{"id", "t_a"});
  CHECK(v->definition.rfind("SELECT x.a", 0) == 0);
  const Relation* m = c.relation("public", "m");
  REQUIRE(m);
  CHECK(m->kind == RelKind::kMaterializedView);
  CHECK(!m->populated);
  CHECK(m->definition == "SELECT * FROM t");
  CHECK(m->columns.size() == 2);
}

TEST_CASE("partitions and inheritance", "[relations]") {
  Catalog c;
  Engine e(c);
  ParsedScript s;
  auto r = replay(c, e, s,
                  "CREATE TABLE m (id integer, d date) PARTITION BY RANGE (d);"
                  "CREATE INDEX ON m (id);"
                  "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);"
                  "CREATE TABLE p (a integer NOT NULL, CHECK (a > 0));"
                  "CREATE TABLE c (b text, a integer) INHERITS (p);");
  const Relation* m = c.relation("public", "m");
  REQUIRE(m);
  CHECK(m->kind == RelKind::kPartitionedTable);
  CHECK(m->partition_key == "RANGE (d)");
  CHECK(c.relation("public", "m_id_idx")->kind == RelKind::kPartitionedIndex);
  const Relation* m1 = c.relation("public", "m1");
  REQUIRE(m1);
  CHECK(m1->partition_parent == "public.m");
  CHECK(m1->partition_bound == "FOR VALUES FROM ('2024-01-01') TO (MAXVALUE)");
  CHECK(m1->columns.size() == 2);
  CHECK(c.relation("public", "m1_id_idx"));
  const Relation* child = c.relation("public", "c");
  REQUIRE(child);
  CHECK(child->inherits == std::vector<std::string>{"public.p"});
  REQUIRE(child->columns.size() == 2);
  CHECK(child->columns[0].name == "a");
  CHECK(child->columns[0].not_null);
  CHECK(child->constraint("p_a_check"));
  CHECK(*r[4].notices ==
        std::vector<std::string>{"moving and merging column \"a\" with inherited definition"});
}

}  // namespace migsim
