#!/usr/bin/python3
"""Records, or checks, the expected outcomes of replay case files against a
real PostgreSQL 15.

  record_cases.py --migsim build/migsim FILE...          rewrite the -- expect: lines
  record_cases.py --migsim build/migsim --check FILE...  fail when a file disagrees

Each file runs in a fresh database of one throwaway server.
"""

import argparse
import sys

import cases
from pgserver import PgServer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migsim", required=True)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    failures = 0
    compared = 0
    with PgServer() as server:
        for i, path in enumerate(args.files):
            statements = cases.split_statements(args.migsim, path)
            results = cases.run_statements(server, f"case{i}", statements)
            if args.check:
                want = cases.read_expectations(path)
                got = [cases.expect_line(r) for r in results]
                compared += len(got)
                if want != got:
                    failures += 1
                    print(f"{path}: recorded expectations differ from PostgreSQL 15:")
                    for k, (line, sql) in enumerate(statements):
                        w = want[k] if k < len(want) else "(none)"
                        g = got[k]
                        if w != g:
                            print(f"  line {line}: {sql[:70]}")
                            print(f"    file says: {w}")
                            print(f"    server:    {g}")
            else:
                cases.rewrite(path, statements, results)
                print(f"recorded {path} ({len(results)} statements)")
    if args.check:
        print(f"{compared} statements compared in {len(args.files)} files")
        print(f"{len(args.files) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
