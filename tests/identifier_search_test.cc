#include <catch2/catch.hpp>

#include "planner/rules/identifier_search.h"

namespace migsim {
namespace {

TEST_CASE("identifier search: whole words, strings count, comments do not") {
  CHECK(mentions_identifier_in_code("a.py", "q = 'SELECT * FROM active_stocks'", "active_stocks"));
  CHECK_FALSE(
      mentions_identifier_in_code("a.py", "# active_stocks is unused\nx = 1", "active_stocks"));
  CHECK_FALSE(mentions_identifier_in_code("a.py", "inactive_stocks_total = 1", "active_stocks"));
  CHECK(mentions_identifier_in_code("a.py", "s = '#'; t = active_stocks", "active_stocks"));
  CHECK_FALSE(mentions_identifier_in_code("a.sql", "-- active_stocks\nSELECT 1", "active_stocks"));
  CHECK(mentions_identifier_in_code("a.sql", "SELECT '--' FROM active_stocks", "active_stocks"));
  CHECK_FALSE(mentions_identifier_in_code("a.go", "/* active_stocks */ x := 1 // active_stocks",
                                          "active_stocks"));
  CHECK(mentions_identifier_in_code("a.go", "q := \"active_stocks\"", "active_stocks"));
  CHECK(mentions_identifier_in_code("notes.txt", "# active_stocks", "active_stocks"));
}

}  // namespace
}  // namespace migsim
