#include "planner/alembic/inspector.h"

#include <algorithm>

namespace migsim {
namespace {

using Kind = PyValue::Kind;

PyValue boolean(bool b) {
  PyValue v;
  v.kind = Kind::kBool;
  v.boolean = b;
  return v;
}

PyValue list(std::vector<PyValue> items, Kind kind = Kind::kList) {
  PyValue v;
  v.kind = kind;
  v.items = std::move(items);
  return v;
}

PyValue str_list(const std::vector<std::string>& names) {
  std::vector<PyValue> items;
  for (const auto& n : names) items.push_back(PyValue::str(n));
  return list(std::move(items));
}

/// A dict literal from key/value pairs.
PyValue dict(std::vector<std::pair<std::string, PyValue>> kv) {
  PyValue v;
  v.kind = Kind::kDict;
  for (auto& [k, val] : kv) {
    v.items.push_back(PyValue::str(k));
    v.items.push_back(std::move(val));
  }
  return v;
}

PyValue str_or_none(const std::string& s) {
  return s.empty() ? PyValue::none() : PyValue::str(s);
}

/// Argument `index` or keyword `name` as a string; empty when absent or None.
bool string_arg(const std::vector<PyValue>& args,
                const std::vector<std::pair<std::string, PyValue>>& kwargs, size_t index,
                const std::string& name, std::string& out, std::string& why) {
  const PyValue* v = nullptr;
  if (index < args.size()) v = &args[index];
  for (const auto& [k, val] : kwargs)
    if (k == name) v = &val;
  if (!v || v->is_none()) return true;
  if (v->kind != Kind::kStr) {
    why = v->kind == Kind::kUnknown ? v->text : "inspector argument '" + name + "' is not a string";
    return false;
  }
  out = v->text;
  return true;
}

bool is_reflected_table(const Relation& r) {
  return r.kind == RelKind::kTable || r.kind == RelKind::kPartitionedTable ||
         r.kind == RelKind::kForeignTable || r.kind == RelKind::kView ||
         r.kind == RelKind::kMaterializedView;
}

std::string fk_action(char c) {
  switch (c) {
    case 'r':
      return "RESTRICT";
    case 'c':
      return "CASCADE";
    case 'n':
      return "SET NULL";
    case 'd':
      return "SET DEFAULT";
    default:
      return "";
  }
}

}  // namespace

PyValue inspector_call(const Catalog& catalog, const std::string& method,
                       const std::vector<PyValue>& args,
                       const std::vector<std::pair<std::string, PyValue>>& kwargs) {
  std::string why, schema;
  if (!string_arg(args, kwargs, 99, "schema", schema, why)) return PyValue::unknown(why);
  std::string default_schema = catalog.creation_schema();
  if (schema.empty()) schema = default_schema.empty() ? "public" : default_schema;

  if (method == "get_schema_names") {
    std::vector<std::string> names;
    for (const auto& [k, s] : catalog.schemas.all())
      if (s.name.rfind("pg_", 0) != 0 && s.name != "information_schema") names.push_back(s.name);
    std::sort(names.begin(), names.end());
    return str_list(names);
  }
  if (method == "has_schema") {
    std::string name;
    if (!string_arg(args, kwargs, 0, "schema_name", name, why)) return PyValue::unknown(why);
    return boolean(catalog.schemas.find(name) != nullptr);
  }
  if (method == "get_table_names" || method == "get_view_names" || method == "get_sequence_names" ||
      method == "get_materialized_view_names") {
    // A positional schema comes first for these.
    if (!args.empty() && !string_arg(args, kwargs, 0, "schema", schema, why))
      return PyValue::unknown(why);
    std::vector<std::string> names;
    for (const Relation* r : catalog.relations_in(schema)) {
      bool match = method == "get_table_names"
                       ? (r->kind == RelKind::kTable || r->kind == RelKind::kPartitionedTable)
                   : method == "get_view_names"     ? r->kind == RelKind::kView
                   : method == "get_sequence_names" ? r->kind == RelKind::kSequence
                                                    : r->kind == RelKind::kMaterializedView;
      if (match) names.push_back(r->name);
    }
    return str_list(names);
  }
  if (method == "get_enums") {
    std::vector<PyValue> out;
    for (const std::string& k : catalog.types.sorted_keys()) {
      const TypeDef& t = *catalog.types.find(k);
      if (t.kind != TypeDef::Kind::kEnum) continue;
      if (!args.empty() || schema != "*") {
        std::string want = schema;
        if (want != "*" && t.schema != want) continue;
      }
      out.push_back(dict({{"name", PyValue::str(t.name)},
                          {"schema", PyValue::str(t.schema)},
                          {"visible", boolean(catalog.schema_visible(t.schema))},
                          {"labels", str_list(t.labels)}}));
    }
    return list(std::move(out));
  }

  // Methods on one table.
  std::string table;
  if (!string_arg(args, kwargs, 0, "table_name", table, why)) return PyValue::unknown(why);
  if (table.empty()) return PyValue::unknown("inspector." + method + "() without a table name");
  size_t schema_pos = method == "has_index" ? 2 : 1;
  if (args.size() > schema_pos) {
    std::string positional;
    if (!string_arg(args, {}, schema_pos, "schema", positional, why)) return PyValue::unknown(why);
    if (!positional.empty()) schema = positional;
  }
  const Relation* rel = catalog.relation(schema, table);
  if (method == "has_table") {
    // SQLAlchemy 2.0 counts tables, views and foreign tables; 1.4 (Debian 12)
    // any relation of that name, an index or a sequence too.
    if (rel && !is_reflected_table(*rel))
      return PyValue::unknown("inspector.has_table('" + table + "'): " +
                              std::string(relkind_word(rel->kind)) + " " + schema + "." + table +
                              " has that name, which SQLAlchemy 1.4 counts as a table and 2.0 "
                              "does not");
    return boolean(rel != nullptr);
  }
  if (method == "has_sequence") return boolean(rel && rel->kind == RelKind::kSequence);
  if (method == "has_index") {
    std::string index;
    if (!string_arg(args, kwargs, 1, "index_name", index, why)) return PyValue::unknown(why);
    const Relation* ix = catalog.relation(schema, index);
    return boolean(ix && ix->kind == RelKind::kIndex && ix->index->table == table);
  }
  if (!rel || !is_reflected_table(*rel))
    return PyValue::unknown("SQLAlchemy raises NoSuchTableError: " +
                            (schema == default_schema ? table : schema + "." + table));

  if (method == "get_columns") {
    std::vector<PyValue> out;
    for (const Column& c : rel->columns) {
      out.push_back(dict(
          {{"name", PyValue::str(c.name)},
           {"type", PyValue::str(c.type)},
           {"nullable", boolean(!c.not_null)},
           {"default", str_or_none(c.default_expr)},
           {"autoincrement", boolean(c.identity != 0 || c.default_expr.rfind("nextval(", 0) == 0)},
           {"comment", str_or_none(c.extras->comment)}}));
    }
    return list(std::move(out));
  }
  if (method == "get_pk_constraint") {
    for (const Constraint& k : rel->constraints)
      if (k.kind == Constraint::Kind::kPrimaryKey)
        return dict({{"constrained_columns", str_list(k.columns)}, {"name", PyValue::str(k.name)}});
    return dict({{"constrained_columns", list({})}, {"name", PyValue::none()}});
  }
  if (method == "get_unique_constraints" || method == "get_check_constraints" ||
      method == "get_foreign_keys") {
    Constraint::Kind want = method == "get_unique_constraints"  ? Constraint::Kind::kUnique
                            : method == "get_check_constraints" ? Constraint::Kind::kCheck
                                                                : Constraint::Kind::kForeignKey;
    std::vector<const Constraint*> found;
    for (const Constraint& k : rel->constraints)
      if (k.kind == want) found.push_back(&k);
    std::sort(found.begin(), found.end(),
              [](const Constraint* a, const Constraint* b) { return a->name < b->name; });
    std::vector<PyValue> out;
    for (const Constraint* k : found) {
      if (want == Constraint::Kind::kUnique) {
        out.push_back(
            dict({{"name", PyValue::str(k->name)}, {"column_names", str_list(k->columns)}}));
      } else if (want == Constraint::Kind::kCheck) {
        out.push_back(
            dict({{"name", PyValue::str(k->name)}, {"sqltext", PyValue::str(k->expression)}}));
      } else {
        std::vector<std::pair<std::string, PyValue>> options;
        if (!fk_action(k->on_delete).empty())
          options.emplace_back("ondelete", PyValue::str(fk_action(k->on_delete)));
        if (!fk_action(k->on_update).empty())
          options.emplace_back("onupdate", PyValue::str(fk_action(k->on_update)));
        if (k->deferrable) options.emplace_back("deferrable", boolean(true));
        if (k->deferred) options.emplace_back("initially", PyValue::str("DEFERRED"));
        // SQLAlchemy names the referred schema only when it is not the connection's default.
        PyValue ref_schema =
            k->ref_schema == default_schema ? PyValue::none() : PyValue::str(k->ref_schema);
        out.push_back(dict({{"name", PyValue::str(k->name)},
                            {"constrained_columns", str_list(k->columns)},
                            {"referred_schema", ref_schema},
                            {"referred_table", PyValue::str(k->ref_table)},
                            {"referred_columns", str_list(k->ref_columns)},
                            {"options", dict(std::move(options))}}));
      }
    }
    return list(std::move(out));
  }
  if (method == "get_indexes") {
    std::vector<PyValue> out;
    for (const Relation* ix : catalog.indexes_of(schema, table)) {
      if (ix->index->primary) continue;
      std::vector<PyValue> cols;
      for (const std::string& c : ix->index->keys) {
        if (rel->column(c))
          cols.push_back(PyValue::str(c));
        else
          cols.push_back(PyValue::none());
      }
      std::vector<std::pair<std::string, PyValue>> d = {{"name", PyValue::str(ix->name)},
                                                        {"column_names", list(std::move(cols))},
                                                        {"unique", boolean(ix->index->unique)}};
      if (!ix->index->constraint.empty())
        d.emplace_back("duplicates_constraint", PyValue::str(ix->index->constraint));
      out.push_back(dict(std::move(d)));
    }
    return list(std::move(out));
  }
  if (method == "get_table_comment") return dict({{"text", str_or_none(rel->comment)}});
  return PyValue::unknown("inspector." + method + "() is not modelled");
}

}  // namespace migsim
