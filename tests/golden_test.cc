// Golden outputs: every line of tests/golden/manifest.txt runs migsim in the
// source directory and compares what it prints, byte for byte, with the file
// under tests/golden/. Each line is its own CTest test ("golden: FILE", which
// runs this test case with -c FILE). MIGSIM_UPDATE_GOLDEN=1 rewrites the files
// instead (scripts/update-goldens.sh); review the diff before committing it.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

struct Golden {
  std::string file;  ///< under tests/golden/
  int exit_code = 0;
  std::vector<std::string> args;
};

std::vector<Golden> manifest() {
  std::ifstream in(std::string(MIGSIM_SOURCE_DIR) + "/tests/golden/manifest.txt");
  std::vector<Golden> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    Golden g;
    words >> g.file >> g.exit_code;
    for (std::string a; words >> a;) g.args.push_back(a);
    out.push_back(std::move(g));
  }
  return out;
}

/// "line N: want ... / got ..." for the first line that differs.
std::string first_difference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (size_t n = 1;; ++n) {
    bool more_a = static_cast<bool>(std::getline(a, la));
    bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "the same lines, different line endings";
    if (!more_a) la = "<end of file>";
    if (!more_b) lb = "<end of output>";
    if (la != lb || !more_a || !more_b)
      return "line " + std::to_string(n) + ":\n  golden: " + la + "\n  output: " + lb;
  }
}

TEST_CASE("golden outputs", "[golden]") {
  auto goldens = manifest();
  REQUIRE(goldens.size() > 0);
  const char* update = std::getenv("MIGSIM_UPDATE_GOLDEN");
  bool updating = update && std::string(update) == "1";
  unsetenv("GITHUB_STEP_SUMMARY");  // check would append its summary there
  for (const auto& g : goldens) {
    DYNAMIC_SECTION(g.file) {
      std::string path = std::string(MIGSIM_SOURCE_DIR) + "/tests/golden/" + g.file;
      CliResult r = run_migsim(g.args);
      INFO("migsim " << [&] {
        std::string s;
        for (const auto& a : g.args) s += a + " ";
        return s;
      }());
      INFO("stderr: " << r.err);
      CHECK(r.exit_code == g.exit_code);
      CHECK(r.err.empty());
      if (updating) {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        std::ofstream(path, std::ios::binary) << r.out;
        continue;
      }
      REQUIRE(file_exists(path));
      std::string want = read_file(path);
      if (want != r.out) {
        // Leave the output beside the build for `diff -u`.
        std::filesystem::path actual = std::filesystem::current_path() / "golden-actual" / g.file;
        std::filesystem::create_directories(actual.parent_path());
        std::ofstream(actual, std::ios::binary) << r.out;
        FAIL_CHECK(
            g.file
            << " differs from the output, first at " << first_difference(want, r.out)
            << "\nfull output: " << actual.string()
            << "\n(after a deliberate change: scripts/update-goldens.sh, then review the diff)");
      }
    }
  }
}

}  // namespace
}  // namespace migsim::testing
