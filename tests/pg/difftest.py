#!/usr/bin/python3
"""Differential test: random migration histories replayed by migsim and by a
real PostgreSQL 15, compared statement by statement.

  difftest.py --migsim build/migsim --seeds 1-40 [--count 45] [--out DIR]

For each seed, tests/pg/gen_history.py generates a history; it runs on one
throwaway server (a fresh database per history, statements sent one by one
in autocommit mode as psql does, classified by cases.run_statements) and
through `migsim replay --format json`. Compared: the outcome; for `fails`
the SQLSTATE and message; for `no-op` the NOTICE when PostgreSQL gave one.
migsim's `unknown` outcomes are counted, not compared.

A history that disagrees is shrunk (delta debugging, both sides re-run at
each step) to the fewest statements that still disagree on the same
statement, printed as a ready-to-commit replay case, and written under
--out when given.

migsim's `unknown` leaves its catalog unchanged; when PostgreSQL applied that
statement (or failed it, aborting an open transaction) the two differ from
there on, so the rest of the history is counted as "not compared".

Catalog comparison (DESIGN.md, Fidelity), once the snapshot commands exist:
`compare_history` keeps the history's database until the end (a `keep`
argument to cases.run_statements), pulls its catalog with `migsim snapshot
pull`, asks migsim for the catalog it predicts after the same history, and
compares the two object by object. Each object that differs becomes one more
entry in the comparisons (so a catalog mismatch is a disagreement that
shrinks like any other: `shrink` keeps the histories whose catalogs still
differ on the same object), and the summary adds the number of catalog
objects compared and agreeing.
"""

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cases  # noqa: E402
import gen_history  # noqa: E402
from pgserver import PgServer  # noqa: E402


class Runner:
    def __init__(self, migsim, server, tmpdir, allow):
        self.migsim = migsim
        self.server = server
        self.tmpdir = tmpdir
        self.allow = allow
        self.counter = 0
        self.extension_relations = set()
        self.nothing = os.path.join(tmpdir, "nothing.sqlite")
        # A snapshot with no object at all, to list every object of another one.
        path = os.path.join(tmpdir, "nothing.sql")
        with open(path, "w", encoding="utf-8") as f:
            f.write("DROP SCHEMA public;\n")
        self.run_migsim(["replay", "--save-snapshot", self.nothing, path])

    def run_migsim(self, argv, ok=(0,)):
        proc = subprocess.run([self.migsim] + argv, capture_output=True, text=True)
        if proc.returncode not in ok:
            raise RuntimeError(f"migsim {' '.join(argv)} failed (exit {proc.returncode}): "
                               f"{proc.stderr}")
        return proc.stdout

    def migsim_replay(self, statements, predicted):
        """migsim's results for a list of SQL texts: [{sql, outcome, sqlstate, message}];
        the catalog it predicts after them is saved to `predicted`."""
        path = os.path.join(self.tmpdir, "history.sql")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(s + ";\n" for s in statements))
        out = self.run_migsim(["replay", "--format", "json", "--save-snapshot", predicted, path])
        return json.loads(out)["statements"]

    def pg_replay(self, statements, actual):
        """PostgreSQL's results; its catalog after them is pulled to `actual`."""
        self.counter += 1

        def pull(dbname):
            self.run_migsim(["snapshot", "pull", "--dsn", self.server.dsn(dbname), "-o", actual])
            conn = self.server.connect(dbname)
            try:
                cur = conn.cursor()
                cur.execute(EXTENSION_RELATIONS_SQL)
                self.extension_relations = {f"{s}.{r}" for s, r in cur.fetchall()}
            finally:
                conn.close()

        return cases.run_statements(self.server, f"diff{self.counter}",
                                    [(0, s) for s in statements], keep=pull)

    def diff(self, a, b):
        return json.loads(self.run_migsim(["snapshot", "diff", "--format", "json", a, b],
                                          ok=(0, 1)))["changes"]

    def objects(self, path):
        """Names of every object in a snapshot."""
        return {c["name"] for c in self.diff(self.nothing, path)}

    def compare_history(self, statements):
        """(comparisons, mig, pg): comparisons is a list of (key, result), one
        per statement (key: its index) and one per catalog object (key: its
        name); result is None (agrees), "unknown", "after unknown", "not
        compared", or a description of the disagreement."""
        predicted = os.path.join(self.tmpdir, "predicted.sqlite")
        actual = os.path.join(self.tmpdir, "actual.sqlite")
        for path in (predicted, actual):
            if os.path.exists(path):
                os.remove(path)
        mig = self.migsim_replay(statements, predicted)
        if len(mig) != len(statements):
            raise RuntimeError(f"migsim split {len(statements)} statements into {len(mig)}")
        pg = self.pg_replay([m["sql"] for m in mig], actual)
        comparisons = []
        drifted = False
        for i, (m, p) in enumerate(zip(mig, pg)):
            if drifted:
                comparisons.append((i, "after unknown"))
                continue
            comparisons.append((i, compare(m, p)))
            # migsim does not change its catalog on `unknown`: when PostgreSQL
            # changed its catalog there (or failed, which aborts an open
            # transaction), the two differ from here on, and what follows is
            # not compared.
            drifted = comparisons[-1][1] == "unknown" and p[0] in ("applies", "fails")
        names = self.objects(predicted) | self.objects(actual)
        if drifted:
            comparisons.extend((n, "not compared") for n in sorted(names))
            return comparisons, mig, pg
        differing = {}
        members = extension_members(actual)
        relations = self.extension_relations

        def member(name):
            name = name.replace('"', "")
            return name in members or any(
                name == r or name.startswith(r + ".") or name.startswith(r + " ")
                for r in relations)

        for c in self.diff(predicted, actual):
            if self.allow.allows(c, member(c["name"])):
                continue
            differing.setdefault(c["name"], []).append(describe_change(c))
        comparisons.extend((n, "catalog: " + "; ".join(differing[n]) if n in differing else None)
                           for n in sorted(names | set(differing)))
        return comparisons, mig, pg


# Relations (views, tables, composite types) an extension owns, for the allow-list.
EXTENSION_RELATIONS_SQL = """
SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE EXISTS (SELECT 1 FROM pg_depend d WHERE d.deptype = 'e' AND
              ((d.classid = 'pg_class'::regclass AND d.objid = c.oid) OR
               (d.classid = 'pg_type'::regclass AND d.objid = c.reltype)))
"""


def extension_members(path):
    """Names (unquoted) of the functions and types an extension owns in a snapshot."""
    db = sqlite3.connect(path)
    try:
        names = {f"{schema}.{name}({', '.join(json.loads(args))})" for schema, name, args in
                 db.execute("SELECT schema, name, arg_types FROM functions "
                            "WHERE extension IS NOT NULL AND extension <> ''")}
        names |= {f"{schema}.{name} (type)" for schema, name in
                  db.execute("SELECT schema, name FROM types "
                             "WHERE extension IS NOT NULL AND extension <> ''")}
        return {n.replace('"', "") for n in names}
    finally:
        db.close()


def describe_change(c):
    if c["change"] == "added":
        return f"{c['object']} {c['name']} exists in PostgreSQL, not in migsim"
    if c["change"] == "removed":
        return f"{c['object']} {c['name']} exists in migsim, not in PostgreSQL"
    return (f"{c['object']} {c['name']}: {c['field']}: migsim {json.dumps(c['from'])}, "
            f"PostgreSQL {json.dumps(c['to'])}")


class AllowList:
    """Catalog differences that are known limits of the model, one a line:
    `OBJECT | FIELD | reason`, FIELD `-` for an object missing on one side,
    `FIELD~TEXT` for a field whose value (on either side) contains TEXT, OBJECT
    `extension function` (or `extension enum type`, ...) for an object an
    extension owns in PostgreSQL. Every entry needs its reason; each is a
    known gap, not a hiding place."""

    def __init__(self, path):
        self.entries = set()
        if path is None:
            return
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [x.strip() for x in line.split("|")]
            if len(parts) != 3 or not all(parts):
                raise SystemExit(f"{path}:{n}: expected OBJECT | FIELD | reason")
            self.entries.add((parts[0], parts[1]))

    def allows(self, c, extension_member=False):
        field = c.get("field") or "-"
        objects = [c["object"]] + (["extension " + c["object"]] if extension_member else [])
        for obj, entry in self.entries:
            if obj not in objects:
                continue
            name, _, text = entry.partition("~")
            if name == field and (not text or text in (c.get("to") or "") or
                                  text in (c.get("from") or "")):
                return True
        return False


def compare(m, p):
    outcome, code, message = p
    if m["outcome"] == "unknown":
        return "unknown"
    if m["outcome"] != outcome:
        return f"outcome: migsim {describe(m)}; PostgreSQL {describe_pg(p)}"
    if outcome == "fails" and (m["sqlstate"] != code or m["message"] != message):
        return f"error: migsim {describe(m)}; PostgreSQL {describe_pg(p)}"
    if outcome == "no-op" and message and m["message"] != message.splitlines()[0]:
        return f"notice: migsim {describe(m)}; PostgreSQL {describe_pg(p)}"
    return None


def describe(m):
    return " ".join(x for x in (m["outcome"], m["sqlstate"], m["message"]) if x)


def describe_pg(p):
    return " ".join(x for x in p if x)


NOT_COMPARED = ("unknown", "after unknown", "not compared")


def disagrees(result):
    return result is not None and result not in NOT_COMPARED


def first_disagreement(comparisons):
    """The key of the first disagreement: a statement's index, or a catalog object's name."""
    for key, c in comparisons:
        if disagrees(c):
            return key
    return None


def same_disagreement(comparisons, mig, target):
    """Whether a history disagrees on `target`: ("sql", text) or ("catalog", name)."""
    kind, value = target
    for key, c in comparisons:
        if not disagrees(c):
            continue
        if kind == "sql" and isinstance(key, int) and mig[key]["sql"] == value:
            return True
        if kind == "catalog" and key == value:
            return True
    return False


def shrink(runner, statements, target, deadline):
    """Delta debugging: the smallest sub-list of `statements` that still
    disagrees on `target` (a statement's text, or a catalog object)."""

    def still_fails(candidate):
        if target[0] == "sql" and target[1] not in candidate:
            return False
        comparisons, mig, _ = runner.compare_history(candidate)
        return same_disagreement(comparisons, mig, target)

    current = list(statements)
    if target[0] == "sql":
        # Everything after the target cannot matter.
        cut = len(current) - current[::-1].index(target[1])
        if still_fails(current[:cut]):
            current = current[:cut]
    chunks = 2
    while len(current) >= 2 and time.monotonic() < deadline:
        size = max(1, len(current) // chunks)
        reduced = False
        start = 0
        while start < len(current) and time.monotonic() < deadline:
            candidate = current[:start] + current[start + size:]
            if candidate and still_fails(candidate):
                current = candidate
                reduced = True
            else:
                start += size
        if not reduced:
            if size == 1:
                break
            chunks = min(len(current), chunks * 2)
        else:
            chunks = max(2, chunks - 1)
    return current


def case_text(origin, statements, pg, disagreement):
    lines = [f"-- Found by tests/pg/difftest.py, {origin}, shrunk.",
             f"-- Disagreement: {disagreement}"]
    for sql, result in zip(statements, pg):
        lines.append(sql + ";")
        lines.append(cases.expect_line(result))
    return "\n".join(lines) + "\n"


def parse_seeds(text):
    seeds = []
    for part in text.split(","):
        if "-" in part:
            lo, hi = part.split("-")
            seeds.extend(range(int(lo), int(hi) + 1))
        else:
            seeds.append(int(part))
    return seeds


def fixture_files(paths):
    """The SQL files of one history, in order: files as given; a directory's
    *.sql files (not *.down.sql) in natural order of their names."""
    files = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        names = [n for n in os.listdir(path) if n.endswith(".sql") and not n.endswith(".down.sql")]
        key = lambda n: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", n)]
        files.extend(os.path.join(path, n) for n in sorted(names, key=key))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--migsim", required=True)
    ap.add_argument("--seeds", default="1-20", help="e.g. 1-50 or 3,7,9")
    ap.add_argument("--count", type=int, default=40, help="statements per history")
    ap.add_argument("--history", nargs="+", metavar="PATH", action="append",
                    help="instead of generated histories, one history: these SQL files "
                         "(or directories of them), in order; may be repeated")
    ap.add_argument("--allow", default=os.path.join(HERE, "catalog_allow.txt"),
                    help="catalog differences that are known model limits")
    ap.add_argument("--out", help="directory for shrunk replay cases")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--shrink-seconds", type=float, default=60,
                    help="time limit for shrinking one history")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if args.history:
        histories = ((" ".join(paths), [sql for f in fixture_files(paths)
                                        for _, sql in cases.split_statements(args.migsim, f)])
                     for paths in args.history)
    else:
        histories = ((f"generator seed {seed}", gen_history.generate(seed, args.count))
                     for seed in parse_seeds(args.seeds))
    allow = AllowList(args.allow)
    passed = failed = 0
    counts = dict.fromkeys(["compared", "agreeing", "unknown", "after unknown", "objects",
                            "objects agreeing", "objects not compared"], 0)
    started = time.monotonic()
    with PgServer() as server, tempfile.TemporaryDirectory(prefix="migsim-diff-") as tmp:
        runner = Runner(args.migsim, server, tmp, allow)
        for origin, statements in histories:
            comparisons, mig, pg = runner.compare_history(statements)
            stmts = [c for k, c in comparisons if isinstance(k, int)]
            objs = [c for k, c in comparisons if not isinstance(k, int)]
            counts["unknown"] += stmts.count("unknown")
            counts["after unknown"] += stmts.count("after unknown")
            counts["compared"] += sum(c not in NOT_COMPARED for c in stmts)
            counts["agreeing"] += stmts.count(None)
            counts["objects"] += sum(c not in NOT_COMPARED for c in objs)
            counts["objects agreeing"] += objs.count(None)
            counts["objects not compared"] += objs.count("not compared")
            if args.verbose:
                for (k, c), m in zip(comparisons, mig):
                    if c == "unknown":
                        print(f"{origin}: unknown: {m['sql'][:80]}: {m['message']}")
                for k, c in comparisons:
                    if disagrees(c) and not isinstance(k, int):
                        print(f"{origin}: {c}")
            at = first_disagreement(comparisons)
            if at is None:
                passed += 1
                continue
            failed += 1
            by_key = dict(comparisons)
            if isinstance(at, int):
                target = ("sql", mig[at]["sql"])
                print(f"{origin}: statement {at + 1} disagrees: {target[1]}")
                prefix = [m["sql"] for m in mig][:at + 1]
            else:
                target = ("catalog", at)
                print(f"{origin}: the catalog after disagrees on {at}")
                prefix = [m["sql"] for m in mig]
            print(f"  {by_key[at]}")
            if args.no_shrink:
                continue
            small = shrink(runner, prefix, target, time.monotonic() + args.shrink_seconds)
            small_comparisons, _, small_pg = runner.compare_history(small)
            why = next((c for k, c in small_comparisons
                        if disagrees(c) and (k == at or target[0] == "sql")), by_key[at])
            text = case_text(origin, small, small_pg, why)
            print(f"  shrunk to {len(small)} statements:")
            print("    " + text.rstrip("\n").replace("\n", "\n    "))
            if args.out:
                os.makedirs(args.out, exist_ok=True)
                name = re.sub(r"[^A-Za-z0-9]+", "_", origin).strip("_")
                path = os.path.join(args.out, f"difftest_{name}.sql")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                print(f"  written to {path}")
    c = counts
    print(f"{c['compared']} statements compared, {c['agreeing']} agreeing, {c['unknown']} unknown, "
          f"{c['after unknown']} not compared after an unknown that PostgreSQL applied or failed")
    print(f"{c['objects']} catalog objects compared, {c['objects agreeing']} agreeing, "
          f"{c['objects not compared']} not compared after such an unknown")
    print(f"{passed + failed} histories in {time.monotonic() - started:.1f} s: "
          f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
