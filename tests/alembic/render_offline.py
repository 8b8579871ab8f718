#!/usr/bin/python3
"""Renders a fixture's revisions with the real Alembic offline and compares the
result with the SQL committed beside them.

  render_offline.py FIXTURE_DIR RANGE=FILE [RANGE=FILE...]
"""

import difflib
import os
import subprocess
import sys


def main():
    fixture = sys.argv[1]
    failures = 0
    for spec in sys.argv[2:]:
        rev_range, name = spec.split("=", 1)
        path = os.path.join(fixture, "offline", name)
        rendered = subprocess.run(
            ["/usr/bin/python3", "-m", "alembic", "upgrade", rev_range, "--sql"], cwd=fixture,
            check=True, capture_output=True, text=True).stdout
        committed = open(path).read()
        if rendered != committed:
            failures += 1
            print(f"{path}: differs from what Alembic renders for {rev_range}:")
            sys.stdout.writelines(difflib.unified_diff(
                committed.splitlines(True), rendered.splitlines(True), "committed", "rendered"))
    total = len(sys.argv) - 2
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
