#!/usr/bin/env python3
"""Rebuilds the seed corpora under fuzz/corpus/ from the fixtures.

Seeds are kept small (a few statements each) so that libFuzzer mutates
quickly. The SQLite seeds (a snapshot, a saved run) are made by migsim when a migsim
binary is given: fuzz/make_corpus.py [path/to/migsim].
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
MAX_SEED = 2048


def out(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(d, name), mode) as f:
        f.write(data)


def rel(path):
    return os.path.relpath(path, ROOT).replace("/", "_")


def sql_chunks(text, per_chunk=6):
    """The statements of a case file without expectations, a few at a time."""
    statements, current = [], []
    for line in text.splitlines():
        if line.startswith("-- expect:"):
            if current:
                statements.append("\n".join(current).strip())
            current = []
        elif not line.startswith("--"):
            current.append(line)
    if any(l.strip() for l in current):
        statements.append("\n".join(current).strip())
    for i in range(0, len(statements), per_chunk):
        chunk = "\n".join(statements[i:i + per_chunk]) + "\n"
        if len(chunk) <= MAX_SEED:
            yield i // per_chunk, chunk


def main():
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures/cases/*.sql"))):
        with open(path) as f:
            text = f.read()
        for i, chunk in sql_chunks(text):
            out("sql_replay", "%s_%02d" % (os.path.basename(path)[:-4], i), chunk)
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures/**/*.py"), recursive=True)):
        with open(path, "rb") as f:
            data = f.read()
        if len(data) <= 4 * MAX_SEED:
            out("python", rel(path), data)
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures/alembic_offline/*.sql")) +
                       glob.glob(os.path.join(ROOT, "fixtures/sources/dbmate/*.sql"))):
        with open(path, "rb") as f:
            out("revision_sources", rel(path), f.read())
    with open(os.path.join(ROOT, "snapshots/demo.json"), "rb") as f:
        out("snapshot_json", "demo.json", f.read())
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures/**/*.toml"), recursive=True)):
        with open(path, "rb") as f:
            out("config", rel(path), f.read())
    if len(sys.argv) > 1:
        with tempfile.TemporaryDirectory() as tmp:
            small = os.path.join(tmp, "small.json")
            with open(os.path.join(ROOT, "snapshots/demo.json")) as f:
                doc = f.read()
            with open(small, "w") as f:
                f.write(doc)
            db = os.path.join(tmp, "demo.snapshot")
            subprocess.run([sys.argv[1], "snapshot", "import", small, "-o", db], check=True)
            with open(db, "rb") as f:
                out("snapshot_sqlite", "demo.snapshot", f.read())
            # A saved run of the demo check: small enough for -max_len whole.
            run = os.path.join(tmp, "demo_check.run")
            subprocess.run([sys.argv[1], "check", "--migrations", "fixtures/demo/upgrade.sql",
                            "--save", run], cwd=ROOT, stdout=subprocess.DEVNULL)
            with open(run, "rb") as f:
                out("saved_run", "demo_check.run", f.read())


if __name__ == "__main__":
    main()
