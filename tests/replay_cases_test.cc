// Runs every replay case under fixtures/cases: each statement's outcome, and
// for failures the SQLSTATE and message, must be what PostgreSQL 15 said.

#include <catch2/catch.hpp>

#include "parser/sql_parser.h"
#include "planner/engine/engine.h"
#include "tests/case_file.h"

namespace migsim {

TEST_CASE("replay cases", "[case]") {
  for (const auto& relative : testing::case_files()) {
    DYNAMIC_SECTION(relative) {
      InputError error;
      auto source = read_source_file(testing::source_path(relative), error);
      REQUIRE(source);
      ParsedScript script;
      INFO(error.to_string());
      REQUIRE(SqlParser::parse_file(source, script, error));
      std::string expect_error;
      auto expectations = testing::read_expectations(source->text(), expect_error);
      INFO(expect_error);
      REQUIRE(expect_error.empty());
      REQUIRE(expectations.size() == script.statements.size());
      Catalog catalog;
      Engine engine(catalog);
      for (size_t i = 0; i < script.statements.size(); ++i) {
        const Statement& stmt = script.statements[i];
        const auto& want = expectations[i];
        StatementResult got = engine.execute(stmt);
        INFO(relative << ":" << stmt.location.line << ": " << stmt.text);
        INFO("migsim said: " << outcome_name(got.outcome) << " " << got.sqlstate << " "
                             << got.message);
        CHECK(outcome_name(got.outcome) == outcome_name(want.outcome));
        if (want.outcome == Outcome::kFails) {
          CHECK(got.sqlstate == want.sqlstate);
          CHECK(got.message == want.message);
        }
        if (want.outcome == Outcome::kNoOp && !want.message.empty()) {
          CHECK(got.message == want.message);
        }
      }
    }
  }
}

}  // namespace migsim
