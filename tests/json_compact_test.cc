// Parse trees are kept in compacted simdjson documents: the same tree in less
// memory.

#include <pg_query.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parser/json_compact.h"

namespace migsim {
namespace {

/// The tree of `json` as simdjson prints it, from a document parsed as usual
/// and from its compacted copy.
void check_same_tree(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::document doc;
  REQUIRE(parser.parse_into_document(doc, json.data(), json.size()).error() == simdjson::SUCCESS);
  auto compact = compact_document(doc);
  CHECK(simdjson::to_string(compact->root()) == simdjson::to_string(doc.root()));
}

TEST_CASE("json compact: every kind of value survives") {
  for (const char* json : {
           R"({"a":1,"b":-2,"c":18446744073709551615,"d":1.5e300,"e":true,"f":false,"g":null})",
           R"({"s":"","t":"quote \" and \\ and \u00e9 and \u2603","u":["x",["y",{"z":[]}],{}]})",
           R"([])",
           R"("only a string")",
           R"(-9223372036854775808)",
       })
    check_same_tree(json);
}

TEST_CASE("json compact: the parse trees of every replay case") {
  size_t statements = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(MIGSIM_SOURCE_DIR) + "/fixtures/cases")) {
    if (entry.path().extension() != ".sql") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    PgQueryParseResult result = pg_query_parse(text.str().c_str());
    INFO(entry.path().string());
    if (!result.error) {
      check_same_tree(result.parse_tree);
      ++statements;
    }
    pg_query_free_parse_result(result);
  }
  CHECK(statements > 50);
}

TEST_CASE("json compact: the copy is smaller than what simdjson reserved") {
  std::string json = R"({"stmts":[{"stmt":{"SelectStmt":{"targetList":[{"ResTarget":)"
                     R"({"val":{"A_Const":{"ival":{"ival":1},"location":7}},"location":7}}]}}}]})";
  simdjson::dom::parser parser;
  simdjson::dom::document doc;
  REQUIRE(parser.parse_into_document(doc, json.data(), json.size()).error() == simdjson::SUCCESS);
  auto compact = compact_document(doc);
  size_t used = static_cast<size_t>(doc.tape[0] & simdjson::internal::JSON_VALUE_MASK);
  CHECK(used < json.size() / 2);  // simdjson reserved json.size() + 3 tape elements
  CHECK(simdjson::to_string(compact->root()) == simdjson::to_string(doc.root()));
}

TEST_CASE("json compact: equal strings are kept once") {
  std::string json = R"({"a":"public","b":["public",{"a":"publi"}],"c":"public","d":"")"
                     R"(,"e":""})";
  simdjson::dom::parser parser;
  simdjson::dom::document doc;
  REQUIRE(parser.parse_into_document(doc, json.data(), json.size()).error() == simdjson::SUCCESS);
  auto compact = compact_document(doc);
  simdjson::dom::element root = compact->root();
  std::string_view a = root["a"].get_string().value();
  std::string_view b = root["b"].at(0).get_string().value();
  std::string_view c = root["c"].get_string().value();
  std::string_view prefix = root["b"].at(1)["a"].get_string().value();
  CHECK(a == "public");
  CHECK(a.data() == b.data());
  CHECK(a.data() == c.data());
  CHECK(prefix == "publi");
  CHECK(prefix.data() != a.data());
  CHECK(root["d"].get_string().value().data() == root["e"].get_string().value().data());
  CHECK(simdjson::to_string(root) == simdjson::to_string(doc.root()));
}

}  // namespace
}  // namespace migsim
