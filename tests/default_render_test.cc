// Column defaults are kept as pg_get_expr() prints them. The expected texts
// are what PostgreSQL 15 printed for fixtures/cases/create_table_defaults.sql.

#include <catch2/catch.hpp>

#include "parser/sql_parser.h"
#include "planner/engine/engine.h"
#include "tests/case_file.h"

namespace migsim {
namespace {

TEST_CASE("column defaults render as pg_get_expr prints them") {
  InputError error;
  auto source =
      read_source_file(testing::source_path("fixtures/cases/create_table_defaults.sql"), error);
  REQUIRE(source);
  ParsedScript script;
  REQUIRE(SqlParser::parse_file(source, script, error));
  Catalog catalog;
  Engine engine(catalog);
  for (const auto& s : script.statements) engine.execute(s);
  const Relation* d = catalog.relation("public", "d");
  REQUIRE(d);
  std::vector<std::pair<std::string, std::string>> want = {
      {"a", "30"},
      {"b", "30"},
      {"c", "'1'::smallint"},
      {"e", "0"},
      {"f", "0"},
      {"g", "1.5"},
      {"h", "'pending'::character varying"},
      {"i", "'USD'::bpchar"},
      {"j", "'x'::text"},
      {"k", "false"},
      {"l", "true"},
      {"m", "now()"},
      {"n", "'-1'::integer"},
      {"o", "'{}'::jsonb"},
      {"p", "'2020-01-01'::date"},
      {"q", "'a'::text"},
      {"r", "2.5"},
  };
  for (const auto& [column, text] : want) {
    INFO(column);
    REQUIRE(d->column(column));
    CHECK(d->column(column)->default_expr == text);
  }
}

TEST_CASE("an enum default names its type as search_path shows it") {
  // What PostgreSQL 15 printed (pg_get_expr, search_path "$user", public) for
  // these statements: the public type unqualified, app's qualified.
  auto source = std::make_shared<SourceFile>("enum_defaults.sql", R"(
CREATE TYPE mood AS ENUM ('ok', 'bad');
CREATE SCHEMA app;
CREATE TYPE app.level AS ENUM ('low', 'high');
CREATE TABLE t (a mood DEFAULT 'ok', b app.level DEFAULT 'low', c mood[] DEFAULT '{}');
ALTER TABLE t ADD COLUMN d mood DEFAULT 'bad';
ALTER TABLE t ALTER COLUMN b SET DEFAULT 'high';
)");
  ParsedScript script;
  InputError error;
  REQUIRE(SqlParser::parse_file(source, script, error));
  Catalog catalog;
  Engine engine(catalog);
  for (const auto& s : script.statements) REQUIRE(engine.execute(s).outcome == Outcome::kApplies);
  const Relation* t = catalog.relation("public", "t");
  REQUIRE(t);
  CHECK(t->column("a")->default_expr == "'ok'::mood");
  CHECK(t->column("b")->default_expr == "'high'::app.level");
  CHECK(t->column("c")->default_expr == "'{}'::mood[]");
  CHECK(t->column("d")->default_expr == "'bad'::mood");
}

}  // namespace
}  // namespace migsim
