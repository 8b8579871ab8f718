// redundant-revision across environments: a revision that is a no-op in one
// environment names the environments where it is not. fixtures/rules/environments:
// 003_guard runs CREATE TABLE IF NOT EXISTS u; dev has u (made by hand), prod
// does not, stage fails at 002_column before reaching it, qa has applied it.

#include <catch2/catch.hpp>

#include "tests/case_file.h"
#include "tests/cli_runner.h"

namespace migsim {
namespace {

const char* const kRedundantInDev =
    "versions/003_guard.sql:1: warning [redundant-revision] revision 003_guard is redundant in "
    "dev: every statement is a no-op: relation \"u\" already exists, skipping";

testing::CliResult run(const std::vector<std::string>& args) {
  return testing::run_migsim(args, testing::source_path("fixtures/rules/environments"));
}

bool has(const std::string& out, const std::string& text) {
  return out.find(text) != std::string::npos;
}

TEST_CASE("plan with several --env: the redundant revision names where it is not redundant") {
  auto r = run({"plan", "--env", "dev", "--env", "prod", "--env", "stage", "--env", "qa", "--env",
                "fresh", "--fail-on", "never"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, std::string(kRedundantInDev) +
                       ". It is not redundant in prod (applies) and fresh (applies). It is not "
                       "reached in stage, where a revision before it fails, so whether it is "
                       "redundant there is not known. qa has it already.\n"));
  // Only dev has the finding.
  CHECK(r.out.find("[redundant-revision]") == r.out.rfind("[redundant-revision]"));
}

TEST_CASE("plan with one --env says nothing of other environments") {
  auto r = run({"plan", "--env", "dev", "--fail-on", "never"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, std::string(kRedundantInDev) + "\n"));
  auto j = run({"plan", "--env", "dev", "--format", "json", "--fail-on", "never"});
  CHECK_FALSE(has(j.out, "\"elsewhere\""));
}

TEST_CASE("the JSON finding lists the revision's verdict in each other environment") {
  auto r = run({"plan", "--env", "dev", "--env", "prod", "--env", "qa", "--format", "json",
                "--fail-on", "never"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out,
            "\"message\":\"revision 003_guard is redundant in dev: every statement is a "
            "no-op: relation \\\"u\\\" already exists, skipping. It is not redundant in "
            "prod (applies). qa has it already.\",\"file\":\"versions/003_guard.sql\","
            "\"line\":1,\"column\":null,\"elsewhere\":[{\"environment\":\"prod\",\"verdict\":"
            "\"applies\"},"
            "{\"environment\":\"qa\",\"verdict\":\"applied\"}]}"));
}

TEST_CASE("check relates every configured environment and a fresh database") {
  auto r = run({"check", "--fail-on", "never"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, std::string(kRedundantInDev) +
                       ". It is not redundant in prod (applies) and fresh (applies). It is not "
                       "reached in stage, where a revision before it fails, so whether it is "
                       "redundant there is not known. qa has it already.\n"));
}

TEST_CASE("the status report's redundant revisions name where they are not redundant") {
  auto r = run({"report", "--env", "dev", "--env", "prod"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out,
            "### Redundant revisions\n\n- **redundant-revision** (warning) `003_guard`: "
            "revision 003_guard is redundant in dev: every statement is a no-op: relation "
            "\"u\" already exists, skipping. It is not redundant in prod (applies) and "
            "fresh (applies). (`versions/003_guard.sql:1`)\n"));
}

TEST_CASE("several --env take no --snapshot, --empty, --current or --save-snapshot") {
  auto r = run({"plan", "--env", "dev", "--env", "prod", "--current", "001_base"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(has(r.err, "several --env"));
}

TEST_CASE("the flagship: consolidate_to_dual_schema is redundant in dev and not reached in prod") {
  // prod stops at a50909b3c7db (42701 on bo_airflow.oracle_bloomberg), a fresh database at
  // 4143273be37f (no padealing schema): neither reaches fc3b6e7695d9, so neither is named as
  // an environment where it would do something.
  auto r = testing::run_migsim(
      {"check", "--config", "fixtures/pa_dealing/migsim.toml", "--fail-on", "never"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out,
            "warning [redundant-revision] revision fc3b6e7695d9 (consolidate_to_dual_schema) "
            "is redundant in dev: every statement is a no-op: schema \"padealing\" already "
            "exists, skipping; schema \"bo_airflow\" already exists, skipping. It is not "
            "reached in prod and fresh, where a revision before it fails, so whether it is "
            "redundant there is not known.\n"));
  CHECK_FALSE(has(r.out, "It is not redundant in"));
}

}  // namespace
}  // namespace migsim
