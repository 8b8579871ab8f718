// `migsim check` as a pull-request gate, and the SARIF and GitHub writers.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("check: exit 0 when clean, 1 at --fail-on, and the GitHub step summary") {
  auto clean = run_migsim({"check", "--migrations", "fixtures/sources/flyway"});
  INFO(clean.err);
  CHECK(clean.exit_code == 0);
  auto failing = run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml"});
  CHECK(failing.exit_code == 1);
  CHECK(has(failing.out, "dev (plan)"));
  CHECK(has(failing.out, "prod (plan)"));
  CHECK(has(failing.out, "fresh (fresh)"));
  auto never = run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml", "--fail-on", "never"});
  CHECK(never.exit_code == 0);

  TempDir dir;
  setenv("GITHUB_STEP_SUMMARY", dir.file("summary.md").c_str(), 1);
  auto summary = run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml", "--format", "github"});
  unsetenv("GITHUB_STEP_SUMMARY");
  CHECK(summary.exit_code == 1);
  CHECK(has(summary.out, "::error file=fixtures/pa_dealing/alembic/versions/4143273be37f_initial_schema.py,"
                         "line=14,col=1,title=migsim would-fail (fresh)::would fail: 3F000 schema"));
  std::string md = read_file(dir.file("summary.md"));
  CHECK(has(md, "## migsim check\n"));
  CHECK(has(md, "| fresh | none | 18 |"));
}

TEST_CASE("check --changed-since reports only findings in files changed since a git revision") {
  TempDir dir;
  std::filesystem::create_directory(dir.file("versions"));
  dir.write("versions/001_a.sql", "CREATE TABLE a (id int);\nCREATE TABLE a (id int);\n");
  std::string git = "cd '" + dir.path() + "' && git init -q && git -c user.email=t@t -c user.name=t "
                    "add -A && git -c user.email=t@t -c user.name=t commit -q -m base";
  REQUIRE(std::system(git.c_str()) == 0);
  dir.write("versions/002_b.sql", "CREATE TABLE b (id int);\nCREATE TABLE b (id int);\n");
  auto all = run_migsim({"check", "--migrations", "versions", "--format", "json"}, dir.path());
  CHECK(all.exit_code == 1);
  CHECK(has(all.out, "001_a.sql"));
  auto changed = run_migsim({"check", "--migrations", "versions", "--format", "json",
                             "--changed-since", "HEAD"}, dir.path());
  INFO(changed.err);
  // 001 fails first, so 002 never runs: nothing in the changed file fails.
  CHECK(changed.exit_code == 0);
  CHECK_FALSE(has(changed.out, "\"rule\":\"would-fail\""));
  auto bad = run_migsim({"check", "--migrations", "versions", "--changed-since", "no-such-ref"}, dir.path());
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "git does not know the revision no-such-ref"));
}

TEST_CASE("SARIF 2.1.0: every required field, rules with their documentation") {
  auto r = run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml", "--format", "sarif"});
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "\"version\": \"2.1.0\""));
  CHECK(has(r.out, "\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\""));
  CHECK(has(r.out, "\"name\": \"migsim\""));
  CHECK(has(r.out, "\"id\": \"protected-schema-write\""));
  CHECK(has(r.out, "# protected-schema-write (error for pending revisions"));
  CHECK(has(r.out, "\"ruleId\": \"would-fail\""));
  CHECK(has(r.out, "\"level\": \"error\""));
  CHECK(has(r.out, "\"uri\": \"fixtures/pa_dealing/alembic/versions/4143273be37f_initial_schema.py\""));
  CHECK(has(r.out, "\"startLine\": 14"));
}

}  // namespace
}  // namespace migsim::testing
