#!/usr/bin/python3
"""Runs the real Alembic (Debian's python3-alembic) online and records what it sent.

As a module: `upgrade(project_dir, env, target)` runs `alembic upgrade TARGET`
in `project_dir` through this file in wrapper mode and returns what happened:
the exit code, the SQLSTATE and message of the error PostgreSQL raised, the
statement it refused, the revision Alembic was running when it failed, and
every statement it sent, with its parameters bound (psycopg2's mogrify).

As a script (wrapper mode): `alembic_online.py LOG ALEMBIC-ARGS...` installs
SQLAlchemy event listeners on every engine, then runs Alembic's own command
line, with a handler on the logger where Alembic announces each revision.
The project's env.py and scripts are not changed.
"""

import json
import logging
import os
import re
import subprocess
import sys
import tempfile


class Upgrade:
    def __init__(self, returncode, stderr, records):
        self.returncode = returncode
        self.stderr = stderr
        self.statements = [r["sql"] for r in records if "sql" in r]
        first_error = next((i for i, r in enumerate(records) if "sqlstate" in r), None)
        self.sqlstate = records[first_error]["sqlstate"] if first_error is not None else None
        self.message = records[first_error]["message"] if first_error is not None else None
        # The statement PostgreSQL refused: the last one sent before the error.
        self.failed_statement = next(
            (r["sql"] for r in reversed(records[:first_error]) if "sql" in r), None) \
            if first_error is not None else None
        # The revision Alembic announced last; None when it failed before the
        # first one (creating its version table).
        running = [m.group(1) for r in records if "log" in r
                   for m in [re.search(r"Running upgrade .*?-> ([^\s,]+)", r["log"])] if m]
        self.revisions = running
        self.failed_revision = running[-1] if returncode != 0 and running else None

    def ddl(self):
        """The statements that can change the database: everything but queries,
        Alembic's version table and the connection's own settings."""
        out = []
        for s in self.statements:
            head = s.lstrip().split(None, 1)[0].upper() if s.strip() else ""
            if head in ("SELECT", "SHOW", "SET", "BEGIN", "COMMIT", "ROLLBACK"):
                continue
            if "alembic_version" in s:
                continue
            out.append(s)
        return out


def upgrade(project_dir, env, target="head", config=None):
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl") as log:
        argv = ["/usr/bin/python3", os.path.abspath(__file__), log.name]
        if config:
            argv += ["-c", config]
        run = subprocess.run(argv + ["upgrade", target], cwd=project_dir, env=env,
                             capture_output=True, text=True)
        records = [json.loads(line) for line in log.read().splitlines() if line.strip()]
    return Upgrade(run.returncode, run.stderr, records)


def _wrap(log_path, argv):
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    log = open(log_path, "w")

    def write(record):
        log.write(json.dumps(record) + "\n")
        log.flush()

    @event.listens_for(Engine, "before_cursor_execute")
    def _sent(conn, cursor, statement, parameters, context, executemany):
        try:
            sql = cursor.mogrify(statement, parameters).decode()
        except Exception:
            sql = statement
        write({"sql": sql})

    @event.listens_for(Engine, "handle_error")
    def _failed(ctx):
        orig = ctx.original_exception
        write({"sqlstate": getattr(orig, "pgcode", None),
               "message": str(orig).strip().splitlines()[0] if str(orig).strip() else ""})

    class Announced(logging.Handler):
        def emit(self, record):
            write({"log": record.getMessage()})

    # Alembic announces each revision on this logger ("Running upgrade A -> B"),
    # whether or not the project's env.py configures logging.
    migration_log = logging.getLogger("alembic.runtime.migration")
    migration_log.setLevel(logging.INFO)
    migration_log.addHandler(Announced())

    from alembic.config import main
    main(argv=argv, prog="alembic")


if __name__ == "__main__":
    _wrap(sys.argv[1], sys.argv[2:])
