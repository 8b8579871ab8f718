// The SQL parser: statement spans, robustness, and errors reported like psql.

#include <catch2/catch.hpp>

#include "parser/sql_parser.h"

namespace migsim {
namespace {

struct Parsed {
  ParsedScript script;
  InputError error;
  bool ok;
};

Parsed parse(std::string text) {
  Parsed p;
  auto source = std::make_shared<SourceFile>("m.sql", std::move(text));
  p.ok = SqlParser::parse_file(source, p.script, p.error);
  return p;
}

TEST_CASE("statements carry their kind, text and position") {
  auto p = parse("SELECT 1;\n  -- a comment\n  /* block /* nested */ */ CREATE TABLE t (a int);\n");
  REQUIRE(p.ok);
  REQUIRE(p.script.statements.size() == 2);
  const auto& s = p.script.statements[1];
  CHECK(s.kind == "CreateStmt");
  CHECK(s.text == "CREATE TABLE t (a int)");
  CHECK(s.location.line == 3);
  CHECK(s.location.column == 28);
  CHECK(p.script.statements[0].location.line == 1);
  CHECK(p.script.statements[0].location.column == 1);
}

TEST_CASE("a file holding a kind not read from raw parse nodes is read through the JSON") {
  // CREATE POLICY is not among parser/raw_node_kinds.txt: the whole file goes
  // the JSON way, negative integers restored from the text as before.
  auto p = parse(
      "CREATE TABLE t (a int);\nCREATE POLICY p ON t USING (a > 0);\n"
      "CREATE SEQUENCE s INCREMENT BY -3;\n");
  REQUIRE(p.ok);
  REQUIRE(p.script.statements.size() == 3);
  CHECK(p.script.statements[1].kind == "CreatePolicyStmt");
  CHECK(p.script.statements[1].node.str("policy_name") == "p");
  CHECK(p.script.statements[1].text == "CREATE POLICY p ON t USING (a > 0)");
  CHECK(p.script.statements[1].location.line == 2);
  const auto& seq = p.script.statements[2];
  CHECK(seq.kind == "CreateSeqStmt");
  REQUIRE(seq.node.list("options").size() == 1);
  CHECK(seq.node.list("options").at(0).body()["arg"].ival() == -3);
}

TEST_CASE("semicolons inside dollar quotes, strings and comments do not split") {
  auto p = parse(
      "DO $body$ BEGIN PERFORM 1; RAISE NOTICE 'a;b'; END $body$;\n"
      "SELECT E'it\\'s; fine', 'x;y' -- c;\n;\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;");
  REQUIRE(p.ok);
  REQUIRE(p.script.statements.size() == 3);
  CHECK(p.script.statements[0].kind == "DoStmt");
  CHECK(p.script.statements[1].kind == "SelectStmt");
  CHECK(p.script.statements[2].kind == "CreateFunctionStmt");
  CHECK(p.script.statements[2].location.line == 4);
}

TEST_CASE("a syntax error is reported like psql, with line and column") {
  auto p = parse("SELECT 1;\n\nCREAT TABLE x (a int);\n");
  REQUIRE_FALSE(p.ok);
  CHECK(p.error.message == "syntax error at or near \"CREAT\"");
  CHECK(p.error.line == 3);
  CHECK(p.error.column == 1);
  CHECK(p.error.to_string() == "m.sql:3:1: syntax error at or near \"CREAT\"");
}

TEST_CASE("error columns count bytes after multibyte characters") {
  auto p = parse("SELECT 'é'; SELEC 1;");
  REQUIRE_FALSE(p.ok);
  CHECK(p.error.line == 1);
  CHECK(p.error.column == 14);
}

TEST_CASE("an unterminated dollar quote is an error, not a crash") {
  auto p = parse("SELECT 1;\nDO $$ BEGIN\n");
  REQUIRE_FALSE(p.ok);
  CHECK(p.error.message.find("unterminated dollar-quoted string") != std::string::npos);
  CHECK(p.error.line == 2);
}

TEST_CASE("invalid UTF-8 is reported with its position") {
  auto p = parse("SELECT 1;\nSELECT '\xff';\n");
  REQUIRE_FALSE(p.ok);
  CHECK(p.error.message == "invalid byte sequence for encoding \"UTF8\": 0xff");
  CHECK(p.error.line == 2);
  CHECK(p.error.column == 9);
}

TEST_CASE("invalid UTF-8 and NUL bytes are found wherever they stand in ASCII text") {
  // ASCII is skipped eight bytes at a time: every position in and around a block.
  for (const std::string& bad : {std::string("\xff"), std::string(1, '\0'), std::string("\xc3"),
                                 std::string("\xc0\xaf"), std::string("\xed\xa0\x80")}) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text = std::string(at, 'a') + bad + std::string(20, 'b');
      INFO(at);
      CHECK(find_invalid_utf8(text) == at);
    }
  }
  for (size_t at = 0; at < 20; ++at) {
    std::string text = std::string(at, 'a') + "\xc3\xa9\xe2\x98\x83" + std::string(at, 'b');
    CHECK_FALSE(find_invalid_utf8(text));
  }
}

TEST_CASE("empty input and comment-only input have no statements") {
  auto empty = parse("");
  REQUIRE(empty.ok);
  CHECK(empty.script.statements.empty());
  auto comments = parse("-- nothing here\n/* nor here */\n");
  REQUIRE(comments.ok);
  CHECK(comments.script.statements.empty());
}

TEST_CASE("large input is parsed in pieces with the same statements and positions") {
  std::string text;
  const int n = 60000;
  for (int i = 0; i < n; ++i) {
    text += "CREATE TABLE t" + std::to_string(i) + " (id integer PRIMARY KEY, note text);\n";
  }
  text += "DO $$ BEGIN PERFORM 1; END $$;\n";
  REQUIRE(text.size() > (2u << 20));
  auto p = parse(text);
  REQUIRE(p.ok);
  REQUIRE(p.script.statements.size() == n + 1);
  CHECK(p.script.statements[n - 1].location.line == static_cast<uint32_t>(n));
  CHECK(p.script.statements[n - 1].text ==
        "CREATE TABLE t" + std::to_string(n - 1) + " (id integer PRIMARY KEY, note text)");
  CHECK(p.script.statements[n].kind == "DoStmt");
  CHECK(p.script.statements[12345].node["relation"].str("relname") == "t12345");
}

TEST_CASE("a syntax error deep in large input names its line") {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "SELECT " + std::to_string(i) + ";\n";
  text += "SELEC 1;\n";
  auto p = parse(text);
  REQUIRE_FALSE(p.ok);
  CHECK(p.error.line == 50001);
  CHECK(p.error.message == "syntax error at or near \"SELEC\"");
}

}  // namespace
}  // namespace migsim

namespace migsim {
namespace {

TEST_CASE("negative integers survive the JSON parse tree") {
  auto p = parse(
      "SELECT -5, 7, 0, - 3, 1 - -2;\n"
      "CREATE SEQUENCE s INCREMENT BY -1 MINVALUE -100 MAXVALUE 0 START WITH -1 CACHE 1;\n");
  REQUIRE(p.ok);
  NodeList targets = p.script.statements[0].node.list("targetList");
  std::vector<int64_t> values;
  for (Node t : targets) {
    Node v = t.body()["val"];
    if (v.kind() == "A_Const") values.push_back(v.ival());
  }
  CHECK(values == std::vector<int64_t>{-5, 7, 0, -3});
  Node minus = targets.at(4).body()["val"].body();
  CHECK(minus["rexpr"].ival() == -2);
  std::vector<int64_t> options;
  for (Node o : p.script.statements[1].node.list("options")) {
    options.push_back(o.body()["arg"].body().integer("ival"));
  }
  CHECK(options == std::vector<int64_t>{-1, -100, 0, -1, 1});
}

}  // namespace
}  // namespace migsim
