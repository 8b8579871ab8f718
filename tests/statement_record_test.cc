// A statement record's text (planner/engine/statement_record.h): a view into
// the file it was read from, which the record keeps alive, or its own copy.

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "parser/sql_parser.h"
#include "planner/engine/statement_record.h"

namespace migsim::testing {
namespace {

TEST_CASE("statement record: text read from a file is viewed there, and the file kept") {
  auto source =
      std::make_shared<const SourceFile>("v/1.sql", "CREATE TABLE a (id int);\nDROP TABLE a;\n");
  ParsedScript script;
  InputError error;
  REQUIRE(SqlParser::parse_file(source, script, error));
  REQUIRE(script.statements.size() == 2);
  std::vector<StatementRecord> records;
  for (const Statement& stmt : script.statements) {
    StatementRecord r;
    r.view_sql(stmt.text, script.source);
    records.push_back(std::move(r));
  }
  const char* file_text = source->text().data();
  CHECK(records[1].sql == "DROP TABLE a");
  CHECK(records[1].sql.data() == file_text + 25);
  // The script and the caller's pointer go; the records still read the file.
  script = ParsedScript();
  source.reset();
  CHECK(records[0].sql == "CREATE TABLE a (id int)");
  CHECK(records[0].sql.data() == file_text);
  StatementRecord copy = records[1];
  records.clear();
  CHECK(copy.sql == "DROP TABLE a");
}

TEST_CASE("statement record: text from elsewhere is copied and owned") {
  auto source = std::make_shared<const SourceFile>("v/2.sql", "SELECT 1;\n");
  std::string generated = "UPDATE alembic_version SET version_num='b'";
  StatementRecord viewed;
  viewed.view_sql(generated, source);
  StatementRecord owned;
  owned.own_sql(std::string(generated));
  generated.assign(generated.size(), 'x');
  CHECK(viewed.sql == "UPDATE alembic_version SET version_num='b'");
  CHECK(owned.sql == "UPDATE alembic_version SET version_num='b'");
  StatementRecord no_file;
  no_file.view_sql("SELECT 2", nullptr);
  CHECK(no_file.sql == "SELECT 2");
}

}  // namespace
}  // namespace migsim::testing
