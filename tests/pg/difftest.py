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
    def __init__(self, migsim, server, tmpdir):
        self.migsim = migsim
        self.server = server
        self.tmpdir = tmpdir
        self.counter = 0

    def migsim_replay(self, statements):
        """migsim's results for a list of SQL texts: [{sql, outcome, sqlstate, message}]."""
        path = os.path.join(self.tmpdir, "history.sql")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(s + ";\n" for s in statements))
        proc = subprocess.run([self.migsim, "replay", "--format", "json", path],
                              capture_output=True, text=True)
        try:
            return json.loads(proc.stdout)["statements"]
        except (ValueError, KeyError):
            raise RuntimeError(f"migsim replay failed (exit {proc.returncode}): {proc.stderr}")

    def pg_replay(self, statements):
        self.counter += 1
        return cases.run_statements(self.server, f"diff{self.counter}",
                                    [(0, s) for s in statements])

    def compare_history(self, statements):
        """(comparisons, mig, pg): comparisons is a list, one per statement, of
        None (agrees), "unknown", or a description of the disagreement."""
        mig = self.migsim_replay(statements)
        if len(mig) != len(statements):
            raise RuntimeError(f"migsim split {len(statements)} statements into {len(mig)}")
        pg = self.pg_replay([m["sql"] for m in mig])
        comparisons = []
        drifted = False
        for m, p in zip(mig, pg):
            if drifted:
                comparisons.append("after unknown")
                continue
            comparisons.append(compare(m, p))
            # migsim does not change its catalog on `unknown`: when PostgreSQL
            # changed its catalog there (or failed, which aborts an open
            # transaction), the two differ from here on, and what follows is
            # not compared.
            drifted = comparisons[-1] == "unknown" and p[0] in ("applies", "fails")
        return comparisons, mig, pg


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


NOT_COMPARED = ("unknown", "after unknown")


def first_disagreement(comparisons):
    for i, c in enumerate(comparisons):
        if c not in NOT_COMPARED and c is not None:
            return i
    return None


def shrink(runner, statements, target_sql, deadline):
    """Delta debugging: the smallest sub-list of `statements` that still
    disagrees on a statement whose text is `target_sql`."""

    def still_fails(candidate):
        if target_sql not in candidate:
            return False
        comparisons, mig, _ = runner.compare_history(candidate)
        return any(c is not None and c not in NOT_COMPARED and m["sql"] == target_sql
                   for c, m in zip(comparisons, mig))

    current = list(statements)
    # Everything after the target cannot matter.
    cut = len(current) - current[::-1].index(target_sql)
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


def case_text(seed, statements, pg, disagreement):
    lines = [f"-- Found by tests/pg/difftest.py, generator seed {seed}, shrunk.",
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--migsim", required=True)
    ap.add_argument("--seeds", default="1-20", help="e.g. 1-50 or 3,7,9")
    ap.add_argument("--count", type=int, default=40, help="statements per history")
    ap.add_argument("--out", help="directory for shrunk replay cases")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--shrink-seconds", type=float, default=60,
                    help="time limit for shrinking one history")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    seeds = parse_seeds(args.seeds)
    passed = failed = compared = agreeing = unknown = after_unknown = 0
    started = time.monotonic()
    with PgServer() as server, tempfile.TemporaryDirectory(prefix="migsim-diff-") as tmp:
        runner = Runner(args.migsim, server, tmp)
        for seed in seeds:
            statements = gen_history.generate(seed, args.count)
            comparisons, mig, pg = runner.compare_history(statements)
            unknown += sum(c == "unknown" for c in comparisons)
            after_unknown += sum(c == "after unknown" for c in comparisons)
            compared += sum(c not in NOT_COMPARED for c in comparisons)
            agreeing += sum(c is None for c in comparisons)
            if args.verbose:
                for c, m in zip(comparisons, mig):
                    if c == "unknown":
                        print(f"seed {seed}: unknown: {m['sql'][:80]}: {m['message']}")
            at = first_disagreement(comparisons)
            if at is None:
                passed += 1
                continue
            failed += 1
            target = mig[at]["sql"]
            print(f"seed {seed}: statement {at + 1} disagrees: {target}")
            print(f"  {comparisons[at]}")
            if args.no_shrink:
                continue
            small = shrink(runner, [m["sql"] for m in mig][:at + 1], target,
                           time.monotonic() + args.shrink_seconds)
            small_comparisons, _, small_pg = runner.compare_history(small)
            why = next((c for c in small_comparisons if c is not None and c not in NOT_COMPARED),
                       comparisons[at])
            text = case_text(seed, small, small_pg, why)
            print(f"  shrunk to {len(small)} statements:")
            print("    " + text.rstrip("\n").replace("\n", "\n    "))
            if args.out:
                os.makedirs(args.out, exist_ok=True)
                path = os.path.join(args.out, f"difftest_seed{seed}.sql")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                print(f"  written to {path}")
    print(f"{compared} statements compared, {agreeing} agreeing, {unknown} unknown, "
          f"{after_unknown} not compared after an unknown that PostgreSQL applied or failed "
          f"({len(seeds)} histories, {time.monotonic() - started:.1f} s)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
