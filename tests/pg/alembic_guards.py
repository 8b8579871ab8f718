#!/usr/bin/python3
"""Alembic scripts that look at the database before they change it (an
inspector, a query of information_schema or pg_catalog, a checkfirst enum, a
DO block) checked against the real thing.

Each script runs with the real Alembic (Debian's python3-alembic), online, on
a throwaway PostgreSQL 15, once on a database where its guards hold and once
where they do not. migsim plans the same script from a snapshot pulled from
the same database. For each run:

- the statements Alembic sent, in order, are the ones migsim says run (a
  statement behind a false guard, or an enum SQLAlchemy finds already there,
  is a no-op that is never sent), compared by libpg_query fingerprint;
- the upgrade fails on the server exactly when migsim predicts it fails, with
  the same SQLSTATE;
- the catalog after the upgrade (`snapshot pull`) is the one migsim predicts
  (`plan --save-snapshot`), compared with `snapshot diff`.

  alembic_guards.py --migsim build/migsim --dump build/tests/migsim_alembic_dump
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import alembic_online  # noqa: E402
from pgserver import PgServer  # noqa: E402

PSQL = "/usr/lib/postgresql/15/bin/psql"
CORPUS = os.path.join(ROOT, "fixtures", "alembic_scripts")
PA = os.path.join(ROOT, "fixtures", "pa_dealing", "alembic", "versions")
APP = open(os.path.join(CORPUS, "app_database.sql")).read()

# The PA-dealing tables the verification revision reads and alters, as the sync leaves them.
PA_BASE = """
CREATE SCHEMA padealing;
CREATE TABLE padealing.pad_execution (id integer PRIMARY KEY);
CREATE SCHEMA bo_airflow;
CREATE TABLE bo_airflow.oracle_employee (id integer PRIMARY KEY);
CREATE TABLE bo_airflow.oracle_position (id integer PRIMARY KEY);
"""

APPROVALS = """
CREATE TABLE padealing.pad_approval (id integer PRIMARY KEY, decision text);
INSERT INTO padealing.pad_approval SELECT g, 'approved' FROM generate_series(1, 20) g;
"""

# (script, what holds on the database, the database before the upgrade)
CASES = [
    (f"{CORPUS}/r05_priority_enum_checkfirst.py", "the enum is missing", APP),
    (f"{CORPUS}/r05_priority_enum_checkfirst.py", "the enum exists",
     APP + "CREATE TYPE ticket_priority AS ENUM ('low', 'normal', 'high');"),
    (f"{CORPUS}/r09_has_table_guard.py", "audit_log missing, legacy_audit there",
     APP + "CREATE TABLE legacy_audit (id integer);"),
    (f"{CORPUS}/r09_has_table_guard.py", "audit_log there, legacy_audit missing",
     APP + "CREATE TABLE audit_log (id integer PRIMARY KEY, event text NOT NULL);"),
    (f"{CORPUS}/r09_has_table_guard.py", "legacy_audit is a view",
     APP + "CREATE VIEW legacy_audit AS SELECT id FROM users;"),
    (f"{CORPUS}/r10_get_columns_guard.py", "phone missing, email there", APP),
    (f"{CORPUS}/r10_get_columns_guard.py", "phone there, email missing",
     APP + "ALTER TABLE users ADD COLUMN phone varchar(32); ALTER TABLE users DROP COLUMN email;"),
    (f"{CORPUS}/r11_get_indexes_guard.py", "ix_users_name missing, ix_users_email there", APP),
    (f"{CORPUS}/r11_get_indexes_guard.py", "ix_users_name there, ix_users_email missing",
     APP + "CREATE INDEX ix_users_name ON users (name); DROP INDEX ix_users_email;"),
    (f"{CORPUS}/r12_information_schema_guard.py", "timezone missing", APP),
    (f"{CORPUS}/r12_information_schema_guard.py", "timezone there",
     APP + "ALTER TABLE users ADD COLUMN timezone varchar(64) NOT NULL DEFAULT 'UTC';"),
    (f"{CORPUS}/r33_foreign_key_guard.py", "no foreign key to users, a primary key", APP),
    (f"{CORPUS}/r33_foreign_key_guard.py", "a foreign key to users, no primary key",
     APP + "ALTER TABLE orders ADD COLUMN user_id integer REFERENCES users (id);"
           "ALTER TABLE orders DROP CONSTRAINT orders_pkey;"),
    (f"{CORPUS}/r40_schema_names_guard.py", "no archive schema", APP),
    (f"{CORPUS}/r40_schema_names_guard.py", "archive and its table there",
     APP + "CREATE SCHEMA archive; CREATE TABLE archive.old_orders (id integer PRIMARY KEY);"),
    (f"{CORPUS}/r40_schema_names_guard.py", "archive there, its table missing",
     APP + "CREATE SCHEMA archive;"),
    (f"{CORPUS}/r41_bind_execute.py", "order_status missing", APP),
    (f"{CORPUS}/r41_bind_execute.py", "order_status there",
     APP + "CREATE TYPE order_status AS ENUM ('pending', 'paid');"),
    (f"{CORPUS}/r43_unique_guard_dict_items.py", "no unique constraints", APP),
    (f"{CORPUS}/r43_unique_guard_dict_items.py", "uq_users_email there",
     APP + "ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email);"),
    (f"{CORPUS}/r43_unique_guard_dict_items.py", "a unique index, not a constraint, named uq_users_email",
     APP + "CREATE UNIQUE INDEX uq_users_email ON users (email);"),
    (f"{CORPUS}/r11_get_indexes_guard.py", "ix_users_email backs a unique constraint",
     APP + "DROP INDEX ix_users_email;"
           "ALTER TABLE users ADD CONSTRAINT ix_users_email UNIQUE (email);"),
    (f"{CORPUS}/r48_index_if_not_exists.py", "ix_orders_status missing, ix_orders_old there",
     APP + "CREATE INDEX ix_orders_old ON orders (total);"),
    (f"{CORPUS}/r48_index_if_not_exists.py", "ix_orders_status there",
     APP + "CREATE INDEX ix_orders_old ON orders (total);"
           "CREATE INDEX ix_orders_status ON orders (status);"),
    (f"{CORPUS}/r49_inspector_cache.py", "nickname missing", APP),
    (f"{CORPUS}/r49_inspector_cache.py", "nickname there",
     APP + "ALTER TABLE users ADD COLUMN nickname varchar(40);"),
    (f"{PA}/fda9d658ebc6_add_verification_fields.py", "the sync has none of the columns",
     PA_BASE + "CREATE TABLE bo_airflow.oracle_bloomberg (id integer PRIMARY KEY);"),
    (f"{PA}/fda9d658ebc6_add_verification_fields.py", "the sync has every column",
     PA_BASE + "CREATE TABLE bo_airflow.oracle_bloomberg (id integer PRIMARY KEY,"
               " isin varchar(12), sedol varchar(7), cusip varchar(9), figi varchar(12),"
               " ticker varchar(32), exchange_code varchar(10));"
               "ALTER TABLE bo_airflow.oracle_employee ADD COLUMN is_covered_person boolean;"),
    (f"{PA}/fda9d658ebc6_add_verification_fields.py", "the sync has a column of another type",
     PA_BASE + "CREATE TABLE bo_airflow.oracle_bloomberg (id integer PRIMARY KEY, isin text);"
               "ALTER TABLE bo_airflow.oracle_employee ADD COLUMN is_covered_person integer;"),
    (f"{PA}/add_auto_approval_type.py", "the enum is missing", PA_BASE + APPROVALS),
    (f"{PA}/add_auto_approval_type.py", "the enum exists",
     PA_BASE + APPROVALS + "CREATE TYPE padealing.auto_approval_type AS ENUM "
                           "('none', 'low_risk', 'pre_cleared');"),
    (f"{PA}/add_auto_approval_type.py", "an enum of that name exists in public only",
     PA_BASE + APPROVALS + "CREATE TYPE public.auto_approval_type AS ENUM ('none');"),
    (f"{PA}/aa0f04f2fdaf_add_last_trade_date.py", "last_trade_date missing",
     PA_BASE + "CREATE TABLE bo_airflow.oracle_bloomberg (id integer PRIMARY KEY);"),
    (f"{PA}/aa0f04f2fdaf_add_last_trade_date.py", "last_trade_date there",
     PA_BASE + "ALTER TABLE bo_airflow.oracle_position ADD COLUMN last_trade_date date;"),
]

ENV_PY = '''import os
from alembic import context
from sqlalchemy import create_engine, pool

engine = create_engine(os.environ["DATABASE_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
'''


def installed_alembic():
    import alembic
    return alembic.__version__


def project(root, script):
    """A one-revision Alembic project holding `script`, its down revision set to
    None so it applies on its own, and a migsim.toml for the same directory."""
    versions = os.path.join(root, "versions")
    os.makedirs(versions)
    text = open(script).read()
    text = re.sub(r"^down_revision(\s*:[^=]+)?\s*=.*$", "down_revision = None", text, count=1,
                  flags=re.M)
    with open(os.path.join(versions, os.path.basename(script)), "w") as f:
        f.write(text)
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(root, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = .\n")
    with open(os.path.join(root, "migsim.toml"), "w") as f:
        f.write(f'migrations = "versions"\nsource_format = "alembic"\n\n'
                f'[alembic]\nversion = "{installed_alembic()}"\n')


def fingerprints(dump, statements, work):
    if not statements:
        return []
    path = os.path.join(work, "fingerprint.sql")
    with open(path, "w") as f:
        f.write("".join(s.rstrip().rstrip(";") + ";\n" for s in statements))
    out = subprocess.run([dump, "--split", path], check=True, capture_output=True, text=True)
    return [json.loads(line)["fingerprint"] for line in out.stdout.splitlines() if line.strip()]


def sent_by_migsim(plan):
    """The statements migsim says Alembic sends (everything but its own version
    table and statements never reached), and those it says are never sent
    because a guard or SQLAlchemy's checkfirst decided so in Python."""
    sent, held_back = [], []
    for rev in plan["environments"][0]["revisions"]:
        for s in rev["statements"]:
            if s.get("bookkeeping") or s["outcome"] == "skipped":
                continue
            message = s.get("message") or ""
            if s["outcome"] == "no-op" and (message.startswith("guard is ") or
                                            "SQLAlchemy checks first" in message):
                held_back.append(s)
            else:
                sent.append(s)
    return sent, held_back


def run_case(args, server, work, n, script, holds, setup):
    """Returns (the line to print, the problems, statements sent, statements held back)."""
    name = f"g{n:02d}"
    label = f"{os.path.basename(script)} ({holds})"
    root = os.path.join(work, name)
    project(root, script)
    server.create_database(name)
    subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.dir, "-U", "postgres",
                    "-d", name, "-c", setup], check=True, capture_output=True)
    start = os.path.join(root, "start.sqlite")
    subprocess.run([args.migsim, "snapshot", "pull", "--dsn", server.dsn(name), "-o", start],
                   check=True, capture_output=True)
    predicted = os.path.join(root, "predicted.sqlite")
    plan = subprocess.run([args.migsim, "plan", "--config", os.path.join(root, "migsim.toml"),
                           "--snapshot", start, "--format", "json", "--fail-on", "never",
                           "--save-snapshot", predicted], capture_output=True, text=True)
    if plan.returncode != 0:
        return (f"FAIL {label}", [f"{label}: migsim plan exited {plan.returncode}: "
                                  f"{plan.stderr.strip()}"], 0, 0)
    doc = json.loads(plan.stdout)
    env = dict(os.environ, DATABASE_URL=f"postgresql://postgres@/{name}?host={server.dir}")
    real = alembic_online.upgrade(root, env)

    problems = []
    revision = doc["environments"][0]["revisions"][0]
    unknown = [s for s in revision["statements"] if s["outcome"] == "unknown"]
    if unknown:
        problems.append(f"migsim cannot follow it: {unknown}")
    predicted_fail = revision["verdict"] == "fails"
    failing = [s for s in revision["statements"] if s["outcome"] == "fails"]
    predicted_state = failing[0]["sqlstate"] if failing else None
    if predicted_fail != (real.returncode != 0) or predicted_state != real.sqlstate:
        problems.append(f"migsim predicts {revision['verdict']} {predicted_state or ''}, "
                        f"Alembic exited {real.returncode} {real.sqlstate or ''} {real.message or ''}")

    mine, held_back = sent_by_migsim(doc)
    theirs = real.ddl()
    if fingerprints(args.dump, [s["sql"] for s in mine], root) != \
            fingerprints(args.dump, theirs, root):
        problems.append("the statements differ\n    migsim sends:  "
                        + "\n                   ".join(s["sql"] for s in mine)
                        + "\n    Alembic sent:  " + "\n                   ".join(theirs))

    actual = os.path.join(root, "actual.sqlite")
    subprocess.run([args.migsim, "snapshot", "pull", "--dsn", server.dsn(name), "-o", actual],
                   check=True, capture_output=True)
    diff = subprocess.run([args.migsim, "snapshot", "diff", predicted, actual],
                          capture_output=True, text=True)
    if diff.returncode != 0:
        problems.append("the catalog after differs from migsim's prediction:\n"
                        + diff.stdout[:3000] + diff.stderr)

    outcome = "fails " + (real.sqlstate or "?") if real.returncode else "applies"
    line = (f"{'ok  ' if not problems else 'FAIL'} {label}: {outcome}; {len(theirs)} statements "
            f"sent, {len(held_back)} held back by a guard")
    return line, [f"{label}: {p}" for p in problems], len(theirs), len(held_back)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migsim", required=True)
    ap.add_argument("--dump", required=True, help="migsim_alembic_dump, for fingerprints")
    ap.add_argument("--only", help="run only the cases whose script name contains this")
    args = ap.parse_args()
    failures = []
    tally = {"runs": 0, "agree": 0, "sent": 0, "held back": 0}
    work = tempfile.mkdtemp(prefix="migsim-guards-")
    try:
        with PgServer() as server:
            # Two at a time: each case mostly waits on Python and the server starting up.
            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
                runs = [pool.submit(run_case, args, server, work, n, script, holds, setup)
                        for n, (script, holds, setup) in enumerate(CASES)
                        if not args.only or args.only in script]
                for run in runs:
                    line, problems, sent, held_back = run.result()
                    print(line, flush=True)
                    failures += problems
                    tally["runs"] += 1
                    tally["agree"] += not problems
                    tally["sent"] += sent
                    tally["held back"] += held_back
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{tally['agree']} of {tally['runs']} runs agree with PostgreSQL 15 and Alembic "
          f"{installed_alembic()} ({tally['sent']} statements sent, {tally['held back']} "
          f"held back by guards)")
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
