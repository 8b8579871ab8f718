#include "planner/snapshot/pull.h"

#include <algorithm>
#include <memory>

#include "planner/snapshot/json_import.h"
#include "planner/snapshot/libpq.h"
#include "planner/snapshot/query.h"

namespace migsim {

std::string redact_dsn(const std::string& dsn) {
  if (dsn.empty()) return "(DSN from the PG* environment)";
  std::string why;
  const Libpq* pq = libpq(why);
  if (!pq) return "(DSN not shown: libpq cannot be loaded)";
  char* err = nullptr;
  PQconninfoOption* opts = pq->conninfo_parse(dsn.c_str(), &err);
  // The parser's message may quote the DSN, password included: never show it.
  if (!opts) {
    pq->freemem(err);
    return "(unparseable DSN)";
  }
  std::string out;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string k = o->keyword;
    if (k == "password") continue;
    if (!out.empty()) out.push_back(' ');
    out += k + "=" + o->val;
  }
  pq->conninfo_free(opts);
  return out.empty() ? "(DSN from the PG* environment)" : out;
}

namespace {

struct ConnCloser {
  const Libpq* pq;
  void operator()(PGconn* c) const { pq->finish(c); }
};
struct ResultCloser {
  const Libpq* pq;
  void operator()(PGresult* r) const { pq->clear(r); }
};
using Result = std::unique_ptr<PGresult, ResultCloser>;

/// libpq messages end in a newline; one line reads better after "migsim: ".
std::string one_line(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  std::string out;
  for (char c : s)
    if (c != ' ' || out.empty() || out.back() != ' ') out.push_back(c);
  return out;
}

}  // namespace

bool pull_snapshot(const std::string& dsn, int timeout_ms, Catalog& catalog, Snapshot& snapshot,
                   InputError& error) {
  std::string shown = redact_dsn(dsn);
  error = {shown, 0, 0, ""};
  const Libpq* pq = libpq(error.message);
  if (!pq) return false;
  std::unique_ptr<PGconn, ConnCloser> conn(pq->connectdb(dsn.c_str()), ConnCloser{pq});
  if (!conn || pq->status(conn.get()) != CONNECTION_OK) {
    error.message =
        "cannot connect: " + one_line(conn ? pq->error_message(conn.get()) : "out of memory");
    return false;
  }
  auto run = [&](const std::string& sql, ExecStatusType want) -> Result {
    Result r(pq->exec(conn.get(), sql.c_str()), ResultCloser{pq});
    if (!r || pq->result_status(r.get()) != want) {
      error.message = "query failed: " + one_line(pq->error_message(conn.get()));
      return Result(nullptr, ResultCloser{pq});
    }
    return r;
  };
  if (!run("BEGIN READ ONLY", PGRES_COMMAND_OK)) return false;
  if (!run("SET LOCAL statement_timeout = " + std::to_string(timeout_ms), PGRES_COMMAND_OK))
    return false;
  // Sizes and version rows take ACCESS SHARE locks: never queue behind running DDL for long.
  if (!run("SET LOCAL lock_timeout = " + std::to_string(std::min(timeout_ms, 5000)),
           PGRES_COMMAND_OK))
    return false;
  Result r = run(snapshot_query(), PGRES_TUPLES_OK);
  if (!r) return false;
  if (pq->ntuples(r.get()) != 1 || pq->nfields(r.get()) != 1) {
    error.message = "the snapshot query returned an unexpected shape";
    return false;
  }
  std::string json(pq->getvalue(r.get(), 0, 0), pq->getlength(r.get(), 0, 0));
  r.reset();
  if (!run("COMMIT", PGRES_COMMAND_OK)) return false;
  if (!import_snapshot_json(shown, json, catalog, snapshot, error)) return false;
  snapshot.info.source = "pull";
  return true;
}

}  // namespace migsim
