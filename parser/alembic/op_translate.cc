#include "parser/alembic/op_translate.h"

#include <algorithm>
#include <cctype>

#include "parser/alembic/sa_types.h"
#include "parser/identifiers.h"

namespace migsim {

namespace {

using Kind = PyValue::Kind;

std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? quote_ident(name) : quote_ident(schema) + "." + quote_ident(name);
}

/// A string argument, or "" when absent or not a literal string.
std::string str_arg(const PyValue& call, size_t index, std::string_view name) {
  const PyValue* v = call.arg(index, name);
  return v && v->kind == Kind::kStr ? v->text : std::string();
}

/// op.f('name') and plain strings both name an object.
std::string name_value(const PyValue* v) {
  if (!v) return {};
  if (v->kind == Kind::kStr) return v->text;
  if (v->is_call("f") && !v->items.empty() && v->items[0].kind == Kind::kStr)
    return v->items[0].text;
  if (v->is_call("quoted_name") && !v->items.empty()) return name_value(&v->items[0]);
  return {};
}

bool string_list(const PyValue* v, std::vector<std::string>& out) {
  if (!v) return false;
  if (v->kind == Kind::kStr) {
    out.push_back(v->text);
    return true;
  }
  if (!v->is_sequence()) return false;
  for (const auto& item : v->items) {
    if (item.kind != Kind::kStr) return false;
    out.push_back(item.text);
  }
  return true;
}

std::string join_idents(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += quote_ident(n);
  }
  return out;
}

/// The SQL of an expression given as sa.text("..."), a string, or a simple func call.
bool sql_expression(const PyValue& v, std::string& out, bool string_is_literal) {
  if (v.kind == Kind::kStr) {
    out = string_is_literal ? sql_string_literal(v.text) : v.text;
    return true;
  }
  if ((v.is_call("text") || v.is_call("literal_column")) && !v.items.empty() &&
      v.items[0].kind == Kind::kStr) {
    out = v.items[0].text;
    return true;
  }
  if (v.is_call("true")) {
    out = "true";
    return true;
  }
  if (v.is_call("false")) {
    out = "false";
    return true;
  }
  if (v.kind == Kind::kCall && v.text.find("func.") != std::string::npos && v.items.empty()) {
    std::string fn(v.short_name());
    if (fn == "current_timestamp" || fn == "current_date" || fn == "current_time" ||
        fn == "localtimestamp") {
      for (char& c : fn) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out = fn;
    } else {
      out = fn + "()";
    }
    return true;
  }
  return false;
}

std::string fk_action_sql(const PyValue& c) {
  std::string out;
  if (const PyValue* m = c.kwarg("match"); m && m->kind == Kind::kStr) out += " MATCH " + m->text;
  if (const PyValue* d = c.kwarg("ondelete"); d && d->kind == Kind::kStr)
    out += " ON DELETE " + d->text;
  if (const PyValue* u = c.kwarg("onupdate"); u && u->kind == Kind::kStr)
    out += " ON UPDATE " + u->text;
  if (const PyValue* d = c.kwarg("deferrable"); d && d->kind == Kind::kBool)
    out += d->boolean ? " DEFERRABLE" : " NOT DEFERRABLE";
  if (const PyValue* i = c.kwarg("initially"); i && i->kind == Kind::kStr)
    out += " INITIALLY " + i->text;
  return out;
}

/// "schema.table.column" / "table.column" of a ForeignKey target.
bool split_ref(const std::string& ref, std::string& schema, std::string& table,
               std::string& column) {
  size_t last = ref.rfind('.');
  if (last == std::string::npos) return false;
  column = ref.substr(last + 1);
  std::string rest = ref.substr(0, last);
  size_t dot = rest.rfind('.');
  if (dot == std::string::npos) {
    table = rest;
    schema.clear();
  } else {
    table = rest.substr(dot + 1);
    schema = rest.substr(0, dot);
  }
  return true;
}

struct ColumnParts {
  std::string name;
  std::string spec;                      ///< "name TYPE [DEFAULT ..] [NOT NULL]"
  std::vector<std::string> constraints;  ///< table-level clauses this column implies
  std::vector<OpStatement> before;       ///< CREATE TYPE for enums
  std::vector<OpStatement> after;        ///< CREATE INDEX, COMMENT ON COLUMN
  bool primary_key = false;
};

/// Renders a sa.Column. `in_pk` is whether a table PrimaryKeyConstraint names
/// it; `serial` whether SQLAlchemy makes it the SERIAL autoincrement column.
bool render_column(const PyValue& col, const std::string& table, const std::string& schema,
                   bool in_pk, bool serial, bool create_enums, ColumnParts& out, std::string& why) {
  if (!col.is_call("Column")) {
    why = "a table element that is not a literal sa.Column";
    return false;
  }
  out.name = str_arg(col, 0, "name");
  if (out.name.empty()) {
    why = "a sa.Column without a literal name";
    return false;
  }
  const PyValue* type = col.items.size() > 1 ? &col.items[1] : col.kwarg("type_");
  SqlType t;
  std::vector<const PyValue*> extras;  // ForeignKey, Identity, Computed
  for (size_t i = 2; i < col.items.size(); ++i) extras.push_back(&col.items[i]);
  if (type && (type->is_call("ForeignKey") || type->is_call("Identity"))) {
    extras.insert(extras.begin(), type);
    type = nullptr;
  }
  if (!type) {
    why = "a sa.Column without a type (taken from a foreign key) is not modelled";
    return false;
  }
  if (!render_sa_type(*type, t, why)) return false;
  out.primary_key = PyValue::truthy(col.kwarg("primary_key")) || in_pk;
  const PyValue* nullable = col.kwarg("nullable");
  bool not_null = nullable ? !PyValue::truthy(nullable) : out.primary_key;
  std::string sql_type = t.sql;
  if (serial) {
    sql_type = t.base == "BigInteger" || t.base == "BIGINT"       ? "BIGSERIAL"
               : t.base == "SmallInteger" || t.base == "SMALLINT" ? "SMALLSERIAL"
                                                                  : "SERIAL";
  }
  out.spec = quote_ident(out.name) + " " + sql_type;
  if (const PyValue* d = col.kwarg("server_default"); d && !d->is_none()) {
    std::string expr;
    if (!sql_expression(*d, expr, true)) {
      why = "a server_default that is not a string, sa.text() or sa.func call";
      return false;
    }
    out.spec += " DEFAULT " + expr;
  }
  bool identity = false;  // SQLAlchemy's PostgreSQL DDL leaves NOT NULL implied by IDENTITY
  for (const PyValue* e : extras) {
    if (e->is_call("Identity")) {
      identity = true;
      bool always = PyValue::truthy(e->kwarg("always"));
      out.spec += always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
      std::string opts;
      if (const PyValue* s = e->kwarg("start"); s && s->kind == Kind::kInt)
        opts += "START WITH " + std::to_string(s->integer);
      if (const PyValue* s = e->kwarg("increment"); s && s->kind == Kind::kInt)
        opts +=
            (opts.empty() ? "" : " ") + std::string("INCREMENT BY ") + std::to_string(s->integer);
      if (!opts.empty()) out.spec += " (" + opts + ")";
    } else if (e->is_call("Computed")) {
      std::string expr;
      if (e->items.empty() || !sql_expression(e->items[0], expr, false)) {
        why = "a sa.Computed without a literal expression";
        return false;
      }
      out.spec += " GENERATED ALWAYS AS (" + expr + ") STORED";
    } else if (e->is_call("ForeignKey")) {
      std::string ref = str_arg(*e, 0, "column"), rs, rt, rc;
      if (!split_ref(ref, rs, rt, rc)) {
        why = "a sa.ForeignKey whose target is not a 'table.column' literal";
        return false;
      }
      std::string clause;
      if (std::string n = name_value(e->kwarg("name")); !n.empty())
        clause = "CONSTRAINT " + quote_ident(n) + " ";
      clause += "FOREIGN KEY(" + quote_ident(out.name) + ") REFERENCES " + qualified(rs, rt) +
                " (" + quote_ident(rc) + ")" + fk_action_sql(*e);
      out.constraints.push_back(clause);
    } else {
      why = "a sa.Column argument " + e->text + " is not modelled";
      return false;
    }
  }
  if (not_null && !identity) out.spec += " NOT NULL";
  bool index = PyValue::truthy(col.kwarg("index"));
  bool unique = PyValue::truthy(col.kwarg("unique"));
  if (unique && !index) out.constraints.push_back("UNIQUE (" + quote_ident(out.name) + ")");
  if (index) {
    out.after.push_back({std::string(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                             quote_ident("ix_" + table + "_" + out.name) + " ON " +
                             qualified(schema, table) + " (" + quote_ident(out.name) + ")",
                         {}});
  }
  if (const PyValue* c = col.kwarg("comment"); c && c->kind == Kind::kStr) {
    out.after.push_back({"COMMENT ON COLUMN " + qualified(schema, table) + "." +
                             quote_ident(out.name) + " IS " + sql_string_literal(c->text),
                         {}});
  }
  if (create_enums) {
    for (const auto& e : t.enums) {
      if (!e.create) continue;
      std::string labels;
      for (const auto& l : e.labels) labels += (labels.empty() ? "" : ", ") + sql_string_literal(l);
      out.before.push_back(
          {"CREATE TYPE " + qualified(e.schema, e.name) + " AS ENUM (" + labels + ")", {}});
    }
  }
  return true;
}

bool is_integer_column(const PyValue& col) {
  const PyValue* type = col.items.size() > 1 ? &col.items[1] : col.kwarg("type_");
  if (!type) return false;
  SqlType t;
  std::string why;
  return render_sa_type(*type, t, why) && t.integer;
}

/// SQLAlchemy's autoincrement column: the single integer primary key column
/// with autoincrement not False, no server default, no foreign key, no identity.
bool serial_candidate(const PyValue& col) {
  if (const PyValue* a = col.kwarg("autoincrement"); a && a->kind == Kind::kBool && !a->boolean)
    return false;
  if (const PyValue* d = col.kwarg("server_default"); d && !d->is_none()) return false;
  for (size_t i = 1; i < col.items.size(); ++i)
    if (col.items[i].is_call("ForeignKey") || col.items[i].is_call("Identity")) return false;
  return is_integer_column(col);
}

OpTranslation unknown(std::string why) {
  OpTranslation t;
  t.unknown = std::move(why);
  return t;
}

std::string schema_kw(const PyValue& call) {
  const PyValue* s = call.kwarg("schema");
  return s && s->kind == Kind::kStr ? s->text : std::string();
}

OpTranslation create_table(const PyValue& call) {
  std::string table = name_value(call.arg(0, "table_name"));
  if (table.empty()) return unknown("op.create_table without a literal table name");
  std::string schema = schema_kw(call);
  // Which columns form the primary key.
  std::vector<std::string> pk_columns;
  std::string pk_name;
  bool pk_constraint = false;
  for (size_t i = 1; i < call.items.size(); ++i) {
    const PyValue& e = call.items[i];
    if (e.is_call("PrimaryKeyConstraint")) {
      pk_constraint = true;
      for (const auto& c : e.items)
        if (c.kind == Kind::kStr) pk_columns.push_back(c.text);
      pk_name = name_value(e.kwarg("name"));
    }
  }
  std::vector<const PyValue*> columns;
  for (size_t i = 1; i < call.items.size(); ++i) {
    const PyValue& e = call.items[i];
    if (!e.is_call("Column")) continue;
    columns.push_back(&e);
    if (!pk_constraint && PyValue::truthy(e.kwarg("primary_key")))
      pk_columns.push_back(str_arg(e, 0, "name"));
  }
  std::string serial_column;
  if (pk_columns.size() == 1) {
    for (const PyValue* c : columns)
      if (str_arg(*c, 0, "name") == pk_columns[0] && serial_candidate(*c))
        serial_column = pk_columns[0];
  }
  OpTranslation out;
  std::vector<std::string> lines, constraints;
  std::vector<OpStatement> after;
  for (const PyValue* c : columns) {
    std::string name = str_arg(*c, 0, "name");
    bool in_pk = std::find(pk_columns.begin(), pk_columns.end(), name) != pk_columns.end();
    ColumnParts parts;
    std::string why;
    if (!render_column(*c, table, schema, in_pk, name == serial_column && !name.empty(), true,
                       parts, why))
      return unknown(why);
    lines.push_back(parts.spec);
    for (auto& s : parts.before) out.statements.push_back(std::move(s));
    for (auto& s : parts.constraints) constraints.push_back(std::move(s));
    for (auto& s : parts.after) after.push_back(std::move(s));
  }
  if (!pk_columns.empty()) {
    std::string clause = pk_name.empty() ? "" : "CONSTRAINT " + quote_ident(pk_name) + " ";
    lines.push_back(clause + "PRIMARY KEY (" + join_idents(pk_columns) + ")");
  }
  for (auto& c : constraints) lines.push_back(std::move(c));
  for (size_t i = 1; i < call.items.size(); ++i) {
    const PyValue& e = call.items[i];
    if (e.is_call("Column") || e.is_call("PrimaryKeyConstraint")) continue;
    std::string prefix;
    if (std::string n = name_value(e.kwarg("name")); !n.empty())
      prefix = "CONSTRAINT " + quote_ident(n) + " ";
    if (e.is_call("UniqueConstraint")) {
      std::vector<std::string> cols;
      for (const auto& c : e.items)
        if (c.kind == Kind::kStr) cols.push_back(c.text);
      lines.push_back(prefix + "UNIQUE (" + join_idents(cols) + ")");
    } else if (e.is_call("ForeignKeyConstraint")) {
      std::vector<std::string> cols, refs, ref_cols;
      if (!string_list(e.arg(0, "columns"), cols) || !string_list(e.arg(1, "refcolumns"), refs))
        return unknown("a sa.ForeignKeyConstraint without literal column lists");
      std::string rs, rt, rc;
      for (const auto& r : refs) {
        if (!split_ref(r, rs, rt, rc))
          return unknown("a foreign key target that is not 'table.column'");
        ref_cols.push_back(rc);
      }
      lines.push_back(prefix + "FOREIGN KEY(" + join_idents(cols) + ") REFERENCES " +
                      qualified(rs, rt) + " (" + join_idents(ref_cols) + ")" + fk_action_sql(e));
    } else if (e.is_call("CheckConstraint")) {
      std::string expr;
      if (e.items.empty() || !sql_expression(e.items[0], expr, false))
        return unknown("a sa.CheckConstraint without a literal condition");
      lines.push_back(prefix + "CHECK (" + expr + ")");
    } else if (e.is_call("Index")) {
      // Rendered after the table, below.
    } else {
      return unknown("a create_table element " + e.text + " is not modelled");
    }
  }
  std::string sql = "CREATE TABLE " + qualified(schema, table) + " (\n";
  for (size_t i = 0; i < lines.size(); ++i)
    sql += "    " + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  sql += ")";
  out.statements.push_back({sql, {}});
  for (size_t i = 1; i < call.items.size(); ++i) {
    const PyValue& e = call.items[i];
    if (!e.is_call("Index")) continue;
    std::string name = name_value(e.arg(0, "name"));
    std::vector<std::string> cols;
    for (size_t k = 1; k < e.items.size(); ++k)
      if (e.items[k].kind == Kind::kStr) cols.push_back(e.items[k].text);
    if (name.empty() || cols.empty()) return unknown("a sa.Index without literal name and columns");
    out.statements.push_back(
        {std::string(PyValue::truthy(e.kwarg("unique")) ? "CREATE UNIQUE INDEX "
                                                        : "CREATE INDEX ") +
             quote_ident(name) + " ON " + qualified(schema, table) + " (" + join_idents(cols) + ")",
         {}});
  }
  if (const PyValue* c = call.kwarg("comment"); c && c->kind == Kind::kStr)
    out.statements.push_back(
        {"COMMENT ON TABLE " + qualified(schema, table) + " IS " + sql_string_literal(c->text),
         {}});
  for (auto& s : after) out.statements.push_back(std::move(s));
  return out;
}

OpTranslation add_column(const PyValue& call, const BatchTarget* batch) {
  std::string table = batch ? batch->table : name_value(call.arg(0, "table_name"));
  std::string schema = batch ? batch->schema : schema_kw(call);
  const PyValue* col = batch ? call.arg(0, "column") : call.arg(1, "column");
  if (table.empty() || !col) return unknown("add_column without a literal table and sa.Column");
  ColumnParts parts;
  std::string why;
  bool serial = PyValue::truthy(col->kwarg("primary_key")) && serial_candidate(*col);
  if (!render_column(*col, table, schema, false, serial, false, parts, why)) return unknown(why);
  OpTranslation out;
  out.statements.push_back(
      {"ALTER TABLE " + qualified(schema, table) + " ADD COLUMN " + parts.spec, {}});
  for (const auto& c : parts.constraints)
    out.statements.push_back({"ALTER TABLE " + qualified(schema, table) + " ADD " + c, {}});
  for (auto& s : parts.after) out.statements.push_back(std::move(s));
  return out;
}

OpTranslation alter_column(const PyValue& call, const BatchTarget* batch) {
  std::string table = batch ? batch->table : name_value(call.arg(0, "table_name"));
  std::string column =
      batch ? name_value(call.arg(0, "column_name")) : name_value(call.arg(1, "column_name"));
  std::string schema = batch ? batch->schema : schema_kw(call);
  if (table.empty() || column.empty())
    return unknown("alter_column without literal table and column names");
  std::string prefix = "ALTER TABLE " + qualified(schema, table) + " ";
  OpTranslation out;
  if (const PyValue* t = call.kwarg("type_"); t && !t->is_none()) {
    SqlType type;
    std::string why;
    if (!render_sa_type(*t, type, why)) return unknown(why);
    std::string sql = prefix + "ALTER COLUMN " + quote_ident(column) + " TYPE " + type.sql;
    if (const PyValue* u = call.kwarg("postgresql_using"); u && !u->is_none()) {
      std::string expr;
      if (!sql_expression(*u, expr, false))
        return unknown("a postgresql_using that is not a literal");
      sql += " USING " + expr;
    }
    out.statements.push_back({sql, {}});
  }
  if (const PyValue* n = call.kwarg("nullable"); n && !n->is_none()) {
    out.statements.push_back({prefix + "ALTER COLUMN " + quote_ident(column) +
                                  (PyValue::truthy(n) ? " DROP NOT NULL" : " SET NOT NULL"),
                              {}});
  }
  if (const PyValue* d = call.kwarg("server_default");
      d && !(d->kind == Kind::kBool && !d->boolean)) {
    if (d->is_none()) {
      out.statements.push_back(
          {prefix + "ALTER COLUMN " + quote_ident(column) + " DROP DEFAULT", {}});
    } else {
      std::string expr;
      if (!sql_expression(*d, expr, true)) return unknown("a server_default that is not a literal");
      out.statements.push_back(
          {prefix + "ALTER COLUMN " + quote_ident(column) + " SET DEFAULT " + expr, {}});
    }
  }
  if (const PyValue* c = call.kwarg("comment"); c && !(c->kind == Kind::kBool && !c->boolean)) {
    out.statements.push_back(
        {"COMMENT ON COLUMN " + qualified(schema, table) + "." + quote_ident(column) + " IS " +
             (c->is_none() ? std::string("NULL") : sql_string_literal(c->text)),
         {}});
  }
  if (std::string n = name_value(call.kwarg("new_column_name")); !n.empty()) {
    out.statements.push_back(
        {prefix + "RENAME " + quote_ident(column) + " TO " + quote_ident(n), {}});
  }
  return out;
}

OpTranslation create_index(const PyValue& call, const BatchTarget* batch,
                           const AlembicVersion& version) {
  std::string name = name_value(call.arg(0, "index_name"));
  std::string table = batch ? batch->table : name_value(call.arg(1, "table_name"));
  const PyValue* cols = batch ? call.arg(1, "columns") : call.arg(2, "columns");
  std::string schema = batch ? batch->schema : schema_kw(call);
  if (name.empty() || table.empty() || !cols)
    return unknown("create_index without literal name, table and columns");
  std::vector<std::string> parts;
  auto add = [&](const PyValue& c) {
    if (c.kind == Kind::kStr) {
      parts.push_back(quote_ident(c.text));
      return true;
    }
    std::string expr;
    if (!sql_expression(c, expr, false)) return false;
    parts.push_back(expr);
    return true;
  };
  if (cols->is_sequence()) {
    for (const auto& c : cols->items)
      if (!add(c)) return unknown("an index column that is not a name or sa.text()");
  } else if (!add(*cols)) {
    return unknown("an index column that is not a name or sa.text()");
  }
  std::string sql =
      PyValue::truthy(call.kwarg("unique")) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  if (PyValue::truthy(call.kwarg("postgresql_concurrently"))) sql += "CONCURRENTLY ";
  if (version.renders_index_if_exists() && PyValue::truthy(call.kwarg("if_not_exists")))
    sql += "IF NOT EXISTS ";
  sql += quote_ident(name) + " ON " + qualified(schema, table);
  if (const PyValue* u = call.kwarg("postgresql_using"); u && u->kind == Kind::kStr)
    sql += " USING " + u->text;
  std::string joined;
  for (const auto& p : parts) joined += (joined.empty() ? "" : ", ") + p;
  sql += " (" + joined + ")";
  if (const PyValue* w = call.kwarg("postgresql_where"); w && !w->is_none()) {
    std::string expr;
    if (!sql_expression(*w, expr, false))
      return unknown("a postgresql_where that is not sa.text()");
    sql += " WHERE " + expr;
  }
  OpTranslation out;
  out.statements.push_back({sql, {}});
  return out;
}

OpTranslation simple(std::string sql) {
  OpTranslation out;
  out.statements.push_back({std::move(sql), {}});
  return out;
}

std::string value_sql(const PyValue& v, bool& ok) {
  switch (v.kind) {
    case Kind::kNone:
      return "NULL";
    case Kind::kBool:
      return v.boolean ? "true" : "false";
    case Kind::kInt:
      return std::to_string(v.integer);
    case Kind::kFloat:
      return v.text;
    case Kind::kStr:
      return sql_string_literal(v.text);
    default:
      ok = false;
      return {};
  }
}

OpTranslation bulk_insert(const PyValue& call) {
  const PyValue* table = call.arg(0, "table");
  const PyValue* rows = call.arg(1, "rows");
  if (!table || !rows || !rows->is_sequence())
    return unknown("bulk_insert without a table and a literal list of rows");
  std::string name, schema;
  if (table->is_call("create_table") || table->is_call("table") || table->is_call("Table")) {
    name = name_value(table->arg(0, "name"));
    schema = schema_kw(*table);
  }
  if (name.empty())
    return unknown("bulk_insert into a table that is not op.create_table(...) or sa.table(...)");
  OpTranslation out;
  for (const auto& row : rows->items) {
    if (row.kind != Kind::kDict) return unknown("bulk_insert rows that are not dict literals");
    std::vector<std::string> cols;
    std::string values;
    for (size_t i = 0; i + 1 < row.items.size(); i += 2) {
      if (row.items[i].kind != Kind::kStr)
        return unknown("a bulk_insert row key that is not a string");
      cols.push_back(row.items[i].text);
      bool ok = true;
      values += (values.empty() ? "" : ", ") + value_sql(row.items[i + 1], ok);
      if (!ok) return unknown("a bulk_insert value that is not a literal");
    }
    out.statements.push_back({"INSERT INTO " + qualified(schema, name) + " (" + join_idents(cols) +
                                  ") VALUES (" + values + ")",
                              {}});
  }
  return out;
}

}  // namespace

OpTranslation translate_enum_create(const PyValue& type, bool checkfirst) {
  SqlType t;
  std::string why;
  if (!render_sa_type(type, t, why)) return unknown(why);
  if (t.enums.empty()) return unknown("create() on a type that is not an enum");
  const EnumType& e = t.enums.front();
  std::string labels;
  for (const auto& l : e.labels) labels += (labels.empty() ? "" : ", ") + sql_string_literal(l);
  OpTranslation out;
  OpStatement s{"CREATE TYPE " + qualified(e.schema, e.name) + " AS ENUM (" + labels + ")", {}};
  if (checkfirst) s.only_if_type_missing = (e.schema.empty() ? "" : e.schema + ".") + e.name;
  out.statements.push_back(std::move(s));
  return out;
}

OpTranslation translate_op(const PyValue& call, const BatchTarget* batch,
                           const AlembicVersion& version) {
  std::string op(call.short_name());
  std::string schema = batch ? batch->schema : schema_kw(call);
  if (op == "execute") {
    const PyValue* sql = call.arg(0, "sqltext");
    std::string text;
    if (!sql || !sql_expression(*sql, text, false))
      return unknown("op.execute of something other than a SQL string or sa.text()");
    return simple(text);
  }
  // Newer Alembic releases read these on table and column operations too; what
  // a given release renders (or whether it accepts them) is not modelled.
  if ((op == "create_table" || op == "drop_table" || op == "add_column" || op == "drop_column") &&
      (PyValue::truthy(call.kwarg("if_exists")) || PyValue::truthy(call.kwarg("if_not_exists"))))
    return unknown(
        "op." + op +
        " with if_exists/if_not_exists: what Alembic renders for it depends on its release");
  if (op == "create_table" && !batch) return create_table(call);
  if (op == "add_column") return add_column(call, batch);
  if (op == "alter_column") return alter_column(call, batch);
  if (op == "create_index") return create_index(call, batch, version);
  if (op == "bulk_insert" && !batch) return bulk_insert(call);
  if (op == "drop_table" && !batch) {
    std::string t = name_value(call.arg(0, "table_name"));
    if (t.empty()) return unknown("drop_table without a literal table name");
    return simple("DROP TABLE " + qualified(schema, t));
  }
  if (op == "drop_column") {
    std::string t = batch ? batch->table : name_value(call.arg(0, "table_name"));
    std::string c =
        batch ? name_value(call.arg(0, "column_name")) : name_value(call.arg(1, "column_name"));
    if (t.empty() || c.empty())
      return unknown("drop_column without literal table and column names");
    return simple("ALTER TABLE " + qualified(schema, t) + " DROP COLUMN " + quote_ident(c));
  }
  if (op == "drop_index") {
    std::string n = name_value(call.arg(0, "index_name"));
    if (n.empty()) return unknown("drop_index without a literal index name");
    std::string sql = "DROP INDEX ";
    if (PyValue::truthy(call.kwarg("postgresql_concurrently"))) sql += "CONCURRENTLY ";
    if (version.renders_index_if_exists() && PyValue::truthy(call.kwarg("if_exists")))
      sql += "IF EXISTS ";
    return simple(sql + qualified(schema, n));
  }
  if (op == "rename_table" && !batch) {
    std::string from = name_value(call.arg(0, "old_table_name"));
    std::string to = name_value(call.arg(1, "new_table_name"));
    if (from.empty() || to.empty()) return unknown("rename_table without literal names");
    return simple("ALTER TABLE " + qualified(schema, from) + " RENAME TO " + quote_ident(to));
  }
  if (op == "create_table_comment" && !batch) {
    std::string t = name_value(call.arg(0, "table_name"));
    const PyValue* c = call.arg(1, "comment");
    if (t.empty() || !c || c->kind != Kind::kStr)
      return unknown("create_table_comment without literals");
    return simple("COMMENT ON TABLE " + qualified(schema, t) + " IS " +
                  sql_string_literal(c->text));
  }
  if (op == "drop_constraint") {
    std::string n = name_value(call.arg(0, "constraint_name"));
    std::string t = batch ? batch->table : name_value(call.arg(1, "table_name"));
    if (n.empty() || t.empty()) return unknown("drop_constraint without literal names");
    return simple("ALTER TABLE " + qualified(schema, t) + " DROP CONSTRAINT " + quote_ident(n));
  }
  if (op == "create_unique_constraint" || op == "create_primary_key") {
    std::string n = name_value(call.arg(0, "constraint_name"));
    std::string t = batch ? batch->table : name_value(call.arg(1, "table_name"));
    std::vector<std::string> cols;
    if (t.empty() || !string_list(batch ? call.arg(1, "columns") : call.arg(2, "columns"), cols))
      return unknown(op + " without literal table and columns");
    std::string prefix = n.empty() ? "" : "CONSTRAINT " + quote_ident(n) + " ";
    return simple("ALTER TABLE " + qualified(schema, t) + " ADD " + prefix +
                  (op == "create_primary_key" ? "PRIMARY KEY (" : "UNIQUE (") + join_idents(cols) +
                  ")");
  }
  if (op == "create_check_constraint") {
    std::string n = name_value(call.arg(0, "constraint_name"));
    std::string t = batch ? batch->table : name_value(call.arg(1, "table_name"));
    const PyValue* cond = batch ? call.arg(1, "condition") : call.arg(2, "condition");
    std::string expr;
    if (t.empty() || !cond || !sql_expression(*cond, expr, false))
      return unknown("create_check_constraint without a literal condition");
    std::string prefix = n.empty() ? "" : "CONSTRAINT " + quote_ident(n) + " ";
    return simple("ALTER TABLE " + qualified(schema, t) + " ADD " + prefix + "CHECK (" + expr +
                  ")");
  }
  if (op == "create_foreign_key") {
    std::string n = name_value(call.arg(0, "constraint_name"));
    std::string source = batch ? batch->table : name_value(call.arg(1, "source_table"));
    std::string referent =
        name_value(batch ? call.arg(1, "referent_table") : call.arg(2, "referent_table"));
    std::vector<std::string> local, remote;
    if (source.empty() || referent.empty() ||
        !string_list(batch ? call.arg(2, "local_cols") : call.arg(3, "local_cols"), local) ||
        !string_list(batch ? call.arg(3, "remote_cols") : call.arg(4, "remote_cols"), remote))
      return unknown("create_foreign_key without literal tables and columns");
    std::string source_schema = batch ? batch->schema : str_arg(call, 99, "source_schema");
    std::string referent_schema = str_arg(call, 99, "referent_schema");
    std::string prefix = n.empty() ? "" : "CONSTRAINT " + quote_ident(n) + " ";
    return simple("ALTER TABLE " + qualified(source_schema, source) + " ADD " + prefix +
                  "FOREIGN KEY(" + join_idents(local) + ") REFERENCES " +
                  qualified(referent_schema, referent) + " (" + join_idents(remote) + ")" +
                  fk_action_sql(call));
  }
  return unknown("the Alembic operation " + call.text + " is not modelled");
}

}  // namespace migsim
