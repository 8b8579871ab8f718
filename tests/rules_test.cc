// The rule table: every rule has its page, and levels from migsim.toml apply.

#include <catch2/catch.hpp>
#include <filesystem>

#include "planner/rules/rule_table.h"
#include "planner/rules/suppression.h"
#include "tests/case_file.h"
#include "tests/cli_runner.h"

namespace migsim {
namespace {

TEST_CASE("every rule has a documentation page: what it finds, an example, the fix, silencing") {
  for (const auto& r : rule_table()) {
    INFO(r.id);
    std::string page =
        testing::read_file(testing::source_path("docs/rules/" + std::string(r.id) + ".md"));
    CHECK(page.rfind("# " + std::string(r.id) + " (", 0) == 0);
    for (const char* part :
         {"**What it finds.**", "**Example.**", "**How to fix.**", "**How to silence.**"}) {
      INFO(part);
      CHECK(page.find(part) != std::string::npos);
    }
    // Only findings with a line of their own can be silenced by a comment.
    CHECK((page.find("migsim:ignore " + std::string(r.id)) != std::string::npos) ==
          (r.silencing == Silencing::kLineOrLevel));
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
  dir.write(
      "migsim.toml",
      "migrations = \"versions\"\nsource_format = \"sql\"\n[schemas.ext]\nowner = "
      "\"external\"\nnote = \"synced from elsewhere\"\n[rules]\nredundant-revision = \"off\"\n");
  std::filesystem::create_directory(dir.file("versions"));
  dir.write("versions/001_base.sql", "CREATE SCHEMA ext;\nCREATE TABLE ext.t (id int, a int);\n");
  dir.write("versions/002_guarded.sql",
            "ALTER TABLE ext.t ADD COLUMN IF NOT EXISTS a int;\n"
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
            "table_schema = 'ext' AND table_name = 't' AND column_name = 'a') THEN ALTER TABLE "
            "ext.t ADD COLUMN a int; END IF; END $$;\n");
  dir.write(
      "versions/003_real.sql",
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
  dir.write(
      "migsim.toml",
      "migrations = \"versions\"\nsource_format = \"sql\"\n[schemas.ext]\nowner = \"external\"\n");
  std::filesystem::create_directory(dir.file("versions"));
  dir.write("versions/001_base.sql",
            "CREATE SCHEMA ext;\n-- migsim:ignore protected-schema-write\nCREATE TABLE ext.t (id "
            "int);\n");
  auto r = testing::run_migsim(
      {"plan", "--config", dir.file("migsim.toml"), "--empty", "--format", "json"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  // Not among the findings, but counted, and kept with the comment that silenced it.
  CHECK(r.out.find("\"findings\":[]") != std::string::npos);
  CHECK(r.out.find("\"silenced\":1") != std::string::npos);
  CHECK(r.out.find("\"silenced_findings\":[{\"rule\":\"protected-schema-write\"") !=
        std::string::npos);
  CHECK(r.out.find("\"comment\":\"-- migsim:ignore protected-schema-write\",\"comment_line\":2}") !=
        std::string::npos);
}

}  // namespace
}  // namespace migsim

#include <sqlite3.h>

namespace migsim {
namespace {

TEST_CASE("risk rules are sized by the snapshot's statistics") {
  testing::TempDir dir;
  dir.write("base.sql",
            "CREATE TABLE big (id int PRIMARY KEY, a varchar(10), n numeric(10,2), s text);\n"
            "CREATE TABLE small (id int PRIMARY KEY, a varchar(10));\n");
  dir.write("none.sql", "");
  auto saved = testing::run_migsim({"replay", "--schema", dir.file("base.sql"), "--save-snapshot",
                                    dir.file("env.sqlite"), dir.file("none.sql")});
  REQUIRE(saved.exit_code == 0);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(dir.file("env.sqlite").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "UPDATE relations SET row_estimate = 5000000, total_bytes = 2147483648 "
                       "WHERE name = 'big'; UPDATE relations SET row_estimate = 10, total_bytes = "
                       "8192 WHERE name = 'small'; UPDATE metadata SET has_statistics = 1;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  std::filesystem::create_directory(dir.file("versions"));
  // The failing statement comes last: outside a transaction the tool stops there.
  dir.write("versions/001_risky.sql",
            "ALTER TABLE big ALTER COLUMN a TYPE varchar(20);\n"
            "ALTER TABLE big ALTER COLUMN n TYPE numeric(12,4);\n"
            "CREATE INDEX big_s_idx ON big (s);\n"
            "ALTER TABLE small ALTER COLUMN a TYPE integer USING a::integer;\n"
            "ALTER TABLE small ADD COLUMN must int NOT NULL;\n");
  dir.write("versions/002_concurrent.sql",
            "BEGIN;\nCREATE INDEX CONCURRENTLY small_a_idx ON small (a);\nCOMMIT;\n");
  auto r = testing::run_migsim({"plan", "--migrations", dir.file("versions"), "--snapshot",
                                dir.file("env.sqlite"), "--fail-on", "never"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("[not-null-without-default] ADD COLUMN must NOT NULL without a default on "
                   "public.small (10 rows, 0 MB)") != std::string::npos);
  // varchar(10) -> varchar(20) keeps the rows; numeric(10,2) -> numeric(12,4) rewrites them.
  CHECK(r.out.find("changing a from character varying(10) to character varying(20)") ==
        std::string::npos);
  CHECK(r.out.find("changing a from character varying(10) to integer rewrites public.small") !=
        std::string::npos);
  CHECK(r.out.find("[table-rewrite] changing n from numeric(10,2) to numeric(12,4) rewrites "
                   "public.big (5,000,000 rows, 2,048 MB)") != std::string::npos);
  CHECK(r.out.find("[blocking-lock] takes an ACCESS EXCLUSIVE lock on public.big (5,000,000 rows, "
                   "2,048 MB)") != std::string::npos);
  CHECK(r.out.find("[index-not-concurrent] CREATE INDEX on public.big") != std::string::npos);
  CHECK(r.out.find("[blocking-lock] takes an ACCESS EXCLUSIVE lock on public.small") ==
        std::string::npos);

  std::filesystem::create_directory(dir.file("concurrent"));
  dir.write("concurrent/001.sql",
            "BEGIN;\nCREATE INDEX CONCURRENTLY small_a_idx ON small (a);\nCOMMIT;\n");
  auto c = testing::run_migsim(
      {"plan", "--migrations", dir.file("concurrent"), "--snapshot", dir.file("env.sqlite")});
  INFO(c.out);
  CHECK(c.exit_code == 1);
  CHECK(c.out.find("[concurrently-in-transaction] CREATE INDEX CONCURRENTLY cannot run inside a "
                   "transaction block: the migration tool runs this revision in a transaction.") !=
        std::string::npos);
}

}  // namespace
}  // namespace migsim

namespace migsim {
namespace {

TEST_CASE("the status report counts the findings silenced by comments") {
  std::string dir = testing::source_path("fixtures/rules/unused-table");
  auto silenced = testing::run_migsim({"report", "--config", "ignored/migsim.toml"}, dir);
  INFO(silenced.out << silenced.err);
  REQUIRE(silenced.exit_code == 0);
  CHECK(silenced.out.find("_1 finding was silenced by migsim:ignore comments (see `migsim plan` "
                          "and `migsim audit`)._") != std::string::npos);
  CHECK(silenced.out.find("unused-table") == std::string::npos);
  auto plain = testing::run_migsim({"report", "--config", "fires/migsim.toml"}, dir);
  CHECK(plain.out.find("**unused-table** (info)") != std::string::npos);
  CHECK(plain.out.find("silenced") == std::string::npos);
}

}  // namespace
}  // namespace migsim
