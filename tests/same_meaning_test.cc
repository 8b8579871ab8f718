// snapshot diff compares expressions by meaning: pg_dump and the catalog query
// print some of them differently.

#include <catch2/catch.hpp>

#include "planner/snapshot/same_meaning.h"

namespace migsim {

TEST_CASE("expressions that differ only in how they are printed are the same", "[snapshot]") {
  CHECK(same_expression("(total >= (0)::numeric)", "total >= 0::numeric"));
  CHECK(same_expression("(VALUE ~~ '%@%'::text)", "value ~~ '%@%'::text"));
  CHECK(same_expression("((no > 0) AND (id <> no))", "(no > 0 AND id <> no)"));
  CHECK(same_expression("upper((name)::text)", "upper(name::text)"));
  CHECK(same_expression("(issued - 1)", "issued - 1"));
  CHECK_FALSE(same_expression("'new'::text", "'open'::text"));
  CHECK_FALSE(same_expression("a + b", "b + a"));
  CHECK_FALSE(same_expression("'sad'::app.mood", "'sad'::mood"));
  CHECK(same_expression("(", "("));  // not parsable: equal only as the same text
  CHECK_FALSE(same_expression("(", "(("));
  CHECK_FALSE(same_expression("", "0"));
}

TEST_CASE("view definitions: a leading space and the semicolon do not count", "[snapshot]") {
  CHECK(same_query(" SELECT users.id\n   FROM app.users\n  WHERE (users.mood <> 'sad'::app.mood);",
                   "SELECT users.id\n   FROM app.users\n  WHERE (users.mood <> 'sad'::app.mood)"));
  CHECK_FALSE(
      same_query(" SELECT users.id\n   FROM app.users;", "SELECT users.email FROM app.users"));
}

}  // namespace migsim
