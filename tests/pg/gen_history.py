#!/usr/bin/python3
"""A seeded random generator of migration histories, for the differential
harness (tests/pg/difftest.py).

The generator keeps a rough model of what exists (schemas, tables, their
columns and keys, foreign keys) so that most statements are plausible, and
makes some wrong on purpose: duplicates, missing objects, wrong kinds,
dependent objects blocking drops, with and without IF [NOT] EXISTS and
CASCADE, and transaction blocks that fail halfway.

The model is optimistic: a statement meant to succeed is applied to it, one
meant to fail is not. It drifts from the truth after real failures and
rollbacks, which only makes later statements more varied; the truth is
always PostgreSQL's.

Each statement kind is one small function `kind_xxx(g)` returning SQL text
(or None when it does not fit the current model), listed in KINDS with a
weight. Adding a kind: write the function, add it to KINDS.

  gen_history.py SEED [COUNT]   prints one history
"""

import random
import sys

SCHEMA_POOL = ["s1", "s2", "s3"]
TABLE_POOL = ["t1", "t2", "t3", "t4", "t5", "t6"]
COLUMN_POOL = ["id", "a", "b", "c", "d", "name", "ref"]
TYPES = ["int", "integer", "bigint", "smallint", "text", "varchar(20)", "numeric(10,2)",
         "numeric", "boolean", "timestamptz", "timestamp", "date", "uuid", "real", "jsonb"]
BAD_TYPES = ["nosuchtype", "s9.t"]
DEFAULTS = {
    "int": ["0", "1", "42"], "integer": ["0", "7"], "bigint": ["0"], "smallint": ["1"],
    "text": ["'x'", "''"], "varchar(20)": ["'abc'"], "numeric(10,2)": ["0", "1.5"],
    "numeric": ["0"], "boolean": ["true", "false"], "timestamptz": ["now()"],
    "timestamp": ["now()"], "date": ["CURRENT_DATE"], "uuid": ["gen_random_uuid()"],
    "real": ["0"], "jsonb": ["'{}'"],
}
INTEGRAL = ("int", "integer", "bigint", "smallint")
VIEW_POOL = ["v1", "v2", "v3"]
TYPE_POOL = ["mood", "money2", "pair"]
SEQ_POOL = ["sq1", "sq2"]
INDEX_POOL = ["ix1", "ix2", "ix3"]


class Table:
    def __init__(self, schema, name):
        self.schema = schema
        self.name = name
        self.cols = {}  # name -> type
        self.pk = None  # column name
        self.uniques = set()  # column names
        self.constraints = set()  # constraint names known to exist
        self.serials = []  # columns owning a sequence (serial)
        self.broken = False  # its CREATE fails on purpose

    def qname(self, g):
        """Qualified when not in public; sometimes qualified even there."""
        if self.schema != "public" or g.rng.random() < 0.15:
            return f"{self.schema}.{self.name}"
        return self.name


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.schemas = {"public"}
        self.tables = {}  # (schema, name) -> Table
        self.fks = []  # (from Table, column, to Table, constraint name)
        self.out = []
        self.in_tx = False
        self.views = {}  # (schema, name) -> [(schema, name) of what it selects from, columns]
        self.types = {}  # (schema, name) -> "enum" | "domain" | "composite"
        self.sequences = {}  # (schema, name) -> "table.column" it is owned by, or None
        self.indexes = {}  # (schema, name) -> Table
        self.tx_statements = 0

    # Helpers -------------------------------------------------------------

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        seq = list(seq)
        return self.rng.choice(seq) if seq else None

    def some_table(self):
        return self.pick(sorted(self.tables.values(), key=lambda t: (t.schema, t.name)))

    def missing_table_name(self):
        schema = self.pick(sorted(self.schemas)) if self.chance(0.7) else "nos"
        for name in self.rng.sample(TABLE_POOL, len(TABLE_POOL)):
            if (schema, name) not in self.tables:
                return name if schema == "public" else f"{schema}.{name}"
        return "nosuch"

    def table_ref(self, p_wrong=0.12):
        """(sql name, Table or None): an existing table, or sometimes a missing one."""
        t = self.some_table()
        if t is None or self.chance(p_wrong):
            return self.missing_table_name(), None
        return t.qname(self), t

    def new_col_type(self):
        return self.pick(TYPES)

    def dependents(self, t):
        return [fk for fk in self.fks if fk[2] is t and fk[0] is not t]

    def forget_table(self, t):
        self.tables.pop((t.schema, t.name), None)
        self.fks = [fk for fk in self.fks if fk[0] is not t and fk[2] is not t]

    def column_def(self, t, col, allow_fk=True):
        """A column definition for CREATE TABLE / ADD COLUMN, applied to the model."""
        r = self.rng.random()
        parts = [col]
        if r < 0.1:
            typ = self.pick(["serial", "bigserial"])
            parts.append(typ)
            t.cols[col] = "int" if typ == "serial" else "bigint"
            t.serials.append(col)
        elif r < 0.12:
            parts.append(self.pick(BAD_TYPES))
            t.broken = True
        else:
            typ = self.new_col_type()
            parts.append(typ)
            t.cols[col] = typ
            if typ in INTEGRAL and self.chance(0.15):
                parts.append(self.pick(["GENERATED ALWAYS AS IDENTITY",
                                        "GENERATED BY DEFAULT AS IDENTITY"]))
            elif self.chance(0.25):
                parts.append("DEFAULT " + self.pick(DEFAULTS[typ]))
        if self.chance(0.2):
            parts.append("NOT NULL")
        if t.pk is None and self.chance(0.25):
            parts.append("PRIMARY KEY")
            t.pk = col
        elif self.chance(0.1):
            parts.append("UNIQUE")
            t.uniques.add(col)
        elif self.chance(0.08):
            parts.append(f"CHECK ({col} IS NOT NULL)")
        elif allow_fk and self.chance(0.15):
            target = self.pick([x for x in self.tables.values() if x.pk])
            if target is not None:
                parts.append(f"REFERENCES {target.qname(self)}")
                self.fks.append((t, col, target, f"{t.name}_{col}_fkey"))
        return " ".join(parts)

    # Statement kinds -----------------------------------------------------

    def kind_create_schema(self):
        name = self.pick(SCHEMA_POOL)
        exists = name in self.schemas
        if exists and self.chance(0.5):
            return f"CREATE SCHEMA IF NOT EXISTS {name}"
        if not exists:
            self.schemas.add(name)
        return f"CREATE SCHEMA {name}"

    def kind_drop_schema(self):
        name = self.pick(SCHEMA_POOL)
        exists = name in self.schemas
        contents = [t for t in self.tables.values() if t.schema == name]
        ifx = "IF EXISTS " if self.chance(0.4) else ""
        cascade = self.chance(0.4) if contents else self.chance(0.1)
        if exists and (cascade or not contents):
            self.schemas.discard(name)
            for t in contents:
                self.forget_table(t)
        names = name
        if self.chance(0.1):
            names += ", " + self.pick(SCHEMA_POOL)
        return f"DROP SCHEMA {ifx}{names}{' CASCADE' if cascade else ''}"

    def kind_create_table(self):
        schema = self.pick(sorted(self.schemas)) if self.chance(0.85) else "nos"
        name = self.pick(TABLE_POOL)
        exists = (schema, name) in self.tables
        qname = name if schema == "public" and self.chance(0.8) else f"{schema}.{name}"
        ifne = "IF NOT EXISTS " if self.chance(0.2) else ""
        t = Table(schema, name)
        ncols = self.rng.randint(0 if self.chance(0.05) else 1, 4)
        cols = self.rng.sample(COLUMN_POOL, ncols)
        if self.chance(0.05) and cols:
            cols.append(cols[0])  # duplicate column
            t.broken = True
        defs = [self.column_def(t, c) for c in cols]
        if t.pk is None and cols and self.chance(0.2):
            defs.append(f"PRIMARY KEY ({cols[0]})")
            t.pk = cols[0]
        if len(cols) > 1 and self.chance(0.15):
            cname = f"{name}_{cols[1]}_uq" if self.chance(0.5) else f"{name}_uq"
            defs.append(f"CONSTRAINT {cname} UNIQUE ({cols[1]})")
            t.constraints.add(cname)
        if self.chance(0.05):
            defs.append("UNIQUE (nope)")
            t.broken = True
        if not exists and schema in self.schemas and not t.broken:
            self.tables[(schema, name)] = t
        return f"CREATE TABLE {ifne}{qname} ({', '.join(defs)})"

    def kind_drop_table(self):
        ref, t = self.table_ref()
        ifx = "IF EXISTS " if self.chance(0.3) else ""
        cascade = self.chance(0.3)
        names = [ref]
        if self.chance(0.1):
            ref2, t2 = self.table_ref()
            names.append(ref2)
            if t2 is None:
                t = None if not ifx else t
        if t is not None and (cascade or not self.dependents(t)):
            self.forget_table(t)
        return f"DROP TABLE {ifx}{', '.join(names)}{' CASCADE' if cascade else ''}"

    def kind_drop_wrong_kind(self):
        ref, t = self.table_ref()
        what = self.pick(["VIEW", "MATERIALIZED VIEW", "SEQUENCE", "INDEX", "FOREIGN TABLE",
                          "TYPE"])
        ifx = "IF EXISTS " if self.chance(0.3) else ""
        return f"DROP {what} {ifx}{ref}"

    def kind_drop_owned_object(self):
        """Drops an index or sequence a table owns: blocked unless CASCADE."""
        t = self.some_table()
        if t is None:
            return None
        prefix = f"{t.schema}." if t.schema != "public" else ""
        if t.serials and self.chance(0.5):
            col = self.pick(t.serials)
            return f"DROP SEQUENCE {prefix}{t.name}_{col}_seq"
        if t.pk:
            return f"DROP INDEX {prefix}{t.name}_pkey{' CASCADE' if self.chance(0.3) else ''}"
        return f"DROP INDEX IF EXISTS {prefix}{t.name}_nokey"

    def kind_truncate(self):
        ref, t = self.table_ref()
        tail = self.pick(["", "", " CASCADE", " RESTART IDENTITY", " RESTRICT"])
        return f"TRUNCATE {'TABLE ' if self.chance(0.5) else ''}{ref}{tail}"

    def kind_rename_table(self):
        ref, t = self.table_ref()
        new = self.pick(TABLE_POOL)
        ifx = "IF EXISTS " if self.chance(0.2) else ""
        if t is not None and (t.schema, new) not in self.tables:
            self.tables.pop((t.schema, t.name))
            t.name = new
            self.tables[(t.schema, new)] = t
        return f"ALTER TABLE {ifx}{ref} RENAME TO {new}"

    def kind_set_schema(self):
        ref, t = self.table_ref()
        target = self.pick(sorted(self.schemas | {"public"})) if self.chance(0.85) else "nos"
        if t is not None and target in self.schemas and (target, t.name) not in self.tables:
            self.tables.pop((t.schema, t.name))
            t.schema = target
            self.tables[(target, t.name)] = t
        return f"ALTER TABLE {ref} SET SCHEMA {target}"

    def some_column(self, t, p_wrong=0.12):
        col = self.pick(sorted(t.cols)) if t is not None else None
        if col is None or self.chance(p_wrong):
            return self.pick([c for c in COLUMN_POOL if t is None or c not in t.cols] or
                             ["nope"])
        return col

    def kind_rename_column(self):
        ref, t = self.table_ref()
        col = self.some_column(t)
        new = self.pick(COLUMN_POOL)
        if t is not None and col in t.cols and new not in t.cols:
            t.cols[new] = t.cols.pop(col)
            if t.pk == col:
                t.pk = new
        return f"ALTER TABLE {ref} RENAME {'COLUMN ' if self.chance(0.5) else ''}{col} TO {new}"

    def kind_add_column(self):
        ref, t = self.table_ref()
        col = self.pick(COLUMN_POOL)
        ifne = "IF NOT EXISTS " if self.chance(0.25) else ""
        scratch = Table("x", "x") if t is None or col in t.cols else t
        d = self.column_def(scratch, col)
        return f"ALTER TABLE {ref} ADD {'COLUMN ' if self.chance(0.7) else ''}{ifne}{d}"

    def kind_drop_column(self):
        ref, t = self.table_ref()
        col = self.some_column(t)
        ifx = "IF EXISTS " if self.chance(0.25) else ""
        cascade = self.chance(0.25)
        if t is not None and col in t.cols:
            blocked = any(fk[2] is t and t.pk == col and fk[0] is not t for fk in self.fks)
            if cascade or not blocked:
                del t.cols[col]
                if t.pk == col:
                    t.pk = None
                self.fks = [fk for fk in self.fks if not (fk[0] is t and fk[1] == col)]
                if cascade:
                    self.fks = [fk for fk in self.fks if not (fk[2] is t and t.pk is None)]
        return f"ALTER TABLE {ref} DROP COLUMN {ifx}{col}{' CASCADE' if cascade else ''}"

    def kind_alter_column(self):
        ref, t = self.table_ref()
        col = self.some_column(t)
        r = self.rng.random()
        if r < 0.3:
            typ = self.pick(TYPES + ["nosuchtype"])
            using = f" USING {col}::{typ}" if self.chance(0.2) else ""
            if t is not None and col in t.cols and typ in DEFAULTS:
                t.cols[col] = typ
            return f"ALTER TABLE {ref} ALTER COLUMN {col} TYPE {typ}{using}"
        if r < 0.5:
            typ = t.cols.get(col, "int") if t is not None else "int"
            return f"ALTER TABLE {ref} ALTER COLUMN {col} SET DEFAULT {self.pick(DEFAULTS.get(typ, ['NULL']))}"
        if r < 0.6:
            return f"ALTER TABLE {ref} ALTER COLUMN {col} DROP DEFAULT"
        if r < 0.75:
            return f"ALTER TABLE {ref} ALTER {col} SET NOT NULL"
        if r < 0.9:
            return f"ALTER TABLE {ref} ALTER COLUMN {col} DROP NOT NULL"
        if r < 0.95:
            return (f"ALTER TABLE {ref} ALTER COLUMN {col} ADD GENERATED "
                    f"{self.pick(['ALWAYS', 'BY DEFAULT'])} AS IDENTITY")
        return f"ALTER TABLE {ref} ALTER COLUMN {col} DROP IDENTITY{' IF EXISTS' * self.chance(0.5)}"

    def kind_add_constraint(self):
        ref, t = self.table_ref()
        col = self.some_column(t)
        r = self.rng.random()
        tname = t.name if t is not None else "x"
        if r < 0.3:
            name = self.pick([f"{tname}_pkey", f"{tname}_pk"])
            if t is not None and t.pk is None and col in t.cols:
                t.pk = col
            return f"ALTER TABLE {ref} ADD CONSTRAINT {name} PRIMARY KEY ({col})"
        if r < 0.5:
            name = f"{tname}_{col}_key"
            if t is not None:
                t.constraints.add(name)
            return f"ALTER TABLE {ref} ADD CONSTRAINT {name} UNIQUE ({col})"
        if r < 0.65:
            name = self.pick([f"{tname}_chk", f"{tname}_{col}_check"])
            if t is not None:
                t.constraints.add(name)
            return f"ALTER TABLE {ref} ADD CONSTRAINT {name} CHECK ({col} IS NOT NULL)"
        if r < 0.75:
            return f"ALTER TABLE {ref} ADD UNIQUE ({col})"
        target = self.pick([x for x in self.tables.values() if x.pk]) or t
        if target is None:
            return None
        name = f"{tname}_{col}_fkey"
        if t is not None and col in t.cols:
            self.fks.append((t, col, target, name))
            t.constraints.add(name)
        on = self.pick(["", "", " ON DELETE CASCADE", " ON DELETE SET NULL"])
        return f"ALTER TABLE {ref} ADD CONSTRAINT {name} FOREIGN KEY ({col}) REFERENCES {target.qname(self)}{on}"

    def kind_drop_constraint(self):
        ref, t = self.table_ref()
        names = sorted(t.constraints) if t is not None else []
        if t is not None and t.pk:
            names.append(f"{t.name}_pkey")
        name = self.pick(names) if names and self.chance(0.8) else "nosuch_con"
        ifx = "IF EXISTS " if self.chance(0.3) else ""
        cascade = self.chance(0.25)
        if t is not None:
            t.constraints.discard(name)
            if name == f"{t.name}_pkey" and (cascade or not self.dependents(t)):
                t.pk = None
        return f"ALTER TABLE {ref} DROP CONSTRAINT {ifx}{name}{' CASCADE' if cascade else ''}"

    def kind_rename_constraint(self):
        ref, t = self.table_ref()
        names = sorted(t.constraints) if t is not None else []
        name = self.pick(names) if names and self.chance(0.8) else "nosuch_con"
        new = f"{t.name if t else 'x'}_c{self.rng.randint(1, 3)}"
        if t is not None and name in t.constraints:
            t.constraints.discard(name)
            t.constraints.add(new)
        return f"ALTER TABLE {ref} RENAME CONSTRAINT {name} TO {new}"

    def kind_alter_table_multi(self):
        """Several subcommands in one ALTER TABLE: some clash with each other."""
        ref, t = self.table_ref(p_wrong=0.05)
        subs = []
        for _ in range(self.rng.randint(2, 3)):
            col = self.some_column(t, p_wrong=0.3)
            subs.append(self.pick([
                f"ADD COLUMN {col} {self.new_col_type()}",
                f"DROP COLUMN {col}",
                f"DROP COLUMN IF EXISTS {col}",
                f"ALTER COLUMN {col} SET NOT NULL",
                f"ALTER COLUMN {col} DROP DEFAULT",
                f"ALTER COLUMN {col} TYPE text",
                f"ADD CHECK ({col} IS NOT NULL)",
            ]))
        return f"ALTER TABLE {ref} {', '.join(subs)}"

    def kind_transaction(self):
        """BEGIN; a few statements, maybe a savepoint, maybe one that fails; COMMIT or ROLLBACK."""
        if self.in_tx:
            return None
        self.in_tx = True
        self.out.append("BEGIN")
        savepoint = False
        for i in range(self.rng.randint(1, 4)):
            if not savepoint and self.chance(0.25):
                self.out.append("SAVEPOINT sp")
                savepoint = True
            self.emit_one()
            if savepoint and self.chance(0.3):
                self.out.append(self.pick(["ROLLBACK TO SAVEPOINT sp", "RELEASE SAVEPOINT sp",
                                           "ROLLBACK TO sp"]))
                savepoint = False
        if self.chance(0.1):
            self.out.append("DROP TABLE nosuch_tx")  # fails halfway on purpose
            self.emit_one()
        self.in_tx = False
        return self.pick(["COMMIT", "COMMIT", "ROLLBACK", "END"])

    def kind_stray_tx_command(self):
        """COMMIT or ROLLBACK TO outside any transaction: warnings and errors."""
        if self.in_tx:
            return None
        return self.pick(["COMMIT", "ROLLBACK", "ROLLBACK TO SAVEPOINT sp", "SAVEPOINT sp"])

    # Views, types, sequences, indexes, comments, DO blocks ---------------

    def schema_name(self, p_missing=0.05):
        if self.chance(p_missing):
            return "nos"
        return self.pick(sorted(self.schemas))

    def qualify(self, schema, name):
        return name if schema == "public" and self.chance(0.8) else f"{schema}.{name}"

    def kind_create_view(self):
        """A view over a table or over another view; sometimes OR REPLACE, sometimes wrong."""
        sources = [("t", t.schema, t.name, sorted(t.cols)) for t in self.tables.values()]
        sources += [("v", k[0], k[1], v[1]) for k, v in self.views.items()]
        src = self.pick(sorted(sources))
        if src is None:
            return None
        _, sschema, sname, scols = src
        cols = self.rng.sample(scols, self.rng.randint(1, len(scols))) if scols else []
        if self.chance(0.08):
            cols.append("nope")
        schema = self.schema_name()
        name = self.pick(VIEW_POOL)
        replace = self.chance(0.3)
        key = (schema, name)
        select = ", ".join(cols) if cols else "1 AS one"
        where = f" WHERE {cols[0]} IS NOT NULL" if cols and self.chance(0.3) else ""
        ok = ("nope" not in cols and schema in self.schemas and (schema, name) not in self.tables
              and (key not in self.views or (replace and self.views[key][1] == cols[:len(self.views[key][1])])))
        if ok:
            self.views[key] = [(sschema, sname), cols or ["one"]]
        return (f"CREATE {'OR REPLACE ' if replace else ''}VIEW {self.qualify(schema, name)} AS "
                f"SELECT {select} FROM {self.qualify(sschema, sname)}{where}")

    def view_dependents(self, schema, name):
        return [k for k, v in self.views.items() if v[0] == (schema, name)]

    def forget_view(self, key):
        self.views.pop(key, None)
        for k in self.view_dependents(*key):
            self.forget_view(k)

    def kind_drop_view(self):
        key = self.pick(sorted(self.views)) if self.views and self.chance(0.85) else None
        ref = self.qualify(*key) if key else self.pick(VIEW_POOL)
        ifx = "IF EXISTS " if self.chance(0.3) else ""
        cascade = self.chance(0.3)
        if key and (cascade or not self.view_dependents(*key)):
            self.forget_view(key)
        return f"DROP VIEW {ifx}{ref}{' CASCADE' if cascade else ''}"

    def kind_alter_view(self):
        key = self.pick(sorted(self.views))
        if key is None:
            return None
        if self.chance(0.5):
            new = self.pick(VIEW_POOL)
            if (key[0], new) not in self.views and (key[0], new) not in self.tables:
                self.views[(key[0], new)] = self.views.pop(key)
                for v in self.views.values():
                    if v[0] == key:
                        v[0] = (key[0], new)
            return f"ALTER {self.pick(['VIEW', 'TABLE'])} {self.qualify(*key)} RENAME TO {new}"
        cols = self.views[key][1]
        col = self.pick(cols)
        new = self.pick(COLUMN_POOL)
        if new not in cols:
            cols[cols.index(col)] = new
        return f"ALTER VIEW {self.qualify(*key)} RENAME COLUMN {col} TO {new}"

    def kind_create_type(self):
        schema = self.schema_name()
        name = self.pick(TYPE_POOL)
        what = self.pick(["enum", "enum", "domain", "composite"])
        if schema in self.schemas and (schema, name) not in self.types and \
                (schema, name) not in self.tables and (schema, name) not in self.views:
            self.types[(schema, name)] = what
        q = self.qualify(schema, name)
        if what == "enum":
            labels = self.rng.sample(["a", "b", "c", "d"], self.rng.randint(0, 3))
            return f"CREATE TYPE {q} AS ENUM ({', '.join(repr(x) for x in labels)})"
        if what == "domain":
            base = self.pick(["int", "text", "numeric(10,2)", "varchar(20)"])
            check = self.pick(["", " CHECK (VALUE IS NOT NULL)", " NOT NULL",
                               " DEFAULT " + self.pick(DEFAULTS[base])])
            return f"CREATE DOMAIN {q} AS {base}{check}"
        fields = self.rng.sample(["x int", "y text", "z numeric"], self.rng.randint(1, 3))
        return f"CREATE TYPE {q} AS ({', '.join(fields)})"

    def some_type(self):
        key = self.pick(sorted(self.types)) if self.types and self.chance(0.85) else None
        return key, (self.qualify(*key) if key else self.pick(TYPE_POOL))

    def kind_alter_type(self):
        key, ref = self.some_type()
        what = self.types.get(key)
        r = self.rng.random()
        if what == "enum" and r < 0.5:
            label = self.pick(["a", "b", "c", "d", "e"])
            ifne = "IF NOT EXISTS " if self.chance(0.4) else ""
            where = self.pick(["", f" BEFORE '{self.pick(['a', 'b'])}'", f" AFTER 'c'"])
            return f"ALTER TYPE {ref} ADD VALUE {ifne}'{label}'{where}"
        if what == "enum" and r < 0.65:
            return f"ALTER TYPE {ref} RENAME VALUE '{self.pick(['a', 'b'])}' TO '{self.pick(['c', 'x'])}'"
        if what == "domain" and r < 0.6:
            return self.pick([f"ALTER DOMAIN {ref} SET NOT NULL", f"ALTER DOMAIN {ref} DROP NOT NULL",
                              f"ALTER DOMAIN {ref} DROP DEFAULT",
                              f"ALTER DOMAIN {ref} ADD CONSTRAINT {key[1] if key else 'd'}_pos CHECK (VALUE IS NOT NULL)"])
        # ALTER TYPE ... RENAME TO is not modelled (unknown): not generated, as an
        # unknown stops the comparison of the rest of the history.
        return f"ALTER TYPE {ref} ADD VALUE IF NOT EXISTS 'a'"

    def kind_drop_type(self):
        key, ref = self.some_type()
        ifx = "IF EXISTS " if self.chance(0.3) else ""
        cascade = self.chance(0.3)
        word = "DOMAIN" if self.types.get(key) == "domain" and self.chance(0.7) else "TYPE"
        used = key is not None and any(
            key[1] in typ for t in self.tables.values() for typ in t.cols.values())
        if key and (cascade or not used):
            self.types.pop(key)
            if cascade:
                for t in self.tables.values():
                    for c in [c for c, typ in t.cols.items() if key[1] in typ]:
                        del t.cols[c]
        return f"DROP {word} {ifx}{ref}{' CASCADE' if cascade else ''}"

    def kind_add_typed_column(self):
        """A column of a user type (enum, domain, composite)."""
        key = self.pick(sorted(self.types))
        ref, t = self.table_ref()
        if key is None or t is None:
            return None
        col = self.pick(COLUMN_POOL)
        typ = f"{key[0]}.{key[1]}"
        if col not in t.cols:
            t.cols[col] = typ
        return f"ALTER TABLE {ref} ADD COLUMN {col} {typ}"

    def kind_create_sequence(self):
        schema = self.schema_name()
        name = self.pick(SEQ_POOL)
        ifne = "IF NOT EXISTS " if self.chance(0.25) else ""
        opts = self.pick(["", " START 10", " INCREMENT BY 2", " AS smallint", " MINVALUE 5 MAXVALUE 4",
                          " CACHE 10 CYCLE"])
        owned = ""
        t = self.some_table()
        if t is not None and t.cols and self.chance(0.4):
            col = self.pick(sorted(t.cols))
            owned = f" OWNED BY {t.qname(self)}.{col}"
        if schema in self.schemas and (schema, name) not in self.sequences and "MAXVALUE 4" not in opts:
            self.sequences[(schema, name)] = owned or None
        return f"CREATE SEQUENCE {ifne}{self.qualify(schema, name)}{opts}{owned}"

    def kind_alter_sequence(self):
        key = self.pick(sorted(self.sequences)) if self.sequences and self.chance(0.85) else None
        ref = self.qualify(*key) if key else self.pick(SEQ_POOL)
        ifx = "IF EXISTS " if self.chance(0.2) else ""
        r = self.rng.random()
        if r < 0.4:
            t = self.some_table()
            if t is None or not t.cols:
                target = "NONE"
            else:
                target = f"{t.qname(self)}.{self.some_column(t)}"
            return f"ALTER SEQUENCE {ifx}{ref} OWNED BY {target}"
        if r < 0.6:
            new = self.pick(SEQ_POOL)
            if key and (key[0], new) not in self.sequences:
                self.sequences[(key[0], new)] = self.sequences.pop(key)
            return f"ALTER SEQUENCE {ifx}{ref} RENAME TO {new}"
        return f"ALTER SEQUENCE {ifx}{ref} {self.pick(['RESTART', 'INCREMENT BY 5', 'NO CYCLE', 'MAXVALUE 100'])}"

    def kind_drop_sequence(self):
        key = self.pick(sorted(self.sequences)) if self.sequences and self.chance(0.85) else None
        ref = self.qualify(*key) if key else self.pick(SEQ_POOL)
        ifx = "IF EXISTS " if self.chance(0.3) else ""
        if key:
            self.sequences.pop(key)
        return f"DROP SEQUENCE {ifx}{ref}{' CASCADE' if self.chance(0.2) else ''}"

    def kind_create_index(self):
        ref, t = self.table_ref()
        col = self.some_column(t)
        name = self.pick(INDEX_POOL)
        schema = t.schema if t is not None else "public"
        unique = "UNIQUE " if self.chance(0.2) else ""
        conc = "CONCURRENTLY " if self.chance(0.25) else ""
        ifne = "IF NOT EXISTS " if self.chance(0.2) else ""
        named = self.chance(0.85)
        ifne = ifne if named else ""  # IF NOT EXISTS needs a name
        typ = t.cols.get(col, "") if t is not None else ""
        if typ == "text" and self.chance(0.4):  # varchar would print lower((b)::text)
            key = f"(lower({col}))"
        else:
            key = col
            if t is not None and len(t.cols) > 1 and self.chance(0.25):
                key += ", " + self.pick([c for c in sorted(t.cols) if c != col])
        where = f" WHERE {col} IS NOT NULL" if self.chance(0.25) else ""
        if t is not None and col in t.cols and named and (schema, name) not in self.indexes \
                and not (conc and self.in_tx):
            self.indexes[(schema, name)] = t
        return (f"CREATE {unique}INDEX {conc}{ifne}{name + ' ' if named else ''}ON {ref} "
                f"({key}){where}")

    def kind_index_ops(self):
        key = self.pick(sorted(self.indexes)) if self.indexes and self.chance(0.85) else None
        ref = (f"{key[0]}.{key[1]}" if key[0] != "public" else key[1]) if key else self.pick(INDEX_POOL)
        r = self.rng.random()
        if r < 0.5:
            conc = "CONCURRENTLY " if self.chance(0.25) else ""
            ifx = "IF EXISTS " if self.chance(0.3) else ""
            if key and not (conc and self.in_tx):
                self.indexes.pop(key)
            return f"DROP INDEX {conc}{ifx}{ref}"
        new = self.pick(INDEX_POOL)
        if key and (key[0], new) not in self.indexes:
            self.indexes[(key[0], new)] = self.indexes.pop(key)
        return f"ALTER INDEX {'IF EXISTS ' if self.chance(0.2) else ''}{ref} RENAME TO {new}"

    def kind_comment(self):
        text = self.pick(["'a note'", "'it''s'", "NULL", "''"])
        r = self.rng.random()
        if r < 0.35:
            ref, t = self.table_ref()
            return f"COMMENT ON TABLE {ref} IS {text}"
        if r < 0.6:
            ref, t = self.table_ref()
            return f"COMMENT ON COLUMN {ref}.{self.some_column(t)} IS {text}"
        if r < 0.7 and self.views:
            return f"COMMENT ON VIEW {self.qualify(*self.pick(sorted(self.views)))} IS {text}"
        if r < 0.8:
            key, ref = self.some_type()
            return f"COMMENT ON TYPE {ref} IS {text}"
        if r < 0.9:
            return f"COMMENT ON SCHEMA {self.pick(SCHEMA_POOL + ['public'])} IS {text}"
        key = self.pick(sorted(self.indexes))
        if key is None:
            return None
        return f"COMMENT ON INDEX {key[0]}.{key[1]} IS {text}"

    def kind_partitioned(self):
        """A partitioned table and its partitions, some of them wrong."""
        schema = self.schema_name()
        name = self.pick(["pt1", "pt2"])
        strategy = self.pick(["RANGE", "LIST", "HASH"])
        pk = ", PRIMARY KEY (id, k)" if self.chance(0.4) else ""
        stmts = [f"DROP TABLE IF EXISTS {self.qualify(schema, name)}{self.pick(['', ' CASCADE'])}"]
        if self.chance(0.6):
            stmts.clear()
        stmts += [f"CREATE TABLE {self.qualify(schema, name)} (id int NOT NULL, k int NOT NULL, "
                 f"note text{pk}) PARTITION BY {strategy} (k)"]
        # Not in self.tables: most ALTER TABLE forms on a partitioned table are
        # unknown, which would stop the comparison of the rest of the history.
        if self.chance(0.3):
            stmts.append(f"CREATE INDEX ON {self.qualify(schema, name)} (k)")
        for i in range(self.rng.randint(0, 3)):
            part = f"{name}_p{self.rng.randint(1, 3)}"
            if strategy == "RANGE":
                lo = self.rng.randint(0, 3) * 10
                bound = f"FOR VALUES FROM ({lo}) TO ({lo + self.pick([10, 20])})"
            elif strategy == "LIST":
                bound = f"FOR VALUES IN ({self.rng.randint(1, 4)})"
            else:
                bound = f"FOR VALUES WITH (MODULUS 3, REMAINDER {self.rng.randint(0, 3)})"
            if self.chance(0.1):
                bound = "DEFAULT"
            stmts.append(f"CREATE TABLE {self.qualify(schema, part)} PARTITION OF "
                         f"{self.qualify(schema, name)} {bound}")
        self.out.extend(stmts[:-1])
        return stmts[-1]

    def kind_do_block(self):
        """A DO block that checks the catalog before changing it."""
        ref, t = self.table_ref()
        col = self.some_column(t)
        schema, _, name = ref.rpartition(".")
        schema = schema or "public"
        r = self.rng.random()
        if r < 0.4:
            typ = self.pick(["int", "text"])
            if t is not None and col not in t.cols:
                t.cols[col] = typ
            cond = (f"SELECT 1 FROM information_schema.columns WHERE table_schema = '{schema}' "
                    f"AND table_name = '{name}' AND column_name = '{col}'")
            body = f"ALTER TABLE {ref} ADD COLUMN {col} {typ};"
            neg = "NOT "
        elif r < 0.7:
            cond = f"SELECT 1 FROM pg_tables WHERE schemaname = '{schema}' AND tablename = '{name}'"
            body = f"ALTER TABLE {ref} DROP COLUMN IF EXISTS {col};"
            neg = self.pick(["", "NOT "])
        else:
            tname = self.pick(TYPE_POOL)
            if ("public", tname) not in self.types:
                self.types[("public", tname)] = "enum"
            cond = f"SELECT 1 FROM pg_type WHERE typname = '{tname}'"
            body = f"CREATE TYPE {tname} AS ENUM ('a', 'b');"
            neg = "NOT "
        return f"DO $$ BEGIN IF {neg}EXISTS ({cond}) THEN {body} END IF; END $$"

    def kind_deferrable_fk(self):
        ref, t = self.table_ref(p_wrong=0.05)
        target = self.pick(sorted((x for x in self.tables.values() if x.pk),
                                  key=lambda x: (x.schema, x.name)))
        if t is None or target is None or not t.cols:
            return None
        col = self.pick(sorted(t.cols))
        name = f"{t.name}_{col}_dfk"
        when = self.pick([" DEFERRABLE", " DEFERRABLE INITIALLY DEFERRED", " NOT DEFERRABLE",
                          " INITIALLY DEFERRED"])
        valid = " NOT VALID" if self.chance(0.2) else ""
        if name not in t.constraints:
            t.constraints.add(name)
            self.fks.append((t, col, target, name))
        return (f"ALTER TABLE {ref} ADD CONSTRAINT {name} FOREIGN KEY ({col}) REFERENCES "
                f"{target.qname(self)}{when}{valid}")

    def kind_failing_transaction(self):
        """A transaction that fails halfway: what follows is skipped, then rolled back."""
        if self.in_tx:
            return None
        self.in_tx = True
        self.out.append(self.pick(["BEGIN", "START TRANSACTION"]))
        for _ in range(self.rng.randint(1, 3)):
            self.emit_one()
        self.out.append(self.pick([
            "CREATE INDEX CONCURRENTLY tx_idx ON nosuch (a)",
            f"CREATE INDEX CONCURRENTLY ON {self.table_ref()[0]} (id)",
            "ALTER TABLE nosuch_tx ADD COLUMN a int",
            "CREATE TABLE public.t1 (id int)",
        ]))
        for _ in range(self.rng.randint(0, 2)):
            self.emit_one()
        self.in_tx = False
        return self.pick(["COMMIT", "ROLLBACK", "END"])

    # Driving ---------------------------------------------------------------

    def emit_one(self):
        kinds, weights = zip(*KINDS)
        for _ in range(10):
            kind = self.rng.choices(kinds, weights)[0]
            sql = kind(self)
            if sql is not None:
                self.out.append(sql)
                return

    def history(self, count):
        while len(self.out) < count:
            self.emit_one()
        return self.out


KINDS = [
    (Gen.kind_create_schema, 4),
    (Gen.kind_drop_schema, 2),
    (Gen.kind_create_table, 12),
    (Gen.kind_drop_table, 4),
    (Gen.kind_drop_wrong_kind, 1),
    (Gen.kind_drop_owned_object, 1),
    (Gen.kind_truncate, 2),
    (Gen.kind_rename_table, 3),
    (Gen.kind_set_schema, 2),
    (Gen.kind_rename_column, 3),
    (Gen.kind_add_column, 6),
    (Gen.kind_drop_column, 4),
    (Gen.kind_alter_column, 6),
    (Gen.kind_add_constraint, 4),
    (Gen.kind_drop_constraint, 2),
    (Gen.kind_rename_constraint, 1),
    (Gen.kind_alter_table_multi, 2),
    (Gen.kind_transaction, 3),
    (Gen.kind_stray_tx_command, 0.3),
    (Gen.kind_create_view, 3),
    (Gen.kind_drop_view, 1.5),
    (Gen.kind_alter_view, 1),
    (Gen.kind_create_type, 2),
    (Gen.kind_alter_type, 1.5),
    (Gen.kind_drop_type, 1),
    (Gen.kind_add_typed_column, 1.5),
    (Gen.kind_create_sequence, 1.5),
    (Gen.kind_alter_sequence, 1),
    (Gen.kind_drop_sequence, 0.7),
    (Gen.kind_create_index, 3),
    (Gen.kind_index_ops, 1.5),
    (Gen.kind_comment, 1.5),
    (Gen.kind_partitioned, 1),
    (Gen.kind_do_block, 1.5),
    (Gen.kind_deferrable_fk, 1),
    (Gen.kind_failing_transaction, 1),
]


def generate(seed, count=40):
    """The history for `seed`: a list of SQL statements without terminators."""
    return Gen(seed).history(count)


def main():
    seed = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    for sql in generate(seed, count):
        print(sql + ";")


if __name__ == "__main__":
    main()
