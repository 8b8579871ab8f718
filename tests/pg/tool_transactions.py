#!/usr/bin/python3
"""Checks migsim's transaction behaviour against the real thing: the same
history, with a revision that fails halfway, applied to a throwaway
PostgreSQL 15 the way each migration tool applies it; the tables that exist
afterwards must be the ones migsim predicts (`plan --empty --save-snapshot`).

- Alembic, for real (python3-alembic), online, with and without
  transaction_per_migration; migsim reads what Alembic renders offline.
- Flyway and golang-migrate: each file in its own transaction, stopping at
  the first failure (as both tools document); dbmate with `transaction:false`
  on one file: that file's statements commit one by one.

  tool_transactions.py --migsim build/migsim
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pgserver import PgServer  # noqa: E402

REVISIONS = [
    ("r1", ["CREATE TABLE t1 (id integer PRIMARY KEY)"]),
    ("r2", ["CREATE TABLE t2 (id integer PRIMARY KEY)", "ALTER TABLE t1 ADD COLUMN note text"]),
    # Fails at its second statement; the third never runs, in a transaction or not.
    ("r3", ["CREATE TABLE t3 (id integer PRIMARY KEY)", "CREATE TABLE t1 (id integer)",
            "CREATE TABLE t5 (id integer PRIMARY KEY)"]),
    ("r4", ["CREATE TABLE t4 (id integer PRIMARY KEY)"]),
]


def predicted_tables(migsim, args):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "after.sqlite")
        subprocess.run([migsim, "plan", "--empty", "--fail-on", "never", "--save-snapshot", out]
                       + args, check=True, stdout=subprocess.DEVNULL)
        db = sqlite3.connect(out)
        rows = db.execute("SELECT schema || '.' || name FROM relations WHERE kind = 'r'").fetchall()
        db.close()
    return sorted(r[0] for r in rows)


def real_tables(server, db):
    conn = server.connect(db)
    cur = conn.cursor()
    cur.execute("SELECT schemaname || '.' || tablename FROM pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")
    tables = [r[0] for r in cur.fetchall()]
    conn.close()
    return sorted(tables)


def alembic_project(root, per_migration):
    versions = os.path.join(root, "versions")
    os.makedirs(versions)
    with open(os.path.join(root, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = .\n")
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(textwrap.dedent(f"""\
            import os
            from alembic import context
            from sqlalchemy import create_engine
            if context.is_offline_mode():
                context.configure(url="postgresql://", literal_binds=True,
                                  transaction_per_migration={per_migration})
                with context.begin_transaction():
                    context.run_migrations()
            else:
                with create_engine(os.environ["URL"]).connect() as conn:
                    context.configure(connection=conn, transaction_per_migration={per_migration})
                    with context.begin_transaction():
                        context.run_migrations()
            """))
    down = None
    for rev, stmts in REVISIONS:
        body = "\n".join(f"    op.execute({s!r})" for s in stmts)
        with open(os.path.join(versions, f"{rev}.py"), "w") as f:
            f.write(f'"""{rev}"""\nfrom alembic import op\n\nrevision = {rev!r}\n'
                    f"down_revision = {down!r}\nbranch_labels = None\ndepends_on = None\n\n\n"
                    f"def upgrade():\n{body}\n\n\ndef downgrade():\n    pass\n")
        down = rev


def check(name, real, predicted):
    ok = real == predicted
    print(f"{'ok  ' if ok else 'FAIL'} {name}: PostgreSQL has {real}, migsim predicts {predicted}")
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migsim", required=True)
    args = ap.parse_args()
    results = []
    with PgServer() as server, tempfile.TemporaryDirectory() as tmp:
        for per_migration in (False, True):
            name = f"alembic{'_per_migration' if per_migration else ''}"
            root = os.path.join(tmp, name)
            alembic_project(root, per_migration)
            server.create_database(name)
            env = dict(os.environ, URL=f"postgresql://postgres@/{name}?host={server.dir}")
            run = subprocess.run(["/usr/bin/python3", "-m", "alembic", "upgrade", "head"],
                                 cwd=root, env=env, capture_output=True, text=True)
            assert run.returncode != 0, "r3 must fail"
            offline = subprocess.run(["/usr/bin/python3", "-m", "alembic", "upgrade", "head", "--sql"],
                                     cwd=root, env=env, check=True, capture_output=True,
                                     text=True).stdout
            sql = os.path.join(tmp, f"{name}.sql")
            with open(sql, "w") as f:
                f.write(offline)
            results.append(check(name, real_tables(server, name),
                                 predicted_tables(args.migsim, ["--migrations", sql])))

        # Flyway and golang-migrate: a transaction per file, stop at the first failure.
        for tool, pattern in (("flyway", "V{n}__{rev}.sql"), ("golang-migrate", "{n:06d}_{rev}.up.sql")):
            root = os.path.join(tmp, tool)
            os.makedirs(root)
            for n, (rev, stmts) in enumerate(REVISIONS, 1):
                with open(os.path.join(root, pattern.format(n=n, rev=rev)), "w") as f:
                    f.write("".join(s + ";\n" for s in stmts))
            db = tool.replace("-", "_")
            server.create_database(db)
            conn = server.connect(db, autocommit=False)
            for rev, stmts in REVISIONS:
                try:
                    with conn.cursor() as cur:
                        for s in stmts:
                            cur.execute(s)
                    conn.commit()
                except Exception:
                    conn.rollback()
                    break
            conn.close()
            results.append(check(tool, real_tables(server, db),
                                 predicted_tables(args.migsim, ["--migrations", root])))

        # dbmate, with r3 outside a transaction: its first statement stays.
        root = os.path.join(tmp, "dbmate")
        os.makedirs(root)
        for n, (rev, stmts) in enumerate(REVISIONS, 1):
            opt = " transaction:false" if rev == "r3" else ""
            with open(os.path.join(root, f"2024010100000{n}_{rev}.sql"), "w") as f:
                f.write(f"-- migrate:up{opt}\n" + "".join(s + ";\n" for s in stmts)
                        + "\n-- migrate:down\n")
        server.create_database("dbmate")
        conn = server.connect("dbmate", autocommit=False)
        for rev, stmts in REVISIONS:
            conn.autocommit = rev == "r3"
            try:
                with conn.cursor() as cur:
                    for s in stmts:
                        cur.execute(s)
                if not conn.autocommit:
                    conn.commit()
            except Exception:
                if not conn.autocommit:
                    conn.rollback()
                break
        conn.close()
        results.append(check("dbmate", real_tables(server, "dbmate"),
                             predicted_tables(args.migsim, ["--migrations", root,
                                                            "--source-format", "dbmate"])))
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
