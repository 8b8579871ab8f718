// `migsim replay` as a user runs it: outputs, exit codes, and bad input.

#include <catch2/catch.hpp>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

TEST_CASE("replay prints one outcome per statement, in text and JSON") {
  TempDir dir;
  dir.write("m.sql",
            "CREATE SCHEMA app;\nCREATE SCHEMA IF NOT EXISTS app;\nCREATE TABLE app.t (id int);\n"
            "CREATE TABLE app.t (id int);\n");
  auto text = run_migsim({"replay", dir.file("m.sql")});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("m.sql:2:1  no-op") != std::string::npos);
  CHECK(text.out.find("42P07 relation \"t\" already exists") != std::string::npos);
  auto json = run_migsim({"replay", "--format", "json", dir.file("m.sql")});
  CHECK(json.exit_code == 0);
  CHECK(json.out.rfind("{\"format\":1,\"statements\":[", 0) == 0);
  CHECK(json.out.find("\"line\":4,\"column\":1,\"sql\":\"CREATE TABLE app.t (id int)\","
                      "\"outcome\":\"fails\",\"sqlstate\":\"42P07\","
                      "\"message\":\"relation \\\"t\\\" already exists\"") != std::string::npos);
  CHECK(json.out.find("\"outcome\":\"applies\",\"sqlstate\":null,\"message\":null") !=
        std::string::npos);
}

TEST_CASE("a base schema given with --schema builds the starting catalog silently") {
  TempDir dir;
  dir.write("base.sql", "CREATE TABLE t (id int);\n");
  dir.write("m.sql", "CREATE TABLE IF NOT EXISTS t (id int);\n");
  auto r = run_migsim({"replay", "--schema", dir.file("base.sql"), dir.file("m.sql")});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("base.sql") == std::string::npos);
  CHECK(r.out.find("relation \"t\" already exists, skipping") != std::string::npos);
}

TEST_CASE("bad input: one message naming the file and line, exit 2, no output file") {
  TempDir dir;
  dir.write("bad.sql", "CREATE TABLE a (id int);\nCREATE TABEL b (id int);\n");
  dir.write("binary.sql", std::string("\x00\x01\xfe\xff", 4));
  dir.write("unterminated.sql", "DO $$ BEGIN\n");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  std::vector<Case> cases = {
      {{"replay", dir.file("bad.sql")}, "bad.sql:2:8: syntax error at or near \"TABEL\""},
      {{"replay", dir.file("missing.sql")}, "missing.sql: cannot read file"},
      {{"replay", dir.path()}, ": is a directory, expected a file"},
      {{"replay", dir.file("binary.sql")}, "binary.sql:1:1: invalid byte sequence"},
      {{"replay", dir.file("unterminated.sql")}, "unterminated.sql:1:4: unterminated dollar"},
      {{"replay", "--schema", dir.file("bad.sql"), dir.file("binary.sql")}, "bad.sql:2:8"},
      {{"replay", "--format", "yaml", dir.file("bad.sql")}, "--format"},
      {{"replay", "--no-such-flag", dir.file("bad.sql")}, "--no-such-flag"},
      {{"no-such-command"}, "no-such-command"},
  };
  for (const auto& c : cases) {
    std::string out = dir.file("out.txt");
    auto args = c.args;
    args.push_back("-o");
    args.push_back(out);
    if (c.args.front() == "no-such-command") args = c.args;
    auto r = run_migsim(args);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(r.out.empty());
    CHECK_FALSE(file_exists(out));
  }
}

TEST_CASE("an empty file and a comment-only file replay to nothing") {
  TempDir dir;
  dir.write("empty.sql", "");
  dir.write("comments.sql", "-- only a comment\n");
  auto r =
      run_migsim({"replay", "--format", "json", dir.file("empty.sql"), dir.file("comments.sql")});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "{\"format\":1,\"statements\":[]}\n");
}

TEST_CASE("output goes to a file when asked, atomically") {
  TempDir dir;
  dir.write("m.sql", "CREATE SCHEMA app;\n");
  auto r = run_migsim({"replay", "-o", dir.file("out.txt"), dir.file("m.sql")});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(read_file(dir.file("out.txt")).find("applies") != std::string::npos);
  auto bad = run_migsim({"replay", "-o", dir.file("no/such/dir/out.txt"), dir.file("m.sql")});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("cannot write output") != std::string::npos);
}

}  // namespace
}  // namespace migsim::testing
