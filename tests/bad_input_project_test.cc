// Bad input to the commands that read a whole project (plan, audit, explain,
// report, check, history): one row per kind of bad file, each run by every
// command. Each exits 2 with one message that names the file (and the line
// where it can), and writes nothing: neither -o nor --save-snapshot appears,
// and the project is left as it was.

#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

namespace fs = std::filesystem;

/// Every file under `dir` with its size: what a run must leave unchanged.
std::map<std::string, uintmax_t> listing(const std::string& dir) {
  std::map<std::string, uintmax_t> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out[e.path().string()] = e.is_regular_file() ? e.file_size() : 0;
  return out;
}

size_t lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

enum class Format { kSql, kAlembic };

/// A small project in a temporary directory: migsim.toml, two revisions and
/// the prod environment's snapshot.
struct Project {
  TempDir dir;
  Format format;
  explicit Project(Format f) : format(f) {
    fs::create_directory(dir.file("versions"));
    if (f == Format::kSql) {
      dir.write("migsim.toml",
                "migrations = \"versions\"\nsource_format = \"sql\"\n\n[environments.prod]\n"
                "snapshot = \"prod.sqlite\"\n");
      dir.write("versions/001_a.sql", "CREATE TABLE t (id int);\n");
      dir.write("versions/002_b.sql", "ALTER TABLE t ADD COLUMN x int;\n");
    } else {
      dir.write("migsim.toml",
                "migrations = \"versions\"\nsource_format = \"alembic\"\n\n[environments.prod]\n"
                "snapshot = \"prod.sqlite\"\n");
      // The demo snapshot's alembic_version holds 0001_base.
      dir.write("versions/a1.py",
                script("0001_base", "None", "op.execute('CREATE TABLE t (id int)')"));
      dir.write("versions/b2.py",
                script("b2", "'0001_base'", "op.add_column('t', sa.Column('x', sa.Integer()))"));
    }
    auto r =
        run_migsim({"snapshot", "import", "snapshots/demo.json", "-o", dir.file("prod.sqlite")});
    REQUIRE(r.exit_code == 0);
  }
  static std::string script(const std::string& rev, const std::string& down,
                            const std::string& body) {
    return "revision = '" + rev + "'\ndown_revision = " + down + "\n\n\ndef upgrade():\n    " +
           body + "\n";
  }
  std::string last() const { return format == Format::kSql ? "002_b" : "b2"; }
  std::string last_file() const {
    return dir.file(format == Format::kSql ? "versions/002_b.sql" : "versions/b2.py");
  }
};

/// A command line over the project's config, writing into `out`.
struct Command {
  std::string name;
  std::function<std::vector<std::string>(const Project&, const std::string& config,
                                         const std::string& out)>
      args;
};

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      {"plan",
       [](auto&, auto& config, auto& out) {
         return std::vector<std::string>{"plan",
                                         "--config",
                                         config,
                                         "--env",
                                         "prod",
                                         "-o",
                                         out + "/plan",
                                         "--save-snapshot",
                                         out + "/after.sqlite"};
       }},
      {"audit",
       [](auto&, auto& config, auto& out) {
         return std::vector<std::string>{"audit", "--config", config,        "--env",
                                         "prod",  "-o",       out + "/audit"};
       }},
      {"explain",
       [](const Project& p, auto& config, auto& out) {
         return std::vector<std::string>{"explain", p.last(), "--config", config,
                                         "--env",   "prod",   "-o",       out + "/explain"};
       }},
      {"report",
       [](auto&, auto& config, auto& out) {
         return std::vector<std::string>{"report", "--config", config, "-o", out + "/report.md"};
       }},
      {"check",
       [](auto&, auto& config, auto& out) {
         return std::vector<std::string>{"check", "--config", config, "-o", out + "/check"};
       }},
      {"history",
       [](auto&, auto& config, auto& out) {
         return std::vector<std::string>{"history", "--config", config, "-o", out + "/history"};
       }},
  };
  return list;
}

/// One bad input: how it is made in a fresh project, the file the message must
/// name (relative to the project), and the line where there is one.
struct Row {
  Row(std::string what_, Format format_, std::function<void(Project&)> make_, std::string file_,
      int line_ = 0, std::vector<std::string> extra_ = {}, std::string config_ = "migsim.toml")
      : what(std::move(what_)),
        format(format_),
        make(std::move(make_)),
        file(std::move(file_)),
        line(line_),
        extra(std::move(extra_)),
        config(std::move(config_)) {}
  std::string what;
  Format format;
  std::function<void(Project&)> make;
  std::string file;
  int line;
  std::vector<std::string> extra;  ///< flags added to every command
  std::string config;              ///< the --config file, in the project
  /// In the pending revision's upgrade() body: history reads no body, and
  /// audit replays only the applied revisions.
  bool body_only = false;
};

void check_row(const Row& row) {
  for (const auto& command : commands()) {
    if (row.body_only && (command.name == "history" || command.name == "audit")) continue;
    Project p(row.format);
    row.make(p);
    TempDir out;
    auto before = listing(p.dir.path());
    auto args = command.args(p, p.dir.file(row.config), out.path());
    args.insert(args.end(), row.extra.begin(), row.extra.end());
    auto r = run_migsim(args);
    INFO(command.name << " on " << row.what << ":\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("migsim: " + p.dir.file(row.file) +
                          (row.line ? ":" + std::to_string(row.line) + ":" : ":"),
                      0) == 0);
    CHECK(lines(r.err) == 1);
    CHECK(r.out.empty());
    CHECK(fs::is_empty(out.path()));
    CHECK(listing(p.dir.path()) == before);
  }
}

void set_user_version(const std::string& path, int version) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  std::string sql = "PRAGMA user_version = " + std::to_string(version);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

void replace_file(const Project& p, const std::string& name, const std::string& bytes) {
  fs::remove(p.dir.file(name));
  p.dir.write(name, bytes);
}

void make_dir(const Project& p, const std::string& name) {
  fs::remove(p.dir.file(name));
  fs::create_directory(p.dir.file(name));
}

void sparse(const Project& p, const std::string& name, const std::string& head) {
  replace_file(p, name, head);
  fs::resize_file(p.dir.file(name), 100u << 20);  // 100 MB that costs no disk
}

const std::string kGarbage("\x7f\x45\x4c\x46\x02\x01\x01\x00\xff\xfe\x00\x00\x9c\x80\x01", 15);

TEST_CASE("bad input, project commands: the environment's snapshot") {
  std::vector<Row> rows = {
      {"a missing snapshot", Format::kSql,
       [](Project& p) { fs::remove(p.dir.file("prod.sqlite")); }, "prod.sqlite"},
      {"a directory where the snapshot belongs", Format::kSql,
       [](Project& p) { make_dir(p, "prod.sqlite"); }, "prod.sqlite"},
      {"an empty snapshot", Format::kSql, [](Project& p) { replace_file(p, "prod.sqlite", ""); },
       "prod.sqlite"},
      {"binary garbage", Format::kSql, [](Project& p) { replace_file(p, "prod.sqlite", kGarbage); },
       "prod.sqlite"},
      {"a truncated snapshot", Format::kSql,
       [](Project& p) {
         std::string bytes = read_file(p.dir.file("prod.sqlite"));
         replace_file(p, "prod.sqlite", bytes.substr(0, bytes.size() / 2));
       },
       "prod.sqlite"},
      {"a snapshot from a newer format", Format::kSql,
       [](Project& p) { set_user_version(p.dir.file("prod.sqlite"), 99); }, "prod.sqlite"},
      {"a snapshot over --max-snapshot-size",
       Format::kSql,
       [](Project&) {},
       "prod.sqlite",
       0,
       {"--max-snapshot-size", "4KiB"}},
  };
  for (const auto& row : rows) check_row(row);
}

TEST_CASE("bad input, project commands: migsim.toml") {
  std::vector<Row> rows = {
      {"a missing config", Format::kSql, [](Project&) {}, "nope.toml", 0, {}, "nope.toml"},
      {"a directory where the config belongs", Format::kSql,
       [](Project& p) { make_dir(p, "migsim.toml"); }, "migsim.toml"},
      {"an empty config", Format::kSql, [](Project& p) { replace_file(p, "migsim.toml", ""); },
       "migsim.toml"},
      {"binary garbage", Format::kSql, [](Project& p) { replace_file(p, "migsim.toml", kGarbage); },
       "migsim.toml", 1},
      {"a TOML syntax error on line 2", Format::kSql,
       [](Project& p) {
         replace_file(p, "migsim.toml", "source_format = \"sql\"\nmigrations = [\n");
       },
       "migsim.toml", 2},
      {"an unknown key on line 3", Format::kSql,
       [](Project& p) {
         replace_file(p, "migsim.toml", "migrations = \"versions\"\n\nmigartions = \"x\"\n");
       },
       "migsim.toml", 3},
      {"invalid UTF-8 on line 2", Format::kSql,
       [](Project& p) { replace_file(p, "migsim.toml", "# ok\nmigrations = \"v\xe9\"\n"); },
       "migsim.toml", 2},
      {"a 100 MB config", Format::kSql,
       [](Project& p) { sparse(p, "migsim.toml", "migrations = \"versions\"\n"); }, "migsim.toml"},
      {"migrations that do not exist", Format::kSql,
       [](Project& p) { fs::remove_all(p.dir.file("versions")); }, "versions"},
  };
  for (const auto& row : rows) check_row(row);
}

TEST_CASE("bad input, project commands: SQL migrations") {
  std::vector<Row> rows = {
      {"binary garbage", Format::kSql,
       [](Project& p) { replace_file(p, "versions/002_b.sql", kGarbage); }, "versions/002_b.sql",
       1},
      {"invalid UTF-8 on line 3", Format::kSql,
       [](Project& p) {
         replace_file(p, "versions/002_b.sql",
                      "ALTER TABLE t ADD COLUMN x int;\n-- ok\nCOMMENT ON TABLE t IS 'caf\xe9';\n");
       },
       "versions/002_b.sql", 3},
      {"a 100 MB migration", Format::kSql,
       [](Project& p) { sparse(p, "versions/002_b.sql", "SELECT 1;\n"); }, "versions/002_b.sql"},
      {"a deeply nested expression on line 2", Format::kSql,
       [](Project& p) {
         std::string sql = "ALTER TABLE t ADD COLUMN x int;\nSELECT 1";
         for (int i = 0; i < 200'000; ++i) sql += "+1";
         replace_file(p, "versions/002_b.sql", sql + ";\n");
       },
       "versions/002_b.sql", 2},
      // Bodies are parsed while the replay runs: explain stops before this
      // one, and every command still refuses it.
      {"a syntax error on line 2 of a revision after ten more", Format::kSql,
       [](Project& p) {
         for (int i = 3; i <= 12; ++i)
           p.dir.write(
               "versions/" + std::string(i < 10 ? "00" : "0") + std::to_string(i) + "_more.sql",
               "SELECT " + std::to_string(i) + ";\n");
         p.dir.write("versions/013_bad.sql", "SELECT 13;\nSELEC oops;\n");
       },
       "versions/013_bad.sql", 2},
      {"more statements than --max-statements",
       Format::kSql,
       [](Project& p) {
         replace_file(p, "versions/002_b.sql", "SELECT 1;\nSELECT 2;\nSELECT 3;\n");
       },
       "versions/002_b.sql",
       3,
       {"--max-statements", "2"}},
  };
  for (const auto& row : rows) check_row(row);
}

TEST_CASE("bad input, project commands: Alembic scripts and the revision graph") {
  auto nested = [](const std::string& prefix, const std::string& suffix) {
    return [=](Project& p) {
      std::string expr;
      for (int i = 0; i < 100'000; ++i) expr += prefix;
      expr += "1";
      for (int i = 0; i < 100'000; ++i) expr += suffix;
      replace_file(p, "versions/b2.py", Project::script("b2", "'0001_base'", "x = " + expr));
    };
  };
  std::vector<Row> rows = {
      // Each of these crashed (stack overflow) before --max-nesting.
      {"`not not ... 1` on line 6", Format::kAlembic, nested("not ", ""), "versions/b2.py", 6},
      {"`- - ... 1` on line 6", Format::kAlembic, nested("-", ""), "versions/b2.py", 6},
      {"`1 + 1 + ...` on line 6", Format::kAlembic, nested("", "+1"), "versions/b2.py", 6},
      {"`1 .real.real...` on line 6", Format::kAlembic, nested("", ".real"), "versions/b2.py", 6},
      {"`lambda: lambda: ...` on line 6", Format::kAlembic, nested("lambda: ", ""),
       "versions/b2.py", 6},
      {"Python nested past a lowered --max-nesting",
       Format::kAlembic,
       [](Project& p) {
         replace_file(p, "versions/b2.py",
                      Project::script("b2", "'0001_base'", "x = " + std::string(30, '-') + "1"));
       },
       "versions/b2.py",
       6,
       {"--max-nesting", "20"}},
      {"binary garbage", Format::kAlembic,
       [](Project& p) { replace_file(p, "versions/b2.py", kGarbage); }, "versions/b2.py", 1},
      {"invalid UTF-8 on line 6", Format::kAlembic,
       [](Project& p) {
         replace_file(p, "versions/b2.py", Project::script("b2", "'0001_base'", "x = 'caf\xe9'"));
       },
       "versions/b2.py", 6},
      {"invalid UTF-8 in a comment on line 6", Format::kAlembic,
       [](Project& p) {
         replace_file(p, "versions/b2.py", Project::script("b2", "'0001_base'", "# caf\xe9"));
       },
       "versions/b2.py", 6},
      {"a 100 MB script", Format::kAlembic,
       [](Project& p) { sparse(p, "versions/b2.py", "revision = 'b2'\n"); }, "versions/b2.py"},
      {"a revision cycle", Format::kAlembic,
       [](Project& p) {
         replace_file(p, "versions/a1.py", Project::script("0001_base", "'b2'", "pass"));
       },
       "versions/a1.py", 1},
      {"a revision id declared twice", Format::kAlembic,
       [](Project& p) {
         replace_file(p, "versions/c3.py", Project::script("b2", "'0001_base'", "pass"));
       },
       "versions/b2.py", 1},
  };
  for (auto& row : rows) {
    row.body_only = row.line == 6;
    check_row(row);
  }
}

TEST_CASE("bad input, project commands: bad flags are usage errors that write nothing") {
  for (const auto& flags : std::vector<std::vector<std::string>>{
           {"--bogus"},
           {"--format", "yaml"},
           {"--max-file-size", "lots"},
           {"--max-nesting", "0"},
           {"--max-snapshot-size", "-1"},
       }) {
    for (const auto& command : commands()) {
      if (command.name == "report" && flags[0] == "--format") continue;  // Markdown only
      Project p(Format::kSql);
      TempDir out;
      auto args = command.args(p, p.dir.file("migsim.toml"), out.path());
      args.insert(args.end(), flags.begin(), flags.end());
      auto r = run_migsim(args);
      INFO(command.name << " " << flags[0] << ":\n" << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find(flags[0]) != std::string::npos);
      CHECK(r.out.empty());
      CHECK(fs::is_empty(out.path()));
    }
  }
}

TEST_CASE("bad input: commands that read no project write nothing on bad usage") {
  TempDir out;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"rules", "--bogus"},
           {"snapshot", "sql", "--bogus"},
           {"snapshot", "pull", "-o", out.file("pulled.sqlite")},  // no --dsn, no server
           {"snapshot", "pull", "--dsn", "host=/nonexistent dbname=x", "-o",
            out.file("pulled.sqlite")},
           {"snapshot", "pull", "--dsn", "host=/nonexistent", "--timeout", "0", "-o",
            out.file("pulled.sqlite")},
       }) {
    auto r = run_migsim(args);
    INFO(args[0] << " " << args[1] << ":\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("migsim: ", 0) == 0);
    CHECK(r.out.empty());
    CHECK(fs::is_empty(out.path()));
  }
}

TEST_CASE("bad input: an unreadable snapshot or script, for project commands") {
  if (geteuid() == 0) {
    WARN("skipped: running as root, and chmod 000 does not stop root from reading");
    return;
  }
  check_row({"an unreadable snapshot", Format::kSql,
             [](Project& p) { fs::permissions(p.dir.file("prod.sqlite"), fs::perms::none); },
             "prod.sqlite"});
  check_row({"an unreadable script", Format::kSql,
             [](Project& p) { fs::permissions(p.dir.file("versions/002_b.sql"), fs::perms::none); },
             "versions/002_b.sql"});
}

}  // namespace
}  // namespace migsim::testing
