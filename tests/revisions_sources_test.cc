// Plain SQL histories: Flyway, golang-migrate, dbmate, Diesel and a directory
// of SQL files, read from fixtures/sources/<format>.

#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "parser/limits.h"
#include "parser/revisions/parse_bodies.h"
#include "parser/revisions/readers.h"
#include "parser/revisions/revision_graph.h"

namespace migsim {
namespace {

std::string fixture(const std::string& relative) {
  return std::string(MIGSIM_SOURCE_DIR) + "/fixtures/sources/" + relative;
}

std::vector<Revision> read(const std::string& relative, SourceFormat format) {
  std::vector<Revision> out;
  InputError error;
  bool ok = read_revisions(fixture(relative), format, ReadOptions{}, out, error);
  INFO(error.to_string());
  REQUIRE(ok);
  return out;
}

std::vector<std::string> ids(const std::vector<Revision>& revs) {
  std::vector<std::string> out;
  for (const Revision& r : revs) out.push_back(r.id);
  return out;
}

using V = std::vector<std::string>;

TEST_CASE("flyway: versions compared part by part, repeatables last", "[revisions]") {
  auto revs = read("flyway", SourceFormat::kFlyway);
  CHECK(ids(revs) == V{"1", "1.1", "2", "10", "11", "R__user_names_view"});
  CHECK(revs[1].message == "add email");
  CHECK(revs[1].down_revisions == V{"1"});
  CHECK(revs[3].path.ends_with("sub/V10__index_reports.sql"));
  CHECK(revs[5].repeatable);
  CHECK_FALSE(revs[3].repeatable);
  CHECK(revs[3].transactional);
  CHECK_FALSE(revs[4].transactional);  // V11__...sql.conf: executeInTransaction=false
  REQUIRE(revs[3].script().statements.size() == 1);
  CHECK(revs[3].script().statements[0].kind == "IndexStmt");
  CHECK(revs[3].script().statements[0].location.line == 2);
  RevisionGraph g(std::move(revs));
  CHECK(g.problems().empty());
  CHECK(g.heads() == V{"R__user_names_view"});
}

TEST_CASE("golang-migrate: up files in numeric order, down files ignored", "[revisions]") {
  auto revs = read("golang-migrate", SourceFormat::kGolangMigrate);
  CHECK(ids(revs) == V{"1", "2", "10"});
  CHECK(revs[1].message == "add email");
  REQUIRE(revs[1].script().statements.size() == 4);
  CHECK(revs[1].script().statements[0].kind == "TransactionStmt");
  CHECK(revs[1].script().statements[2].location.line == 3);
  CHECK(revs[2].down_revisions == V{"2"});
}

TEST_CASE("dbmate: up sections only, transaction:false", "[revisions]") {
  auto revs = read("dbmate", SourceFormat::kDbmate);
  CHECK(ids(revs) == V{"20230101120000", "20230102090000", "20230103000000"});
  CHECK(revs[0].transactional);
  CHECK_FALSE(revs[1].transactional);
  CHECK(revs[2].transactional);
  REQUIRE(revs[1].script().statements.size() == 1);
  CHECK(revs[1].script().statements[0].kind == "IndexStmt");
  CHECK(revs[1].script().statements[0].location.line == 2);
  REQUIRE(revs[2].script().statements.size() == 2);  // the down section is not read
  CHECK(revs[2].script().statements[1].location.line == 3);
  CHECK(revs[1].location.line == 1);
}

TEST_CASE("diesel: versions sort by their digits, metadata.toml", "[revisions]") {
  auto revs = read("diesel", SourceFormat::kDiesel);
  CHECK(ids(revs) == V{"00000000000000", "20170831123456", "20170901000000", "20170902000000"});
  CHECK(revs[1].message == "create users");
  CHECK(revs[1].path.ends_with("2017-08-31-123456_create_users/up.sql"));
  CHECK(revs[0].transactional);
  CHECK_FALSE(revs[2].transactional);
  CHECK(revs[3].transactional);
  CHECK(revs[0].script().statements[0].kind == "CreateFunctionStmt");
}

TEST_CASE("diesel: metadata.toml is read under the file size limit", "[revisions]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("migsim-diesel-" + std::to_string(getpid()));
  fs::create_directories(dir / "2020-01-01-000000_big");
  std::ofstream(dir / "2020-01-01-000000_big" / "up.sql") << "CREATE TABLE t (id int);\n";
  std::ofstream(dir / "2020-01-01-000000_big" / "metadata.toml")
      << "run_in_transaction = false\n# " << std::string(4096, 'x') << "\n";
  uint64_t saved = input_limits().max_file_size;
  input_limits().max_file_size = 1024;
  std::vector<Revision> out;
  InputError error;
  bool ok = read_revisions(dir.string(), SourceFormat::kDiesel, ReadOptions{}, out, error);
  input_limits().max_file_size = saved;
  fs::remove_all(dir);
  CHECK_FALSE(ok);
  CHECK(error.file.ends_with("metadata.toml"));
  CHECK(error.message.find("--max-file-size") != std::string::npos);
}

TEST_CASE("plain SQL files in natural order", "[revisions]") {
  auto revs = read("sql", SourceFormat::kSqlFiles);
  CHECK(ids(revs) == V{"1_schema", "2_users", "10_reports"});
  CHECK(revs[2].down_revisions == V{"2_users"});
  revs = read("sql/2_users.sql", SourceFormat::kSqlFiles);
  CHECK(ids(revs) == V{"2_users"});
}

TEST_CASE("natural order and digits", "[revisions]") {
  using revisions::digits_of;
  using revisions::natural_compare;
  CHECK(natural_compare("2_a", "10_a") < 0);
  CHECK(natural_compare("V1_10", "V1_9") > 0);
  CHECK(natural_compare("a", "a") == 0);
  CHECK(natural_compare("01", "1") != 0);  // equal numbers, still a total order
  CHECK(natural_compare("abc", "abd") < 0);
  CHECK(digits_of("2017-08-31-123456") == "20170831123456");
}

TEST_CASE("reading the wrong format says what is wrong", "[revisions]") {
  std::vector<Revision> out;
  InputError error;
  CHECK_FALSE(read_revisions(fixture("sql"), SourceFormat::kFlyway, ReadOptions{}, out, error));
  CHECK_THAT(error.message, Catch::Contains("not a Flyway migration name"));
  CHECK_FALSE(
      read_revisions(fixture("sql"), SourceFormat::kAlembicOfflineSql, ReadOptions{}, out, error));
  CHECK_FALSE(read_revisions(fixture("flyway/V2__create_reports.sql"),
                             SourceFormat::kAlembicOfflineSql, ReadOptions{}, out, error));
  CHECK_THAT(error.message, Catch::Contains("-- Running upgrade"));
  CHECK_FALSE(read_revisions(fixture("sql"), SourceFormat::kDbmate, ReadOptions{}, out, error));
  CHECK_THAT(error.message, Catch::Contains("-- migrate:up"));
}

}  // namespace
}  // namespace migsim

namespace migsim {
namespace {

/// A throwaway directory of files, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
};

TEST_CASE("plain SQL files: a revision's id is its file's name without .sql", "[revisions]") {
  TempDir dir("migsim_sql_ids");
  dir.write("1.2_dotted.sql", "SELECT 1;\n");
  dir.write("3_x.up.sql", "SELECT 1;\n");
  dir.write("4_notes.txt", "not a revision\n");
  std::vector<Revision> revs;
  InputError error;
  REQUIRE(read_revisions(dir.path.string(), SourceFormat::kSqlFiles, ReadOptions{}, revs, error));
  CHECK(ids(revs) == V{"1.2_dotted", "3_x.up"});
  CHECK(revs[0].path == (dir.path / "1.2_dotted.sql").string());
}

TEST_CASE("a directory detect_source_format listed is read from that listing", "[revisions]") {
  TempDir dir("migsim_listing");
  dir.write("1_a.sql", "SELECT 1;\n");
  dir.write("2_b.sql", "SELECT 2;\n");
  InputError error;
  ReadOptions options;
  REQUIRE(detect_source_format(dir.path.string(), error, &options.listing) ==
          SourceFormat::kSqlFiles);
  REQUIRE(options.listing);
  CHECK(options.listing->dir == dir.path.string());
  CHECK(options.listing->entries.size() == 2);
  // The reader takes the listing as it is (a file written since is not in it) ...
  dir.write("3_c.sql", "SELECT 3;\n");
  std::vector<Revision> revs;
  REQUIRE(read_revisions(dir.path.string(), SourceFormat::kSqlFiles, options, revs, error));
  CHECK(ids(revs) == V{"1_a", "2_b"});
  // ... once: a second read lists the directory.
  CHECK(options.listing->entries.empty());
  REQUIRE(read_revisions(dir.path.string(), SourceFormat::kSqlFiles, options, revs, error));
  CHECK(ids(revs) == V{"1_a", "2_b", "3_c"});
  // A listing of another directory is not taken.
  options.listing = std::make_shared<DirListing>(DirListing{"elsewhere", {}});
  REQUIRE(read_revisions(dir.path.string(), SourceFormat::kSqlFiles, options, revs, error));
  CHECK(ids(revs).size() == 3);
  CHECK(options.listing->dir == "elsewhere");
  // A path that is one file lists nothing, and keeps nothing.
  std::shared_ptr<DirListing> none;
  CHECK(detect_source_format((dir.path / "1_a.sql").string(), error, &none) ==
        SourceFormat::kSqlFiles);
  CHECK_FALSE(none);
}

TEST_CASE("flyway: 1 and 1.0 are the same version", "[revisions]") {
  TempDir dir("migsim_flyway_dup");
  dir.write("V1__a.sql", "SELECT 1;\n");
  dir.write("V1.0__b.sql", "SELECT 2;\n");
  std::vector<Revision> revs;
  InputError error;
  REQUIRE(read_revisions(dir.path.string(), SourceFormat::kFlyway, ReadOptions{}, revs, error));
  RevisionGraph g(std::move(revs));
  CHECK(g.broken());
  REQUIRE(!g.problems().empty());
  CHECK(g.problems()[0].rule == "duplicate-revision");
  CHECK(g.problems()[0].revisions == std::vector<std::string>{"1", "1"});
}

TEST_CASE("dbmate: a migration without an up block", "[revisions]") {
  TempDir dir("migsim_dbmate_noup");
  dir.write("20240101000000_x.sql", "-- migrate:down\nDROP TABLE x;\n");
  std::vector<Revision> revs;
  InputError error;
  CHECK_FALSE(read_revisions(dir.path.string(), SourceFormat::kDbmate, ReadOptions{}, revs, error));
  CHECK(error.message ==
        "dbmate requires each migration to define an up block with '-- migrate:up'");

  // dbmate 2's other checks, in its words.
  TempDir more("migsim_dbmate_rules");
  more.write("1_x.sql", "-- migrate:up\nCREATE TABLE x ();\n");
  CHECK_FALSE(
      read_revisions(more.path.string(), SourceFormat::kDbmate, ReadOptions{}, revs, error));
  CHECK(error.message ==
        "dbmate requires each migration to define a down block with '-- migrate:down'");
  more.write("1_x.sql", "-- migrate:down\nDROP TABLE x;\n-- migrate:up\nCREATE TABLE x ();\n");
  CHECK_FALSE(
      read_revisions(more.path.string(), SourceFormat::kDbmate, ReadOptions{}, revs, error));
  CHECK(error.message == "dbmate requires '-- migrate:up' to appear before '-- migrate:down'");
  more.write(
      "1_x.sql",
      "-- a comment\n\nCREATE TYPE t AS ENUM ();\n-- migrate:up\nSELECT 1;\n-- migrate:down\n");
  CHECK_FALSE(
      read_revisions(more.path.string(), SourceFormat::kDbmate, ReadOptions{}, revs, error));
  CHECK(error.line == 3);
  CHECK(error.message == "dbmate does not support statements preceding the '-- migrate:up' block");
  // `-- migrate:upgrade` is not a directive.
  more.write("1_x.sql", "-- migrate:upgrade\n-- migrate:up\nSELECT 1;\n-- migrate:down\n");
  revs.clear();
  REQUIRE(read_revisions(more.path.string(), SourceFormat::kDbmate, ReadOptions{}, revs, error));
  CHECK(revs[0].location.line == 2);
}

TEST_CASE("diesel: a bad metadata.toml names its line", "[revisions]") {
  TempDir dir("migsim_diesel_meta");
  std::filesystem::create_directories(dir.path / "2020-01-01-000000_x");
  dir.write("2020-01-01-000000_x/up.sql", "SELECT 1;\n");
  dir.write("2020-01-01-000000_x/metadata.toml", "\nrun_in_transaction = \"no\"\n");
  std::vector<Revision> revs;
  InputError error;
  CHECK_FALSE(read_revisions(dir.path.string(), SourceFormat::kDiesel, ReadOptions{}, revs, error));
  CHECK(error.line == 2);
  CHECK(error.message == "run_in_transaction must be true or false");
}

TEST_CASE("sql bodies: a syntax error is reported in the file", "[revisions]") {
  TempDir dir("migsim_sql_bad");
  dir.write("1_ok.sql", "SELECT 1;\n");
  dir.write("2_bad.sql", "SELECT 1;\nCREATE TABLE (;\n");
  std::vector<Revision> revs;
  InputError error;
  CHECK_FALSE(
      read_revisions(dir.path.string(), SourceFormat::kSqlFiles, ReadOptions{}, revs, error));
  CHECK(error.file.ends_with("2_bad.sql"));
  CHECK(error.line == 2);
  CHECK(error.message == "syntax error at or near \"(\"");
}

TEST_CASE("sql files: bodies are parsed together, and the first bad one in order is reported",
          "[revisions]") {
  TempDir dir("migsim_parse_order");
  for (int i = 1; i <= 40; ++i) {
    std::string body = "CREATE TABLE t" + std::to_string(i) + " (a int);\nSELECT 1;\n";
    if (i == 17 || i == 31) body += "SELEC oops;\n";
    dir.write(std::to_string(i) + "_step.sql", body);
  }
  std::vector<Revision> revs;
  InputError error;
  // Whichever thread gets there first, the error is the first file's.
  for (int round = 0; round < 20; ++round) {
    CHECK_FALSE(
        read_revisions(dir.path.string(), SourceFormat::kSqlFiles, ReadOptions{}, revs, error));
    CHECK(error.file == (dir.path / "17_step.sql").string());
    CHECK(error.line == 3);
  }
  // A file that cannot be read later on does not hide an earlier syntax error ...
  dir.write("35_bad.sql", "SELECT 'caf\xe9';\n");  // not UTF-8: refused as it is read
  CHECK_FALSE(
      read_revisions(dir.path.string(), SourceFormat::kSqlFiles, ReadOptions{}, revs, error));
  CHECK(error.file == (dir.path / "17_step.sql").string());
  // ... and one before it comes first.
  dir.write("17_step.sql", "SELECT 1;\nSELECT 2;\n");
  dir.write("31_step.sql", "SELECT 1;\nSELECT 2;\n");
  dir.write("5_bad.sql", "SELECT 'caf\xe9';\n");
  CHECK_FALSE(
      read_revisions(dir.path.string(), SourceFormat::kSqlFiles, ReadOptions{}, revs, error));
  CHECK(error.file == (dir.path / "5_bad.sql").string());
  std::filesystem::remove(dir.path / "5_bad.sql");
  std::filesystem::remove(dir.path / "35_bad.sql");
  // Read in the background, the revisions come back at once; each one's
  // statements are there when asked for, and a bad body is reported by
  // finish_revision_bodies, the first in order.
  dir.write("5_bad.sql", "SELECT 1;\nSELEC oops;\n");
  ReadOptions background;
  background.parse_in_background = true;
  for (int round = 0; round < 20; ++round) {
    REQUIRE(read_revisions(dir.path.string(), SourceFormat::kSqlFiles, background, revs, error));
    REQUIRE(revs.size() == 41);
    CHECK(revs[39].script().statements.size() == 2);
    CHECK(revs[0].script().statements.size() == 2);
    CHECK(revs[4].id == "5_bad");
    CHECK_FALSE(finish_revision_bodies(revs, error));
    CHECK(error.file == (dir.path / "5_bad.sql").string());
    CHECK(error.line == 2);
  }
  std::filesystem::remove(dir.path / "5_bad.sql");
  REQUIRE(read_revisions(dir.path.string(), SourceFormat::kSqlFiles, background, revs, error));
  CHECK(finish_revision_bodies(revs, error));
  REQUIRE(read_revisions(dir.path.string(), SourceFormat::kSqlFiles, ReadOptions{}, revs, error));
  REQUIRE(revs.size() == 40);
  for (const Revision& r : revs) {
    CHECK(r.script().statements.size() == 2);
  }
}

TEST_CASE("sql files: each file is read where its body is parsed", "[revisions]") {
  TempDir dir("migsim_read_with_parse");
  for (int i = 1; i <= 20; ++i)
    dir.write(std::to_string(i) + "_step.sql",
              "-- step\nCREATE TABLE t" + std::to_string(i) + " (a int);\nSELECT 1;\n");
  dir.write("7_step.sql", "SELECT 1;\n" + std::string(3000, ' ') + "\n");  // over the limit below
  dir.write("12_step.sql", "SELEC oops;\n");
  uint64_t saved = input_limits().max_file_size;
  input_limits().max_file_size = 2048;
  std::vector<Revision> revs;
  InputError error;
  ReadOptions background;
  background.parse_in_background = true;
  for (int round = 0; round < 10; ++round) {
    // Listed at once: ids, paths and where each revision starts, before any file is read.
    REQUIRE(read_revisions(dir.path.string(), SourceFormat::kSqlFiles, background, revs, error));
    REQUIRE(revs.size() == 20);
    CHECK(revs[19].id == "20_step");
    CHECK(revs[19].location.file == (dir.path / "20_step.sql").string());
    CHECK(revs[19].location.line == 1);
    CHECK(revs[1].script().statements.size() == 2);
    CHECK(revs[1].script().statements[0].location.line == 2);
    // The file over the limit is the first failure, before the later syntax error.
    CHECK_FALSE(finish_revision_bodies(revs, error));
    CHECK(error.file == (dir.path / "7_step.sql").string());
    CHECK(error.message.find("larger than the limit of 2 KiB") != std::string::npos);
    // Every other file was read: its text is there for later readers.
    CHECK(revs[19].source->text() == "-- step\nCREATE TABLE t20 (a int);\nSELECT 1;\n");
  }
  // Read and parsed on the reading thread, the same failure comes first.
  CHECK_FALSE(
      read_revisions(dir.path.string(), SourceFormat::kSqlFiles, ReadOptions{}, revs, error));
  CHECK(error.file == (dir.path / "7_step.sql").string());
  input_limits().max_file_size = saved;
  CHECK_FALSE(
      read_revisions(dir.path.string(), SourceFormat::kSqlFiles, ReadOptions{}, revs, error));
  CHECK(error.file == (dir.path / "12_step.sql").string());
  CHECK(error.line == 1);
}

}  // namespace
}  // namespace migsim
