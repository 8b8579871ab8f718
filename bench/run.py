#!/usr/bin/python3
"""migsim's benchmark: the same generated histories measured, in one run, as

  floor:   libpg_query parsing each statement (JSON), nothing else (bench/floor.cc)
  raw:     the same parse without the JSON: PostgreSQL's parse nodes only
           (what migsim reads; floor.cc --raw)
  migsim:  `migsim plan --empty --format json` on the history's directory of
           revisions: read, parse, replay, findings, JSON report written
  pg:      a throwaway PostgreSQL 15 applying the statements in one transaction
           (measured last, once migsim's runs and the snapshot loads are done)
  alembic: the real Alembic (Debian's python3-alembic) applying the same
           history revision by revision to that server, one transaction each
           (`alembic upgrade head` on the project gen_alembic.py writes)

and the medians, ratios, peak memory and growth from one size to the next; then
the snapshot load on its own (gen_snapshot.py: 500, 5,000, 50,000 tables,
imported once, then loaded by `migsim replay --snapshot` on an empty file).

  bench/run.py [--build build] [--sizes 200,2000,20000] [--runs 5] [--pg-runs 3] [--no-pg]
               [--snapshot-sizes 500,5000,50000] [--pause 3] [--callgrind]

migsim's runs follow one another at once; with --pause S (default 3; 0 leaves
it out) it is also timed after S seconds of idling before each run, the way a
run usually starts: on some virtual machines the host takes back the memory
its guest left free a moment ago, and a process that starts later finds less
of it still backed (parser/huge_pages.h).

--callgrind counts instructions under valgrind instead of timing (one run each:
the counts repeat where wall time on a shared machine does not). The floor's
counts are their parse loops alone (--toggle-collect=parse_all); migsim's is the
whole process. PostgreSQL is not counted in that mode.
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


# Runs argv[2:] with its output to /dev/null and writes its peak RSS to argv[1].
PEAK_WRAPPER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def peak_kib(argv, **kw):
    """Peak RSS (KiB) of one run of `argv`. It is started by a fresh, small
    Python process: a child forked from this one would count in its peak this
    process's memory, which it shares until exec (Linux keeps the larger)."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run([sys.executable, "-c", PEAK_WRAPPER, out.name, *argv], check=True, **kw)
        return int(out.read())


def instructions(argv, tmp, extra=(), **kw):
    """Instructions callgrind counts in one run of `argv`."""
    out = os.path.join(tmp, "callgrind.out")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *extra, *argv],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    with open(out) as f:
        total = re.search(r"^(?:summary|totals):\s*(\d+)", f.read(), re.M)
    os.remove(out)
    return int(total.group(1))


def floor_argv(build, workdir, raw=False):
    return [os.path.join(build, "bench", "migsim_bench_floor"), os.path.join(workdir, "all.sql"),
            *(["--raw"] if raw else [])]


def floor_ms(build, workdir, raw=False):
    out = subprocess.run(floor_argv(build, workdir, raw), check=True, capture_output=True,
                         text=True).stdout
    return float(re.search(r"([0-9.]+) ms", out).group(1))


def migsim_argv(build, workdir):
    return [os.path.join(build, "migsim"), "plan", "--empty", "--migrations", "versions",
            "--format", "json", "-o", os.path.join(workdir, "out.json")]


def outcomes(workdir):
    """How many statements of the last run got each outcome."""
    # Counted in the text: a parsed document would stay in this process's memory.
    with open(os.path.join(workdir, "out.json")) as f:
        return collections.Counter(re.findall(r'"outcome":\s*"([a-z-]+)"', f.read()))


def pg_ms(server, workdir, dbname):
    server.create_database(dbname)
    psql = ["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-h", server.dir, "-U", "postgres",
            "-d", dbname, "-f", os.path.join(workdir, "all.sql")]
    seconds, _ = timed(psql, env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))
    return seconds * 1000


def alembic_ms(server, workdir, dbname):
    project = os.path.join(workdir, "alembic_project")
    if not os.path.isdir(project):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_alembic.py"), workdir, project],
                       check=True)
    server.create_database(dbname)
    url = f"postgresql://postgres@/{dbname}?host={server.dir}"
    env = dict(os.environ, MIGSIM_BENCH_DATABASE_URL=url,
               PGOPTIONS="-c client_min_messages=warning")
    seconds, _ = timed(["/usr/bin/python3", "-m", "alembic", "upgrade", "head"], cwd=project,
                       env=env, stderr=subprocess.DEVNULL)
    return seconds * 1000


def paused_ms(args, argv, **kw):
    """Median of `args.runs` runs of argv, each after args.pause seconds idle."""
    def one():
        time.sleep(args.pause)
        return timed(argv, **kw)[0] * 1000
    return statistics.median(one() for _ in range(args.runs))


def history_row(args, n, workdir):
    """(revisions, statements, floor, raw floor, migsim, peak KiB, None, None,
    migsim after a pause or None) for one size; PostgreSQL's and Alembic's
    times are filled in later (pg_row)."""
    statements = int(subprocess.run(
        [sys.executable, os.path.join(HERE, "gen_history.py"), "--revisions", str(n),
         "--out", workdir], check=True, capture_output=True, text=True).stdout)
    sim_argv = migsim_argv(args.build, workdir)
    if args.callgrind:
        floor, raw = (instructions(floor_argv(args.build, workdir, r), workdir,
                                   ["--toggle-collect=parse_all"]) for r in (False, True))
        sim = instructions(sim_argv, workdir, cwd=workdir)
        return n, statements, floor, raw, sim, peak_kib(sim_argv, cwd=workdir), None, None, None
    floor = statistics.median(floor_ms(args.build, workdir) for _ in range(args.runs))
    raw = statistics.median(floor_ms(args.build, workdir, True) for _ in range(args.runs))
    sims = [timed(sim_argv, cwd=workdir) for _ in range(args.runs)]
    sim = statistics.median(s for s, _ in sims) * 1000
    rss = peak_kib(sim_argv, cwd=workdir)
    paused = paused_ms(args, sim_argv, cwd=workdir) if args.pause > 0 else None
    return n, statements, floor, raw, sim, rss, None, None, paused


def pg_row(args, row, workdir, server):
    """`row` with the median times of PostgreSQL (one transaction) and of
    Alembic (revision by revision) for its statements."""
    n = row[0]
    pg = statistics.median(pg_ms(server, workdir, f"bench_{n}_{i}") for i in range(args.pg_runs))
    alembic = statistics.median(alembic_ms(server, workdir, f"alembic_{n}_{i}")
                                for i in range(args.pg_runs))
    return row[:6] + (pg, alembic) + row[8:]


def snapshot_rows(args, tmp, sizes):
    """Load time (or instructions) and peak memory of a snapshot of each size."""
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
        subprocess.run([os.path.join(args.build, "migsim"), "snapshot", "import", doc, "-o", db,
                        "--max-file-size", "1GiB"],
                       check=True, stdout=subprocess.DEVNULL)
        argv = [os.path.join(args.build, "migsim"), "replay", "--snapshot", db, "--format", "json",
                "-o", os.path.join(tmp, "snapshot_out.json"), empty]
        if args.callgrind:
            load = instructions(argv, tmp)
        else:
            loads = [timed(argv) for _ in range(args.runs)]
            load = statistics.median(s for s, _ in loads) * 1000
        rss = peak_kib(argv)
        rows.append((n, os.path.getsize(db), load, rss))
    return rows


def growth(value, prev):
    return f"{value / prev:.1f}x" if prev else "-"


def start_runs(args):
    """How many times each process of start_ms is timed."""
    return max(args.runs * 4, 20)


def start_ms(args):
    """Medians of a process that does nothing (/bin/true) and of migsim's
    start and exit alone (--version), timed as whole processes like migsim's
    runs: what every run pays before and after its work."""
    return [statistics.median(timed(argv)[0] for _ in range(start_runs(args))) * 1000
            for argv in (["/bin/true"], [os.path.join(args.build, "migsim"), "--version"])]


def report(args, rows, counts, snaps, starts=None):
    unit = "M instr" if args.callgrind else "ms"
    scale = 1e6 if args.callgrind else 1

    def fmt(v):
        return f"{v / scale:,.0f}" if args.callgrind else f"{v:,.1f}"

    if rows:
        print(f"{'revisions':>9} {'statements':>10} {'floor ' + unit:>14} {'raw ' + unit:>12} "
              f"{'migsim ' + unit:>15} {'migsim/floor':>12} {'migsim/raw':>10} {'pg ms':>9} "
              f"{'pg/migsim':>9} {'alembic ms':>10} {'alembic/migsim':>14} {'peak MiB':>8} "
              f"{'statements x':>12} {'migsim x':>8} {'floor x':>7} {'paused ms':>9} "
              f"{'paused/floor':>12}")
        prev = None
        for n, statements, floor, raw, sim, rss, pg, alembic, paused in rows:
            paused_text = (f"{paused:9,.1f} {paused / floor:12.2f}" if paused is not None
                           else f"{'-':>9} {'-':>12}")
            pg_text = f"{pg:9,.0f}" if pg is not None else f"{'-':>9}"
            ratio = f"{pg / sim:9.1f}" if pg is not None else f"{'-':>9}"
            alembic_text = f"{alembic:10,.0f}" if alembic is not None else f"{'-':>10}"
            alembic_ratio = f"{alembic / sim:14.1f}" if alembic is not None else f"{'-':>14}"
            print(f"{n:>9} {statements:>10} {fmt(floor):>14} {fmt(raw):>12} {fmt(sim):>15} "
                  f"{sim / floor:12.2f} {sim / raw:10.2f} {pg_text} {ratio} {alembic_text} "
                  f"{alembic_ratio} {rss / 1024:8.1f} "
                  f"{growth(statements, prev and prev[1]):>12} {growth(sim, prev and prev[3]):>8} "
                  f"{growth(floor, prev and prev[2]):>7} {paused_text}")
            prev = (n, statements, floor, sim)
        if args.callgrind:
            print("callgrind instructions, one run each: the floors' parse loops alone, migsim's "
                  "whole process; peak memory from one plain run")
        else:
            print(f"medians of {args.runs} runs (PostgreSQL and Alembic: {args.pg_runs}); the floors "
                  "are timed inside their process, migsim, psql and Alembic as whole processes; "
                  "pg: psql -1, the statements in one transaction; alembic: alembic upgrade head, "
                  "revision by revision, one transaction each, on the same server")
        print("migsim: plan --empty --format json on the revisions' directory; outcomes: " +
              ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        print("floor: libpg_query's parse to JSON; raw: its parse to PostgreSQL's nodes alone")
        print("growth (x): from the size above")
        if not args.callgrind and args.pause > 0:
            print(f"paused: migsim's run again, each after {args.pause:g} s idle "
                  f"(medians of {args.runs} runs)")
        if starts:
            print(f"process start and exit (medians of {start_runs(args)} runs): /bin/true "
                  f"{starts[0]:.1f} ms, migsim --version {starts[1]:.1f} ms")
    if snaps:
        if rows:
            print()
        print(f"{'tables':>9} {'file MiB':>9} {'load ' + unit:>13} {'peak MiB':>8} {'growth':>7}")
        prev = None
        for n, size, load, rss in snaps:
            print(f"{n:>9} {size / 1048576:9.1f} {fmt(load):>13} {rss / 1024:8.1f} "
                  f"{growth(load, prev):>7}")
            prev = load
        how = "callgrind instructions" if args.callgrind else f"medians of {args.runs} runs"
        print(f"snapshot load: migsim replay --snapshot FILE on an empty file, {how}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--sizes", default="200,2000,20000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pg-runs", type=int, default=3)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--snapshot-sizes", default="500,5000,50000")
    ap.add_argument("--pause", type=float, default=3,
                    help="also time migsim's runs after this many seconds idle (0: not)")
    ap.add_argument("--callgrind", action="store_true",
                    help="count instructions under valgrind instead of timing")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    snapshot_sizes = [int(s) for s in args.snapshot_sizes.split(",") if s]
    rows = []
    counts = collections.Counter()
    server = None
    try:
        with tempfile.TemporaryDirectory(prefix="migsim-bench-") as tmp:
            for n in sizes:
                workdir = os.path.join(tmp, str(n))
                rows.append(history_row(args, n, workdir))
                counts += outcomes(workdir)
            snaps = snapshot_rows(args, tmp, snapshot_sizes)
            starts = start_ms(args) if not args.callgrind and sizes else None
            # PostgreSQL last: after applying thousands of statements its server
            # keeps writing in the background, which would slow what runs next.
            if not args.no_pg and not args.callgrind and sizes:
                from pgserver import PgServer
                # One transaction creating thousands of tables holds a lock on each.
                server = PgServer({"max_locks_per_transaction": 20000}).__enter__()
                rows = [pg_row(args, row, os.path.join(tmp, str(row[0])), server)
                        for row in rows]
        # Printed before the server stops: removing its data takes a while.
        report(args, rows, counts, snaps, starts)
        sys.stdout.flush()
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
