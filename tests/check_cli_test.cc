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
  auto never =
      run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml", "--fail-on", "never"});
  CHECK(never.exit_code == 0);

  TempDir dir;
  setenv("GITHUB_STEP_SUMMARY", dir.file("summary.md").c_str(), 1);
  auto summary =
      run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml", "--format", "github"});
  unsetenv("GITHUB_STEP_SUMMARY");
  CHECK(summary.exit_code == 1);
  CHECK(has(summary.out,
            "::error file=fixtures/pa_dealing/alembic/versions/4143273be37f_initial_schema.py,"
            "line=14,col=1,title=migsim would-fail (fresh)::would fail: 3F000 schema"));
  std::string md = read_file(dir.file("summary.md"));
  CHECK(has(md, "## migsim check\n"));
  CHECK(has(md, "| fresh | none | 18 |"));
}

TEST_CASE("check --changed-since reports only findings in files changed since a git revision") {
  TempDir dir;
  std::filesystem::create_directory(dir.file("versions"));
  dir.write("versions/001_a.sql", "CREATE TABLE a (id int);\nCREATE TABLE a (id int);\n");
  std::string git = "cd '" + dir.path() +
                    "' && git init -q && git -c user.email=t@t -c user.name=t "
                    "add -A && git -c user.email=t@t -c user.name=t commit -q -m base";
  REQUIRE(std::system(git.c_str()) == 0);
  dir.write("versions/002_b.sql", "CREATE TABLE b (id int);\nCREATE TABLE b (id int);\n");
  auto all = run_migsim({"check", "--migrations", "versions", "--format", "json"}, dir.path());
  CHECK(all.exit_code == 1);
  CHECK(has(all.out, "001_a.sql"));
  auto changed = run_migsim(
      {"check", "--migrations", "versions", "--format", "json", "--changed-since", "HEAD"},
      dir.path());
  INFO(changed.err);
  // 001 fails first, so 002 never runs: nothing in the changed file fails.
  CHECK(changed.exit_code == 0);
  CHECK_FALSE(has(changed.out, "\"rule\":\"would-fail\""));
  auto bad = run_migsim({"check", "--migrations", "versions", "--changed-since", "no-such-ref"},
                        dir.path());
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "git does not know the revision no-such-ref"));
}

TEST_CASE("SARIF 2.1.0: every required field, rules with their documentation") {
  auto r =
      run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml", "--format", "sarif"});
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "\"version\": \"2.1.0\""));
  CHECK(has(r.out, "\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\""));
  CHECK(has(r.out, "\"name\": \"migsim\""));
  CHECK(has(r.out, "\"id\": \"protected-schema-write\""));
  CHECK(has(r.out, "# protected-schema-write (error for pending revisions"));
  CHECK(has(r.out, "\"ruleId\": \"would-fail\""));
  CHECK(has(r.out, "\"level\": \"error\""));
  CHECK(has(r.out,
            "\"uri\": \"fixtures/pa_dealing/alembic/versions/4143273be37f_initial_schema.py\""));
  CHECK(has(r.out, "\"startLine\": 14"));
}

TEST_CASE("SARIF: a silenced finding is a result with an in-source suppression") {
  auto r = run_migsim(
      {"check", "--config", "fixtures/rules/would-fail/ignored/migsim.toml", "--format", "sarif"});
  INFO(r.err);
  CHECK(r.exit_code == 0);  // silenced: it does not fail the check
  CHECK(has(r.out, "\"ruleId\": \"would-fail\""));
  CHECK(has(r.out, "\"uri\": \"fixtures/rules/would-fail/ignored/versions/002_add.sql\""));
  CHECK(has(r.out, "\"suppressions\": [\n"));
  CHECK(has(r.out, "\"kind\": \"inSource\""));
  CHECK(has(r.out, "\"justification\": \"-- migsim:ignore would-fail\""));
  // A Python comment, naming the rule as Python writes it.
  auto py = run_migsim({"check", "--config", "fixtures/rules/multiple-heads/ignored/migsim.toml",
                        "--format", "sarif"});
  CHECK(has(py.out, "\"justification\": \"# migsim: ignore multiple-heads\""));
  // SARIF wants suppressions on every result or none: a finding that is not
  // silenced, beside one that is, says so with an empty array.
  auto mixed = run_migsim({"check", "--config",
                           "fixtures/rules/not-null-without-default/ignored/migsim.toml",
                           "--format", "sarif"});
  CHECK(mixed.exit_code == 1);
  CHECK(has(mixed.out, "\"suppressions\": [],"));
  CHECK(has(mixed.out, "\"justification\": \"-- migsim:ignore not-null-without-default\""));
  // Nothing silenced: no suppressions.
  auto none =
      run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml", "--format", "sarif"});
  CHECK_FALSE(has(none.out, "suppressions"));
}

TEST_CASE("github: one notice per environment with silenced findings, none without") {
  auto r = run_migsim({"check", "--config", "fixtures/rules/blocking-lock/ignored/migsim.toml",
                       "--format", "github"});
  INFO(r.err);
  CHECK(has(r.out,
            "::notice title=migsim (prod)::1 finding was silenced by migsim:ignore comments\n"));
  CHECK_FALSE(has(r.out, "(fresh)::"));  // nothing to silence on an empty database
  auto none =
      run_migsim({"check", "--config", "fixtures/pa_dealing/migsim.toml", "--format", "github"});
  CHECK_FALSE(has(none.out, "silenced"));
}

TEST_CASE("check and plan --format markdown: the step summary, with the silenced count") {
  auto check = run_migsim({"check", "--config", "fixtures/rules/would-fail/ignored/migsim.toml",
                           "--format", "markdown"});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(has(check.out, "## migsim check\n"));
  CHECK(has(check.out, "| fresh | none | 2 | 1 applies, 1 fails | 0 | 0 |\n"));
  CHECK(has(check.out, "_1 finding was silenced by migsim:ignore comments in fresh._\n"));
  auto plan = run_migsim({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "prod",
                          "--format", "markdown"});
  CHECK(plan.exit_code == 1);
  CHECK(has(plan.out, "## migsim plan\n"));
  CHECK(has(plan.out, "- **would-fail** (prod)"));
  auto bad = run_migsim({"plan", "--migrations", "fixtures/demo/upgrade.sql", "--format", "html"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("check --changed-since leaves out silenced findings in unchanged files too") {
  TempDir dir;
  std::filesystem::create_directory(dir.file("versions"));
  dir.write("versions/001_a.sql",
            "CREATE TABLE a (id int);\n-- migsim:ignore would-fail\nCREATE TABLE a (id int);\n");
  std::string git = "cd '" + dir.path() +
                    "' && git init -q && git -c user.email=t@t -c user.name=t "
                    "add -A && git -c user.email=t@t -c user.name=t commit -q -m base";
  REQUIRE(std::system(git.c_str()) == 0);
  dir.write("versions/002_b.sql", "CREATE TABLE b (id int);\n");
  auto all = run_migsim({"check", "--migrations", "versions", "--format", "sarif"}, dir.path());
  INFO(all.err);
  CHECK(all.exit_code == 0);
  CHECK(has(all.out, "\"kind\": \"inSource\""));
  auto changed = run_migsim(
      {"check", "--migrations", "versions", "--format", "sarif", "--changed-since", "HEAD"},
      dir.path());
  CHECK(changed.exit_code == 0);
  CHECK_FALSE(has(changed.out, "suppressions"));
}

}  // namespace
}  // namespace migsim::testing
