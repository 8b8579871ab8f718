// `migsim plan` and `migsim audit` as users run them, on the bundled fixtures.

#include <catch2/catch.hpp>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("plan for dev: where it stands, and the one pending revision") {
  auto r = run_migsim({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "dev",
                       "--format", "json", "--fail-on", "never"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "\"name\":\"dev\""));
  CHECK(has(r.out, "\"mode\":\"plan\""));
  CHECK(has(r.out, "\"current\":[\"1e2bea66afb6\"],\"heads\":[\"fc3b6e7695d9\"],\"pending\":1"));
  CHECK(has(
      r.out,
      "\"id\":\"fc3b6e7695d9\",\"name\":\"consolidate_to_dual_schema\",\"status\":\"pending\""));
}

TEST_CASE("plan --save-snapshot: alembic_version holds the revisions that committed") {
  TempDir dir;
  auto show = [&](const std::string& env) {
    std::string out = dir.file(env + ".sqlite");
    auto r = run_migsim({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--env", env,
                         "--fail-on", "never", "--save-snapshot", out});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto s = run_migsim({"snapshot", "show", out});
    INFO(s.err);
    REQUIRE(s.exit_code == 0);
    return s.out;
  };
  // dev: the pending revision commits, so the row moves to it, as Alembic moves it.
  std::string dev = show("dev");
  INFO(dev);
  CHECK(has(dev, "padealing.alembic_version (alembic): 1 row"));
  CHECK(has(dev, "[{\"version_num\":\"fc3b6e7695d9\"}]"));
  // prod: the upgrade fails and rolls back, so the row stays.
  std::string prod = show("prod");
  INFO(prod);
  CHECK(has(prod, "[{\"version_num\":\"aa0f04f2fdaf\"}]"));
  // fresh: the version table itself rolls back.
  std::string fresh = show("fresh");
  INFO(fresh);
  CHECK_FALSE(has(fresh, "alembic_version"));
}

TEST_CASE("plan for prod: six revisions behind") {
  auto r = run_migsim({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "prod",
                       "--format", "json", "--fail-on", "never"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "\"current\":[\"aa0f04f2fdaf\"],\"heads\":[\"fc3b6e7695d9\"],\"pending\":6"));
}

TEST_CASE("a fresh database fails at the first revision and rolls everything back") {
  auto r = run_migsim(
      {"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--empty", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);  // a would-fail finding is an error
  CHECK(has(r.out, "\"mode\":\"fresh\""));
  CHECK(has(r.out,
            "\"id\":\"4143273be37f\",\"name\":\"initial_schema\",\"status\":\"pending\","
            "\"verdict\":\"fails\""));
  CHECK(has(r.out,
            "\"outcome\":\"fails\",\"sqlstate\":\"3F000\",\"message\":\"schema \\\"padealing\\\" "
            "does not exist\""));
  CHECK(has(r.out, "\"rule\":\"would-fail\""));
  CHECK(has(r.out,
            "\"id\":\"v2_schema\",\"name\":\"v2_schema\",\"status\":\"pending\",\"verdict\":"
            "\"skipped\""));
}

TEST_CASE("fresh runs of other tools' histories") {
  auto flyway = run_migsim({"plan", "--migrations", "fixtures/sources/flyway", "--empty"});
  INFO(flyway.err);
  CHECK(flyway.exit_code == 0);
  CHECK(has(flyway.out, "pending: 6"));
  CHECK_FALSE(has(flyway.out, "fails"));
  auto offline =
      run_migsim({"plan", "--migrations", "fixtures/pa_dealing/offline/fda9d658ebc6_to_head.sql",
                  "--empty", "--format", "json"});
  CHECK(offline.exit_code == 1);
  CHECK(has(offline.out,
            "\"verdict\":\"fails\",\"reason\":\"3F000 schema \\\"padealing\\\" does not exist"));
}

TEST_CASE("audit of dev finds the schemas created by hand") {
  auto r = run_migsim({"audit", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "dev",
                       "--format", "json", "--fail-on", "never"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "\"mode\":\"audit\""));
  CHECK(has(r.out,
            "\"rule\":\"out-of-band-object\",\"severity\":\"warning\",\"revision\":null,"
            "\"object\":\"schema padealing\""));
  CHECK(has(r.out, "\"object\":\"schema bo_airflow\""));
  CHECK(has(r.out, "\"status\":\"applied\""));
}

TEST_CASE("plan: bad usage and bad input are exit 2 with one clear message") {
  TempDir dir;
  auto no_env =
      run_migsim({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "staging"});
  CHECK(no_env.exit_code == 2);
  CHECK(has(no_env.err, "no environment 'staging' in the configuration (known: dev, prod, fresh)"));
  auto no_migrations = run_migsim({"plan", "--empty"}, dir.path());
  CHECK(no_migrations.exit_code == 2);
  CHECK(has(no_migrations.err, "no migrations"));
  // A snapshot whose version table names a revision that does not exist locally.
  std::string dev = read_file(std::string(MIGSIM_SOURCE_DIR) + "/snapshots/pa_dealing_dev.json");
  size_t at = dev.find("\"1e2bea66afb6\"");
  REQUIRE(at != std::string::npos);
  dev.replace(at, 14, "\"0badc0ffee00\"");
  dir.write("dev.json", dev);
  auto unknown = run_migsim({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--snapshot",
                             dir.file("dev.json"), "-o", dir.file("out.txt")});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err,
            "dev.json: version table padealing.alembic_version names revision "
            "'0badc0ffee00', which does not exist in"));
  CHECK_FALSE(file_exists(dir.file("out.txt")));
}

}  // namespace
}  // namespace migsim::testing

namespace migsim::testing {
namespace {

TEST_CASE("explain shows one revision and what it changes in the catalog") {
  auto r = run_migsim({"explain", "2", "--migrations", "fixtures/sources/flyway", "--empty"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "fixtures/sources/flyway/V2__create_reports.sql:1  applies"));
  CHECK(has(r.out, "+ table public.reports\n"));
  CHECK(has(r.out, "+ constraint public.reports constraint reports_owner_id_fkey\n"));
  CHECK(has(r.out, "6 differences"));
  auto json = run_migsim(
      {"explain", "2", "--migrations", "fixtures/sources/flyway", "--empty", "--format", "json"});
  CHECK(has(json.out, "\"changes\":"));
  CHECK(has(json.out, "\"id\":\"2\""));
  auto applied = run_migsim(
      {"explain", "4143273be37f", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "dev"});
  CHECK(applied.exit_code == 2);
  CHECK(has(applied.err, "revision 4143273be37f is already applied in dev"));
}

}  // namespace
}  // namespace migsim::testing

namespace migsim::testing {
namespace {

TEST_CASE("history marks where each configured environment stands") {
  auto r = run_migsim({"history", "--config", "fixtures/pa_dealing/migsim.toml"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out,
            "06750fdfd3a9 -> 1e2bea66afb6 <- current in dev, add_legacy_pad_fields_for_migration"));
  CHECK(
      has(r.out, "add_auto_approval_type -> aa0f04f2fdaf <- current in prod, add_last_trade_date"));
  auto json =
      run_migsim({"history", "--config", "fixtures/pa_dealing/migsim.toml", "--format", "json"});
  CHECK(has(json.out, "\"current_in\": [\n        \"dev\"\n      ]"));
}

}  // namespace
}  // namespace migsim::testing
