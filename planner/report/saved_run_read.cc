// Reads a saved run back into the report model. The file is untrusted: every
// table must be a table of the expected shape, every index in range, every
// name one this build knows; anything else is a message naming the file.

#include <sys/stat.h>

#include <map>
#include <set>

#include "planner/report/saved_run.h"
#include "planner/report/saved_run_schema.h"
#include "planner/report/saved_run_sqlite.h"

namespace migsim {

namespace {

using saved_run::Db;
using saved_run::Query;

const char* const kTables[] = {"run",
                               "inputs",
                               "revisions",
                               "revision_links",
                               "environments",
                               "environment_revisions",
                               "outcomes",
                               "statements",
                               "findings",
                               "finding_elsewhere",
                               "silenced_findings",
                               "status_environments",
                               "history",
                               "schemas",
                               "recommendations"};

bool parse_mode(const std::string& s, RunMode& out) {
  for (RunMode m : {RunMode::kPlan, RunMode::kFresh, RunMode::kAudit})
    if (run_mode_name(m) == s) {
      out = m;
      return true;
    }
  return false;
}

bool parse_verdict(const std::string& s, Verdict& out) {
  for (Verdict v : {Verdict::kApplies, Verdict::kRedundant, Verdict::kFails, Verdict::kUnknown,
                    Verdict::kSkipped})
    if (verdict_name(v) == s) {
      out = v;
      return true;
    }
  return false;
}

uint32_t u32(int64_t v) {
  return v < 0 ? 0 : v > int64_t{0xFFFFFFFF} ? 0xFFFFFFFF : static_cast<uint32_t>(v);
}

class Reader {
 public:
  Reader(sqlite3* db, ReportModel& m, int64_t version) : db_(db), m_(m), version_(version) {}

  /// "" on success, else what is wrong.
  std::string read() {
    if (!run() || !inputs() || !revisions() || !environments() || !outcomes() || !statements() ||
        !findings() || !silenced() || !status())
      return problem_;
    return "";
  }

 private:
  /// Steps through `sql`'s rows, calling `row` on each; false on a failed step or row.
  template <typename Row>
  bool each(const char* sql, Row row) {
    Query q(db_, sql);
    if (!q.ok()) return fail(std::string("cannot read: ") + sqlite3_errmsg(db_));
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
      if (!row(q)) return false;
    if (rc != SQLITE_DONE) return sqlite_failed();
    return true;
  }

  bool fail(std::string why) {
    if (problem_.empty()) problem_ = std::move(why);
    return false;
  }
  bool corrupt(const std::string& why) { return fail("corrupt saved run: " + why); }
  bool sqlite_failed() {
    int code = sqlite3_errcode(db_) & 0xff;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
      return fail("corrupt saved run (truncated or damaged SQLite file)");
    return fail(std::string("cannot read saved run: ") + sqlite3_errmsg(db_));
  }

  /// An index into `size` things, or a corrupt-file message.
  bool index(int64_t v, size_t size, const char* what, size_t& out) {
    if (v < 0 || static_cast<uint64_t>(v) >= size)
      return corrupt(std::string(what) + " " + std::to_string(v) + " does not exist");
    out = static_cast<size_t>(v);
    return true;
  }

  bool run() {
    int rows = 0;
    int64_t fresh = 0;
    if (!each("SELECT migsim_version, command, migrations, source_format, status, fresh FROM run",
              [&](Query& q) {
                if (++rows > 1) return corrupt("more than one row in table run");
                m_.migsim_version = q.text(0);
                m_.command = q.text(1);
                m_.migrations = q.text(2);
                m_.source_format = q.text(3);
                m_.status = q.i64(4) != 0;
                fresh = q.i64(5);
                return true;
              }))
      return false;
    if (rows != 1) return corrupt("table run has no row");
    fresh_ = fresh;
    return true;
  }

  bool inputs() {
    return each("SELECT role, path, size, sha256 FROM inputs ORDER BY seq", [&](Query& q) {
      m_.inputs.push_back({q.text(0), q.text(1), q.text(3), q.i64(2)});
      return true;
    });
  }

  bool revisions() {
    std::vector<Revision> revs;
    std::set<std::string> ids;
    bool ok = each(
        "SELECT id, name, create_date, file, source_format, transactional, repeatable "
        "FROM revisions ORDER BY seq",
        [&](Query& q) {
          Revision r;
          r.id = q.text(0);
          if (!ids.insert(r.id).second) return corrupt("revision " + r.id + " appears twice");
          r.message = q.text(1);
          r.create_date = q.text(2);
          r.path = q.text(3);
          auto format = parse_source_format(q.text(4));
          if (!format) return corrupt("unknown source format '" + q.text(4) + "'");
          r.format = *format;
          r.transactional = q.i64(5) != 0;
          r.repeatable = q.i64(6) != 0;
          r.body = BodyKind::kUnread;
          revs.push_back(std::move(r));
          return true;
        });
    ok =
        ok && each("SELECT revision, kind, target FROM revision_links ORDER BY revision, kind, seq",
                   [&](Query& q) {
                     size_t i;
                     if (!index(q.i64(0), revs.size(), "revision", i)) return false;
                     std::string kind = q.text(1);
                     auto& list = kind == "down"           ? revs[i].down_revisions
                                  : kind == "depends_on"   ? revs[i].depends_on
                                  : kind == "branch_label" ? revs[i].branch_labels
                                                           : revs[i].down_revisions;
                     if (kind != "down" && kind != "depends_on" && kind != "branch_label")
                       return corrupt("unknown revision link '" + kind + "'");
                     list.push_back(q.text(2));
                     return true;
                   });
    if (!ok) return false;
    m_.graph = std::make_shared<const RevisionGraph>(std::move(revs));
    return true;
  }

  bool environments() {
    bool ok = each(
        "SELECT seq, name, mode, snapshot, database, taken_at, silenced FROM environments "
        "ORDER BY seq",
        [&](Query& q) {
          if (q.i64(0) != static_cast<int64_t>(m_.runs.size()))
            return corrupt("environments are not numbered from 0");
          ModelRun run;
          run.name = q.text(1);
          if (!parse_mode(q.text(2), run.mode)) return corrupt("unknown mode '" + q.text(2) + "'");
          run.snapshot = q.text(3);
          run.database = q.text(4);
          run.taken_at = q.text(5);
          run.silenced = static_cast<size_t>(std::max<int64_t>(0, q.i64(6)));
          m_.runs.push_back(std::move(run));
          return true;
        });
    return ok && each(
                     "SELECT environment, kind, revision FROM environment_revisions "
                     "ORDER BY environment, kind, seq",
                     [&](Query& q) {
                       size_t e;
                       if (!index(q.i64(0), m_.runs.size(), "environment", e)) return false;
                       std::string kind = q.text(1);
                       if (kind == "current")
                         m_.runs[e].current.push_back(q.text(2));
                       else if (kind == "head")
                         m_.runs[e].heads.push_back(q.text(2));
                       else
                         return corrupt("unknown environment list '" + kind + "'");
                       return true;
                     });
  }

  /// Fills a revision's name, date and file from the history.
  template <typename Row>
  bool describe(const std::string& id, Row& row) {
    const Revision* r = m_.graph->find(id);
    if (!r) return corrupt("revision " + id + " is not in table revisions");
    row.name = r->message;
    row.date = r->create_date;
    return true;
  }

  bool outcomes() {
    return each(
        "SELECT environment, seq, revision, applied, verdict, reason, rolled_back FROM outcomes "
        "ORDER BY environment, seq",
        [&](Query& q) {
          size_t e;
          if (!index(q.i64(0), m_.runs.size(), "environment", e)) return false;
          auto& list = m_.runs[e].revisions;
          if (q.i64(1) != static_cast<int64_t>(list.size()))
            return corrupt("outcomes are not numbered from 0");
          ModelRevisionRun r;
          r.id = q.text(2);
          if (!describe(r.id, r)) return false;
          r.file = m_.graph->find(r.id)->path;
          r.applied = q.i64(3) != 0;
          if (!parse_verdict(q.text(4), r.verdict))
            return corrupt("unknown verdict '" + q.text(4) + "'");
          r.reason = q.text(5);
          r.rolled_back = q.i64(6) != 0;
          list.push_back(std::move(r));
          return true;
        });
  }

  bool statements() {
    return each(
        "SELECT environment, outcome, file, line, col, sql, result, sqlstate, message, detail, "
        "hint, bookkeeping FROM statements ORDER BY environment, outcome, seq",
        [&](Query& q) {
          size_t e, r;
          if (!index(q.i64(0), m_.runs.size(), "environment", e) ||
              !index(q.i64(1), m_.runs[e].revisions.size(), "outcome", r))
            return false;
          StatementRecord s;
          s.location.file = m_.keep(q.text(2));
          s.location.line = u32(q.i64(3));
          s.location.column = u32(q.i64(4));
          s.own_sql(q.text(5));
          if (!parse_outcome(q.text(6), s.result.outcome))
            return corrupt("unknown outcome '" + q.text(6) + "'");
          s.result.sqlstate = q.text(7);
          s.result.message = q.text(8);
          s.result.detail = q.text(9);
          s.result.hint = q.text(10);
          s.bookkeeping = q.i64(11) != 0;
          // Rows come revision by revision (ORDER BY): a revision's first
          // row starts its list, the others add to it.
          ModelRevisionRun& rev = m_.runs[e].revisions[r];
          if (rev.statements.empty()) m_.records->emplace_back();
          std::vector<StatementRecord>& kept = m_.records->back();
          kept.push_back(std::move(s));
          rev.statements = kept;
          return true;
        });
  }

  bool findings() {
    bool ok = each(
        "SELECT environment, seq, rule, severity, revision, object, message, file, line, col "
        "FROM findings ORDER BY environment, seq",
        [&](Query& q) {
          size_t e;
          if (!index(q.i64(0), m_.runs.size(), "environment", e)) return false;
          auto& list = m_.runs[e].findings;
          if (q.i64(1) != static_cast<int64_t>(list.size()))
            return corrupt("findings are not numbered from 0");
          Finding f;
          f.rule = q.text(2);
          f.severity = q.text(3);
          f.revision = q.text(4);
          f.object = q.text(5);
          f.message = q.text(6);
          f.file = q.text(7);
          f.line = u32(q.i64(8));
          f.column = u32(q.i64(9));
          list.push_back(std::move(f));
          return true;
        });
    return ok && each(
                     "SELECT environment, finding, other_environment, verdict FROM "
                     "finding_elsewhere ORDER BY environment, finding, seq",
                     [&](Query& q) {
                       size_t e, f;
                       if (!index(q.i64(0), m_.runs.size(), "environment", e) ||
                           !index(q.i64(1), m_.runs[e].findings.size(), "finding", f))
                         return false;
                       m_.runs[e].findings[f].elsewhere.push_back({q.text(2), q.text(3)});
                       return true;
                     });
  }

  /// The silenced findings (format 2 on); their number must match environments.silenced.
  bool silenced() {
    if (version_ < 2) return true;
    bool ok = each(
        "SELECT environment, seq, rule, severity, revision, object, message, file, line, col, "
        "comment, comment_line FROM silenced_findings ORDER BY environment, seq",
        [&](Query& q) {
          size_t e;
          if (!index(q.i64(0), m_.runs.size(), "environment", e)) return false;
          auto& list = m_.runs[e].silenced_findings;
          if (q.i64(1) != static_cast<int64_t>(list.size()))
            return corrupt("silenced findings are not numbered from 0");
          SilencedFinding s;
          Finding& f = s.finding;
          f.rule = q.text(2);
          f.severity = q.text(3);
          f.revision = q.text(4);
          f.object = q.text(5);
          f.message = q.text(6);
          f.file = q.text(7);
          f.line = u32(q.i64(8));
          f.column = u32(q.i64(9));
          s.comment = q.text(10);
          s.comment_line = u32(q.i64(11));
          list.push_back(std::move(s));
          return true;
        });
    if (!ok) return false;
    for (const auto& run : m_.runs)
      if (run.silenced_findings.size() != run.silenced)
        return corrupt("environment " + run.name + " counts " + std::to_string(run.silenced) +
                       " silenced findings but lists " +
                       std::to_string(run.silenced_findings.size()));
    return true;
  }

  bool status() {
    bool ok = each("SELECT seq, plan, audit, has_schemas FROM status_environments ORDER BY seq",
                   [&](Query& q) {
                     if (q.i64(0) != static_cast<int64_t>(m_.environments.size()))
                       return corrupt("status environments are not numbered from 0");
                     ModelEnvironment env;
                     if (!index(q.i64(1), m_.runs.size(), "environment", env.plan) ||
                         !index(q.i64(2), m_.runs.size(), "environment", env.audit))
                       return false;
                     env.has_schemas = q.i64(3) != 0;
                     m_.environments.push_back(std::move(env));
                     return true;
                   });
    ok = ok && each(
                   "SELECT status_environment, revision, notes, current FROM history "
                   "ORDER BY status_environment, seq",
                   [&](Query& q) {
                     size_t e;
                     if (!index(q.i64(0), m_.environments.size(), "status environment", e))
                       return false;
                     ModelHistoryEntry h;
                     h.id = q.text(1);
                     if (!describe(h.id, h)) return false;
                     h.notes = q.text(2);
                     h.current = q.i64(3) != 0;
                     m_.environments[e].history.push_back(std::move(h));
                     return true;
                   });
    ok = ok &&
         each(
             "SELECT status_environment, name, owner, tables, findings FROM schemas "
             "ORDER BY status_environment, seq",
             [&](Query& q) {
               size_t e;
               if (!index(q.i64(0), m_.environments.size(), "status environment", e)) return false;
               m_.environments[e].schemas.push_back({q.text(1), q.text(2), q.i64(3), q.i64(4)});
               return true;
             });
    ok = ok && each("SELECT text FROM recommendations ORDER BY seq", [&](Query& q) {
           m_.recommendations.push_back(q.text(0));
           return true;
         });
    if (!ok) return false;
    if (m_.status && !index(fresh_, m_.runs.size(), "environment", m_.fresh)) return false;
    return true;
  }

  sqlite3* db_;
  ReportModel& m_;
  int64_t version_;
  int64_t fresh_ = 0;
  std::string problem_;
};

/// The first pragma value, or -1 with `why` set.
int64_t pragma(sqlite3* db, const char* sql, std::string& why) {
  Query q(db, sql);
  int rc = q.step();
  if (rc == SQLITE_ROW) return q.i64(0);
  int code = sqlite3_errcode(db) & 0xff;
  why = code == SQLITE_NOTADB    ? "not a migsim saved run: not an SQLite file"
        : code == SQLITE_CORRUPT ? "corrupt saved run (truncated or damaged SQLite file)"
                                 : std::string("cannot read saved run: ") + sqlite3_errmsg(db);
  return -1;
}

}  // namespace

bool load_saved_run(const std::string& path, ReportModel& model, InputError& error) {
  error = {path, 0, 0, ""};
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    error.message = "cannot open saved run: no such file";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error.message = "cannot open saved run: not a regular file";
    return false;
  }
  if (st.st_size == 0) {  // SQLite would take it for an empty database
    error.message = "not a migsim saved run: the file is empty";
    return false;
  }
  note_input_file(path);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    error.message = std::string("cannot open saved run: ") + sqlite3_errmsg(raw);
    return false;
  }
  // The file is untrusted: no schema-defined functions or writes to it.
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  std::string why;
  int64_t app = pragma(db.get(), "PRAGMA application_id", why);
  int64_t version = app < 0 ? -1 : pragma(db.get(), "PRAGMA user_version", why);
  if (app < 0 || version < 0) {
    error.message = why;
    return false;
  }
  if (app != kSavedRunApplicationId) {
    error.message = "not a migsim saved run (an SQLite file of another kind)";
    return false;
  }
  if (version > kSavedRunFormat) {
    std::string by;
    Query q(db.get(), "SELECT migsim_version FROM run");
    if (q.ok() && q.step() == SQLITE_ROW) by = q.text(0);
    error.message = "saved-run format " + std::to_string(version) + " is newer than this migsim (" +
                    MIGSIM_VERSION + ") reads (format " + std::to_string(kSavedRunFormat) +
                    "); it needs a migsim that reads format " + std::to_string(version) +
                    (by.empty() ? std::string() : " (it was written by migsim " + by + ")");
    return false;
  }
  if (version < 1) {
    error.message = "not a migsim saved run (no saved-run format version)";
    return false;
  }
  // A damaged file is refused whole, before any of it is shown.
  {
    Query q(db.get(), "PRAGMA quick_check");
    int step = q.step();
    if (step != SQLITE_ROW || q.text(0) != "ok") {
      error.message = "corrupt saved run (truncated or damaged SQLite file)";
      return false;
    }
  }
  // Every table must be a real table: a view could make reading it take forever.
  {
    std::map<std::string, std::string> kinds;
    Query q(db.get(), "SELECT name, type FROM sqlite_master");
    int step;
    while ((step = q.step()) == SQLITE_ROW) kinds[q.text(0)] = q.text(1);
    if (step != SQLITE_DONE) {
      error.message = "corrupt saved run (truncated or damaged SQLite file)";
      return false;
    }
    for (const char* t : kTables) {
      if (version < 2 && std::string_view(t) == "silenced_findings") continue;
      auto it = kinds.find(t);
      if (it == kinds.end() || it->second != "table") {
        error.message = std::string("corrupt saved run: table ") + t +
                        (it == kinds.end() ? " is missing" : " is not a table");
        return false;
      }
    }
  }
  ReportModel m;
  Reader reader(db.get(), m, version);
  if (std::string problem = reader.read(); !problem.empty()) {
    error.message = problem;
    return false;
  }
  model = std::move(m);
  return true;
}

}  // namespace migsim
