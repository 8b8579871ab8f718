#!/usr/bin/python3
"""Writes a synthetic snapshot JSON document of N tables (default 50,000) for
load benchmarks:  gen_snapshot.py 50000 > big.json
                  migsim snapshot import big.json -o big.sqlite
                  time migsim snapshot show big.sqlite > /dev/null
Each table: 8 columns, a primary key with its index and sequence, a foreign key
to the previous table, a check constraint; every 10th table has a view on it."""

import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
schemas = [f"s{i}" for i in range(max(1, n // 1000))]
doc = {
    "metadata": {"format": 1, "migsim_version": "bench", "server_version": "15.0",
                 "server_version_num": 150000, "database_name": "bench",
                 "taken_at": "2026-01-01T00:00:00Z", "source": "json", "has_statistics": True,
                 "current_user": "postgres", "search_path": "\"$user\", public"},
    "schemas": [{"name": s, "owner": "postgres"} for s in schemas + ["public"]],
    "relations": [], "columns": [], "constraints": [], "indexes": [], "sequences": [],
    "view_dependencies": [], "types": [], "extensions": [], "functions": [], "triggers": [],
    "version_tables": [{"schema": "public", "name": "alembic_version", "kind": "alembic",
                        "rows_json": [{"version_num": "abc123"}]}],
}
rel, col, con, idx, seq, dep = (doc[k] for k in (
    "relations", "columns", "constraints", "indexes", "sequences", "view_dependencies"))
types = ["bigint", "text", "integer", "timestamp with time zone", "numeric(10,2)", "boolean",
         "character varying(30)", "jsonb"]
for t in range(n):
    s, name = schemas[t % len(schemas)], f"t{t}"
    rel.append({"schema": s, "name": name, "kind": "r", "owner": "postgres", "persistence": "p",
                "row_estimate": t * 10, "total_bytes": 8192 * (1 + t % 7)})
    for c in range(8):
        col.append({"schema": s, "relation": name, "ordinal": c + 1, "name": f"c{c}",
                    "type": types[c], "not_null": c == 0,
                    "default_expr": f"nextval('{s}.{name}_c0_seq'::regclass)" if c == 0 else None})
    con.append({"schema": s, "relation": name, "on_domain": False, "ordinal": 1,
                "name": f"{name}_pkey", "kind": "p", "columns": ["c0"],
                "index_name": f"{name}_pkey", "is_deferrable": False, "is_deferred": False,
                "validated": True, "no_inherit": True})
    con.append({"schema": s, "relation": name, "on_domain": False, "ordinal": 2,
                "name": f"{name}_c2_check", "kind": "c", "columns": ["c2"],
                "expression": "(c2 > 0)", "is_deferrable": False, "is_deferred": False,
                "validated": True, "no_inherit": False})
    if t:
        ps = schemas[(t - 1) % len(schemas)]
        con.append({"schema": s, "relation": name, "on_domain": False, "ordinal": 3,
                    "name": f"{name}_c2_fkey", "kind": "f", "columns": ["c2"], "ref_schema": ps,
                    "ref_table": f"t{t-1}", "ref_columns": ["c0"], "on_delete": "a",
                    "on_update": "a", "match_type": "s", "is_deferrable": False,
                    "is_deferred": False, "validated": True, "no_inherit": True})
    rel.append({"schema": s, "name": f"{name}_pkey", "kind": "i", "owner": "postgres",
                "persistence": "p"})
    idx.append({"schema": s, "name": f"{name}_pkey", "table_name": name, "method": "btree",
                "keys": ["c0"], "is_unique": True, "is_primary": True,
                "constraint_name": f"{name}_pkey"})
    rel.append({"schema": s, "name": f"{name}_c0_seq", "kind": "S", "owner": "postgres",
                "persistence": "p"})
    seq.append({"schema": s, "name": f"{name}_c0_seq", "type": "bigint", "start": 1,
                "increment": 1, "min": 1, "max": 9223372036854775807, "cache": 1,
                "cycle": False, "owned_by_table": name, "owned_by_column": "c0",
                "identity": False})
    if t % 10 == 0:
        rel.append({"schema": s, "name": f"v{t}", "kind": "v", "owner": "postgres",
                    "persistence": "p", "definition": f" SELECT c0, c1\n   FROM {s}.{name};"})
        for c in range(2):
            col.append({"schema": s, "relation": f"v{t}", "ordinal": c + 1, "name": f"c{c}",
                        "type": types[c], "not_null": False})
        dep.append({"schema": s, "view_name": f"v{t}", "ref_schema": s, "ref_name": name,
                    "columns": ["c0", "c1"]})
json.dump(doc, sys.stdout)
