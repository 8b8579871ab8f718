// What migsim cannot judge in data statements, settings and DO blocks must be
// `unknown` with a reason (a real server has no single answer to record).

#include <catch2/catch.hpp>

#include <memory>

#include "parser/sql_parser.h"
#include "planner/engine/engine.h"

namespace migsim {
namespace {

/// Replays `sql` on a fresh catalog; the outcomes of its statements.
std::vector<StatementResult> replay(const std::string& sql) {
  auto source = std::make_shared<SourceFile>("test.sql", sql);
  ParsedScript script;
  InputError error;
  REQUIRE(SqlParser::parse_file(source, script, error));
  Catalog catalog;
  Engine engine(catalog);
  std::vector<StatementResult> out;
  for (const auto& s : script.statements) out.push_back(engine.execute(s));
  return out;
}

StatementResult last(const std::string& sql) {
  return replay(sql).back();
}

}  // namespace

TEST_CASE("DO blocks that migsim cannot follow are unknown", "[plpgsql]") {
  const char* blocks[] = {
      "DO $$ DECLARE n integer; BEGIN SELECT count(*) INTO n FROM pg_class; END $$;",
      "DO $$ BEGIN FOR i IN 1..3 LOOP RAISE NOTICE '%', i; END LOOP; END $$;",
      "DO $$ BEGIN EXECUTE 'CREATE TABLE ' || 'x (id int)'; END $$;",
      "CREATE TABLE t (id int); DO $$ BEGIN IF EXISTS (SELECT 1 FROM t) THEN NULL; END IF; END $$;",
      "DO $$ BEGIN CREATE TABLE a (id int); EXCEPTION WHEN others THEN NULL; END $$;",
      "DO $$ BEGIN IF (SELECT count(*) FROM pg_class) > 0 THEN NULL; END IF; END $$;",
      "DO LANGUAGE plpython3u $$ print(1) $$;",
  };
  for (const char* sql : blocks) {
    INFO(sql);
    StatementResult r = last(sql);
    CHECK(r.outcome == Outcome::kUnknown);
    CHECK_FALSE(r.message.empty());
  }
}

TEST_CASE("an EXISTS condition evaluates against the catalog", "[plpgsql]") {
  auto r = replay(
      "CREATE TABLE t (id int);"
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
      "table_name = 't' AND column_name = 'id') THEN CREATE TABLE u (); END IF; END $$;"
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
      "table_name = 't' AND column_name = 'nope') THEN CREATE TABLE u (); END IF; END $$;");
  CHECK(r[1].outcome == Outcome::kNoOp);
  CHECK(r[1].message.find("column \"id\" of relation \"t\" exists") != std::string::npos);
  CHECK(r[2].outcome == Outcome::kApplies);
}

TEST_CASE("queries migsim cannot judge are unknown", "[dml]") {
  const char* queries[] = {
      "SELECT x FROM generate_series(1, 3) g;",
      "CREATE TABLE t (a int, b int); SELECT a + 1 FROM t GROUP BY a + 1;",
      "CREATE TABLE t (a int); SELECT a INTO t2 FROM t;",
      "CREATE TABLE c (id serial); SELECT currval('c_id_seq');",
      "SELECT set_config(name, 'x', false) FROM pg_settings;",
      "SET ROLE postgres;",
      "SET TimeZone = 'Europe/Paris';",
  };
  for (const char* sql : queries) {
    INFO(sql);
    StatementResult r = last(sql);
    CHECK(r.outcome == Outcome::kUnknown);
    CHECK_FALSE(r.message.empty());
  }
}

TEST_CASE("SET LOCAL ends with its transaction", "[settings]") {
  auto source = std::make_shared<SourceFile>("t.sql", "BEGIN; SET LOCAL search_path TO x; COMMIT;");
  ParsedScript script;
  InputError error;
  REQUIRE(SqlParser::parse_file(source, script, error));
  Catalog catalog;
  Engine engine(catalog);
  engine.execute(script.statements[0]);
  engine.execute(script.statements[1]);
  CHECK(*catalog.settings.find("search_path") == "x");
  engine.execute(script.statements[2]);
  CHECK(*catalog.settings.find("search_path") == "\"$user\", public");
}

}  // namespace migsim
