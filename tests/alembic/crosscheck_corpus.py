#!/usr/bin/env python3
"""Cross-checks migsim's reading of Alembic revision scripts with the real Alembic.

For every script of the given versions directories that Alembic's offline mode
can render (`alembic upgrade A:B --sql`, Debian's python3-alembic), renders it
and compares the statements, in order, with the SQL migsim translates the same
script to (tests/alembic/alembic_dump.cc, told the installed Alembic's release),
through libpg_query fingerprints.
Scripts Alembic cannot render offline (inspector checks, the project's own
imports) are listed and skipped; any other difference fails the test.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import alembic

ENV_PY = '''
from alembic import context
context.configure(url="postgresql://localhost/app", literal_binds=True,
                  dialect_opts={"paramstyle": "named"})
with context.begin_transaction():
    context.run_migrations()
'''

INI = '''[alembic]
script_location = %(here)s/project
sqlalchemy.url = postgresql://localhost/app
'''

# Scripts whose upgrade() migsim reports `unknown` on purpose, and why.
EXPECTED_UNKNOWN = {
    "r30_project_imports.py": "imports the project's own modules",
    "r31_loop_over_query.py": "loops over query results",
    "r32_get_context_other_use.py": "reads op.get_context().dialect",
}


def header(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    rev = re.search(r"^revision\s*(?::\s*\w+\s*)?=\s*['\"]([^'\"]+)['\"]", text, re.M)
    down = re.search(r"^down_revision\s*(?::[^=]+)?=\s*(.+)$", text, re.M)
    if not rev or not down or "def upgrade" not in text:
        return None
    try:
        compile(text, path, "exec")
    except SyntaxError:
        return None
    downs = re.findall(r"['\"]([^'\"]+)['\"]", down.group(1))
    return rev.group(1), downs


def run(cmd, cwd=None):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def dump_lines(output):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def check_directory(dump, versions, failures, counts):
    scripts = {}
    for name in sorted(os.listdir(versions)):
        if not name.endswith(".py"):
            continue
        h = header(os.path.join(versions, name))
        if h:
            scripts[name] = h
    by_rev = {rev: name for name, (rev, _) in scripts.items()}

    def ancestors(name, seen):
        # The script and every script it descends from: Alembic loads them all.
        if name in seen:
            return
        seen.add(name)
        for d in scripts[name][1]:
            if d in by_rev:
                ancestors(by_rev[d], seen)

    for name, (rev, downs) in scripts.items():
      with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "project", "versions"))
        open(os.path.join(tmp, "alembic.ini"), "w").write(INI)
        open(os.path.join(tmp, "project", "env.py"), "w").write(ENV_PY)
        needed = set()
        ancestors(name, needed)
        for n in needed:
            shutil.copy(os.path.join(versions, n), os.path.join(tmp, "project", "versions", n))
        if True:
            rng = rev if not downs else (downs[0] + ":" + rev if len(downs) == 1 else None)
            path = os.path.join(versions, name)
            ours = dump_lines(run([dump, "--alembic-version", alembic.__version__, path]).stdout)
            if rng is None:
                # A merge: Alembic renders only the version-table update.
                if any(r.get("sql") for r in ours):
                    failures.append(f"{name}: a merge revision with statements in migsim: {ours}")
                counts["merge"] += 1
                continue
            rendered = run([sys.executable, "-m", "alembic", "-c", "alembic.ini", "upgrade", rng,
                            "--sql"], cwd=tmp)
            unknown = [r for r in ours if r.get("outcome") == "unknown" or "error" in r]
            if rendered.returncode != 0:
                counts["alembic cannot render"] += 1
                print(f"skip {name}: Alembic cannot render it offline "
                      f"({rendered.stderr.strip().splitlines()[-1] if rendered.stderr.strip() else '?'})")
                continue
            if unknown:
                if name in EXPECTED_UNKNOWN:
                    counts["expected unknown"] += 1
                    print(f"skip {name}: migsim reports unknown on purpose ({EXPECTED_UNKNOWN[name]})")
                    continue
                failures.append(f"{name}: migsim cannot follow it: {unknown}")
                continue
            sql_file = os.path.join(tmp, "rendered.sql")
            open(sql_file, "w").write(rendered.stdout)
            theirs = [s for s in dump_lines(run([dump, "--split", sql_file]).stdout)
                      if "alembic_version" not in s["sql"]
                      and s["sql"].strip().upper() not in ("BEGIN", "COMMIT")]
            # Statements behind a false guard are listed (no-op) but do not run.
            mine = [r for r in ours if r.get("sql") and not r["message"].startswith("guard is ")]
            if len(mine) != len(theirs):
                failures.append(f"{name}: migsim has {len(mine)} statements, Alembic {len(theirs)}\n"
                                f"  migsim:  {[r['sql'] for r in mine]}\n"
                                f"  alembic: {[s['sql'] for s in theirs]}")
                continue
            for m, t in zip(mine, theirs):
                if m["fingerprint"] != t["fingerprint"]:
                    failures.append(f"{name}:{m['line']}: differs\n  migsim:  {m['sql']}\n"
                                    f"  alembic: {t['sql']}")
            counts["compared"] += 1
            counts["statements"] += len(mine)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", required=True)
    parser.add_argument("directories", nargs="+")
    args = parser.parse_args()
    failures = []
    counts = {"compared": 0, "statements": 0, "alembic cannot render": 0, "expected unknown": 0,
              "merge": 0}
    for d in args.directories:
        check_directory(args.dump, d, failures, counts)
    print(json.dumps(counts))
    for f in failures:
        print("FAIL " + f)
    if counts["compared"] < 30:
        print("FAIL: fewer than 30 scripts compared")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
