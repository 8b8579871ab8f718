"""Runs replay case files on a real PostgreSQL 15 and classifies what each
statement did, in migsim's outcome vocabulary.

A case file is SQL whose statements are each followed by a line
`-- expect: OUTCOME [SQLSTATE] [MESSAGE]`. Statements are found by migsim's
own splitter (`migsim replay --format json`), which is libpg_query's.
"""

import json
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
FINGERPRINT_SQL = open(os.path.join(HERE, "catalog_fingerprint.sql")).read()
EXPECT_RE = re.compile(r"^\s*-- expect:.*$")
DATA_TAGS = ("INSERT", "UPDATE", "DELETE", "SELECT", "COPY", "MERGE", "TRUNCATE", "REFRESH")


def split_statements(migsim, path):
    """[(line, sql)] of the statements in `path`, as migsim splits them."""
    out = subprocess.run([migsim, "replay", "--format", "json", path],
                         check=True, capture_output=True, text=True).stdout
    return [(s["line"], s["sql"]) for s in json.loads(out)["statements"]]


def fingerprint(cur):
    cur.execute(FINGERPRINT_SQL)
    return cur.fetchone()[0]


def run_statements(server, dbname, statements, keep=None):
    """Runs statements in autocommit mode, as psql does; returns one
    (outcome, sqlstate, message) per statement. `keep`, when given, is called
    with the database's name after the last statement (a transaction left
    open is committed first, as a migration tool's last step does), before
    the database is dropped."""
    server.create_database(dbname)
    conn = server.connect(dbname)
    results = []
    try:
        cur = conn.cursor()
        last = None  # the fingerprint after the previous statement, when taken
        for _, sql in statements:
            aborted_before = conn.get_transaction_status() == 3  # TRANSACTION_STATUS_INERROR
            # Nothing else runs on this database, so the catalog before a
            # statement is the one after the previous statement.
            before = None if aborted_before else (last if last is not None else fingerprint(cur))
            last = None
            del conn.notices[:]
            try:
                cur.execute(sql)
            except Exception as e:  # psycopg2.Error
                code = getattr(e, "pgcode", None)
                diag = getattr(e, "diag", None)
                message = diag.message_primary if diag is not None else str(e)
                if code == "25P02":
                    results.append(("skipped", code, message))
                else:
                    results.append(("fails", code, message))
                continue
            notices = [n.strip() for n in conn.notices]
            tag = (cur.statusmessage or "").split(" ")[0]
            in_error = conn.get_transaction_status() == 3
            after = None if in_error else fingerprint(cur)
            last = after
            skipping = [n for n in notices if n.endswith(", skipping")]
            warnings = [n for n in notices if n.startswith("WARNING:")]
            if tag in ("BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"):
                if warnings:
                    results.append(("no-op", None, strip_level(warnings[0])))
                else:
                    results.append(("applies", None, None))
            elif before is not None and after is not None and before == after:
                # Nothing changed: a "..., skipping" notice says why.
                if skipping:
                    results.append(("no-op", None, strip_level(skipping[0])))
                elif tag in DATA_TAGS:
                    results.append(("data", None, None))
                else:
                    results.append(("no-op", None, None))
            else:
                # The catalog changed (or cannot be read in a failed transaction):
                # the statement applies, whatever it skipped on the way.
                results.append(("applies", None, None))
        if keep is not None:
            if conn.get_transaction_status() != 0:  # not idle: an open (or failed) block
                cur.execute("COMMIT")
            conn.close()
            keep(dbname)
    finally:
        conn.close()
        admin = server.connect()
        with admin.cursor() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.close()
    return results


def strip_level(notice):
    for level in ("NOTICE:", "WARNING:"):
        if notice.startswith(level):
            return notice[len(level):].strip()
    return notice


def expect_line(result):
    outcome, code, message = result
    parts = ["-- expect:", outcome]
    if code and outcome in ("fails", "skipped"):
        parts.append(code)
    if message and outcome in ("fails", "no-op"):
        parts.append(message.splitlines()[0])
    return " ".join(parts)


def read_expectations(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    return [l.strip() for l in lines if EXPECT_RE.match(l)]


def rewrite(path, statements, results):
    """Writes each statement's expect line right after the line its text ends on."""
    lines = open(path, encoding="utf-8").read().split("\n")
    lines = [l for l in lines if not EXPECT_RE.match(l)]
    text = "\n".join(lines)
    # Find each statement again in the cleaned text, in order.
    inserts = []
    pos = 0
    for (_, sql), result in zip(statements, results):
        at = text.find(sql, pos)
        if at < 0:
            raise RuntimeError(f"{path}: cannot find statement {sql[:40]!r}")
        end = at + len(sql)
        end_line = text.count("\n", 0, end)
        inserts.append((end_line, expect_line(result)))
        pos = end
    for line_index, expect in reversed(inserts):
        lines.insert(line_index + 1, expect)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
