// Alembic revision scripts and Alembic offline SQL, read from fixtures the
// real Alembic made (fixtures/alembic_offline, rendered by its render.sh).

#include <catch2/catch.hpp>

#include "parser/revisions/revision_graph.h"

namespace migsim {
namespace {

std::string fixture(const std::string& relative) {
  return std::string(MIGSIM_SOURCE_DIR) + "/fixtures/" + relative;
}

std::vector<Revision> read(const std::string& relative, SourceFormat format) {
  std::vector<Revision> out;
  InputError error;
  bool ok = read_revisions(fixture(relative), format, ReadOptions{}, out, error);
  INFO(error.to_string());
  REQUIRE(ok);
  return out;
}

InputError read_error(const std::string& relative) {
  std::vector<Revision> out;
  InputError error;
  CHECK_FALSE(read_revisions(fixture(relative), SourceFormat::kAlembic, ReadOptions{}, out, error));
  return error;
}

std::vector<std::string> ids(const RevisionGraph& g) {
  std::vector<std::string> out;
  for (const Revision& r : g.revisions()) out.push_back(r.id);
  return out;
}

using V = std::vector<std::string>;

TEST_CASE("alembic scripts: headers of the scripts Alembic generated", "[revisions]") {
  auto revs = read("alembic_offline/project/versions", SourceFormat::kAlembic);
  REQUIRE(revs.size() == 5);
  const Revision& users = revs[0];
  CHECK(users.id == "1a2b3c4d5e6f");
  CHECK(users.down_revisions.empty());
  CHECK(users.message == "create users");
  CHECK(users.create_date == "2026-11-24 12:53:23.979918");
  CHECK(users.location.line == 13);
  CHECK(users.body == BodyKind::kUnread);
  CHECK(users.unread_reason == "Alembic op.* bodies are not read yet");
  REQUIRE(users.source);
  CHECK(users.source->text().substr(users.body_begin, 15) == "def upgrade() -");
  CHECK(users.source->text().substr(users.body_end, 16) == "def downgrade() ");
  const Revision& reports = revs[2];
  CHECK(reports.branch_labels == V{"reports"});
  const Revision& merge = revs[3];
  CHECK(merge.down_revisions == V{"2b3c4d5e6f70", "3c4d5e6f7081"});
  CHECK(merge.message == "merge email and reports");
  const Revision& audit = revs[4];
  CHECK(audit.down_revisions.empty());
  CHECK(audit.branch_labels == V{"audit"});
  CHECK(audit.depends_on == V{"2b3c4d5e6f70"});

  RevisionGraph g(std::move(revs));
  CHECK_FALSE(g.broken());
  CHECK(g.heads() == V{"4d5e6f708192", "5e6f708192a3"});
  CHECK(g.bases() == V{"1a2b3c4d5e6f", "5e6f708192a3"});
  CHECK(g.merges() == V{"4d5e6f708192"});
  CHECK(g.branch_points() == V{"1a2b3c4d5e6f"});
  CHECK(g.branch_labels().at("reports") == "3c4d5e6f7081");
  // depends_on orders the audit log after the email revision.
  CHECK(ids(g) ==
        V{"1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081", "4d5e6f708192", "5e6f708192a3"});
  REQUIRE(g.problems().size() == 1);
  CHECK(g.problems()[0].rule == "multiple-heads");
  CHECK(g.problems()[0].severity == GraphProblem::Severity::kWarning);
}

TEST_CASE("alembic scripts: typed headers, concatenation, lists and labels", "[revisions]") {
  auto revs = read("sources/alembic_typed", SourceFormat::kAlembic);
  REQUIRE(revs.size() == 4);
  CHECK(revs[0].id == "0001");
  CHECK(revs[0].branch_labels == V{"core"});
  CHECK(revs[0].create_date == "2024-01-15 09:30:00.123456");
  CHECK(revs[1].id == "0002");  // "00" "02" over a line continuation
  CHECK(revs[1].down_revisions == V{"0001"});
  CHECK(revs[2].branch_labels == V{"ledger"});
  CHECK(revs[2].depends_on == V{"core"});
  CHECK(revs[3].down_revisions == V{"0002", "0003"});
  CHECK(revs[3].message == "merge balance and ledger");
  RevisionGraph g(std::move(revs));
  CHECK(g.problems().empty());
  CHECK(g.heads() == V{"0004"});
  std::vector<std::string> resolved;
  std::string why;
  REQUIRE(g.resolve("ledger", resolved, why));
  REQUIRE(g.resolve("core@head", resolved, why));
  CHECK(resolved == V{"0003", "0004"});
}

TEST_CASE("alembic scripts: bad input names the file and line", "[revisions]") {
  InputError e = read_error("sources/alembic_broken/syntax_error");
  CHECK(e.file.ends_with("syntax_error/bbb_broken.py"));
  CHECK(e.line == 11);
  CHECK(e.column == 17);
  CHECK(e.message == "unterminated string literal (detected at line 11)");

  e = read_error("sources/alembic_broken/bad_indent");
  CHECK(e.file.ends_with("bad_indent/ccc_indent.py"));
  CHECK(e.line == 10);
  CHECK(e.message == "unindent does not match any outer indentation level");

  e = read_error("sources/alembic_broken/not_revision");
  CHECK(e.file.ends_with("not_revision/helpers.py"));
  CHECK_THAT(e.message, Catch::Contains("not an Alembic revision script"));
}

TEST_CASE("alembic scripts: broken graphs", "[revisions]") {
  SECTION("the same revision id twice") {
    RevisionGraph g(read("sources/alembic_broken/duplicate", SourceFormat::kAlembic));
    CHECK(g.broken());
    REQUIRE(g.problems().size() >= 1);
    const GraphProblem& p = g.problems()[0];
    CHECK(p.rule == "duplicate-revision");
    CHECK(p.severity == GraphProblem::Severity::kError);
    REQUIRE(p.files.size() == 2);
    CHECK(p.files[0].ends_with("aaa_first.py"));
    CHECK(p.files[1].ends_with("aaa_second.py"));
    CHECK_THAT(p.message, Catch::Contains("aaa_first.py") && Catch::Contains("aaa_second.py"));
  }
  SECTION("a dangling down_revision") {
    RevisionGraph g(read("sources/alembic_broken/dangling", SourceFormat::kAlembic));
    CHECK_FALSE(g.broken());
    CHECK(g.has_errors());
    REQUIRE(!g.problems().empty());
    const GraphProblem& p = g.problems()[0];
    CHECK(p.rule == "missing-down-revision");
    CHECK(p.revisions == V{"bbb"});
    CHECK(p.files[0].ends_with("bbb_dangling.py"));
    CHECK(p.line == 13);
    CHECK_THAT(p.message, Catch::Contains("revises zzz"));
  }
  SECTION("a cycle") {
    RevisionGraph g(read("sources/alembic_broken/cycle", SourceFormat::kAlembic));
    CHECK(g.broken());
    REQUIRE(g.problems().size() == 1);
    const GraphProblem& p = g.problems()[0];
    CHECK(p.rule == "revision-cycle");
    CHECK(p.revisions == V{"aaa", "ccc", "bbb"});
    CHECK_THAT(p.message, Catch::Contains("aaa_a.py") && Catch::EndsWith("-> aaa"));
    // The base still comes first; the cycle's revisions follow in source order.
    CHECK(ids(g) == V{"000", "aaa", "bbb", "ccc"});
  }
}

TEST_CASE("alembic offline SQL: revisions split at the markers", "[revisions]") {
  auto revs = read("alembic_offline/upgrade_heads.sql", SourceFormat::kAlembicOfflineSql);
  REQUIRE(revs.size() == 5);
  CHECK(revs[0].id == "1a2b3c4d5e6f");
  CHECK(revs[0].down_revisions.empty());
  CHECK(revs[3].id == "4d5e6f708192");
  CHECK(revs[3].down_revisions == V{"2b3c4d5e6f70", "3c4d5e6f7081"});
  CHECK(revs[4].id == "5e6f708192a3");
  CHECK(revs[4].down_revisions.empty());

  // The first revision holds the preamble: BEGIN and the version table.
  const auto& first = revs[0].script().statements;
  REQUIRE(first.size() == 4);
  CHECK(first[0].kind == "TransactionStmt");
  CHECK(first[1].kind == "CreateStmt");
  CHECK(first[2].kind == "CreateStmt");
  CHECK(first[2].location.line == 10);
  CHECK(first[3].kind == "InsertStmt");
  CHECK(revs[0].bookkeeping == std::set<size_t>{1, 3});

  const auto& email = revs[1].script().statements;
  REQUIRE(email.size() == 3);
  CHECK(email[0].kind == "AlterTableStmt");
  CHECK(email[1].kind == "UpdateStmt");
  CHECK(revs[1].bookkeeping == std::set<size_t>{2});
  // The merge deletes one version row and updates the other: both bookkeeping.
  CHECK(revs[3].bookkeeping == std::set<size_t>{1, 2});
  // The last revision ends with the COMMIT of the whole upgrade.
  CHECK(revs[4].script().statements.back().kind == "TransactionStmt");

  RevisionGraph g(std::move(revs));
  CHECK(g.heads() == V{"4d5e6f708192", "5e6f708192a3"});
}

TEST_CASE("alembic offline SQL: transaction_per_migration and a version table schema",
          "[revisions]") {
  auto revs =
      read("alembic_offline/upgrade_heads_per_migration.sql", SourceFormat::kAlembicOfflineSql);
  REQUIRE(revs.size() == 5);
  // Each revision after the first opens with its own BEGIN and ends with COMMIT.
  for (size_t i = 1; i < revs.size(); ++i) {
    INFO(revs[i].id);
    const auto& s = revs[i].script().statements;
    REQUIRE(s.size() >= 2);
    CHECK(s.front().kind == "TransactionStmt");
    CHECK(s.front().text == "BEGIN");
    CHECK(s.back().text == "COMMIT");
  }

  revs = read("alembic_offline/upgrade_range_schema.sql", SourceFormat::kAlembicOfflineSql);
  REQUIRE(revs.size() == 3);
  CHECK(revs[0].id == "3c4d5e6f7081");
  CHECK(revs[0].down_revisions == V{"1a2b3c4d5e6f"});
  CHECK(revs[0].bookkeeping == std::set<size_t>{2});  // UPDATE app.alembic_version
  // A range starts from a revision that is not in the file: where it starts, not a problem.
  RevisionGraph g(std::move(revs));
  CHECK(g.problems().empty());
  CHECK(g.starts_from() == V{"1a2b3c4d5e6f"});
  CHECK(g.heads() == V{"4d5e6f708192"});
  std::vector<const Revision*> todo;
  std::string why;
  REQUIRE(g.pending({}, {}, todo, why));
  CHECK(todo.size() == 3);
}

TEST_CASE("source format detection", "[revisions]") {
  InputError error;
  CHECK(detect_source_format(fixture("alembic_offline/project"), error) == SourceFormat::kAlembic);
  CHECK(detect_source_format(fixture("alembic_offline/project/versions"), error) ==
        SourceFormat::kAlembic);
  CHECK(detect_source_format(fixture("alembic_offline/upgrade_heads.sql"), error) ==
        SourceFormat::kAlembicOfflineSql);
  CHECK(detect_source_format(fixture("sources/flyway"), error) == SourceFormat::kFlyway);
  CHECK(detect_source_format(fixture("sources/golang-migrate"), error) ==
        SourceFormat::kGolangMigrate);
  CHECK(detect_source_format(fixture("sources/dbmate"), error) == SourceFormat::kDbmate);
  CHECK(detect_source_format(fixture("sources/diesel"), error) == SourceFormat::kDiesel);
  CHECK(detect_source_format(fixture("sources/sql"), error) == SourceFormat::kSqlFiles);
  CHECK(detect_source_format(fixture("sources/sql/2_users.sql"), error) == SourceFormat::kSqlFiles);
  CHECK_FALSE(detect_source_format(fixture("sources/nowhere"), error));
  CHECK(error.message == "no such file or directory");
  CHECK(parse_source_format("golang-migrate") == SourceFormat::kGolangMigrate);
  CHECK_FALSE(parse_source_format("liquibase"));
}

}  // namespace
}  // namespace migsim
