// A table of bad inputs for every command that reads files: each one exits 2
// with one message that names the file (and the line where it can), and no
// output file (nor a temporary one) is left behind.

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

namespace fs = std::filesystem;

std::set<std::string> entries(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

/// A good snapshot made from the bundled demo JSON.
void make_snapshot(const TempDir& dir, const std::string& name) {
  auto r = run_migsim({"snapshot", "import", "snapshots/demo.json", "-o", dir.file(name)});
  REQUIRE(r.exit_code == 0);
}

void set_user_version(const std::string& path, int version) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  std::string sql = "PRAGMA user_version = " + std::to_string(version);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

std::string deep_sql() {
  std::string sql = "CREATE TABLE t (id int);\nSELECT 1";
  for (int i = 0; i < 200'000; ++i) sql += "+1";
  return sql + ";\n";
}

/// How a bad input is made in `dir` under `name` (a file or directory).
struct BadInput {
  std::string what;
  std::string name;
  std::function<void(const TempDir&, const std::string&)> make;
  int line = 0;  ///< the line the message must name, when it can
};

/// A command line reading `in` and writing `out`.
struct Command {
  std::string what;
  std::function<std::vector<std::string>(const std::string& in, const std::string& out)> args;
};

void check_bad(const TempDir& dir, const BadInput& input, const Command& command) {
  std::string in = dir.file(input.name);
  std::string out = dir.file("out");
  auto before = entries(dir.path());
  auto r = run_migsim(command.args(in, out));
  INFO(command.what << " on " << input.what << ": " << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("migsim: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one message
  std::string where = input.line ? in + ":" + std::to_string(input.line) + ":" : in + ":";
  CHECK(r.err.find(where) != std::string::npos);
  CHECK(r.out.empty());
  CHECK_FALSE(file_exists(out));
  CHECK(entries(dir.path()) == before);
  std::error_code ec;
  fs::remove(out, ec);  // keeps one failure from spilling into the next case
}

const Command kReplay{"replay", [](auto in, auto out) {
                        return std::vector<std::string>{"replay", "-o", out, in};
                      }};
const Command kReplaySnapshot{
    "replay --snapshot", [](auto in, auto out) {
      return std::vector<std::string>{
          "replay", "--snapshot", in,
          "-o",     out,          std::string(MIGSIM_SOURCE_DIR) + "/fixtures/demo/base.sql"};
    }};
const Command kImport{"snapshot import", [](auto in, auto out) {
                        return std::vector<std::string>{"snapshot", "import", in, "-o", out};
                      }};
const Command kShow{"snapshot show", [](auto in, auto out) {
                      return std::vector<std::string>{"snapshot", "show", in, "-o", out};
                    }};
/// The bad snapshot as either side of the diff.
const Command kDiffB{"snapshot diff (B)", [](auto in, auto out) {
                       std::string good = fs::path(in).parent_path() / "good.snapshot";
                       return std::vector<std::string>{"snapshot", "diff", good, in, "-o", out};
                     }};
const Command kDiffA{"snapshot diff (A)", [](auto in, auto out) {
                       std::string good = fs::path(in).parent_path() / "good.snapshot";
                       return std::vector<std::string>{"snapshot", "diff", in, good, "-o", out};
                     }};
const Command kHistorySql{"history (SQL files)", [](auto in, auto out) {
                            return std::vector<std::string>{
                                "history", "--source-format", "sql", "--migrations", in, "-o", out};
                          }};
const Command kHistoryOffline{
    "history (Alembic offline SQL)", [](auto in, auto out) {
      return std::vector<std::string>{
          "history", "--source-format", "alembic-sql", "--migrations", in, "-o", out};
    }};

void write_bytes(const TempDir& dir, const std::string& name, const std::string& bytes) {
  dir.write(name, bytes);
}

/// Makes the demo JSON snapshot with its first `from` replaced by `to`.
std::function<void(const TempDir&, const std::string&)> demo_json_with(std::string from,
                                                                       std::string to) {
  return [=](const TempDir& d, const std::string& n) {
    std::string json = read_file(std::string(MIGSIM_SOURCE_DIR) + "/snapshots/demo.json");
    size_t at = json.find(from);
    REQUIRE(at != std::string::npos);
    d.write(n, json.replace(at, from.size(), to));
  };
}

TEST_CASE("bad input: every command exits 2 naming the file, and writes nothing") {
  TempDir dir;
  make_snapshot(dir, "good.snapshot");

  const std::string garbage("\x7f\x45\x4c\x46\x02\x01\x01\x00\xff\xfe\x00\x00\x9c\x80\x01", 15);
  std::vector<std::pair<BadInput, std::vector<Command>>> table = {
      {{"a missing file", "missing.sql", [](auto&, auto&) {}},
       {kReplay, kReplaySnapshot, kImport, kShow, kDiffA, kDiffB, kHistorySql, kHistoryOffline}},
      {{"a directory where a file belongs", "adir",
        [](const TempDir& d, const std::string& n) { fs::create_directory(d.file(n)); }},
       {kReplay, kReplaySnapshot, kImport, kShow, kDiffA, kDiffB, kHistoryOffline}},
      {{"an empty file", "empty.sql", [](const TempDir& d, auto& n) { d.write(n, ""); }},
       {kReplaySnapshot, kImport, kShow, kDiffA, kDiffB, kHistoryOffline}},
      {{"binary garbage", "garbage.bin",
        [&](const TempDir& d, auto& n) { write_bytes(d, n, garbage); }, 1},
       {kReplay, kImport, kHistorySql}},
      // Offline SQL is searched for its markers before anything else: no line to name.
      {{"binary garbage", "garbage.bin",
        [&](const TempDir& d, auto& n) { write_bytes(d, n, garbage); }},
       {kReplaySnapshot, kShow, kDiffA, kDiffB, kHistoryOffline}},
      {{"a truncated SQLite snapshot", "truncated.snapshot",
        [](const TempDir& d, auto& n) {
          std::string bytes = read_file(d.file("good.snapshot"));
          d.write(n, bytes.substr(0, bytes.size() / 2));
        }},
       {kReplaySnapshot, kShow, kDiffA, kDiffB}},
      {{"a snapshot from a newer format", "newer.snapshot",
        [](const TempDir& d, auto& n) {
          fs::copy_file(d.file("good.snapshot"), d.file(n));
          set_user_version(d.file(n), 99);
        }},
       {kReplaySnapshot, kShow, kDiffA, kDiffB}},
      {{"a damaged SQLite snapshot", "damaged.snapshot",
        [](const TempDir& d, auto& n) {
          std::string bytes = read_file(d.file("good.snapshot"));
          for (size_t i = 4096; i < bytes.size(); i += 7) bytes[i] = '\xff';
          d.write(n, bytes);
        }},
       {kReplaySnapshot, kShow, kDiffA, kDiffB}},
      {{"a truncated JSON snapshot", "truncated.json",
        [](const TempDir& d, auto& n) {
          std::string json = read_file(std::string(MIGSIM_SOURCE_DIR) + "/snapshots/demo.json");
          d.write(n, json.substr(0, json.size() / 2));
        }},
       {kImport}},
      {{"a JSON snapshot with a key missing", "missing-key.json",
        demo_json_with("\"relations\"", "\"relationz\"")},
       {kImport}},
      {{"a JSON snapshot with a value of the wrong type", "wrong-type.json",
        demo_json_with("\"format\": 1", "\"format\": \"1\"")},
       {kImport}},
      // Found by the fuzzer: converting it was undefined behaviour.
      {{"a JSON snapshot with a number beyond bigint", "huge-number.json",
        demo_json_with("\"row_estimate\": 0", "\"row_estimate\": 8.1e93")},
       {kImport}},
      {{"a JSON snapshot from a newer format", "newer.json",
        demo_json_with("\"format\": 1", "\"format\": 99")},
       {kImport}},
      {{"invalid UTF-8 on line 3", "latin1.sql",
        [](const TempDir& d, auto& n) {
          d.write(n, "CREATE TABLE t (id int);\n-- ok\nCOMMENT ON TABLE t IS 'caf\xe9';\n");
        },
        3},
       {kReplay, kHistorySql}},
      {{"a 100 MB file", "huge.sql",
        [](const TempDir& d, auto& n) {
          d.write(n, "SELECT 1;\n");
          fs::resize_file(d.file(n), 100u << 20);  // sparse: costs no disk
        }},
       {kReplay, kImport, kHistorySql, kHistoryOffline}},
      {{"a deeply nested expression on line 2", "deep.sql",
        [](const TempDir& d, auto& n) { d.write(n, deep_sql()); }, 2},
       {kReplay, kHistorySql}},
  };
  for (const auto& [input, commands] : table) {
    if (!file_exists(dir.file(input.name))) input.make(dir, input.name);
    for (const auto& command : commands) check_bad(dir, input, command);
    std::error_code ec;
    fs::remove_all(dir.file(input.name), ec);
  }
}

TEST_CASE("bad input: an unreadable file exits 2 naming it") {
  // Tests usually run as root in CI containers, and root reads any file.
  if (geteuid() == 0) {
    WARN("skipped: running as root, and chmod 000 does not stop root from reading");
    return;
  }
  TempDir dir;
  make_snapshot(dir, "good.snapshot");
  dir.write("locked.sql", "SELECT 1;\n");
  fs::copy_file(dir.file("good.snapshot"), dir.file("locked.snapshot"));
  chmod(dir.file("locked.sql").c_str(), 0);
  chmod(dir.file("locked.snapshot").c_str(), 0);
  for (const auto& command : {kReplay, kImport, kHistorySql})
    check_bad(dir, {"an unreadable file", "locked.sql", nullptr}, command);
  for (const auto& command : {kReplaySnapshot, kShow, kDiffA, kDiffB})
    check_bad(dir, {"an unreadable snapshot", "locked.snapshot", nullptr}, command);
}

TEST_CASE("bad input: an empty SQL file is an empty script, not an error") {
  TempDir dir;
  dir.write("empty.sql", "");
  auto r = run_migsim({"replay", "-o", dir.file("out"), dir.file("empty.sql")});
  CHECK(r.exit_code == 0);
  CHECK(file_exists(dir.file("out")));
}

}  // namespace
}  // namespace migsim::testing

namespace migsim::testing {

TEST_CASE("bad input: snapshot messages say what is wrong") {
  TempDir dir;
  make_snapshot(dir, "good.snapshot");
  std::string json = read_file(std::string(MIGSIM_SOURCE_DIR) + "/snapshots/demo.json");
  auto import_error = [&](const std::string& text) {
    dir.write("doc.json", text);
    auto r = run_migsim({"snapshot", "import", dir.file("doc.json"), "-o", dir.file("out")});
    CHECK(r.exit_code == 2);
    CHECK_FALSE(file_exists(dir.file("out")));
    return r.err;
  };
  std::string wrong = json;
  wrong.replace(wrong.find("\"format\": 1"), 11, "\"format\": \"1\"");
  CHECK(import_error(wrong).find("metadata: key \"format\" must be a number, not a string") !=
        std::string::npos);
  std::string missing = json;
  missing.replace(missing.find("\"relations\""), 11, "\"relationz\"");
  CHECK(import_error(missing).find("missing key \"relations\" (an array)") != std::string::npos);
  std::string not_array = json;
  not_array.replace(not_array.find("\"relations\": ["), 14, "\"relations\": {\"x\": 1}, \"y\": [");
  CHECK(import_error(not_array).find("key \"relations\" must be an array, not an object") !=
        std::string::npos);

  for (const char* number : {"8.1e93", "-1e19", "18446744073709551615"}) {
    std::string huge = json;
    huge.replace(huge.find("\"row_estimate\": 0"), 17, std::string("\"row_estimate\": ") + number);
    INFO(number);
    CHECK(import_error(huge).find("key \"row_estimate\" must be a whole number within the "
                                  "range of bigint") != std::string::npos);
  }

  fs::copy_file(dir.file("good.snapshot"), dir.file("newer.snapshot"));
  set_user_version(dir.file("newer.snapshot"), 99);
  auto r = run_migsim({"snapshot", "show", dir.file("newer.snapshot")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("snapshot format 99 is newer than this migsim") != std::string::npos);
  CHECK(r.err.find("it needs a migsim that reads format 99") != std::string::npos);
}

TEST_CASE("bad input: a DSN that cannot connect is one message, without the password") {
  TempDir dir;
  std::string nowhere = dir.file("no-server-here");
  for (const std::string& dsn : {"host=" + nowhere + " user=bob password=hunter2 dbname=x",
                                 "postgresql://bob:hunter2@/x?host=" + nowhere}) {
    INFO(dsn);
    auto r = run_migsim({"snapshot", "pull", "--dsn", dsn, "-o", dir.file("out.sqlite")});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("migsim: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("hunter2") == std::string::npos);
    CHECK(r.err.find("cannot connect") != std::string::npos);
    CHECK_FALSE(file_exists(dir.file("out.sqlite")));
  }
}

}  // namespace migsim::testing

namespace migsim::testing {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("bad input: an output is never written over one of the run's inputs") {
  TempDir dir;
  std::string sql = dir.file("m.sql");
  { std::ofstream(sql) << "CREATE TABLE t (id int);\n"; }
  make_snapshot(dir, "env.sqlite");
  std::string snapshot = dir.file("env.sqlite");
  std::string snapshot_before = read_all(snapshot);
  struct Case {
    std::string what;
    std::vector<std::string> args;
    std::string victim;
  };
  std::vector<Case> cases = {
      {"replay -o onto its SQL file", {"replay", "-o", sql, sql}, sql},
      {"replay --save-snapshot onto its base snapshot",
       {"replay", "--snapshot", snapshot, "--save-snapshot", snapshot, sql},
       snapshot},
      {"replay -o onto its base snapshot",
       {"replay", "--snapshot", snapshot, "-o", snapshot, sql},
       snapshot},
  };
  for (const auto& c : cases) {
    SECTION(c.what) {
      std::string before = read_all(c.victim);
      auto r = run_migsim(c.args);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find(c.victim + ": cannot write output: it is one of this run's inputs") !=
            std::string::npos);
      CHECK(read_all(c.victim) == before);
      CHECK(r.out.empty());
    }
  }
  CHECK(read_all(snapshot) == snapshot_before);
}

}  // namespace
}  // namespace migsim::testing
