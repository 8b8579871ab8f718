#!/usr/bin/python3
"""The flagship's predictions against the real thing.

Builds the PA-dealing dev and prod databases on a throwaway PostgreSQL 15 the
way fixtures/pa_dealing/build_environments.py does (its own functions), and an
empty database, then runs `alembic upgrade head` online on each with the real
Alembic (python3-alembic) and the project's own env.py. What happened is
compared with `migsim plan --format json` for the same environment (dev and
prod from their committed snapshots, `--env fresh` for the empty database):

- the upgrade succeeds or fails as migsim says, at the revision migsim names,
  with the SQLSTATE migsim gives;
- the catalog afterwards is the one migsim predicts (`plan --save-snapshot`
  against `snapshot pull`, through `snapshot diff`), and a rolled-back upgrade
  leaves the catalog as it was (tests/pg/catalog_fingerprint.sql);
- the version table holds what migsim's bookkeeping leaves there.

And the story the status report tells holds on the server: dev's pending
fc3b6e7695d9 is redundant (nothing but alembic_version changes), prod fails at
a50909b3c7db with 42701 and everything pending rolls back, and an empty
database fails at 4143273be37f with 3F000 leaving nothing, not even
alembic_version.

  pa_dealing_online.py --migsim build/migsim
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PA = os.path.join(ROOT, "fixtures", "pa_dealing")
sys.path.insert(0, HERE)
sys.path.insert(0, PA)
import alembic_online  # noqa: E402
import build_environments  # noqa: E402
from pgserver import PgServer  # noqa: E402

PSQL = "/usr/lib/postgresql/15/bin/psql"
FINGERPRINT_SQL = open(os.path.join(HERE, "catalog_fingerprint.sql")).read()
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def query(server, db, sql):
    out = subprocess.run([PSQL, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.dir,
                          "-U", "postgres", "-d", db, "-c", sql],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def fingerprint(server, db):
    return query(server, db, FINGERPRINT_SQL)


def version_rows(server, db):
    exists = query(server, db, "SELECT to_regclass('padealing.alembic_version') IS NOT NULL")
    if exists != "t":
        return None
    return sorted(query(server, db, "SELECT version_num FROM padealing.alembic_version").split())


def plan(migsim, work, name, env):
    out = os.path.join(work, f"{name}.predicted.sqlite")
    r = subprocess.run([migsim, "plan", "--config", os.path.join(PA, "migsim.toml"), "--env", env,
                        "--format", "json", "--fail-on", "never", "--save-snapshot", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"migsim plan --env {env} exited {r.returncode}: {r.stderr}")
    return json.loads(r.stdout)["environments"][0], out


def failure_of(env):
    """The revision migsim says fails, and its first failing statement."""
    for rev in env["revisions"]:
        if rev["status"] == "pending" and rev["verdict"] == "fails":
            return rev["id"], next((s for s in rev["statements"] if s["outcome"] == "fails"), None)
    return None, None


def squashed(sql):
    """The statement without whitespace or a final semicolon, to compare texts."""
    return "".join((sql or "").split()).rstrip(";")


def verdicts(env):
    return {r["id"]: r for r in env["revisions"] if r["status"] == "pending"}


def compare_catalog(migsim, server, db, predicted, work, what):
    actual = os.path.join(work, f"{db}.actual.sqlite")
    subprocess.run([migsim, "snapshot", "pull", "--dsn", server.dsn(db), "-o", actual],
                   check=True, capture_output=True)
    diff = subprocess.run([migsim, "snapshot", "diff", predicted, actual],
                          capture_output=True, text=True)
    check(diff.returncode == 0, f"{what}: the catalog after is the one migsim predicts"
          + ("" if diff.returncode == 0 else ":\n" + diff.stdout[:3000] + diff.stderr))


def run_env(args, server, work, db, env_name, build):
    """Builds `db`, plans `env_name`, upgrades for real; returns (plan, result, before, after)."""
    build()
    before = fingerprint(server, db)
    versions_before = version_rows(server, db)
    env, predicted = plan(args.migsim, work, db, env_name)
    real = alembic_online.upgrade(PA, build_environments.alembic_env(server, db), "head")
    after = fingerprint(server, db)
    rev, stmt = failure_of(env)
    predicted_outcome = f"fails with {stmt['sqlstate']}" if rev else "succeeds"
    outcome = f"fails with {real.sqlstate}" if real.returncode else "succeeds"
    agree = outcome == predicted_outcome
    if rev and real.returncode:
        # Alembic names the revision it runs; a failure before the first one
        # (its version table) is booked by migsim to the first revision.
        agree = agree and squashed(real.failed_statement) == squashed(stmt["sql"]) and \
            (real.failed_revision or stmt.get("bookkeeping") and rev) == rev
        predicted_outcome += f" at {rev}: {stmt['sql'].strip()}"
        outcome += f" at {real.failed_revision or 'the start'}: {(real.failed_statement or '').strip()}"
    check(agree, f"{db}: Alembic {outcome}\n     migsim predicts it {predicted_outcome}")
    compare_catalog(args.migsim, server, db, predicted, work, db)
    return env, real, (before, versions_before), (after, version_rows(server, db))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migsim", required=True)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="migsim-pa-online-")
    try:
        with PgServer() as server:
            # dev: the one pending revision consolidates tables dev already has.
            env, real, before, after = run_env(
                args, server, work, "dev", "dev", lambda: build_environments.create(server, "dev"))
            pending = verdicts(env)
            check(pending.get("fc3b6e7695d9", {}).get("verdict") == "redundant",
                  "dev: migsim calls fc3b6e7695d9 redundant")
            check(before[0] == after[0],
                  "dev: the catalog is unchanged apart from alembic_version's row")
            check(after[1] == env["heads"],
                  f"dev: alembic_version moved from {before[1]} to {after[1]} "
                  f"(migsim: heads {env['heads']})")

            # prod: a50909b3c7db adds a column the older sync already has.
            env, real, before, after = run_env(
                args, server, work, "prod", "prod",
                lambda: build_environments.create(server, "prod"))
            check(real.failed_revision == "a50909b3c7db" and real.sqlstate == "42701",
                  f"prod: fails at a50909b3c7db with 42701 ({real.message})")
            pending = verdicts(env)
            order = [r["id"] for r in env["revisions"] if r["status"] == "pending"]
            cut = order.index("a50909b3c7db") if "a50909b3c7db" in order else len(order)
            check(all(pending[r]["rolled_back"] for r in order[:cut + 1]) and
                  all(pending[r]["verdict"] == "skipped" for r in order[cut + 1:]),
                  f"prod: migsim rolls back {order[:cut + 1]} and skips {order[cut + 1:]}")
            check(before == after,
                  f"prod: everything rolls back: catalog unchanged, alembic_version still {after[1]}")

            # A fresh database: the first revision expects the padealing schema.
            def fresh():
                server.create_database("fresh")
            env, real, before, after = run_env(args, server, work, "fresh", "fresh", fresh)
            check(failure_of(env)[0] == "4143273be37f" and real.sqlstate == "3F000",
                  f"fresh: fails at 4143273be37f with 3F000 ({real.message})")
            check(before[0] == after[0] and after[1] is None,
                  "fresh: nothing is left, not even alembic_version")
            check(all(s["outcome"] != "applies" or env["revisions"][0]["rolled_back"]
                      for s in env["revisions"][0]["statements"]),
                  "fresh: migsim rolls back what the first revision did")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
