#!/usr/bin/python3
"""Writes an Alembic project applying a generated history (gen_history.py) the
way Alembic applies revisions: one revision a file, each running its
statements with op.execute, chained by down_revision.

  gen_alembic.py HISTORY_DIR OUT_DIR

OUT_DIR gets alembic.ini, alembic/env.py (online only: the database comes from
the environment variable MIGSIM_BENCH_DATABASE_URL, one transaction per
revision, as transaction_per_migration sets it) and alembic/versions/.
"""

import os
import sys

ENV_PY = '''import os

from alembic import context
from sqlalchemy import create_engine

engine = create_engine(os.environ["MIGSIM_BENCH_DATABASE_URL"])
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None,
                      transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
'''

INI = """[alembic]
script_location = alembic
"""


def main():
    history, out = sys.argv[1], sys.argv[2]
    versions = os.path.join(out, "alembic", "versions")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(out, "alembic.ini"), "w") as f:
        f.write(INI)
    with open(os.path.join(out, "alembic", "env.py"), "w") as f:
        f.write(ENV_PY)
    previous = None
    for name in sorted(os.listdir(os.path.join(history, "versions"))):
        revision = name[:-len(".sql")]
        with open(os.path.join(history, "versions", name)) as f:
            statements = [s for s in f.read().split(";\n") if s.strip()]
        with open(os.path.join(versions, revision + ".py"), "w") as f:
            f.write(f"from alembic import op\n\nrevision = {revision!r}\n"
                    f"down_revision = {previous!r}\n\n\ndef upgrade():\n")
            for s in statements:
                f.write(f"    op.execute({s.strip().rstrip(';')!r})\n")
        previous = revision


if __name__ == "__main__":
    main()
