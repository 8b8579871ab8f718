#include "planner/snapshot/pull.h"

#include <libpq-fe.h>

#include <algorithm>
#include <memory>

#include "planner/snapshot/json_import.h"
#include "planner/snapshot/query.h"

namespace migsim {

std::string redact_dsn(const std::string& dsn) {
  if (dsn.empty()) return "(DSN from the PG* environment)";
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(dsn.c_str(), &err);
  // The parser's message may quote the DSN, password included: never show it.
  if (!opts) {
    PQfreemem(err);
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
  PQconninfoFree(opts);
  return out.empty() ? "(DSN from the PG* environment)" : out;
}

namespace {

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultCloser {
  void operator()(PGresult* r) const { PQclear(r); }
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
  std::unique_ptr<PGconn, ConnCloser> conn(PQconnectdb(dsn.c_str()));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
    error.message =
        "cannot connect: " + one_line(conn ? PQerrorMessage(conn.get()) : "out of memory");
    return false;
  }
  auto run = [&](const std::string& sql, ExecStatusType want) -> Result {
    Result r(PQexec(conn.get(), sql.c_str()));
    if (!r || PQresultStatus(r.get()) != want) {
      error.message = "query failed: " + one_line(PQerrorMessage(conn.get()));
      return nullptr;
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
  if (PQntuples(r.get()) != 1 || PQnfields(r.get()) != 1) {
    error.message = "the snapshot query returned an unexpected shape";
    return false;
  }
  std::string json(PQgetvalue(r.get(), 0, 0), PQgetlength(r.get(), 0, 0));
  r.reset();
  if (!run("COMMIT", PGRES_COMMAND_OK)) return false;
  if (!import_snapshot_json(shown, json, catalog, snapshot, error)) return false;
  snapshot.info.source = "pull";
  return true;
}

}  // namespace migsim
