#!/usr/bin/python3
"""Renders a Markdown document migsim writes with cmark-gfm (GitHub's
Markdown, with the table extension) and checks that its tables survive:

- in the Markdown, every table row has as many cells as its header (GFM would
  silently pad or drop cells), and the delimiter row matches too;
- in the HTML, there are exactly as many <table> elements as the Markdown has
  tables (and as many as --tables says), each with one <tr> per Markdown row
  (--rows in all) and one cell per header column;
- no raw `|` is left in the text of a paragraph or list item (outside code):
  that is a table that did not render.

  report_tables.py --migsim build/migsim --tables 7 --rows 51 -- report --config fixtures/pa_dealing/migsim.toml
  report_tables.py --migsim build/migsim --step-summary --tables 1 --rows 4 -- check --config ...

Runs in the current directory; exits 1 with one line per problem.
"""

import argparse
import html.parser
import os
import re
import subprocess
import sys
import tempfile


def split_row(line):
    """The cells of a GFM table row: split on pipes not escaped by a backslash."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, cur, i = [], "", 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            cur += s[i : i + 2]
            i += 2
            continue
        if s[i] == "|":
            cells.append(cur.strip())
            cur = ""
        else:
            cur += s[i]
        i += 1
    cells.append(cur.strip())
    return cells


DELIMITER = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def markdown_tables(text):
    """[(line number of the header, [rows as cell lists])], outside code fences."""
    lines = text.split("\n")
    tables, i, fence = [], 0, None
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^\s*(```+|~~~+)", line)
        if m:
            if fence is None:
                fence = m.group(1)[0] * 3
            elif line.strip().startswith(fence):
                fence = None
            i += 1
            continue
        if fence is None and "|" in line and i + 1 < len(lines) and DELIMITER.match(lines[i + 1]):
            start, rows = i + 1, [split_row(line), split_row(lines[i + 1])]
            i += 2
            while i < len(lines) and lines[i].strip() and "|" in lines[i]:
                rows.append(split_row(lines[i]))
                i += 1
            tables.append((start, rows))
            continue
        i += 1
    return tables


class Html(html.parser.HTMLParser):
    """Tables (a list of rows, each a cell count) and the text of <p> and <li> outside <code>."""

    def __init__(self):
        super().__init__()
        self.tables, self.prose, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data):
        if "code" in self.stack or "pre" in self.stack:
            return
        if "p" in self.stack or "li" in self.stack:
            self.prose.append(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migsim", required=True)
    ap.add_argument("--cmark", default="cmark-gfm")
    ap.add_argument("--tables", type=int, required=True, help="how many tables the document has")
    ap.add_argument("--rows", type=int, required=True, help="how many rows they have, headers included")
    ap.add_argument("--step-summary", action="store_true",
                    help="check the Markdown written to GITHUB_STEP_SUMMARY instead of stdout")
    ap.add_argument("args", nargs="+", help="migsim's arguments")
    o = ap.parse_args()

    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        summary = os.path.join(tmp, "summary.md")
        if o.step_summary:
            env["GITHUB_STEP_SUMMARY"] = summary
        else:
            env.pop("GITHUB_STEP_SUMMARY", None)
        run = subprocess.run([o.migsim] + o.args, env=env, capture_output=True, text=True)
        if run.returncode == 2:
            sys.exit(f"migsim {' '.join(o.args)}: exit 2: {run.stderr.strip()}")
        if o.step_summary:
            with open(summary, encoding="utf-8") as f:
                text = f.read()
        else:
            text = run.stdout
    try:
        rendered = subprocess.run([o.cmark, "-e", "table", "--unsafe"], input=text,
                                  capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        sys.exit(f"{o.cmark} is not installed (scripts/install-deps.sh installs cmark-gfm)")

    problems = []
    tables = markdown_tables(text)
    for line, rows in tables:
        width = len(rows[0])
        for n, row in enumerate(rows[1:], start=1):
            if len(row) != width:
                problems.append(f"Markdown line {line + n}: {len(row)} cells, the header has {width}")
    if len(tables) != o.tables:
        problems.append(f"the Markdown has {len(tables)} tables, expected {o.tables}")

    page = Html()
    page.feed(rendered)
    if len(page.tables) != len(tables):
        problems.append(f"the HTML has {len(page.tables)} <table> elements, the Markdown {len(tables)} tables")
    for k, ((line, rows), html_rows) in enumerate(zip(tables, page.tables), start=1):
        want_rows = len(rows) - 1  # the delimiter row is not a row
        if len(html_rows) != want_rows:
            problems.append(f"table {k} (Markdown line {line}): {len(html_rows)} <tr>, expected {want_rows}")
        for n, cells in enumerate(html_rows, start=1):
            if cells != len(rows[0]):
                problems.append(f"table {k} (Markdown line {line}), row {n}: {cells} cells, expected {len(rows[0])}")
    rows = sum(len(r) for r in page.tables)
    if rows != o.rows:
        problems.append(f"the HTML tables have {rows} rows, expected {o.rows}")
    for text_run in page.prose:
        if "|" in text_run:
            problems.append(f"a raw pipe in a paragraph: {text_run.strip()[:120]!r}")

    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"{len(page.tables)} tables, {rows} rows: every row has its header's cells; no stray pipes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
