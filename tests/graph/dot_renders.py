#!/usr/bin/python3
"""Renders `migsim history --format dot` with Graphviz (`dot -Tsvg`) and checks
the picture: dot accepts it, and the SVG has the expected number of nodes
(revisions, environments and down revisions outside the history), edges
(down revisions, depends_on and "current" pointers), dashed nodes (revisions
pending in some environment) and dotted ones (outside the history).

  dot_renders.py --migsim build/migsim --nodes 20 --edges 19 --dashed 6 --dotted 0 -- \
      history --config fixtures/pa_dealing/migsim.toml
"""

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migsim", required=True)
    ap.add_argument("--dot", default="dot")
    ap.add_argument("--nodes", type=int, required=True)
    ap.add_argument("--edges", type=int, required=True)
    ap.add_argument("--dashed", type=int, required=True)
    ap.add_argument("--dotted", type=int, required=True)
    ap.add_argument("args", nargs="+", help="migsim's arguments (without --format)")
    o = ap.parse_args()
    run = subprocess.run([o.migsim] + o.args + ["--format", "dot"], capture_output=True, text=True)
    if run.returncode == 2 or not run.stdout:
        sys.exit(f"migsim {' '.join(o.args)}: exit {run.returncode}: {run.stderr.strip()}")
    try:
        svg = subprocess.run([o.dot, "-Tsvg"], input=run.stdout, capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit(f"{o.dot} is not installed (scripts/install-deps.sh installs graphviz)")
    if svg.returncode != 0 or svg.stderr.strip():
        print(run.stdout)
        sys.exit(f"dot rejects the graph: {svg.stderr.strip()}")
    root = ET.fromstring(svg.stdout)
    groups = list(root.iter(SVG + "g"))
    nodes = [g for g in groups if g.get("class") == "node"]
    edges = [g for g in groups if g.get("class") == "edge"]
    def drawn(node, dasharray):  # Graphviz draws style=dashed as 5,2 and style=dotted as 1,5
        return any(s.get("stroke-dasharray") == dasharray for s in node
                   if s.tag in (SVG + "polygon", SVG + "ellipse"))
    dashed = [n for n in nodes if drawn(n, "5,2")]
    dotted = [n for n in nodes if drawn(n, "1,5")]
    problems = []
    for what, got, want in (("nodes", len(nodes), o.nodes), ("edges", len(edges), o.edges),
                            ("dashed nodes", len(dashed), o.dashed),
                            ("dotted nodes", len(dotted), o.dotted)):
        if got != want:
            problems.append(f"{got} {what}, expected {want}")
    for p in problems:
        print(p)
    if problems:
        print(run.stdout)
        return 1
    print(f"dot renders {len(nodes)} nodes, {len(edges)} edges, {len(dashed)} dashed, {len(dotted)} dotted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
