// Saved runs: --save writes the whole run to SQLite, and `migsim report RUN`
// renders it again, byte for byte what the command printed, in every format.
// Bad saved runs are refused with one message naming the file, exit 2.

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "planner/report/saved_run.h"
#include "planner/util/sha256.h"
#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> with(std::vector<std::string> args, std::vector<std::string> more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

/// Runs `args` once with --save, then checks that the saved run renders in
/// each of `formats` exactly as `args --format F` prints directly.
void check_round_trip(const std::vector<std::string>& args,
                      const std::vector<std::string>& formats) {
  TempDir dir;
  std::string saved = dir.file("run.sqlite");
  auto first = run_migsim(with(args, {"--save", saved}));
  INFO(first.err);
  REQUIRE(first.exit_code != 2);
  REQUIRE(file_exists(saved));
  for (const auto& format : formats) {
    INFO(args[0] + " --format " + format);
    auto direct = run_migsim(with(args, {"--format", format}));
    auto again = run_migsim({"report", saved, "--format", format});
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(direct.out == again.out);
    if (format != "github") CHECK_FALSE(direct.out.empty());  // github prints only findings
  }
}

const std::vector<std::string> kRunFormats = {"text", "json", "sarif", "github"};
const std::vector<std::string> kAllFormats = {"markdown", "text", "json", "sarif", "github"};

TEST_CASE("saved run: check, plan and audit render again byte for byte (pa_dealing)") {
  check_round_trip({"check", "--config", "fixtures/pa_dealing/migsim.toml"}, kRunFormats);
  check_round_trip({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "prod"},
                   kRunFormats);
  check_round_trip({"plan", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "dev", "--env",
                    "prod", "--env", "fresh"},
                   {"json"});
  check_round_trip({"audit", "--config", "fixtures/pa_dealing/migsim.toml", "--env", "dev"},
                   kRunFormats);
}

TEST_CASE("saved run: the status report renders again byte for byte in every format") {
  check_round_trip({"report", "--config", "fixtures/pa_dealing/migsim.toml"}, kAllFormats);
  check_round_trip({"report", "--migrations", "fixtures/sources/flyway"}, kAllFormats);
}

TEST_CASE("saved run: other fixtures render again byte for byte") {
  check_round_trip({"check", "--migrations", "fixtures/demo/upgrade.sql"}, kRunFormats);
  check_round_trip(
      {"plan", "--migrations", "fixtures/demo/upgrade.sql", "--snapshot", "snapshots/demo.json"},
      kRunFormats);
  check_round_trip({"check", "--migrations", "fixtures/sources/alembic_typed"}, kRunFormats);
}

TEST_CASE("saved run: silenced findings render again byte for byte") {
  check_round_trip({"check", "--config", "fixtures/rules/would-fail/ignored/migsim.toml"},
                   kAllFormats);
  check_round_trip(
      {"plan", "--config", "fixtures/rules/protected-schema-write/ignored/migsim.toml", "--empty"},
      kRunFormats);
  check_round_trip({"check", "--config", "fixtures/rules/blocking-lock/ignored/migsim.toml"},
                   kRunFormats);
}

TEST_CASE("saved run: a check's Markdown is its GitHub step summary") {
  TempDir dir;
  setenv("GITHUB_STEP_SUMMARY", dir.file("summary.md").c_str(), 1);
  auto direct = run_migsim(
      {"check", "--config", "fixtures/pa_dealing/migsim.toml", "--save", dir.file("run.sqlite")});
  unsetenv("GITHUB_STEP_SUMMARY");
  CHECK(direct.exit_code == 1);
  auto again = run_migsim({"report", dir.file("run.sqlite"), "--format", "markdown"});
  CHECK(again.exit_code == 0);
  CHECK(again.out == read_file(dir.file("summary.md")));
}

/// Rows of `sql` in the SQLite file at `path`, one line each, columns joined by '|'.
std::string query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
  std::string out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(s); ++i) {
      auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      out += (i ? "|" : "") + std::string(t ? t : "");
    }
    out += "\n";
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

TEST_CASE("saved run: records the inputs' paths and SHA-256, and the format version") {
  TempDir dir;
  std::string saved = dir.file("run.sqlite");
  auto r = run_migsim({"report", "--config", "fixtures/pa_dealing/migsim.toml", "--save", saved});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(query(saved, "PRAGMA user_version") == "2\n");
  CHECK(query(saved, "SELECT command FROM run") == "report\n");
  std::string src = MIGSIM_SOURCE_DIR;
  std::string config = read_file(src + "/fixtures/pa_dealing/migsim.toml");
  CHECK(query(saved, "SELECT path, size, sha256 FROM inputs WHERE role = 'config'") ==
        "fixtures/pa_dealing/migsim.toml|" + std::to_string(config.size()) + "|" +
            sha256_hex(config) + "\n");
  std::string snapshots = query(saved, "SELECT path, sha256 FROM inputs WHERE role = 'snapshot'");
  CHECK(std::count(snapshots.begin(), snapshots.end(), '\n') == 2);
  std::string first = snapshots.substr(0, snapshots.find('|'));
  CHECK(has(snapshots, sha256_hex(read_file(src + "/" + first))));
  size_t scripts = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(src + "/fixtures/pa_dealing/alembic/versions"))
    scripts += e.path().extension() == ".py";
  CHECK(query(saved, "SELECT count(*) FROM inputs WHERE role = 'migration'") ==
        std::to_string(scripts) + "\n");
  CHECK(query(saved, "SELECT count(*) > 0 FROM statements") == "1\n");
  CHECK(query(saved, "SELECT count(*) > 0 FROM findings WHERE severity = 'error'") == "1\n");
}

TEST_CASE("sha256: the FIPS 180-2 examples") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 million;
  for (int i = 0; i < 1000; ++i) million.update(std::string(1000, 'a'));
  CHECK(million.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/// A saved run of the demo check, for the bad-input cases to damage.
std::string good_run(const TempDir& dir) {
  std::string saved = dir.file("good.sqlite");
  auto r = run_migsim({"check", "--migrations", "fixtures/demo/upgrade.sql", "--save", saved});
  REQUIRE(r.exit_code == 1);
  return saved;
}

/// A copy of the saved run `from` at `to`, changed by `sql`.
void edited(const std::string& from, const std::string& to, const char* sql) {
  std::filesystem::copy_file(from, to);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(to.c_str(), &db) == SQLITE_OK);
  INFO(sql);
  CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

void expect_refused(const std::string& path, const std::string& message) {
  auto r = run_migsim({"report", path, "--format", "json", "-o", path + ".out"});
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(has(r.err, "migsim: " + path + ": " + message));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(file_exists(path + ".out"));
}

TEST_CASE("saved run: bad files are refused with one message naming the file") {
  TempDir dir;
  std::string good = good_run(dir);
  std::string bytes = read_file(good);
  REQUIRE(bytes.size() > 8192);

  dir.write("truncated.sqlite", bytes.substr(0, bytes.size() / 2));
  expect_refused(dir.file("truncated.sqlite"), "corrupt saved run");

  std::string damaged = bytes;
  for (size_t i = 4096; i < damaged.size(); i += 7) damaged[i] = static_cast<char>(0xA5 ^ i);
  dir.write("damaged.sqlite", damaged);
  expect_refused(dir.file("damaged.sqlite"), "corrupt saved run");

  dir.write("text.sqlite", "this is not a database, only text\n");
  expect_refused(dir.file("text.sqlite"), "not a migsim saved run: not an SQLite file");

  auto snap = run_migsim({"plan", "--migrations", "fixtures/demo/upgrade.sql", "--empty",
                          "--save-snapshot", dir.file("snapshot.sqlite")});
  REQUIRE(file_exists(dir.file("snapshot.sqlite")));
  expect_refused(dir.file("snapshot.sqlite"),
                 "not a migsim saved run (an SQLite file of another kind)");

  edited(good, dir.file("newer.sqlite"), "PRAGMA user_version = 3");
  expect_refused(dir.file("newer.sqlite"),
                 "saved-run format 3 is newer than this migsim (" MIGSIM_VERSION
                 ") reads (format 2)");

  expect_refused(dir.file("missing.sqlite"), "cannot open saved run: no such file");
  edited(good, dir.file("dangling.sqlite"), "UPDATE findings SET environment = 99");
  expect_refused(dir.file("dangling.sqlite"), "corrupt saved run: environment 99 does not exist");
  edited(good, dir.file("view.sqlite"),
         "DROP TABLE history; CREATE VIEW history AS SELECT 0 AS status_environment");
  expect_refused(dir.file("view.sqlite"), "corrupt saved run: table history is not a table");
  edited(good, dir.file("silenced.sqlite"), "UPDATE environments SET silenced = 1");
  expect_refused(dir.file("silenced.sqlite"),
                 "corrupt saved run: environment fresh counts 1 silenced findings but lists 0");
  edited(good, dir.file("no_silenced.sqlite"), "DROP TABLE silenced_findings");
  expect_refused(dir.file("no_silenced.sqlite"),
                 "corrupt saved run: table silenced_findings is missing");
  edited(good, dir.file("verdict.sqlite"), "UPDATE outcomes SET verdict = 'maybe'");
  expect_refused(dir.file("verdict.sqlite"), "corrupt saved run: unknown verdict 'maybe'");

  dir.write("empty.sqlite", "");
  expect_refused(dir.file("empty.sqlite"), "not a migsim saved run: the file is empty");
}

TEST_CASE("saved run: format 1, which kept only the number of silenced findings, still reads") {
  TempDir dir;
  std::vector<std::string> args = {"check", "--config",
                                   "fixtures/rules/would-fail/ignored/migsim.toml"};
  auto direct = run_migsim(with(args, {"--save", dir.file("run.sqlite")}));
  REQUIRE(direct.exit_code == 0);
  edited(dir.file("run.sqlite"), dir.file("v1.sqlite"),
         "DROP TABLE silenced_findings; PRAGMA user_version = 1");
  auto text = run_migsim({"report", dir.file("v1.sqlite"), "--format", "text"});
  INFO(text.err);
  CHECK(text.exit_code == 0);
  CHECK(text.out == direct.out);
  CHECK(has(text.out, "1 finding silenced"));
  auto sarif = run_migsim({"report", dir.file("v1.sqlite"), "--format", "sarif"});
  CHECK(sarif.exit_code == 0);
  CHECK_FALSE(has(sarif.out, "suppressions"));  // the findings themselves were not kept
}

TEST_CASE("saved run: an unwritable --save path is exit 2 and leaves no file") {
  TempDir dir;
  std::string target = dir.file("no-such-dir/run.sqlite");
  auto r = run_migsim({"check", "--migrations", "fixtures/demo/upgrade.sql", "--save", target, "-o",
                       dir.file("out.txt")});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "migsim: " + target + ": cannot write output"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(file_exists(target));
  CHECK_FALSE(file_exists(dir.file("out.txt")));
  CHECK(std::filesystem::is_empty(dir.path()));

  std::filesystem::create_directory(dir.file("ro"));
  std::filesystem::permissions(
      dir.file("ro"), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  auto ro = run_migsim(
      {"report", "--migrations", "fixtures/sources/flyway", "--save", dir.file("ro/run.sqlite")});
  std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_all);
  if (geteuid() != 0) {  // root writes anywhere
    CHECK(ro.exit_code == 2);
    CHECK(ro.out.empty());
    CHECK(std::filesystem::is_empty(dir.file("ro")));
  }

  auto dash = run_migsim({"check", "--migrations", "fixtures/demo/upgrade.sql", "--save", "-"});
  CHECK(dash.exit_code == 2);
  CHECK(has(dash.err, "--save needs a file name"));
}

TEST_CASE("report RUN: the inputs' flags do not apply to a saved run") {
  TempDir dir;
  std::string good = good_run(dir);
  auto r = run_migsim({"report", good, "--migrations", "fixtures/demo/upgrade.sql"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "a saved run is rendered on its own"));
}

TEST_CASE("saved run: read back, each revision has its statements with their detail and hint") {
  TempDir dir;
  dir.write("1_base.sql", "CREATE TABLE a (id int);\nCREATE VIEW v AS SELECT id FROM a;\n");
  dir.write("2_drop.sql", "SELECT 1;\nDROP TABLE a;\n");
  std::string saved = dir.file("run.sqlite");
  auto r = run_migsim({"plan", "--empty", "--migrations", dir.file(""), "--save", saved});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  ReportModel model;
  InputError error;
  REQUIRE(load_saved_run(saved, model, error));
  REQUIRE(model.runs.size() == 1);
  const auto& revisions = model.runs[0].revisions;
  REQUIRE(revisions.size() == 2);
  REQUIRE(revisions[0].statements.size() == 2);
  CHECK(revisions[0].statements[1].sql == "CREATE VIEW v AS SELECT id FROM a");
  CHECK(revisions[0].statements[1].location.line == 2);
  REQUIRE(revisions[1].statements.size() == 2);
  const StatementRecord& drop = revisions[1].statements[1];
  CHECK(drop.sql == "DROP TABLE a");
  CHECK(drop.result.outcome == Outcome::kFails);
  CHECK(drop.result.sqlstate == "2BP01");
  CHECK(*drop.result.detail == "view v depends on table a");
  CHECK(*drop.result.hint == "Use DROP ... CASCADE to drop the dependent objects too.");
  CHECK(revisions[1].statements[0].result.detail->empty());
}

}  // namespace
}  // namespace migsim::testing
