// The rule table: every rule has its page, and levels from migsim.toml apply.

#include <catch2/catch.hpp>
#include <filesystem>

#include "planner/rules/rule_table.h"
#include "planner/rules/suppression.h"
#include "tests/case_file.h"
#include "tests/cli_runner.h"

namespace migsim {
namespace {

TEST_CASE("every rule has a documentation page") {
  for (const auto& r : rule_table()) {
    INFO(r.id);
    std::string page = testing::read_file(testing::source_path("docs/rules/" + std::string(r.id) + ".md"));
    CHECK(page.rfind("# " + std::string(r.id) + " (", 0) == 0);
    CHECK(page.find("**What it finds.**") != std::string::npos);
  }
}

TEST_CASE("migsim rules lists every rule with its default severity") {
  auto r = testing::run_migsim({"rules"});
  CHECK(r.exit_code == 0);
  for (const auto& rule : rule_table()) {
    CHECK(r.out.find(std::string(rule.id)) != std::string::npos);
  }
}

TEST_CASE("protected-schema-write grades each revision's writes to another system's schema") {
  testing::TempDir dir;
  dir.write("migsim.toml",
            "migrations = \"versions\"\nsource_format = \"sql\"\n[schemas.ext]\nowner = "
            "\"external\"\nnote = \"synced from elsewhere\"\n[rules]\nredundant-revision = \"off\"\n");
  std::filesystem::create_directory(dir.file("versions"));
  dir.write("versions/001_base.sql", "CREATE SCHEMA ext;\nCREATE TABLE ext.t (id int, a int);\n");
  dir.write("versions/002_guarded.sql",
            "ALTER TABLE ext.t ADD COLUMN IF NOT EXISTS a int;\n"
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
            "table_schema = 'ext' AND table_name = 't' AND column_name = 'a') THEN ALTER TABLE "
            "ext.t ADD COLUMN a int; END IF; END $$;\n");
  dir.write("versions/003_real.sql",
            "ALTER TABLE ext.t ADD COLUMN b text;\nALTER TABLE ext.t ALTER COLUMN a TYPE bigint;\n");
  auto r = testing::run_migsim({"plan", "--config", dir.file("migsim.toml"), "--empty"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("002_guarded.sql:1: error [protected-schema-write] revision 002_guarded writes "
                   "to ext, owned by another system (synced from elsewhere): t (1 column). Impact "
                   "LOW: every such statement is a no-op in fresh.") != std::string::npos);
  CHECK(r.out.find("003_real.sql:1: error [protected-schema-write] revision 003_real writes to "
                   "ext, owned by another system (synced from elsewhere): t (2 columns). Impact "
                   "HIGH: it drops or changes the type of objects in ext.") != std::string::npos);
  CHECK(r.out.find("redundant-revision") == std::string::npos);  // turned off in [rules]
}

}  // namespace
}  // namespace migsim

namespace migsim {
namespace {

TEST_CASE("unused-table: the flagship's empty active_stocks, with its evidence") {
  auto r = testing::run_migsim({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--env",
                                "dev", "--format", "json", "--fail-on", "never"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"rule\":\"unused-table\",\"severity\":\"info\",\"revision\":\"4143273be37f\","
                   "\"object\":\"table padealing.active_stocks\",\"message\":\"table "
                   "padealing.active_stocks looks unused and safe to drop: it is empty (0 rows in "
                   "dev); no foreign key references it or leaves it; no view reads it; no code "
                   "under src, tests mentions it; only revision 4143273be37f (initial_schema), "
                   "which created it, mentions it.") != std::string::npos);
  // Only that table: the others have rows, foreign keys or code that reads them.
  CHECK(r.out.find("\"rule\":\"unused-table\"") == r.out.rfind("\"rule\":\"unused-table\""));
}

}  // namespace
}  // namespace migsim

namespace migsim {
namespace {

TEST_CASE("a finding is silenced by a migsim:ignore comment, and the report counts it") {
  CHECK(line_silences("-- migsim:ignore protected-schema-write", "protected-schema-write"));
  CHECK(line_silences("    op.execute(x)  # migsim: ignore would-fail, protected-schema-write",
                      "protected-schema-write"));
  CHECK(line_silences("-- migsim:ignore all", "would-fail"));
  CHECK_FALSE(line_silences("-- migsim:ignore would-fail", "protected-schema-write"));
  CHECK_FALSE(line_silences("SELECT 'migsim:ignore would-fail'", "would-fail"));

  testing::TempDir dir;
  dir.write("migsim.toml",
            "migrations = \"versions\"\nsource_format = \"sql\"\n[schemas.ext]\nowner = \"external\"\n");
  std::filesystem::create_directory(dir.file("versions"));
  dir.write("versions/001_base.sql",
            "CREATE SCHEMA ext;\n-- migsim:ignore protected-schema-write\nCREATE TABLE ext.t (id int);\n");
  auto r = testing::run_migsim({"plan", "--config", dir.file("migsim.toml"), "--empty", "--format", "json"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("protected-schema-write") == std::string::npos);
  CHECK(r.out.find("\"silenced\":1") != std::string::npos);
}

}  // namespace
}  // namespace migsim
