// The ACLs GRANT and REVOKE leave, compared with what PostgreSQL 15 printed
// for relacl, nspacl and proacl after the same statements.

#include <catch2/catch.hpp>

#include <memory>

#include "parser/sql_parser.h"
#include "planner/engine/engine.h"

namespace migsim {
namespace {

void run(Catalog& catalog, const std::string& sql) {
  auto source = std::make_shared<SourceFile>("acl_test.sql", sql);
  ParsedScript script;
  InputError error;
  REQUIRE(SqlParser::parse_file(source, script, error));
  Engine engine(catalog);
  for (const auto& st : script.statements) {
    StatementResult r = engine.execute(st);
    INFO(st.text << ": " << r.message);
    REQUIRE((r.outcome == Outcome::kApplies || r.outcome == Outcome::kNoOp));
  }
}

std::string joined(const std::vector<std::string>& acl) {
  std::string s = "{";
  for (size_t i = 0; i < acl.size(); ++i) s += (i ? "," : "") + acl[i];
  return s + "}";
}

}  // namespace

TEST_CASE("GRANT and REVOKE build aclitems as PostgreSQL prints them", "[acl]") {
  Catalog c;
  run(c,
      "CREATE TABLE t (a int);"
      "CREATE SCHEMA s;"
      "CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select 1';"
      "GRANT SELECT ON t TO postgres;"
      "GRANT SELECT, INSERT ON t TO PUBLIC;"
      "GRANT ALL ON t TO PUBLIC;");
  CHECK(joined(c.relation("public", "t")->acl) == "{postgres=arwdDxt/postgres,=arwdDxt/postgres}");
  run(c, "REVOKE ALL ON t FROM PUBLIC;");
  CHECK(joined(c.relation("public", "t")->acl) == "{postgres=arwdDxt/postgres}");
  run(c, "GRANT SELECT ON t TO postgres WITH GRANT OPTION;");
  CHECK(joined(c.relation("public", "t")->acl) == "{postgres=ar*wdDxt/postgres}");

  run(c, "GRANT USAGE ON SCHEMA s TO PUBLIC; GRANT CREATE ON SCHEMA s TO PUBLIC;");
  CHECK(joined(c.schemas.find("s")->acl) == "{postgres=UC/postgres,=UC/postgres}");
  run(c, "REVOKE USAGE ON SCHEMA s FROM PUBLIC;");
  CHECK(joined(c.schemas.find("s")->acl) == "{postgres=UC/postgres,=C/postgres}");

  run(c,
      "GRANT EXECUTE ON FUNCTION f(int) TO PUBLIC; REVOKE EXECUTE ON FUNCTION f(int) FROM PUBLIC;");
  const Function* f = nullptr;
  for (const auto& [k, fn] : c.functions.all())
    if (fn.name == "f") f = &fn;
  REQUIRE(f);
  CHECK(joined(f->acl) == "{postgres=X/postgres}");
}

}  // namespace migsim
