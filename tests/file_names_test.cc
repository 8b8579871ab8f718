// Flyway and golang-migrate file names (parser/revisions/file_names.h), held
// against the regular expressions that state each tool's naming rule.

#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "parser/revisions/file_names.h"

namespace migsim::revisions {
namespace {

const std::regex kVersioned(R"(^V(\d+(?:[._]\d+)*)__(.+)\.sql$)");
const std::regex kUndo(R"(^U(\d+(?:[._]\d+)*)__(.+)\.sql$)");
const std::regex kRepeatable(R"(^R__(.+)\.sql$)");
const std::regex kGolang(R"(^(\d+)_(.*)\.(up|down)\.sql$)");

void check_flyway(const std::string& name) {
  INFO("'" << name << "'");
  auto parsed = parse_flyway_name(name);
  std::smatch m;
  if (std::regex_match(name, m, kVersioned) || std::regex_match(name, m, kUndo)) {
    REQUIRE(parsed);
    CHECK(parsed->kind ==
          (name[0] == 'V' ? FlywayName::Kind::kVersioned : FlywayName::Kind::kUndo));
    CHECK(parsed->version == m[1].str());
    CHECK(parsed->description == m[2].str());
  } else if (std::regex_match(name, m, kRepeatable)) {
    REQUIRE(parsed);
    CHECK(parsed->kind == FlywayName::Kind::kRepeatable);
    CHECK(parsed->version.empty());
    CHECK(parsed->description == m[1].str());
  } else {
    CHECK_FALSE(parsed);
  }
}

void check_golang(const std::string& name) {
  INFO("'" << name << "'");
  auto parsed = parse_golang_migrate_name(name);
  std::smatch m;
  if (std::regex_match(name, m, kGolang)) {
    REQUIRE(parsed);
    CHECK(parsed->version == m[1].str());
    CHECK(parsed->title == m[2].str());
    CHECK(parsed->up == (m[3] == "up"));
  } else {
    CHECK_FALSE(parsed);
  }
}

TEST_CASE("file names: Flyway's and golang-migrate's, as their naming rules say") {
  for (std::string name : {"V1__init.sql",
                           "V1_2__add.sql",
                           "V1.2.3__x.sql",
                           "V1__2__x.sql",
                           "V1___x.sql",
                           "V1__.sql",
                           "V__x.sql",
                           "V1_x.sql",
                           "V1.__x.sql",
                           "V01__x.sql.sql",
                           "U3__undo.sql",
                           "R__view.sql",
                           "R___x.sql",
                           "Rx__y.sql",
                           "R__.sql",
                           "v1__x.sql",
                           "V1__x.SQL",
                           "V1__a\nb.sql",
                           "",
                           ".sql",
                           "V.sql"})
    check_flyway(name);
  for (std::string name : {"1_init.up.sql", "1_init.down.sql", "001_.up.sql", "1.up.sql",
                           "_x.up.sql", "12_3_x.up.sql", "1_a.up.down.sql", "1_a.down.up.sql",
                           "1_x.sql", "1_x.UP.sql", "1_a\rb.up.sql", "x_1.up.sql", ".up.sql", ""})
    check_golang(name);
  // Names made of the characters that matter, at random.
  const std::string alphabet = "VUR0123._x_.upqdownsl\n";
  std::mt19937 random(11);
  for (int round = 0; round < 20000; ++round) {
    std::string name;
    int length = static_cast<int>(random() % 10);
    name += "VUR1"[random() % 4];
    for (int i = 0; i < length; ++i) name += alphabet[random() % alphabet.size()];
    const char* endings[] = {".sql", ".up.sql", ".down.sql", "__d.sql", ""};
    name += endings[random() % 5];
    check_flyway(name);
    check_golang(name);
  }
}

}  // namespace
}  // namespace migsim::revisions
