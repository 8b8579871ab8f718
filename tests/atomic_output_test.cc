// A run that writes several files (-o and --save-snapshot) writes all of them
// or none, and leaves no temporary file behind.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <simdjson.h>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

namespace fs = std::filesystem;

const std::string kBase = std::string(MIGSIM_SOURCE_DIR) + "/fixtures/demo/base.sql";

size_t count(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST_CASE("outputs: replay -o and --save-snapshot appear together or not at all") {
  TempDir dir;
  // The snapshot cannot be written (its path is a directory): no report either.
  fs::create_directory(dir.file("snap"));
  auto r =
      run_migsim({"replay", "-o", dir.file("out.txt"), "--save-snapshot", dir.file("snap"), kBase});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "migsim: " + dir.file("snap") + ": cannot write output: is a directory\n");
  CHECK_FALSE(file_exists(dir.file("out.txt")));
  CHECK(count(dir.path()) == 1);
  // The report cannot be written (no such directory): no snapshot either.
  r = run_migsim({"replay", "-o", dir.file("missing/out.txt"), "--save-snapshot",
                  dir.file("s.sqlite"), kBase});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("migsim: " + dir.file("missing/out.txt") + ": cannot write output", 0) == 0);
  CHECK_FALSE(file_exists(dir.file("s.sqlite")));
  CHECK(count(dir.path()) == 1);
  // The same file named twice.
  r = run_migsim({"replay", "-o", dir.file("x"), "--save-snapshot", dir.file("x"), kBase});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "migsim: " + dir.file("x") + ": named twice as an output of the same run\n");
  CHECK(count(dir.path()) == 1);
  // Both written; an existing report is replaced whole.
  dir.write("out.txt", "old");
  r = run_migsim(
      {"replay", "-o", dir.file("out.txt"), "--save-snapshot", dir.file("s.sqlite"), kBase});
  CHECK(r.exit_code == 0);
  CHECK(read_file(dir.file("out.txt")).find("applies") != std::string::npos);
  CHECK(file_exists(dir.file("s.sqlite")));
  CHECK(count(dir.path()) == 3);
}

TEST_CASE("outputs: plan -o and --save-snapshot appear together or not at all") {
  TempDir dir;
  fs::create_directory(dir.file("snap"));
  auto r = run_migsim({"plan", "--migrations", "fixtures/rules/missing-object/fires/versions",
                       "--source-format", "sql", "--empty", "-o", dir.file("plan.txt"),
                       "--save-snapshot", dir.file("snap")});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "migsim: " + dir.file("snap") + ": cannot write output: is a directory\n");
  CHECK(count(dir.path()) == 1);
  r = run_migsim({"plan", "--migrations", "fixtures/rules/missing-object/fires/versions",
                  "--source-format", "sql", "--empty", "-o", dir.file("plan.txt"),
                  "--save-snapshot", dir.file("after.sqlite")});
  CHECK(r.exit_code == 0);
  CHECK(file_exists(dir.file("plan.txt")));
  CHECK(file_exists(dir.file("after.sqlite")));
}

TEST_CASE("outputs: a run stopped by a signal leaves no temporary file") {
  TempDir dir;
  // SIGPIPE on stdout after the outputs are staged: the shell's `| true` closes the pipe
  // early; whatever the timing, the directory holds the finished files or nothing.
  std::string cmd = std::string("cd ") + MIGSIM_SOURCE_DIR + " && " + MIGSIM_BINARY +
                    " replay --save-snapshot " + dir.file("s.sqlite") + " " + kBase +
                    " | head -c 1 >/dev/null";
  CHECK(std::system(cmd.c_str()) == 0);
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("outputs: a JSON report of several megabytes is written whole, to a file or stdout") {
  // Written a megabyte at a time as it is made: the pieces must join into one
  // valid report with every statement, the same in a file and on stdout.
  TempDir dir;
  fs::create_directory(dir.file("versions"));
  const int revisions = 120, per_revision = 40;
  for (int r = 1; r <= revisions; ++r) {
    std::string sql;
    for (int s = 0; s < per_revision; ++s) {
      std::string t = "t_" + std::to_string(r) + "_" + std::to_string(s);
      sql += "CREATE TABLE " + t + " (id bigint PRIMARY KEY, note text DEFAULT '" +
             std::string(300, 'x') + "');\n";
    }
    char name[32];
    std::snprintf(name, sizeof name, "versions/%04d_rev.sql", r);
    dir.write(name, sql);
  }
  std::vector<std::string> args = {"plan", "--migrations", dir.file("versions"), "--source-format",
                                   "sql",  "--empty",      "--format",           "json"};
  auto to_stdout = run_migsim(args);
  args.insert(args.end(), {"-o", dir.file("plan.json")});
  auto to_file = run_migsim(args);
  REQUIRE(to_stdout.exit_code == 0);
  REQUIRE(to_file.exit_code == 0);
  std::string text = read_file(dir.file("plan.json"));
  CHECK(text.size() > (2u << 20));
  CHECK(text == to_stdout.out);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(text).get(doc) == simdjson::SUCCESS);
  size_t statements = 0;
  std::string_view last;
  for (simdjson::dom::element env : simdjson::dom::array(doc["environments"]))
    for (simdjson::dom::element rev : simdjson::dom::array(env["revisions"]))
      for (simdjson::dom::element s : simdjson::dom::array(rev["statements"])) {
        ++statements;
        last = std::string_view(s["sql"]);
      }
  CHECK(statements == size_t{revisions} * per_revision);
  CHECK(last.rfind("CREATE TABLE t_120_39 ", 0) == 0);
}

}  // namespace
}  // namespace migsim::testing
