// The Python tokenizer against what CPython 3.11's tokenizer says for the same text.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <map>

#include "parser/python/lexer.h"
#include "parser/python/literal.h"

namespace migsim::python {
namespace {

struct Lexed {
  std::shared_ptr<SourceFile> file;  ///< tokens point into its text
  bool ok = false;
  TokenStream stream;
  InputError error;
};

Lexed lex(const std::string& text) {
  Lexed out;
  out.file = std::make_shared<SourceFile>("t.py", text);
  out.ok = tokenize(*out.file, out.stream, out.error);
  return out;
}

/// "KIND:text" for each token, DEDENT/INDENT/NEWLINE/ENDMARKER by kind only.
std::vector<std::string> shape(const TokenStream& s) {
  std::vector<std::string> out;
  for (const Token& t : s.tokens) {
    switch (t.kind) {
      case TokenKind::kName:
      case TokenKind::kNumber:
      case TokenKind::kString:
      case TokenKind::kOp:
        out.push_back(std::string(token_kind_name(t.kind)) + ":" + std::string(t.text));
        break;
      default:
        out.push_back(std::string(token_kind_name(t.kind)));
    }
  }
  return out;
}

using V = std::vector<std::string>;

TEST_CASE("python lexer: names, operators, numbers", "[python]") {
  auto r = lex("x = a.b ** 2 // 3 -> y != z\n");
  REQUIRE(r.ok);
  CHECK(shape(r.stream) == V{"NAME:x", "OP:=", "NAME:a", "OP:.", "NAME:b", "OP:**", "NUMBER:2",
                             "OP://", "NUMBER:3", "OP:->", "NAME:y", "OP:!=", "NAME:z", "NEWLINE",
                             "ENDMARKER"});
  r = lex("n = (0x_ff, 0o17, 0b1_0, 1_000, 1.5e-3, .5, 3j, 10., 0, 00, 1e10)\n");
  REQUIRE(r.ok);
  V numbers;
  for (const Token& t : r.stream.tokens)
    if (t.kind == TokenKind::kNumber) numbers.push_back(std::string(t.text));
  CHECK(numbers ==
        V{"0x_ff", "0o17", "0b1_0", "1_000", "1.5e-3", ".5", "3j", "10.", "0", "00", "1e10"});
  r = lex("a **= b; c //= d; e := f; g @= h; x[...]\n");
  REQUIRE(r.ok);
  CHECK(r.stream.tokens[1].text == "**=");
  CHECK(r.stream.tokens[5].text == "//=");
  CHECK(r.stream.tokens[9].text == ":=");
  CHECK(r.stream.tokens[13].text == "@=");
  CHECK(r.stream.tokens[18].text == "...");
  r = lex("naïve = 1\n");
  REQUIRE(r.ok);
  CHECK(r.stream.tokens[0].text == "naïve");
}

TEST_CASE("python lexer: strings of every quoting and prefix", "[python]") {
  auto r = lex(R"(a = 'x\'y' "q\"" '''t
'still' ''' """d "" q""" r'\d\'' b'\x41\n' f"{a!r}\n" Rb'\n' u'\u00e9' BR"x" rf'{x}'
)");
  INFO(r.error.to_string());
  REQUIRE(r.ok);
  std::vector<const Token*> s;
  for (const Token& t : r.stream.tokens)
    if (t.kind == TokenKind::kString) s.push_back(&t);
  REQUIRE(s.size() == 11);
  CHECK(s[0]->value == "x'y");
  CHECK(s[1]->value == "q\"");
  CHECK(s[2]->triple);
  CHECK(s[2]->value == "t\n'still' ");
  CHECK(s[3]->value == "d \"\" q");
  CHECK(s[4]->raw);
  CHECK(s[4]->value == "\\d\\'");
  CHECK(s[5]->bytes);
  CHECK(s[5]->value == "A\n");
  CHECK(s[6]->formatted);
  CHECK(s[6]->value == "{a!r}\\n");
  CHECK(s[7]->prefix == "Rb");
  CHECK(s[7]->value == "\\n");
  CHECK(s[8]->value == "\xC3\xA9");
  CHECK(s[9]->prefix == "BR");
  CHECK(s[10]->formatted);
  CHECK(s[10]->raw);
  // A name that only looks like a prefix is a name.
  r = lex("rb = br\n");
  REQUIRE(r.ok);
  CHECK(shape(r.stream) == V{"NAME:rb", "OP:=", "NAME:br", "NEWLINE", "ENDMARKER"});
  // Escapes: octal, line continuation inside a string, unknown escapes kept.
  r = lex("s = '\\101\\\nB\\q'\n");
  REQUIRE(r.ok);
  CHECK(r.stream.tokens[2].value == "AB\\q");
}

TEST_CASE("python lexer: implicit concatenation gives one literal", "[python]") {
  auto r = lex("x = ('ab'\n     \"cd\" r'\\e')\n");
  REQUIRE(r.ok);
  size_t i = 2;
  Literal lit;
  std::string why;
  REQUIRE(read_literal(r.stream.tokens, i, lit, why));
  CHECK(lit.kind == Literal::Kind::kString);
  CHECK(lit.text == "abcd\\e");
  r = lex("x = 'a' f'{b}'\n");
  REQUIRE(r.ok);
  i = 2;
  CHECK_FALSE(read_literal(r.stream.tokens, i, lit, why));
  CHECK(why == "an f-string is computed when the script runs");
}

TEST_CASE("python lexer: literals", "[python]") {
  auto read = [](const std::string& src, Literal& lit, std::string& why) {
    auto r = lex("x = " + src + "\n");
    REQUIRE(r.ok);
    size_t i = 2;
    bool ok = read_literal(r.stream.tokens, i, lit, why);
    if (ok) CHECK(r.stream.tokens[i].kind == TokenKind::kNewline);
    return ok;
  };
  Literal lit;
  std::string why;
  REQUIRE(read("('a', 'b',)", lit, why));
  CHECK(lit.kind == Literal::Kind::kTuple);
  REQUIRE(lit.items.size() == 2);
  CHECK(lit.items[1].text == "b");
  REQUIRE(read("'a', 'b'", lit, why));
  CHECK(lit.kind == Literal::Kind::kTuple);
  REQUIRE(read("('a',)", lit, why));
  CHECK(lit.kind == Literal::Kind::kTuple);
  CHECK(lit.items.size() == 1);
  REQUIRE(read("('a')", lit, why));
  CHECK(lit.kind == Literal::Kind::kString);
  REQUIRE(read("['a', ('b', None)]", lit, why));
  CHECK(lit.kind == Literal::Kind::kList);
  CHECK(lit.items[1].items[1].kind == Literal::Kind::kNone);
  REQUIRE(read("()", lit, why));
  CHECK(lit.kind == Literal::Kind::kTuple);
  CHECK(lit.items.empty());
  REQUIRE(read("-12", lit, why));
  CHECK(lit.text == "-12");
  CHECK_FALSE(read("some_name", lit, why));
  CHECK(why == "'some_name' is a name, known only when the script runs");
  CHECK_FALSE(read("'a' + 'b'", lit, why));
}

TEST_CASE("python lexer: indentation", "[python]") {
  auto r =
      lex("def f():\n"
          "    if x:\n"
          "\n"
          "        # a comment at any indentation\n"
          "  # another\n"
          "        return 1\n"
          "    return 2\n"
          "y = 3\n");
  INFO(r.error.to_string());
  REQUIRE(r.ok);
  CHECK(shape(r.stream) ==
        V{"NAME:def", "NAME:f",   "OP:(",        "OP:)",     "OP::",    "NEWLINE",     "INDENT",
          "NAME:if",  "NAME:x",   "OP::",        "NEWLINE",  "INDENT",  "NAME:return", "NUMBER:1",
          "NEWLINE",  "DEDENT",   "NAME:return", "NUMBER:2", "NEWLINE", "DEDENT",      "NAME:y",
          "OP:=",     "NUMBER:3", "NEWLINE",     "ENDMARKER"});
  CHECK(r.stream.comments.size() == 2);
  CHECK(r.stream.comments[1].line == 5);
  // Tabs count to the next multiple of 8; dedents at the end of the file.
  r = lex("if a:\n\tb = 1\n\tif c:\n\t\td");
  INFO(r.error.to_string());
  REQUIRE(r.ok);
  CHECK(shape(r.stream) == V{"NAME:if", "NAME:a", "OP::", "NEWLINE", "INDENT", "NAME:b",
                             "OP:=", "NUMBER:1", "NEWLINE", "NAME:if", "NAME:c", "OP::", "NEWLINE",
                             "INDENT", "NAME:d", "NEWLINE", "DEDENT", "DEDENT", "ENDMARKER"});
  // CRLF line ends.
  r = lex("if a:\r\n    b\r\n");
  REQUIRE(r.ok);
  CHECK(r.stream.tokens.size() == 9);  // if a : NL INDENT b NL DEDENT END
}

TEST_CASE("python lexer: brackets and continuations join lines", "[python]") {
  auto r = lex("x = [1,\n  2,\n      3]\ny = 1 + \\\n    2\n");
  REQUIRE(r.ok);
  CHECK(shape(r.stream) == V{"NAME:x", "OP:=", "OP:[", "NUMBER:1", "OP:,", "NUMBER:2", "OP:,",
                             "NUMBER:3", "OP:]", "NEWLINE", "NAME:y", "OP:=", "NUMBER:1", "OP:+",
                             "NUMBER:2", "NEWLINE", "ENDMARKER"});
  CHECK(r.stream.tokens[10].line == 4);
  CHECK(r.stream.tokens[14].line == 5);
  CHECK(r.stream.tokens[14].column == 5);
}

TEST_CASE("python lexer: syntax errors in CPython's words, with the place", "[python]") {
  struct Bad {
    std::string text;
    uint32_t line, column;
    std::string message;
  };
  // Messages and places as CPython 3.11 reports them (column 0: CPython's
  // IndentationError columns are not followed, the line is).
  std::vector<Bad> cases = {
      {"x = 'abc\n", 1, 5, "unterminated string literal (detected at line 1)"},
      {"x = 1\ny = \"\"\"abc\n\n", 2, 5,
       "unterminated triple-quoted string literal (detected at line 3)"},
      {"if x:\n        a\n    b\n", 3, 0, "unindent does not match any outer indentation level"},
      {"x = 1\n    y = 2\n", 2, 0, "unexpected indent"},
      {"if x:\ny\n", 2, 1, "expected an indented block after 'if' statement on line 1"},
      {"def f():\n", 1, 9, "expected an indented block after function definition on line 1"},
      {"x = (1,\n  2]\n", 2, 4,
       "closing parenthesis ']' does not match opening parenthesis '(' on line 1"},
      {"x = 1)\n", 1, 6, "unmatched ')'"},
      {"x = [1,\n2\n", 1, 5, "'[' was never closed"},
      {"x = 1abc\n", 1, 5, "invalid decimal literal"},
      {"x = 0007\n", 1, 5,
       "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
       "octal integers"},
      {"x = 1_\n", 1, 6, "invalid decimal literal"},
      {"x = 0x\n", 1, 6, "invalid hexadecimal literal"},
      {"x = b'\xC3\xA9'\n", 1, 5, "bytes can only contain ASCII literal characters"},
      {"x = 1 \\ y\n", 1, 8, "unexpected character after line continuation character"},
      {"x = $\n", 1, 5, "invalid syntax"},
      {"if a:\n\tb = 1\n        c = 2", 3, 1, "inconsistent use of tabs and spaces in indentation"},
      {"if a:\n  \tb = 1\n\tc = 2\n", 3, 1, "inconsistent use of tabs and spaces in indentation"},
  };
  for (const Bad& bad : cases) {
    INFO(bad.text);
    auto r = lex(bad.text);
    CHECK_FALSE(r.ok);
    CHECK(r.error.file == "t.py");
    CHECK(r.error.message == bad.message);
    CHECK(r.error.line == bad.line);
    if (bad.column) CHECK(r.error.column == bad.column);
  }
}

TEST_CASE("python lexer: a real Alembic revision script", "[python]") {
  InputError error;
  auto source = read_source_file(std::string(MIGSIM_SOURCE_DIR) +
                                     "/fixtures/alembic_offline/project/versions/"
                                     "4d5e6f708192_merge_email_and_reports.py",
                                 error);
  REQUIRE(source);
  TokenStream s;
  REQUIRE(tokenize(*source, s, error));
  CHECK(s.tokens.front().kind == TokenKind::kString);
  CHECK(s.tokens.front().triple);
  CHECK(s.tokens.back().kind == TokenKind::kEndMarker);
  int indents = 0, dedents = 0;
  for (const Token& t : s.tokens) {
    indents += t.kind == TokenKind::kIndent;
    dedents += t.kind == TokenKind::kDedent;
  }
  CHECK(indents == 2);
  CHECK(dedents == 2);
  CHECK(s.comments.size() == 1);
}

}  // namespace
}  // namespace migsim::python

namespace migsim::python {
namespace {

/// Our tokens in tests/python/tokenize_dump.py's form (columns in characters).
std::vector<std::string> dump(const SourceFile& file, const TokenStream& s) {
  std::vector<std::string> out;
  for (const Token& t : s.tokens) {
    std::string kind(token_kind_name(t.kind));
    if (t.kind == TokenKind::kNewline || t.kind == TokenKind::kIndent ||
        t.kind == TokenKind::kDedent || t.kind == TokenKind::kEndMarker) {
      out.push_back(kind);
      continue;
    }
    uint32_t line_start = t.offset - (t.column - 1);
    uint32_t chars = 0;
    for (uint32_t i = line_start; i < t.offset; ++i)
      chars += (static_cast<unsigned char>(file.text()[i]) & 0xC0) != 0x80;
    std::string_view text = t.text.substr(0, t.text.find_first_of("\r\n"));
    out.push_back(kind + " " + std::to_string(t.line) + ":" + std::to_string(chars) + " " +
                  std::string(text));
  }
  return out;
}

TEST_CASE("python lexer agrees with CPython's tokenize on real Python sources", "[python]") {
  // Alembic's own sources and this repository's revision scripts.
  std::vector<std::string> files;
  for (const char* dir :
       {"/usr/lib/python3/dist-packages/alembic", MIGSIM_SOURCE_DIR "/fixtures"}) {
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::string p = it->path().string();
      if (p.ends_with(".py") && p.find("alembic_broken") == std::string::npos) files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 20);
  std::string cmd = "/usr/bin/python3 " MIGSIM_SOURCE_DIR "/tests/python/tokenize_dump.py";
  for (const auto& f : files) cmd += " '" + f + "'";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::map<std::string, std::vector<std::string>> expected;
  std::string current, line;
  char buf[8192];
  while (fgets(buf, sizeof buf, p)) {
    line = buf;
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (line.rfind("FILE ", 0) == 0) {
      current = line.substr(5);
      expected[current];
    } else {
      expected[current].push_back(line);
    }
  }
  REQUIRE(pclose(p) == 0);
  REQUIRE(expected.size() == files.size());
  for (const auto& f : files) {
    INFO(f);
    InputError error;
    auto source = read_source_file(f, error);
    REQUIRE(source);
    TokenStream s;
    INFO(error.to_string());
    REQUIRE(tokenize(*source, s, error));
    auto ours = dump(*source, s);
    const auto& theirs = expected[f];
    size_t i = 0;
    while (i < ours.size() && i < theirs.size() && ours[i] == theirs[i]) ++i;
    INFO("first difference at token " << i << ": ours '" << (i < ours.size() ? ours[i] : "")
                                      << "', CPython '" << (i < theirs.size() ? theirs[i] : "")
                                      << "'");
    CHECK(ours.size() == theirs.size());
    CHECK(i == ours.size());
  }
}

}  // namespace
}  // namespace migsim::python
