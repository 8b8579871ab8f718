// Node reads simdjson's tape itself; simdjson's own accessors are the oracle:
// every field of every object, every element of every array, read both ways.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parser/json_compact.h"
#include "parser/node.h"
#include "parser/sql_parser.h"

namespace migsim {
namespace {

/// Keys no tree has, looked up in every object: a miss must stay a miss
/// whatever the key's length or first bytes.
const std::vector<std::string> kMissing = {"", "x", "locatio", "locationx", "ival ", "sval2"};

/// simdjson's answers for one value, as Node's accessors give them.
std::string_view oracle_string(simdjson::dom::element e) {
  std::string_view s;
  return e.get_string().get(s) == simdjson::SUCCESS ? s : std::string_view();
}
int64_t oracle_integer(simdjson::dom::element e, int64_t fallback) {
  int64_t v;
  return e.get_int64().get(v) == simdjson::SUCCESS ? v : fallback;
}
bool oracle_flag(simdjson::dom::element e) {
  bool v;
  return e.get_bool().get(v) == simdjson::SUCCESS && v;
}

/// The same place on the same tape.
bool same_place(Node n, simdjson::dom::element e) {
  Node m(e);
  return n.valid() && simdjson::to_string(n.element()) == simdjson::to_string(e) &&
         n.element().type() == e.type() && Node(n.element()).valid() && m.valid();
}

size_t check_node(simdjson::dom::element e) {
  size_t checked = 1;
  Node n(e);
  REQUIRE(n.valid());
  simdjson::dom::object obj;
  simdjson::dom::array arr;
  if (e.get_object().get(obj) == simdjson::SUCCESS) {
    // kind() and body(), as the one-key wrapping of a node reads.
    std::string_view kind;
    if (obj.size() == 1) {
      std::string_view key = (*obj.begin()).key;
      if (!key.empty() && key[0] >= 'A' && key[0] <= 'Z') kind = key;
    }
    CHECK(n.kind() == kind);
    if (!kind.empty()) CHECK(same_place(n.body(), (*obj.begin()).value));
    for (auto field : obj) {
      simdjson::dom::element value;
      REQUIRE(obj.at_key(field.key).get(value) == simdjson::SUCCESS);  // the first of the name
      CHECK(same_place(n[field.key], value));
      CHECK(n.str(field.key) == oracle_string(value));
      CHECK(n.integer(field.key, -7) == oracle_integer(value, -7));
      CHECK(n.flag(field.key) == oracle_flag(value));
      simdjson::dom::array a;
      bool is_array = value.get_array().get(a) == simdjson::SUCCESS;
      CHECK(n.list(field.key).size() == (is_array ? a.size() : 0));
      checked += check_node(field.value);
    }
    for (const std::string& key : kMissing) {
      if (obj.at_key(key).error() != simdjson::SUCCESS) {
        CHECK_FALSE(n[key].valid());
        CHECK(n.str(key).empty());
        CHECK(n.integer(key, -7) == -7);
        CHECK_FALSE(n.flag(key));
        CHECK(n.list(key).empty());
      }
    }
  } else {
    CHECK(n.kind().empty());
    CHECK_FALSE(n["location"].valid());
    CHECK(n.str("sval").empty());
  }
  if (e.get_array().get(arr) == simdjson::SUCCESS) {
    // Read as a field's list: the array's elements in order, by iterator and by index.
    std::string wrapped = R"({"items":)" + simdjson::to_string(e) + "}";
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    REQUIRE(parser.parse(wrapped).get(root) == simdjson::SUCCESS);
    NodeList list = Node(root).list("items");
    simdjson::dom::array same;
    REQUIRE(root["items"].get_array().get(same) == simdjson::SUCCESS);
    CHECK(list.size() == same.size());
    size_t i = 0;
    for (Node item : list) {
      simdjson::dom::element expected;
      REQUIRE(same.at(i).get(expected) == simdjson::SUCCESS);
      CHECK(same_place(item, expected));
      CHECK(same_place(list.at(i), expected));
      ++i;
    }
    CHECK(i == same.size());
    CHECK_FALSE(list.at(i).valid());
    for (auto child : arr) checked += check_node(child);
  }
  return checked;
}

size_t check_json(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::document doc;
  REQUIRE(parser.parse_into_document(doc, json.data(), json.size()).error() == simdjson::SUCCESS);
  size_t checked = check_node(doc.root());
  // The compacted copy parse trees are kept in (one string for equal strings).
  auto compact = compact_document(doc);
  checked += check_node(compact->root());
  return checked;
}

TEST_CASE("node: every kind of value, read off the tape as simdjson reads it") {
  for (const char* json : {
           R"({"a":1,"b":-2,"c":18446744073709551615,"d":1.5e300,"e":true,"f":false,"g":null})",
           R"({"big":9223372036854775807,"over":9223372036854775808,"min":-9223372036854775808})",
           R"({"s":"","t":"quote \" and \\ and \u00e9","u":["x",["y",{"z":[]}],{}],"v":"after"})",
           R"({"n":[1,2.5,-3,18446744073709551615,true,null,"s",{},[]],"after":"here"})",
           R"({"String":{"sval":"x"}})",
           R"({"Integer":{"ival":42}})",
           R"({"A_Const":{"ival":{"ival":7},"location":3}})",
           R"({"A_Const":{"sval":{"sval":"text"},"location":0}})",
           R"({"lower":{"a":1}})",
           R"({"Two":1,"Keys":2})",
           R"({"dup":1,"dup":2})",
           R"({"":{"":[]}})",
           R"([[],[[]],[{"a":[1,2,3]}],{"b":{"c":{"d":"e"}}}])",
           R"("only a string")",
           R"(12)",
           R"({})",
           R"([])",
       })
    check_json(json);
}

TEST_CASE("node: sval and ival read both ways a constant is written") {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  REQUIRE(parser
              .parse(std::string(
                  R"([{"String":{"sval":"x"}},{"sval":"y"},{"A_Const":{"sval":{"sval":"z"}}},)"
                  R"({"Integer":{"ival":5}},{"A_Const":{"ival":{"ival":6}}},{"ival":{}},)"
                  R"({"Integer":{}},{"ival":18446744073709551615},"text",3])"))
              .get(root) == simdjson::SUCCESS);
  simdjson::dom::array a = root.get_array();
  std::vector<Node> n;
  for (auto e : a) n.push_back(Node(e));
  CHECK(n[0].sval() == "x");
  CHECK(n[1].sval() == "y");
  CHECK(n[2].sval() == "z");
  CHECK(n[3].ival() == 5);
  CHECK(n[4].ival() == 6);
  CHECK(n[5].ival() == 0);
  CHECK(n[6].ival() == 0);
  CHECK(n[7].ival() == 0);  // out of int64's range, as simdjson's get_int64
  CHECK(n[8].sval().empty());
  CHECK(n[9].ival() == 0);
  CHECK(Node().sval().empty());
  CHECK(Node().ival() == 0);
  CHECK(Node().kind().empty());
  CHECK_FALSE(Node().body().valid());
  CHECK(Node().list("x").empty());
  CHECK(Node().location() == -1);
}

TEST_CASE("node: the parse trees of every replay case") {
  size_t checked = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(MIGSIM_SOURCE_DIR "/fixtures/cases")) {
    if (entry.path().extension() != ".sql") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto source = std::make_shared<SourceFile>(entry.path().string(), text);
    ParsedScript script;
    InputError error;
    if (!SqlParser::parse_file(source, script, error)) continue;  // cases of unparsable SQL
    for (const Statement& s : script.statements) checked += check_node(s.node.element());
  }
  CHECK(checked > 50000);
}

}  // namespace
}  // namespace migsim
