// Writes a saved run: the model into an SQLite database in memory, then its
// bytes to the file through a temporary file and a rename.

#include "planner/cli/output.h"
#include "planner/report/report_model_build.h"
#include "planner/report/saved_run.h"
#include "planner/report/saved_run_schema.h"
#include "planner/report/saved_run_sqlite.h"

namespace migsim {

namespace {

using saved_run::Db;
using saved_run::Query;

int64_t n(size_t v) {
  return static_cast<int64_t>(v);
}

/// Inserts every row of the model; the name of the first table that failed, or "".
std::string write_rows(sqlite3* db, const ReportModel& m) {
  std::string failed;
  auto check = [&](Query& q, const char* table) {
    if (!q.insert() && failed.empty()) failed = table;
  };
  {
    Query q(db, "INSERT INTO run VALUES (?,?,?,?,?,?)");
    q.bind(1, m.migsim_version).bind(2, m.command).bind(3, m.migrations).bind(4, m.source_format);
    q.bind(5, int64_t{m.status}).bind(6, n(m.fresh));
    check(q, "run");
  }
  {
    Query q(db, "INSERT INTO inputs VALUES (?,?,?,?,?)");
    for (size_t i = 0; i < m.inputs.size(); ++i) {
      const auto& in = m.inputs[i];
      q.bind(1, n(i)).bind(2, in.role).bind(3, in.path).bind(4, in.size).bind(5, in.sha256);
      check(q, "inputs");
    }
  }
  {
    Query q(db, "INSERT INTO revisions VALUES (?,?,?,?,?,?,?,?)");
    Query link(db, "INSERT INTO revision_links VALUES (?,?,?,?)");
    const auto& revs = m.graph->revisions();
    for (size_t i = 0; i < revs.size(); ++i) {
      const Revision& r = revs[i];
      q.bind(1, n(i)).bind(2, r.id).bind(3, r.message).bind(4, r.create_date).bind(5, r.path);
      q.bind(6, source_format_name(r.format)).bind(7, int64_t{r.transactional});
      q.bind(8, int64_t{r.repeatable});
      check(q, "revisions");
      auto links = [&](const char* kind, const std::vector<std::string>& targets) {
        for (size_t k = 0; k < targets.size(); ++k) {
          link.bind(1, n(i)).bind(2, kind).bind(3, n(k)).bind(4, targets[k]);
          check(link, "revision_links");
        }
      };
      links("down", r.down_revisions);
      links("depends_on", r.depends_on);
      links("branch_label", r.branch_labels);
    }
  }
  Query env(db, "INSERT INTO environments VALUES (?,?,?,?,?,?,?)");
  Query env_rev(db, "INSERT INTO environment_revisions VALUES (?,?,?,?)");
  Query outcome(db, "INSERT INTO outcomes VALUES (?,?,?,?,?,?,?)");
  Query stmt(db, "INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Query finding(db, "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?)");
  Query elsewhere(db, "INSERT INTO finding_elsewhere VALUES (?,?,?,?,?)");
  Query silenced(db, "INSERT INTO silenced_findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  for (size_t e = 0; e < m.runs.size(); ++e) {
    const ModelRun& run = m.runs[e];
    env.bind(1, n(e)).bind(2, run.name).bind(3, run_mode_name(run.mode)).bind(4, run.snapshot);
    env.bind(5, run.database).bind(6, run.taken_at).bind(7, n(run.silenced));
    check(env, "environments");
    auto list = [&](const char* kind, const std::vector<std::string>& ids) {
      for (size_t k = 0; k < ids.size(); ++k) {
        env_rev.bind(1, n(e)).bind(2, kind).bind(3, n(k)).bind(4, ids[k]);
        check(env_rev, "environment_revisions");
      }
    };
    list("current", run.current);
    list("head", run.heads);
    for (size_t r = 0; r < run.revisions.size(); ++r) {
      const ModelRevisionRun& rev = run.revisions[r];
      outcome.bind(1, n(e)).bind(2, n(r)).bind(3, rev.id).bind(4, int64_t{rev.applied});
      outcome.bind(5, verdict_name(rev.verdict)).bind(6, rev.reason);
      outcome.bind(7, int64_t{rev.rolled_back});
      check(outcome, "outcomes");
      for (size_t s = 0; s < rev.statements.size(); ++s) {
        const StatementRecord& st = rev.statements[s];
        const StatementResult& res = st.result;
        stmt.bind(1, n(e)).bind(2, n(r)).bind(3, n(s)).bind(4, st.location.file);
        stmt.bind(5, int64_t{st.location.line}).bind(6, int64_t{st.location.column});
        stmt.bind(7, st.sql).bind(8, outcome_name(res.outcome)).bind(9, res.sqlstate);
        stmt.bind(10, res.message).bind(11, *res.detail).bind(12, *res.hint);
        stmt.bind(13, int64_t{st.bookkeeping});
        check(stmt, "statements");
      }
    }
    for (size_t f = 0; f < run.findings.size(); ++f) {
      const Finding& x = run.findings[f];
      finding.bind(1, n(e)).bind(2, n(f)).bind(3, x.rule).bind(4, x.severity).bind(5, x.revision);
      finding.bind(6, x.object).bind(7, x.message).bind(8, x.file).bind(9, int64_t{x.line});
      finding.bind(10, int64_t{x.column});
      check(finding, "findings");
      for (size_t k = 0; k < x.elsewhere.size(); ++k) {
        elsewhere.bind(1, n(e)).bind(2, n(f)).bind(3, n(k)).bind(4, x.elsewhere[k].environment);
        elsewhere.bind(5, x.elsewhere[k].verdict);
        check(elsewhere, "finding_elsewhere");
      }
    }
    for (size_t k = 0; k < run.silenced_findings.size(); ++k) {
      const SilencedFinding& sf = run.silenced_findings[k];
      const Finding& x = sf.finding;
      silenced.bind(1, n(e)).bind(2, n(k)).bind(3, x.rule).bind(4, x.severity).bind(5, x.revision);
      silenced.bind(6, x.object).bind(7, x.message).bind(8, x.file).bind(9, int64_t{x.line});
      silenced.bind(10, int64_t{x.column}).bind(11, sf.comment).bind(12, int64_t{sf.comment_line});
      check(silenced, "silenced_findings");
    }
  }
  Query status(db, "INSERT INTO status_environments VALUES (?,?,?,?)");
  Query history(db, "INSERT INTO history VALUES (?,?,?,?,?)");
  Query schema(db, "INSERT INTO schemas VALUES (?,?,?,?,?,?)");
  for (size_t e = 0; e < m.environments.size(); ++e) {
    const ModelEnvironment& x = m.environments[e];
    status.bind(1, n(e)).bind(2, n(x.plan)).bind(3, n(x.audit)).bind(4, int64_t{x.has_schemas});
    check(status, "status_environments");
    for (size_t h = 0; h < x.history.size(); ++h) {
      const auto& row = x.history[h];
      history.bind(1, n(e)).bind(2, n(h)).bind(3, row.id).bind(4, row.notes);
      history.bind(5, int64_t{row.current});
      check(history, "history");
    }
    for (size_t s = 0; s < x.schemas.size(); ++s) {
      const auto& row = x.schemas[s];
      schema.bind(1, n(e)).bind(2, n(s)).bind(3, row.name).bind(4, row.owner);
      schema.bind(5, row.tables).bind(6, row.findings);
      check(schema, "schemas");
    }
  }
  {
    Query q(db, "INSERT INTO recommendations VALUES (?,?)");
    for (size_t i = 0; i < m.recommendations.size(); ++i) {
      q.bind(1, n(i)).bind(2, m.recommendations[i]);
      check(q, "recommendations");
    }
  }
  return failed;
}

}  // namespace

bool saved_run_bytes(const ReportModel& model, std::string& bytes, InputError& error) {
  Db db = open_memory_db();
  auto exec = [&](const std::string& sql) {
    return sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  };
  // Small pages: most saved runs are a few kilobytes of text in many small tables.
  if (!db || !exec("PRAGMA page_size = 512") || !exec("BEGIN") || !exec(kSavedRunSchema)) {
    error.message = "cannot create the saved run in memory";
    return false;
  }
  if (std::string failed = write_rows(db.get(), model); !failed.empty()) {
    error.message = "cannot save the run: writing " + failed + " failed";
    return false;
  }
  if (!exec("COMMIT") ||
      !exec("PRAGMA application_id = " + std::to_string(kSavedRunApplicationId)) ||
      !exec("PRAGMA user_version = " + std::to_string(kSavedRunFormat))) {
    error.message = std::string("cannot save the run: ") + sqlite3_errmsg(db.get());
    return false;
  }
  if (!database_bytes(db.get(), bytes)) {
    error.message = "cannot serialize the saved run";
    return false;
  }
  return true;
}

bool save_run_if(OutputFiles& outputs, const std::string& path, const Project& project,
                 ReportModel& model, InputError& error) {
  if (path.empty()) return true;
  if (path == "-") {
    error = {"migsim", 0, 0, "--save needs a file name (a saved run is not printed)"};
    return false;
  }
  if (!add_model_inputs(project, model, error)) return false;
  error = {path, 0, 0, ""};
  std::string bytes;
  return saved_run_bytes(model, bytes, error) && outputs.add(path, bytes, error);
}

}  // namespace migsim
