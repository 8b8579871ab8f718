#!/usr/bin/python3
"""Snapshots against a real PostgreSQL 15 (a throwaway server):

- a schema using every kind of object the model knows (snapshot_schema.sql:
  partitions attached and detached, views on views, materialized views, enum,
  domain and composite types, identity columns with sequence options,
  expression and partial indexes, deferrable foreign keys, comments, functions
  with argument defaults, triggers, several schemas and owners);
- `snapshot pull`, `psql -f <(snapshot sql)` + `snapshot import`, and
  `pg_dump --schema-only` + `snapshot import` of it load into the same catalog:
  `snapshot diff` finds nothing between any two, and the dump loads whole;
- the query runs inside a READ ONLY transaction;
- after one change on the server, a new pull (and a new dump) differs by
  exactly that change;
- `snapshot show` lists the version tables' rows;
- a DSN that cannot connect is exit 2, no output file, no password printed.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

from pgserver import PgServer

PSQL = "/usr/lib/postgresql/15/bin/psql"
HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migsim", required=True)
    args = ap.parse_args()
    m = args.migsim
    work = tempfile.mkdtemp(prefix="migsim-snap-")
    try:
        with PgServer({"log_statement": "all", "log_line_prefix": "'%p '"}) as server:
            server.create_database("snap")
            conn = ["-h", server.dir, "-U", "postgres", "-d", "snap"]
            r = run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", *conn,
                     "-f", os.path.join(HERE, "snapshot_schema.sql")])
            check(r.returncode == 0, "schema builds: " + r.stderr.strip())

            pulled = os.path.join(work, "pulled.sqlite")
            r = run([m, "snapshot", "pull", "--dsn", server.dsn("snap"), "-o", pulled])
            check(r.returncode == 0, "snapshot pull: " + r.stderr.strip())
            # The server's statement log: pull's session opened a READ ONLY transaction
            # with a statement timeout before its one query.
            with open(os.path.join(server.dir, "log")) as f:
                log = [line.split(" ", 1) for line in f if " statement: " in line]
            begin = [pid for pid, text in log if text.startswith("LOG:  statement: BEGIN READ ONLY")]
            pulled_by = [text.split("statement: ", 1)[1].strip() for pid, text in log
                         if begin and pid == begin[-1]]
            check(len(begin) == 1 and pulled_by[0] == "BEGIN READ ONLY" and
                  any(t.startswith("SET LOCAL statement_timeout = ") for t in pulled_by) and
                  [t.startswith("-- migsim ") for t in pulled_by[1:-1]].count(True) == 1 and
                  pulled_by[-1] == "COMMIT",
                  "pull runs its query in a READ ONLY transaction: " + repr(pulled_by)[:300])

            query = os.path.join(work, "query.sql")
            with open(query, "w") as f:
                f.write(run([m, "snapshot", "sql"]).stdout)
            doc = os.path.join(work, "snap.json")
            r = run([PSQL, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", *conn,
                     "-c", "BEGIN READ ONLY", "-f", query, "-c", "COMMIT", "-o", doc])
            check(r.returncode == 0, "the query runs in a READ ONLY transaction: " + r.stderr)
            imported = os.path.join(work, "imported.sqlite")
            r = run([m, "snapshot", "import", doc, "-o", imported])
            check(r.returncode == 0, "snapshot import: " + r.stderr.strip())

            r = run([m, "snapshot", "diff", pulled, imported])
            check(r.returncode == 0 and r.stdout == "no differences\n",
                  "pull and psql + import agree: " + r.stdout[:2000])

            r = run([m, "snapshot", "show", pulled])
            check(r.returncode == 0 and
                  "public.alembic_version (alembic): 1 row" in r.stdout and
                  '[{"version_num":"ae1027a6acf"}]' in r.stdout and
                  "public.flyway_schema_history (flyway): 2 rows" in r.stdout,
                  "show lists the version tables")

            # What the catalog holds, spot-checked through the snapshot's own tables.
            import sqlite3
            db = sqlite3.connect(pulled)
            q = lambda sql: db.execute(sql).fetchall()
            check(q("SELECT type, type_schema, type_name FROM columns "
                    "WHERE schema='app' AND relation='users' AND name='moods'")
                  == [("app.mood[]", "app", "mood")], "user types are schema-qualified")
            check(q("SELECT identity FROM columns WHERE relation='users' AND name='id'") == [("a",)],
                  "identity column")
            check(q("SELECT keys, predicate FROM indexes WHERE name='orders_open'")
                  == [('["user_id"]', "(status <> 'done'::text)")], "partial index")
            check(q("SELECT keys, include FROM indexes WHERE name='users_lower_email'")
                  == [('["lower(email::text)"]', '["name"]')], "expression index with INCLUDE")
            check(q("SELECT is_deferrable, is_deferred, on_delete FROM constraints "
                    "WHERE name='orders_user_fk'") == [(1, 1, "c")], "deferred foreign key")
            check(q("SELECT ref_name FROM view_dependencies WHERE view_name='active_emails'")
                  == [("active_users",)], "views on views")
            check(q("SELECT labels FROM types WHERE name='mood'") == [('["sad","ok","happy"]',)],
                  "enum labels")
            check(q("SELECT partition_parent FROM relations WHERE name='log_2024'")
                  == [('"Audit"."Log"',)], "partitions")
            check(q("SELECT format, source, has_statistics FROM metadata") == [(1, "pull", 1)],
                  "metadata")
            check(q("SELECT name, start, increment, cache, min, max, cycle, identity "
                    "FROM sequences WHERE owned_by_table = 'invoices' ORDER BY name")
                  == [("invoices_id_seq", 1000, 10, 5, 1, 2147483647, 0, 1),
                      ("invoices_no_seq", 7, 1, 1, 7, 9999, 1, 1),
                      ("plain_seq", 1, 1, 1, 1, 9223372036854775807, 0, 0)],
                  "identity sequence options")
            check(q("SELECT name, partition_bound FROM relations WHERE schema = 'billing' AND "
                    "partition_parent = 'billing.events' ORDER BY name")
                  == [("events_a", "FOR VALUES IN ('a', 'b')"), ("events_c", "FOR VALUES IN ('c')"),
                      ("events_rest", "DEFAULT")], "partitions attached, one detached")
            check(q("SELECT relation FROM triggers WHERE name = 'events_touch' ORDER BY 1")
                  == [("events",), ("events_a",), ("events_c",), ("events_rest",)],
                  "a partitioned table's row trigger is on each partition")
            check(q("SELECT arguments FROM functions WHERE name = 'total'")
                  == [("a numeric, b numeric DEFAULT 0, VARIADIC c numeric[] "
                       "DEFAULT '{}'::numeric[]",)], "argument defaults")
            check(q("SELECT name, type FROM columns WHERE relation = 'invoice_counts'")
                  == [("user_id", "bigint"), ("n", "bigint"), ("ids", "bigint"),
                      ("mean_no", "numeric")], "materialized view column types")
            check(q("SELECT kind, owner FROM relations WHERE name IN ('invoices', 'open_invoices', "
                    "'invoice_counts', 'plain_seq', 'money_pair') ORDER BY name")
                  == [("m", "alice"), ("r", "alice"), ("c", "alice"), ("v", "alice"),
                      ("S", "alice")], "owners")
            db.close()

            # pg_dump --schema-only replays through the engine: it loads (statements the
            # engine does not model yet are warnings), and says it has no statistics.
            dump = os.path.join(work, "schema.sql")
            r = run(["/usr/lib/postgresql/15/bin/pg_dump", "--schema-only", "-h", server.dir,
                     "-U", "postgres", "-f", dump, "snap"])
            check(r.returncode == 0, "pg_dump --schema-only")
            from_dump = os.path.join(work, "dump.sqlite")
            r = run([m, "snapshot", "import", dump, "-o", from_dump])
            check(r.returncode == 0 and os.path.exists(from_dump) and "warning" not in r.stderr,
                  "pg_dump import loads every statement: " + r.stderr[-2000:])
            db = sqlite3.connect(from_dump)
            check(db.execute("SELECT source, has_statistics FROM metadata").fetchall()
                  == [("pg_dump", 0)], "pg_dump import metadata")
            db.close()
            for a, b, what in ((pulled, from_dump, "pull and pg_dump + import agree"),
                               (imported, from_dump, "psql + import and pg_dump + import agree"),
                               (from_dump, pulled, "pg_dump + import and pull agree")):
                r = run([m, "snapshot", "diff", a, b])
                check(r.returncode == 0 and r.stdout == "no differences\n" and
                      "version tables' rows are not compared" in r.stderr,
                      what + ": " + r.stdout[:3000])

            server_conn = server.connect("snap")
            with server_conn.cursor() as cur:
                cur.execute("ALTER TABLE app.orders ALTER COLUMN status SET DEFAULT 'open'")
            server_conn.close()
            again = os.path.join(work, "again.sqlite")
            r = run([m, "snapshot", "pull", "--dsn", server.dsn("snap"), "-o", again])
            check(r.returncode == 0, "second pull")
            r = run([m, "snapshot", "diff", "--format", "json", pulled, again])
            got = json.loads(r.stdout) if r.stdout else None
            want = {"equal": False, "changes": [{
                "change": "changed", "object": "column", "name": "app.orders.status",
                "field": "default", "from": "'new'::text", "to": "'open'::text"}]}
            check(r.returncode == 1 and got == want, "diff reports exactly the change: " + r.stdout)
            dump2 = os.path.join(work, "schema2.sql")
            r = run(["/usr/lib/postgresql/15/bin/pg_dump", "--schema-only", "-h", server.dir,
                     "-U", "postgres", "-f", dump2, "snap"])
            from_dump2 = os.path.join(work, "dump2.sqlite")
            r = run([m, "snapshot", "import", dump2, "-o", from_dump2])
            r = run([m, "snapshot", "diff", "--format", "json", pulled, from_dump2])
            got = json.loads(r.stdout) if r.stdout else None
            check(r.returncode == 1 and got == want,
                  "diff against a new pg_dump reports exactly the change: " + r.stdout)

            bad = os.path.join(work, "bad.sqlite")
            r = run([m, "snapshot", "pull", "--dsn",
                     f"host={server.dir}/nowhere user=bob password=hunter2", "-o", bad])
            check(r.returncode == 2 and "hunter2" not in r.stderr + r.stdout
                  and not os.path.exists(bad), "unreachable DSN: exit 2, no password, no file: "
                  + r.stderr.strip())
            r = run([m, "snapshot", "pull", "--dsn",
                     f"postgresql://bob:hunter2@/snap?host={server.dir}/nowhere", "-o", bad])
            check(r.returncode == 2 and "hunter2" not in r.stderr + r.stdout,
                  "unreachable URI: no password printed")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
