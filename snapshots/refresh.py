#!/usr/bin/python3
"""Regenerates a bundled snapshot's JSON source from SQL on a throwaway
PostgreSQL 15:  snapshots/refresh.py --migsim build/migsim NAME SQL...

Runs each SQL file (psql, in order) into a fresh database, runs the
`migsim snapshot sql` query in a READ ONLY transaction, and writes
snapshots/NAME.json pretty-printed with sorted keys, so a change to a snapshot
reads as a small diff. Build the SQLite files with snapshots/build.sh."""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "pg"))
from pgserver import PgServer  # noqa: E402

PSQL = "/usr/lib/postgresql/15/bin/psql"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migsim", required=True)
    ap.add_argument("name")
    ap.add_argument("sql", nargs="+")
    args = ap.parse_args()
    query = subprocess.run([args.migsim, "snapshot", "sql"], check=True, capture_output=True,
                           text=True).stdout
    with PgServer() as server:
        server.create_database(args.name)
        conn = ["-h", server.dir, "-U", "postgres", "-d", args.name]
        for path in args.sql:
            subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", *conn, "-f", path],
                           check=True)
        subprocess.run([PSQL, "-X", "-q", *conn, "-c", "ANALYZE"], check=True)
        out = subprocess.run([PSQL, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", *conn,
                              "-c", "BEGIN READ ONLY", "-c", query, "-c", "COMMIT"],
                             check=True, capture_output=True, text=True).stdout
    doc = json.loads(out)
    target = os.path.join(HERE, args.name + ".json")
    with open(target, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    sys.exit(main())
