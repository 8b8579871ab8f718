#!/usr/bin/python3
"""migsim's benchmark: the same generated histories measured, in one run, as

  floor:   libpg_query parsing each statement (JSON), nothing else
  migsim:  the whole simulation of the history, JSON report written
  pg:      a throwaway PostgreSQL 15 applying the statements in one transaction

and the medians, ratios, peak memory and growth from one size to the next; then
the snapshot load on its own (gen_snapshot.py: 500, 5,000, 50,000 tables,
imported once, then loaded by `migsim replay --snapshot` on an empty file).

  bench/run.py [--build build] [--sizes 200,2000,20000] [--runs 5] [--pg-runs 3] [--no-pg]
               [--snapshot-sizes 500,5000,50000]
"""

import argparse
import collections
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "pg"))


def timed(argv, **kw):
    """Wall seconds and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, argv)
    return seconds, usage.ru_maxrss


def floor_ms(build, path):
    out = subprocess.run([os.path.join(build, "bench", "migsim_bench_floor"), path], check=True,
                         capture_output=True, text=True).stdout
    return float(re.search(r"([0-9.]+) ms", out).group(1))


def migsim_run(build, workdir):
    # TODO: measure `migsim plan --empty --format json` on DIR/versions (a migsim.toml naming
    # the directory) once this branch has `plan` (it landed on main in 0071c10); until then
    # the whole history replays as one file, which parses and replays the same statements.
    out = os.path.join(workdir, "out.json")
    seconds, rss = timed([os.path.join(build, "migsim"), "replay", "--format", "json", "-o", out,
                          os.path.join(workdir, "all.sql")])
    return seconds * 1000, rss


def outcomes(workdir):
    """How many statements of the last run got each outcome."""
    # Counted in the text: a parsed document would stay in this process's memory, and
    # a child's peak memory (ru_maxrss) counts what it shared before exec.
    with open(os.path.join(workdir, "out.json")) as f:
        return collections.Counter(re.findall(r'"outcome":\s*"([a-z-]+)"', f.read()))


def snapshot_rows(build, tmp, sizes, runs):
    """Median load time and peak memory of a snapshot of each size."""
    empty = os.path.join(tmp, "empty.sql")
    with open(empty, "w") as f:
        f.write("")
    rows = []
    for n in sizes:
        doc = os.path.join(tmp, f"snapshot_{n}.json")
        db = os.path.join(tmp, f"snapshot_{n}.sqlite")
        with open(doc, "w") as f:
            subprocess.run([sys.executable, os.path.join(HERE, "gen_snapshot.py"), str(n)],
                           stdout=f, check=True)
        subprocess.run([os.path.join(build, "migsim"), "snapshot", "import", doc, "-o", db],
                       check=True, stdout=subprocess.DEVNULL)
        argv = [os.path.join(build, "migsim"), "replay", "--snapshot", db, "--format", "json",
                "-o", os.path.join(tmp, "snapshot_out.json"), empty]
        loads = [timed(argv) for _ in range(runs)]
        rows.append((n, os.path.getsize(db), statistics.median(s for s, _ in loads) * 1000,
                     max(r for _, r in loads)))
    return rows


def pg_ms(server, workdir, dbname):
    server.create_database(dbname)
    psql = ["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-h", server.dir, "-U", "postgres",
            "-d", dbname, "-f", os.path.join(workdir, "all.sql")]
    seconds, _ = timed(psql, env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))
    return seconds * 1000


def report(args, rows, counts, snaps):
    print(f"{'revisions':>9} {'statements':>10} {'floor ms':>9} {'migsim ms':>9} "
          f"{'migsim/floor':>12} {'pg ms':>9} {'pg/migsim':>9} {'peak MiB':>8} {'growth':>7}")
    prev = None
    for n, statements, floor, sim, rss, pg in rows:
        growth = f"{sim / prev:.1f}x" if prev else "-"
        pg_text = f"{pg:9.0f}" if pg is not None else f"{'-':>9}"
        ratio = f"{pg / sim:9.1f}" if pg is not None else f"{'-':>9}"
        print(f"{n:>9} {statements:>10} {floor:9.1f} {sim:9.1f} {sim / floor:12.2f} {pg_text} "
              f"{ratio} {rss / 1024:8.1f} {growth:>7}")
        prev = sim
    print(f"medians of {args.runs} runs (PostgreSQL: {args.pg_runs}); one transaction for PostgreSQL")
    print("migsim outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if snaps:
        print()
        print(f"{'tables':>9} {'file MiB':>9} {'load ms':>9} {'peak MiB':>8} {'growth':>7}")
        prev = None
        for n, size, ms, rss in snaps:
            growth = f"{ms / prev:.1f}x" if prev else "-"
            print(f"{n:>9} {size / 1048576:9.1f} {ms:9.1f} {rss / 1024:8.1f} {growth:>7}")
            prev = ms
        print(f"snapshot load: migsim replay --snapshot FILE on an empty file, medians of "
              f"{args.runs} runs")



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--sizes", default="200,2000,20000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pg-runs", type=int, default=3)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--snapshot-sizes", default="500,5000,50000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    snapshot_sizes = [int(s) for s in args.snapshot_sizes.split(",") if s]
    rows = []
    snaps = []
    counts = collections.Counter()
    server = None
    if not args.no_pg:
        from pgserver import PgServer
        # One transaction creating thousands of tables holds a lock on each.
        server = PgServer({"max_locks_per_transaction": 20000}).__enter__()
    try:
        with tempfile.TemporaryDirectory(prefix="migsim-bench-") as tmp:
            for n in sizes:
                workdir = os.path.join(tmp, str(n))
                statements = int(subprocess.run(
                    [sys.executable, os.path.join(HERE, "gen_history.py"), "--revisions", str(n),
                     "--out", workdir], check=True, capture_output=True, text=True).stdout)
                floor = statistics.median(floor_ms(args.build, os.path.join(workdir, "all.sql"))
                                          for _ in range(args.runs))
                sims = [migsim_run(args.build, workdir) for _ in range(args.runs)]
                sim = statistics.median(s[0] for s in sims)
                rss = max(s[1] for s in sims)
                counts += outcomes(workdir)
                pg = None
                if server:
                    pg = statistics.median(pg_ms(server, workdir, f"bench_{n}_{i}")
                                           for i in range(args.pg_runs))
                rows.append((n, statements, floor, sim, rss, pg))
            snaps = snapshot_rows(args.build, tmp, snapshot_sizes, args.runs)
        # Printed before the server stops: removing its data takes a while.
        report(args, rows, counts, snaps)
        sys.stdout.flush()
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
