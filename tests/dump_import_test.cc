// What pg_dump --schema-only writes (PostgreSQL 15) loads into the catalog the
// server has: each case is a piece of a real dump and what the catalog query
// returned for the same objects (tests/pg/snapshot_test.py checks the whole).

#include <catch2/catch.hpp>

#include "planner/snapshot/dump_import.h"

namespace migsim {
namespace {

/// Imports `sql` and requires every statement to load without a warning.
void load(const std::string& sql, Catalog& c) {
  Snapshot s;
  std::vector<DumpWarning> warnings;
  InputError error;
  REQUIRE(import_pg_dump("schema.sql", sql, c, s, warnings, error));
  for (const auto& w : warnings) INFO("line " << w.line << ": " << w.message);
  for (const auto& w : warnings) FAIL_CHECK("line " << w.line << ": " << w.message);
}

const char* const kPreamble =
    "SET client_encoding = 'UTF8';\n"
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE SCHEMA app;\n";

}  // namespace

TEST_CASE("dump: a CHECK constraint lists each column once, first use first", "[dump]") {
  Catalog c;
  load(std::string(kPreamble) +
           "CREATE TABLE app.t (id integer, no integer,\n"
           "    CONSTRAINT t_check CHECK (((no > 0) AND (id <> no))));\n",
       c);
  CHECK(c.relation("app", "t")->constraint("t_check")->columns ==
        std::vector<std::string>{"no", "id"});
}

}  // namespace migsim

namespace migsim {

TEST_CASE("dump: a partition names its parent quoted, as the catalog query does", "[dump]") {
  Catalog c;
  load("CREATE SCHEMA \"Audit\";\n"
       "CREATE TABLE \"Audit\".\"Log\" (at date) PARTITION BY RANGE (at);\n"
       "CREATE TABLE \"Audit\".p PARTITION OF \"Audit\".\"Log\" "
       "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
       "CREATE TABLE \"Audit\".\"Base\" (x int);\n"
       "CREATE TABLE \"Audit\".kid (y int) INHERITS (\"Audit\".\"Base\");\n"
       "CREATE INDEX log_at ON \"Audit\".\"Log\" (at);\n",
       c);
  CHECK(c.relation("Audit", "p")->partition_parent == "\"Audit\".\"Log\"");
  CHECK(c.relation("Audit", "kid")->inherits == std::vector<std::string>{"\"Audit\".\"Base\""});
  // The index on the parent reached the partition, and dropping the parent takes it along.
  CHECK(c.indexes_of("Audit", "p").size() == 1);
  load("DROP TABLE \"Audit\".\"Log\";\nDROP TABLE \"Audit\".\"Base\" CASCADE;\n", c);
  CHECK_FALSE(c.relation("Audit", "p"));
  CHECK_FALSE(c.relation("Audit", "kid"));
}

}  // namespace migsim

namespace migsim {

TEST_CASE("dump: ATTACH PARTITION makes the table a partition, DETACH a table again", "[dump]") {
  Catalog c;
  load(std::string(kPreamble) +
           "CREATE TABLE app.ev (kind text NOT NULL, at date) PARTITION BY LIST (kind);\n"
           "CREATE INDEX ev_at ON app.ev (at);\n"
           "CREATE TABLE app.ev_c (kind text NOT NULL, at date);\n"
           "CREATE TABLE app.ev_rest (kind text NOT NULL, at date);\n"
           "ALTER TABLE ONLY app.ev ATTACH PARTITION app.ev_c FOR VALUES IN ('c');\n"
           "ALTER TABLE ONLY app.ev ATTACH PARTITION app.ev_rest DEFAULT;\n"
           "ALTER TABLE app.ev DETACH PARTITION app.ev_rest;\n",
       c);
  const Relation* part = c.relation("app", "ev_c");
  CHECK(part->partition_parent == "app.ev");
  CHECK(part->partition_bound == "FOR VALUES IN ('c')");
  REQUIRE(c.indexes_of("app", "ev_c").size() == 1);  // the parent's index, made for it
  CHECK(c.indexes_of("app", "ev_c")[0]->name == "ev_c_at_idx");
  CHECK(c.relation("app", "ev_rest")->partition_parent.empty());
  CHECK(c.relation("app", "ev_rest")->partition_bound.empty());
}

}  // namespace migsim
