#include "planner/run/simulate.h"

#include <stdexcept>

#include "parser/heap_prefault.h"
#include "parser/identifiers.h"
#include "parser/sql_parser.h"
#include "planner/alembic/script_runner.h"
#include "planner/engine/engine.h"
#include "planner/rules/statement_targets.h"
#include "planner/run/verdict.h"

namespace migsim {

ToolBehaviour tool_behaviour(const Project& project) {
  ToolBehaviour t;
  switch (project.format) {
    case SourceFormat::kAlembic:
      t.alembic_bookkeeping = true;
      [[fallthrough]];
    case SourceFormat::kAlembicOfflineSql:
      t.one_transaction = !project.config.alembic.transaction_per_migration;
      t.transaction_per_revision = project.config.alembic.transaction_per_migration;
      t.version_schema = project.config.alembic.version_table_schema;
      t.version_table = project.config.alembic.version_table;
      t.alembic_version = project.config.alembic.version;
      // Offline SQL carries its own BEGIN/COMMIT: the file says what Alembic sent.
      if (project.format == SourceFormat::kAlembicOfflineSql) {
        t.one_transaction = false;
        t.transaction_per_revision = false;
      }
      break;
    case SourceFormat::kFlyway:
    case SourceFormat::kGolangMigrate:
    case SourceFormat::kDbmate:
    case SourceFormat::kDiesel:
      t.transaction_per_revision = true;
      break;
    case SourceFormat::kSqlFiles:
      break;
  }
  return t;
}

namespace {

/// Runs SQL text that migsim writes on the tool's behalf (Alembic's version
/// table), reported at `at` and marked as bookkeeping.
void run_bookkeeping(Engine& engine, const std::string& sql, const Location& at,
                     const std::shared_ptr<const SourceFile>& source,
                     std::vector<StatementRecord>& out) {
  ParsedScript script;
  InputError error;
  if (!SqlParser::parse(source, sql, 0, script, error, at)) return;
  for (const auto& stmt : script.statements) {
    StatementRecord r;
    r.location = at;
    r.own_sql(std::string(stmt.text));
    r.result = engine.execute(stmt);
    r.bookkeeping = true;
    r.changes = written_changes(stmt);
    out.push_back(std::move(r));
  }
}

class AlembicVersionTable {
 public:
  AlembicVersionTable(const ToolBehaviour& tool, const std::vector<std::string>& current)
      : tool_(tool), heads_(current) {
    name_ = tool.version_schema.empty() ? quote_ident(tool.version_table)
                                        : quote_qualified(tool.version_schema, tool.version_table);
  }

  /// CREATE TABLE when the table does not exist, as Alembic does before the first revision.
  std::string ensure(const Catalog& catalog) const {
    const Relation* r = tool_.version_schema.empty()
                            ? catalog.lookup_relation("", tool_.version_table)
                            : catalog.relation(tool_.version_schema, tool_.version_table);
    if (r) return {};
    return "CREATE TABLE " + name_ +
           " (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY "
           "(version_num))";
  }

  /// The statements that move the version table past `rev`.
  std::string advance(const Revision& rev) {
    std::vector<std::string> replaced;
    for (const auto& d : rev.down_revisions)
      for (auto it = heads_.begin(); it != heads_.end(); ++it)
        if (*it == d) {
          replaced.push_back(d);
          heads_.erase(it);
          break;
        }
    heads_.push_back(rev.id);
    if (replaced.empty()) {
      return "INSERT INTO " + name_ + " (version_num) VALUES (" + quote_literal(rev.id) + ")";
    }
    std::string sql;
    for (size_t i = 1; i < replaced.size(); ++i) {
      sql += "DELETE FROM " + name_ + " WHERE " + name_ +
             ".version_num = " + quote_literal(replaced[i]) + ";\n";
    }
    sql += "UPDATE " + name_ + " SET version_num=" + quote_literal(rev.id) + " WHERE " + name_ +
           ".version_num = " + quote_literal(replaced[0]);
    return sql;
  }

 private:
  const ToolBehaviour& tool_;
  std::vector<std::string> heads_;
  std::string name_;
};

/// A body's statements, which must still have their parse trees.
const ParsedScript& script_to_run(const Revision& rev) {
  const ParsedScript& script = rev.script();
  if (script.trees_released())
    throw std::logic_error("internal error: revision " + rev.id +
                           " replayed after its parse trees were freed");
  return script;
}

bool run_body(const Revision& rev, const ToolBehaviour& tool, Engine& engine, RevisionRun& run,
              InputError& error) {
  if (rev.body == BodyKind::kSql) {
    const ParsedScript& script = script_to_run(rev);
    // Outside a transaction the tool stops at a failing statement: the rest
    // of the file never runs (inside one, PostgreSQL itself refuses them).
    std::string stopped;
    run.statements.reserve(run.statements.size() + script.statements.size());
    for (size_t i = 0; i < script.statements.size(); ++i) {
      const Statement& stmt = script.statements[i];
      StatementRecord r;
      r.location = stmt.location;
      r.view_sql(stmt.text, script.source);
      r.bookkeeping = rev.is_bookkeeping(i);
      if (!stopped.empty()) {
        r.result.outcome = Outcome::kSkipped;
        r.result.message = stopped;
      } else {
        r.result = engine.execute(stmt);
        r.changes = written_changes(stmt);
        if (r.result.outcome == Outcome::kFails && !engine.in_block())
          stopped = "not run: the statement at line " + std::to_string(stmt.location.line) +
                    " failed before it";
      }
      run.statements.push_back(std::move(r));
    }
    return true;
  }
  if (rev.format == SourceFormat::kAlembic) {
    return run_alembic_upgrade(rev, engine, run.statements, error, tool.alembic_version);
  }
  StatementRecord r;
  r.location = rev.location;
  r.result = StatementResult{};
  r.result.outcome = Outcome::kUnknown;
  r.result.message = rev.unread_reason;
  run.statements.push_back(std::move(r));
  return true;
}

void mark_not_run(const Revision& rev, const std::string& failed, RevisionRun& run) {
  run.verdict = Verdict::kSkipped;
  run.reason = "not run: revision " + failed + " failed before it";
  if (rev.body != BodyKind::kSql) return;
  const ParsedScript& script = rev.script();
  run.statements.reserve(run.statements.size() + script.statements.size());
  for (size_t i = 0; i < script.statements.size(); ++i) {
    const Statement& stmt = script.statements[i];
    StatementRecord r;
    r.location = stmt.location;
    r.view_sql(stmt.text, script.source);
    r.bookkeeping = rev.is_bookkeeping(i);
    r.result.outcome = Outcome::kSkipped;
    r.result.message = run.reason;
    run.statements.push_back(std::move(r));
  }
}

}  // namespace

bool simulate(const std::vector<const Revision*>& revisions, const ToolBehaviour& tool,
              const std::vector<std::string>& current, bool applied, bool last_replay,
              Catalog& catalog, std::vector<RevisionRun>& out, InputError& error) {
  Engine engine(catalog);
  AlembicVersionTable versions(tool, current);
  size_t first = out.size();
  size_t block_start = first;  // first revision of the open transaction block
  std::string failed;
  auto close_block = [&](size_t end) {
    if (!engine.in_block()) return;
    bool committed = engine.end_block();
    if (!committed)
      for (size_t i = block_start; i < end; ++i)
        if (out[i].verdict != Verdict::kSkipped) out[i].rolled_back = true;
  };
  if (tool.one_transaction && !revisions.empty()) engine.begin_block();
  for (const Revision* rev : revisions) {
    RevisionRun run;
    run.revision = rev;
    run.applied = applied;
    if (!failed.empty()) {
      mark_not_run(*rev, failed, run);
      if (last_replay) rev->release_script();
      out.push_back(std::move(run));
      continue;
    }
    if (tool.transaction_per_revision && rev->transactional) {
      engine.begin_block();
      block_start = out.size();
    }
    if (tool.alembic_bookkeeping && out.size() == first) {
      std::string create = versions.ensure(catalog);
      if (!create.empty())
        run_bookkeeping(engine, create, rev->location, rev->source, run.statements);
    }
    bool stopped = false;
    for (const auto& s : run.statements) stopped = stopped || s.result.outcome == Outcome::kFails;
    if (!stopped) {
      if (!run_body(*rev, tool, engine, run, error)) return false;
      HeapPrefault::note_use(run.statements.data());
      if (tool.alembic_bookkeeping)
        run_bookkeeping(engine, versions.advance(*rev), rev->location, rev->source, run.statements);
    }
    // The run keeps what it reports of each statement; the trees are done with.
    if (last_replay) rev->release_script();
    decide_verdict(run);
    if (run.verdict == Verdict::kFails) failed = rev->id;
    out.push_back(std::move(run));
    if (tool.transaction_per_revision && rev->transactional) close_block(out.size());
  }
  close_block(out.size());
  return true;
}

}  // namespace migsim
