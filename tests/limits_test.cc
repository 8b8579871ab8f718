// Limits that keep hostile input from exhausting the machine: each is a clear
// InputError naming the file (and line) and how to raise it, never a crash.

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "parser/limits.h"
#include "parser/python/lexer.h"
#include "parser/sql_parser.h"
#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

/// Restores the process's limits when a test has changed them.
struct LimitsGuard {
  InputLimits saved = input_limits();
  ~LimitsGuard() { input_limits() = saved; }
};

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::string chain(size_t operators) {
  std::string sql = "SELECT 1";
  for (size_t i = 0; i < operators; ++i) sql += "+1";
  return sql + ";\n";
}

bool parse(const std::string& text, InputError& error) {
  auto source = std::make_shared<SourceFile>("deep.sql", text);
  ParsedScript script;
  return SqlParser::parse_file(source, script, error);
}

TEST_CASE("limits: a file larger than --max-file-size is refused before it is read") {
  LimitsGuard guard;
  TempDir dir;
  dir.write("big.sql", std::string(2048, ' ') + "SELECT 1;\n");
  input_limits().max_file_size = 1024;
  InputError error;
  CHECK(read_source_file(dir.file("big.sql"), error) == nullptr);
  CHECK(error.file == dir.file("big.sql"));
  CHECK(error.message ==
        "file is 2.0 KiB, larger than the limit of 1 KiB (raise it with "
        "--max-file-size)");

  auto r = run_migsim({"replay", "--max-file-size", "1KiB", dir.file("big.sql")});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, dir.file("big.sql") + ": file is 2.0 KiB"));
  r = run_migsim({"replay", "--max-file-size", "4KiB", dir.file("big.sql")});
  CHECK(r.exit_code == 0);
}

TEST_CASE("limits: more statements than --max-statements names the first one over") {
  LimitsGuard guard;
  input_limits().max_statements = 3;
  InputError error;
  CHECK_FALSE(parse("SELECT 1;\nSELECT 2;\nSELECT 3;\nSELECT 4;\nSELECT 5;\n", error));
  CHECK(error.line == 4);
  CHECK(error.message ==
        "more than 3 statements in one file (raise the limit with "
        "--max-statements)");

  TempDir dir;
  dir.write("m.sql", "CREATE SCHEMA a;\nCREATE SCHEMA b;\nCREATE SCHEMA c;\n");
  auto r = run_migsim({"replay", "--max-statements", "2", dir.file("m.sql")});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, dir.file("m.sql") + ":3:1: more than 2 statements"));
  CHECK(run_migsim({"replay", "--max-statements", "3", dir.file("m.sql")}).exit_code == 0);
}

TEST_CASE("limits: a deeply nested SQL expression is an InputError at its statement") {
  InputError error;
  // Deep enough to overflow libpg_query's stack if it were parsed.
  CHECK_FALSE(parse("SELECT 1;\n" + chain(200'000), error));
  CHECK(error.line == 2);
  CHECK(contains(error.message, "statement nested too deeply: 200000 operators"));
  // Within the operator count, but deeper than the parse tree reader goes.
  error = {};
  CHECK_FALSE(parse("SELECT 1;\nSELECT 2;\n" + chain(2'000), error));
  CHECK(error.line == 3);
  CHECK(contains(error.message, "statement nested too deeply: its parse tree is more than"));
  // Parentheses stop in PostgreSQL's own parser.
  error = {};
  CHECK_FALSE(parse("SELECT " + std::string(20'000, '(') + "1" + std::string(20'000, ')'), error));
  CHECK(contains(error.message, "memory exhausted"));
  // Operators inside literals and comments do not count; long flat lists parse.
  error = {};
  std::string values = "INSERT INTO t VALUES ";
  for (int i = 0; i < 20'000; ++i) values += std::string(i ? "," : "") + "(-1, '+-*/', $$+$$)";
  CHECK(parse(values + "; -- + + +\n", error));
}

TEST_CASE("limits: deeply nested PL/pgSQL blocks are unknown with the reason, not a crash") {
  TempDir dir;
  for (int depth : {700, 9000}) {
    std::string body;
    for (int i = 0; i < depth; ++i) body += "IF true THEN ";
    body += "NULL; ";
    for (int i = 0; i < depth; ++i) body += "END IF; ";
    dir.write("do.sql", "DO $$ BEGIN " + body + "END $$;\n");
    auto r = run_migsim({"replay", dir.file("do.sql")});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "do.sql:1:1  unknown"));
    CHECK((contains(r.out, "the DO block's parse tree is unreadable") ||
           contains(r.out, "the DO block does not parse: memory exhausted")));
  }
}

TEST_CASE("limits: --max-sql-nesting raises the SQL nesting limit") {
  TempDir dir;
  dir.write("deep.sql", "SELECT 1;\n" + chain(2'000));
  auto r = run_migsim({"replay", dir.file("deep.sql")});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "migsim: " + dir.file("deep.sql") +
                     ":2:1: statement nested too deeply: its parse tree is more than 1000 levels "
                     "deep (raise the limit with --max-sql-nesting)\n");
  r = run_migsim({"replay", "--max-sql-nesting", "10000", dir.file("deep.sql")});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "deep.sql:2:1  data"));
  // Operators are counted before parsing: ten per level.
  dir.write("wide.sql", chain(20'000));
  r = run_migsim({"replay", dir.file("wide.sql")});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err,
                 "wide.sql:1:1: statement nested too deeply: 20000 operators outside "
                 "literals, more than the limit of 10000 (raise it with "
                 "--max-sql-nesting: ten operators per level)"));
  // Deep enough to need a stack several times the usual 8 MiB.
  r = run_migsim({"replay", "--max-sql-nesting", "100000", dir.file("wide.sql")});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "wide.sql:1:1  data"));
  CHECK(run_migsim({"replay", "--max-sql-nesting", "0", dir.file("wide.sql")}).exit_code == 2);
  CHECK(run_migsim({"replay", "--max-sql-nesting", "100001", dir.file("wide.sql")}).exit_code == 2);
}

TEST_CASE("limits: commands run on a stack of their own, whatever ulimit -s says") {
  TempDir dir;
  // About 450 KiB of stack to replay, more than the 256 KiB allowed below.
  dir.write("deep.sql", chain(400));
  std::string cmd = "ulimit -s 256 && " + std::string(MIGSIM_BINARY) + " replay " +
                    dir.file("deep.sql") + " >" + dir.file("out") + " 2>&1";
  int status = std::system(cmd.c_str());
  INFO(read_file(dir.file("out")));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("limits: bodies parsed on other threads get the same stack") {
  // Eight revisions: their bodies are parsed on worker threads while the
  // replay runs, and those threads need the stack the limits call for too.
  TempDir dir;
  std::filesystem::create_directory(dir.file("versions"));
  for (int i = 1; i <= 7; ++i)
    dir.write("versions/00" + std::to_string(i) + "_a.sql", "SELECT " + std::to_string(i) + ";\n");
  dir.write("versions/008_deep.sql", chain(400));
  std::string cmd = "ulimit -s 256 && " + std::string(MIGSIM_BINARY) +
                    " plan --empty --migrations " + dir.file("versions") + " >" + dir.file("out") +
                    " 2>&1";
  int status = std::system(cmd.c_str());
  INFO(read_file(dir.file("out")));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // Several times the usual 8 MiB.
  dir.write("versions/008_deep.sql", chain(40'000));
  auto r = run_migsim(
      {"plan", "--empty", "--migrations", dir.file("versions"), "--max-sql-nesting", "100000"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "008_deep"));
}

TEST_CASE("limits: --max-nesting raises the Python nesting limit past CPython's parser's") {
  TempDir dir;
  std::filesystem::create_directories(dir.file("versions"));
  std::string expr;
  for (int i = 0; i < 3'000; ++i) expr += "not ";
  dir.write("versions/b1.py",
            "revision = 'b1'\ndown_revision = None\nfrom alembic import op\n\n\n"
            "def upgrade():\n    x = " +
                expr + "1\n    op.execute('CREATE TABLE t (a int)')\n");
  auto r = run_migsim({"plan", "--empty", "--migrations", "versions"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "versions/b1.py:7:"));
  CHECK(contains(r.err, "(raise the limit with --max-nesting)"));
  r = run_migsim({"plan", "--empty", "--migrations", "versions", "--max-nesting", "5000"},
                 dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "pending b1  applies"));
}

TEST_CASE("limits: Python brackets nest at most 200 deep, as in CPython") {
  auto tokenize = [](const std::string& text, InputError& error) {
    SourceFile source("deep.py", text);
    python::TokenStream stream;
    return python::tokenize(source, stream, error);
  };
  InputError error;
  CHECK(tokenize("x = " + std::string(200, '(') + "1" + std::string(200, ')') + "\n", error));
  CHECK_FALSE(
      tokenize("\nx = " + std::string(201, '[') + "1" + std::string(201, ']') + "\n", error));
  CHECK(error.file == "deep.py");
  CHECK(error.line == 2);
  CHECK(error.column == 5 + 200);
  CHECK(error.message == "too many nested parentheses");
}

}  // namespace
}  // namespace migsim::testing
