// A run that writes several files (-o and --save-snapshot) writes all of them
// or none, and leaves no temporary file behind.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

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

}  // namespace
}  // namespace migsim::testing
