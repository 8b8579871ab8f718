// `migsim history` end to end: output, JSON, config and exit codes.

#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace {

struct Run {
  int status = -1;
  std::string out;
};

Run migsim(const std::string& args) {
  std::string cmd = std::string(MIGSIM_BINARY) + " " + args + " 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string fixture(const std::string& relative) {
  return std::string(MIGSIM_SOURCE_DIR) + "/fixtures/" + relative;
}

TEST_CASE("history: a good Alembic history", "[cli]") {
  Run r = migsim("history --migrations " + fixture("sources/alembic_typed"));
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("(alembic), 4 revisions; heads: 0004"));
  CHECK_THAT(r.out, Catch::Contains("0002, 0003 -> 0004 (head) (merge), merge balance and ledger"));
  CHECK_THAT(r.out, Catch::Contains("<base> -> 0001 (base) (branchpoint) [core], create accounts"));
}

TEST_CASE("history: JSON", "[cli]") {
  Run r =
      migsim("history --format json --migrations " + fixture("alembic_offline/upgrade_heads.sql"));
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("\"format\": \"alembic-sql\""));
  CHECK_THAT(r.out, Catch::Contains("\"bookkeeping_statements\": 2"));
  CHECK_THAT(r.out, Catch::Contains("\"rule\": \"multiple-heads\""));
}

TEST_CASE("history: broken graphs exit 2 naming the files", "[cli]") {
  Run r = migsim("history --migrations " + fixture("sources/alembic_broken/duplicate"));
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("migsim: ") && Catch::Contains("aaa_first.py:13: ") &&
                        Catch::Contains("declared twice") && Catch::Contains("aaa_second.py"));
  r = migsim("history --migrations " + fixture("sources/alembic_broken/cycle"));
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("revisions form a cycle"));
  r = migsim("history --migrations " + fixture("sources/alembic_broken/syntax_error"));
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("bbb_broken.py:11:17: unterminated string literal"));
  r = migsim("history --migrations " + fixture("sources/alembic_broken/dangling"));
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("error missing-down-revision"));
}

TEST_CASE("history: migrations and format from migsim.toml", "[cli]") {
  std::string dir = std::string(MIGSIM_SOURCE_DIR) + "/fixtures/sources";
  std::string config = "/tmp/migsim_history_test_" + std::to_string(getpid()) + ".toml";
  {
    std::ofstream f(config);
    f << "migrations = \"" << dir << "/dbmate\"\nsource_format = \"dbmate\"\n";
  }
  Run r = migsim("history --config " + config);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("(dbmate), 3 revisions"));
  CHECK_THAT(r.out, Catch::Contains("(no transaction)"));
  {
    std::ofstream f(config);
    f << "migrations = \"x\"\n\n[alembic]\nversion_tabel = \"v\"\n";
  }
  r = migsim("history --config " + config);
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains(config + ":4:1: unknown key \"alembic.version_tabel\""));
  std::remove(config.c_str());
  r = migsim("history --source-format flyway --migrations " + dir + "/sql");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("not a Flyway migration name"));
}

}  // namespace

namespace {

TEST_CASE("history: ./migsim.toml by default, paths relative to it", "[cli]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("migsim_history_cwd_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "db" / "versions");
  fs::copy(fixture("sources/alembic_typed"), dir / "db" / "versions");
  std::ofstream(dir / "migsim.toml") << "migrations = \"db/versions\"\n";
  // Run from the directory holding migsim.toml.
  std::string cmd = "cd '" + dir.string() + "' && " + MIGSIM_BINARY + " history";
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  INFO(out);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_THAT(out, Catch::Contains("history: db/versions (alembic), 4 revisions"));
  fs::remove_all(dir);
}

}  // namespace
