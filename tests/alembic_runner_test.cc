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
           " " + r.sql + (r.result.message.empty() ? "" : "  -- " + r.result.message) + "\n";
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
    if (!want[i].sql.empty()) CHECK(fingerprint(got[i].sql) == fingerprint(want[i].sql));
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
        {{A, "CREATE TABLE audit_log (id SERIAL NOT NULL, event TEXT NOT NULL, PRIMARY KEY (id))", "", 21},
         {N, "DROP TABLE legacy_audit", "guard is false: inspector.has_table('legacy_audit') (line 26)", 27}});
}

/// Replays the flagship fixture's history on its dev or prod sync of bo_airflow.
std::map<std::string, std::vector<StatementRecord>> replay_flagship(Replay& r, const std::string& env) {
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
