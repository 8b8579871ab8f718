// CTest runs each Catch2 test by its name; a ';' in a name splits it into
// names that match nothing, and the test would pass without running.

#include <catch2/catch.hpp>

TEST_CASE("no test name holds a semicolon") {
  const auto& config = *Catch::getCurrentContext().getConfig();
  for (const auto& tc : Catch::getAllTestCasesSorted(config)) {
    INFO(tc.name);
    CHECK(tc.name.find(';') == std::string::npos);
  }
}
