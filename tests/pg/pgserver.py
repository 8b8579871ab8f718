"""A throwaway PostgreSQL 15 server for tests.

initdb into a temporary directory (as the `postgres` user when run as root),
a Unix socket in that directory, no TCP, fsync off. The server is stopped and
the directory removed when the `with` block ends, even on failure or signal.
"""

import atexit
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile

import psycopg2

PG_BIN = "/usr/lib/postgresql/15/bin"


class PgServer:
    def __init__(self, settings=None):
        """`settings`: extra server settings, e.g. {"max_locks_per_transaction": 10000}."""
        self.settings = settings or {}
        self.dir = None
        self.proc_started = False

    def _as_owner(self, argv):
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--"] + argv
        return argv

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="migsim-pg-")
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        data = os.path.join(self.dir, "data")
        atexit.register(self.stop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: sys.exit(1))
        subprocess.run(
            self._as_owner([f"{PG_BIN}/initdb", "-D", data, "-U", "postgres", "--auth=trust",
                            "-E", "UTF8", "--locale=C", "--no-sync"]),
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        opts = (f"-k {self.dir} -c listen_addresses= -c fsync=off -c full_page_writes=off "
                "-c synchronous_commit=off -c max_connections=20")
        for key, value in self.settings.items():
            opts += f" -c {key}={value}"
        subprocess.run(
            self._as_owner([f"{PG_BIN}/pg_ctl", "-D", data, "-o", opts, "-w", "-l",
                            os.path.join(self.dir, "log"), "start"]),
            check=True, stdout=subprocess.DEVNULL)
        self.proc_started = True
        return self

    def stop(self):
        if self.dir is None:
            return
        if self.proc_started:
            subprocess.run(
                self._as_owner([f"{PG_BIN}/pg_ctl", "-D", os.path.join(self.dir, "data"),
                                "-m", "immediate", "stop"]),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.proc_started = False
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def __exit__(self, *exc):
        self.stop()
        return False

    def dsn(self, dbname="postgres"):
        return f"host={self.dir} user=postgres dbname={dbname}"

    def connect(self, dbname="postgres", autocommit=True):
        conn = psycopg2.connect(host=self.dir, user="postgres", dbname=dbname)
        conn.autocommit = autocommit
        return conn

    def create_database(self, name):
        admin = self.connect()
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cur.execute(f'CREATE DATABASE "{name}"')
        admin.close()
