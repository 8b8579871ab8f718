// Statement digests: what the planner derives from a statement alone is
// computed where a revision body is parsed (in the background, beside the
// replay) and read back by the replay instead of being derived again there.

#include <catch2/catch.hpp>

#include "parser/revisions/parse_bodies.h"
#include "parser/revisions/readers.h"
#include "planner/rules/statement_targets.h"
#include "tests/cli_runner.h"

namespace migsim {
namespace {

using testing::TempDir;

/// The statement without its digest: written_changes derives the changes anew.
std::vector<ObjectChange> derived(const Statement& s) {
  Statement bare = s;
  bare.digest = nullptr;
  return *written_changes(bare);
}

bool same(const std::vector<ObjectChange>& a, const std::vector<ObjectChange>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].schema != b[i].schema || a[i].table != b[i].table || a[i].column != b[i].column ||
        a[i].op != b[i].op || a[i].guarded != b[i].guarded ||
        a[i].not_null_without_default != b[i].not_null_without_default ||
        a[i].new_type != b[i].new_type)
      return false;
  return true;
}

TEST_CASE("statement digests: bodies parsed in the background carry their written changes",
          "[revisions]") {
  TempDir dir;
  for (int i = 1; i <= 30; ++i) {
    std::string t = "t" + std::to_string(i);
    dir.write(std::to_string(i) + "_step.sql",
              "CREATE TABLE app." + t +
                  " (a int);\n"
                  "ALTER TABLE " +
                  t +
                  " ADD COLUMN b text NOT NULL, ALTER COLUMN a TYPE bigint;\n"
                  "DO $$ BEGIN IF true THEN DROP TABLE IF EXISTS old" +
                  std::to_string(i) + "; END IF; END $$;\n");
  }
  ReadOptions background;
  background.parse_in_background = true;
  std::vector<Revision> revs;
  InputError error;

  set_statement_digest(&digest_statement);
  REQUIRE(read_revisions(dir.path(), SourceFormat::kSqlFiles, background, revs, error));
  REQUIRE(revs.size() == 30);
  for (const Revision& r : revs) {
    REQUIRE(r.script().statements.size() == 3);
    for (const Statement& s : r.script().statements) {
      REQUIRE(s.digest);
      // Read from the digest: the same list, not a copy.
      CHECK(written_changes(s).get() == &s.digest->written_changes);
      CHECK(same(*written_changes(s), derived(s)));
    }
  }
  const Statement& alter = revs[6].script().statements[1];
  REQUIRE(written_changes(alter)->size() == 2);
  CHECK((*written_changes(alter))[0].table == "t7");
  CHECK((*written_changes(alter))[0].op == ObjectChange::Op::kAddColumn);
  CHECK((*written_changes(alter))[0].not_null_without_default);
  CHECK((*written_changes(alter))[1].op == ObjectChange::Op::kColumnType);
  const Statement& guarded = revs[6].script().statements[2];
  REQUIRE(written_changes(guarded)->size() == 1);
  CHECK((*written_changes(guarded))[0].guarded);
  CHECK(finish_revision_bodies(revs, error));

  // Without a digest function, statements carry none and the changes are the same.
  set_statement_digest(nullptr);
  REQUIRE(read_revisions(dir.path(), SourceFormat::kSqlFiles, background, revs, error));
  REQUIRE(finish_revision_bodies(revs, error));
  CHECK_FALSE(revs[6].script().statements[1].digest);
  CHECK((*written_changes(revs[6].script().statements[1]))[0].op == ObjectChange::Op::kAddColumn);
}

}  // namespace
}  // namespace migsim
