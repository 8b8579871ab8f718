// Alembic revision scripts replayed without Python: op.* calls, inspector
// guards, batch blocks, enums, raw SQL and helpers, from the corpus under
// fixtures/alembic_scripts/ and the flagship fixture.

#include <pg_query.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/python/ast.h"
#include "parser/revisions/revision_graph.h"
#include "parser/sql_parser.h"
#include "planner/alembic/script_runner.h"

namespace migsim {
namespace {

std::string fixture(const std::string& rel) {
  return std::string(MIGSIM_SOURCE_DIR) + "/" + rel;
}

struct Replay {
  Catalog catalog;
  Engine engine{catalog};
  std::vector<StatementRecord> records;
  std::vector<ParsedScript> setup;

  /// Runs SQL on the catalog before the scripts (the database as it stands).
  void sql(const std::string& text) {
    auto file = std::make_shared<SourceFile>("setup.sql", text);
    ParsedScript script;
    InputError error;
    REQUIRE(SqlParser::parse_file(file, script, error));
    for (const Statement& s : script.statements) {
      StatementResult r = engine.execute(s);
      INFO(s.text << ": " << r.message);
      REQUIRE(r.outcome != Outcome::kFails);  // ANALYZE and the like are `unknown`: no state
    }
    setup.push_back(std::move(script));
  }

  /// Runs one script's upgrade() in a transaction block, as Alembic does on PostgreSQL.
  std::vector<StatementRecord> run_text(const std::string& name, const std::string& text) {
    Revision rev;
    rev.path = name;
    rev.format = SourceFormat::kAlembic;
    rev.source = std::make_shared<SourceFile>(name, text);
    std::vector<StatementRecord> out;
    InputError error;
    engine.begin_block();
    bool ok = run_alembic_upgrade(rev, engine, out, error);
    engine.end_block();
    INFO(error.to_string());
    REQUIRE(ok);
    records.insert(records.end(), out.begin(), out.end());
    sources.push_back(rev.source);
    return out;
  }

  std::vector<StatementRecord> run(const std::string& script) {
    std::ifstream in(fixture("fixtures/alembic_scripts/" + script));
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    return run_text(script, ss.str());
  }
  std::vector<std::shared_ptr<const SourceFile>> sources;
};

std::string dump(const std::vector<StatementRecord>& records) {
  std::string out;
  for (const auto& r : records)
    out += std::to_string(r.location.line) + " " + std::string(outcome_name(r.result.outcome)) +
           " " + std::string(r.sql) + (r.result.message.empty() ? "" : "  -- " + r.result.message) +
           "\n";
  return out;
}

std::string fingerprint(const std::string& sql) {
  PgQueryFingerprintResult r = pg_query_fingerprint(sql.c_str());
  std::string out = r.error ? std::string("error: ") + r.error->message : r.fingerprint_str;
  pg_query_free_fingerprint_result(r);
  return out;
}

/// Checks outcomes (and SQL, compared through fingerprints, where given).
struct Expect {
  Outcome outcome;
  std::string sql;           ///< empty: not checked
  std::string message_part;  ///< empty: not checked
  uint32_t line = 0;         ///< 0: not checked
};

void check(const std::vector<StatementRecord>& got, const std::vector<Expect>& want) {
  INFO(dump(got));
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("record " << i);
    CHECK(outcome_name(got[i].result.outcome) == outcome_name(want[i].outcome));
    if (!want[i].sql.empty())
      CHECK(fingerprint(std::string(got[i].sql)) == fingerprint(want[i].sql));
    if (!want[i].message_part.empty())
      CHECK(got[i].result.message.find(want[i].message_part) != std::string::npos);
    if (want[i].line) CHECK(got[i].location.line == want[i].line);
  }
}

constexpr Outcome A = Outcome::kApplies;
constexpr Outcome N = Outcome::kNoOp;
constexpr Outcome F = Outcome::kFails;
constexpr Outcome U = Outcome::kUnknown;
constexpr Outcome D = Outcome::kData;

/// A replay on the application database most corpus scripts expect.
struct AppReplay : Replay {
  AppReplay() {
    std::ifstream in(fixture("fixtures/alembic_scripts/app_database.sql"));
    std::stringstream ss;
    ss << in.rdbuf();
    sql(ss.str());
  }
};

TEST_CASE("alembic runner: has_table guards") {
  AppReplay r;
  check(r.run("r09_has_table_guard.py"),
        {{A, "CREATE TABLE audit_log (id SERIAL NOT NULL, event TEXT NOT NULL, PRIMARY KEY (id))",
          "", 21},
         {N, "DROP TABLE legacy_audit",
          "guard is false: inspector.has_table('legacy_audit') (line 26)", 27}});
}

TEST_CASE("alembic runner: has_table of a name a sequence holds depends on SQLAlchemy") {
  AppReplay r;
  r.sql("CREATE SEQUENCE audit_log;");
  check(r.run("r09_has_table_guard.py"),
        {{U, "", "sequence public.audit_log has that name, which SQLAlchemy 1.4 counts as a table",
          21},
         {N, "DROP TABLE legacy_audit", "guard is false", 27}});
}

TEST_CASE("alembic runner: an inspector answers get_*() from its cache, as SQLAlchemy's does") {
  AppReplay r;
  // The second get_columns() on the same inspector has not seen the new column
  // (PostgreSQL 15 and Alembic 1.8.1 online create the index); a new inspector has.
  check(r.run("r49_inspector_cache.py"),
        {{A, "ALTER TABLE users ADD COLUMN nickname VARCHAR(40)", "", 20},
         {A, "CREATE INDEX ix_users_nickname ON users (nickname)", "", 23},
         {N, "ALTER TABLE users DROP COLUMN email", "guard is false", 26}});
  // has_table() asked again after a change: SQLAlchemy 1.4 and 2.0 disagree.
  check(r.run_text("has_table_twice.py", R"(from alembic import op
import sqlalchemy as sa

def upgrade():
    insp = sa.inspect(op.get_bind())
    if not insp.has_table('audit'):
        op.create_table('audit', sa.Column('id', sa.Integer(), primary_key=True))
    if not insp.has_table('audit'):
        op.drop_table('orders')
)"),
        {{A, "CREATE TABLE audit (id SERIAL NOT NULL, PRIMARY KEY (id))", "", 7},
         {U, "DROP TABLE orders",
          "has_table() asked again after a change (has_table_twice.py:8): SQLAlchemy 2.0 answers "
          "from its cache "
          "(False), 1.4 reads the database again (True)",
          9}});
}

TEST_CASE("alembic runner: the outcomes of the corpus on the application database") {
  AppReplay r;
  check(r.run("r10_get_columns_guard.py"),
        {{A, "ALTER TABLE users ADD COLUMN phone VARCHAR(32)", "", 22},
         {N, "ALTER TABLE users ADD COLUMN email VARCHAR(255)",
          "guard is false: 'email' not in columns (line 23)", 24}});
  check(r.run("r11_get_indexes_guard.py"),
        {{A, "CREATE INDEX ix_users_name ON users (name)", "", 21},
         {N, "", "guard is false: 'ix_users_email' not in existing (line 22)", 23}});
  check(r.run("r12_information_schema_guard.py"),
        {{A, "ALTER TABLE users ADD COLUMN timezone VARCHAR(64) DEFAULT 'UTC' NOT NULL", "", 24}});
  check(r.run("r33_foreign_key_guard.py"),
        {{A, "ALTER TABLE orders ADD COLUMN user_id INTEGER", "", 21},
         {A, "", "", 22},
         {N, "", "guard is false: not pk['constrained_columns'] (line 24)", 25}});
  check(r.run("r39_if_elif_else.py"),
        {{N, "ALTER TABLE users ALTER COLUMN email DROP NOT NULL",
          "guard is false: 'strict' == 'lenient' (line 20)", 21},
         {A, "ALTER TABLE users ALTER COLUMN email SET NOT NULL", "", 23},
         {N, "ALTER TABLE users DROP COLUMN email", "guard is true: 'strict' == 'strict' (line 22)",
          25}});
  check(r.run("r41_bind_execute.py"),
        {{D, "UPDATE orders SET status = 'paid' WHERE status = 'pending'", "", 19},
         {A, "CREATE TYPE order_status AS ENUM ('pending', 'paid')", "", 24}});
  // The type exists now: the EXISTS query is true, so the guard is false.
  check(r.run("r41_bind_execute.py"),
        {{D, "", "", 19}, {N, "", "guard is false: not True (line 23)", 24}});
  check(r.run("r43_unique_guard_dict_items.py"), {{A, "", "", 24}, {A, "", "", 24}});
  check(r.run("r43_unique_guard_dict_items.py"), {});
  check(r.run("r40_schema_names_guard.py"),
        {{A, "CREATE SCHEMA archive", "", 20}, {A, "", "", 23}});
  check(r.run("r40_schema_names_guard.py"),
        {{N, "", "guard is false: 'archive' not in schemas", 20},
         {N, "", "guard is false: 'old_orders' not in tables", 23}});
  check(r.run("r24_autocommit_concurrent_index.py"),
        {{A, "CREATE INDEX CONCURRENTLY ix_users_created_at ON users (created_at)", "", 18}});
  check(r.run("r05_priority_enum_checkfirst.py"), {{A, "", "", 21}, {A, "", "", 22}});
  check(r.run("r21_helper_functions.py"), {{A, "", "", 29}, {A, "", "", 25}, {A, "", "", 25}});
  check(r.run("r25_bulk_insert_created_table.py"),
        {{A, "", "", 18}, {D, "", "", 25}, {D, "", "", 25}, {D, "", "", 25}});
  check(r.run("r29_merge.py"), {});
}

TEST_CASE("alembic runner: what cannot be followed is unknown, and the rest still runs") {
  AppReplay r;
  check(r.run("r30_project_imports.py"),
        {{U, "", "app.models.types.CurrencyType is the project's own module", 21},
         {U, "", "app.settings is the project's own module", 22},
         {A, "ALTER TABLE orders ADD COLUMN note TEXT", "", 23}});
  check(r.run("r31_loop_over_query.py"),
        {{U, "", "cannot be followed", 21},
         {A, "ALTER TABLE users ADD COLUMN migrated BOOLEAN", "", 22}});
  check(r.run("r32_get_context_other_use.py"),
        {{U, "CREATE EXTENSION IF NOT EXISTS pg_trgm", "cannot be evaluated", 20},
         {A, "ALTER TABLE users ADD COLUMN bio TEXT", "", 21}});
}

TEST_CASE("alembic runner: a syntax error is an input error, a file without upgrade() is unknown") {
  Replay r;
  std::ifstream in(fixture("fixtures/alembic_broken/syntax_error.py"));
  std::stringstream ss;
  ss << in.rdbuf();
  Revision rev;
  rev.path = "syntax_error.py";
  rev.source = std::make_shared<SourceFile>("syntax_error.py", ss.str());
  std::vector<StatementRecord> out;
  InputError error;
  CHECK_FALSE(run_alembic_upgrade(rev, r.engine, out, error));
  CHECK(error.to_string() == "syntax_error.py:15:15: '(' was never closed");

  std::ifstream in2(fixture("fixtures/alembic_broken/not_a_revision.py"));
  std::stringstream ss2;
  ss2 << in2.rdbuf();
  rev.source = std::make_shared<SourceFile>("not_a_revision.py", ss2.str());
  REQUIRE(run_alembic_upgrade(rev, r.engine, out, error));
  check(out, {{U, "", "the script has no upgrade() function"}});
}

/// Replays the flagship fixture's history on its dev or prod sync of bo_airflow.
std::map<std::string, std::vector<StatementRecord>> replay_flagship(Replay& r,
                                                                    const std::string& env) {
  r.sql("CREATE SCHEMA padealing; CREATE SCHEMA bo_airflow;");
  std::ifstream in(fixture("fixtures/pa_dealing/sync/bo_airflow_" + env + ".sql"));
  std::stringstream ss;
  ss << in.rdbuf();
  r.sql(ss.str());
  std::vector<Revision> revisions;
  InputError error;
  REQUIRE(read_revisions(fixture("fixtures/pa_dealing/alembic/versions"), SourceFormat::kAlembic,
                         ReadOptions{}, revisions, error));
  RevisionGraph graph(std::move(revisions));
  std::map<std::string, std::vector<StatementRecord>> by_revision;
  for (const Revision& rev : graph.revisions()) {
    std::vector<StatementRecord> out;
    r.engine.begin_block();
    INFO(rev.path);
    REQUIRE(run_alembic_upgrade(rev, r.engine, out, error));
    r.engine.end_block();
    for (const auto& rec : out) {
      INFO(rev.path << "\n" << dump(out));
      CHECK(rec.result.outcome != Outcome::kUnknown);
    }
    by_revision[rev.id] = std::move(out);
  }
  return by_revision;
}

TEST_CASE("alembic runner: the flagship fixture on dev, its inspector guards evaluate") {
  Replay r;
  auto by_revision = replay_flagship(r, "dev");
  const auto& fda = by_revision.at("fda9d658ebc6");
  INFO(dump(fda));
  // The dev sync already has every Bloomberg identifier and is_covered_person.
  size_t guarded = 0;
  for (const auto& rec : fda)
    if (rec.result.outcome == Outcome::kNoOp &&
        rec.result.message.rfind("guard is false: ", 0) == 0)
      ++guarded;
  CHECK(guarded == 6);
  bool found = false;
  for (const auto& rec : fda)
    found |= rec.result.message == "guard is false: 'isin' not in bloomberg_columns (line 40)";
  CHECK(found);
}

TEST_CASE("alembic runner: the flagship fixture on prod") {
  Replay r;
  auto by_revision = replay_flagship(r, "prod");
  INFO(dump(by_revision.at("fda9d658ebc6")));
  CHECK(by_revision.at("fda9d658ebc6").size() >= 8);
}

}  // namespace
}  // namespace migsim
