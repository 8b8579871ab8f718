#include "planner/plpgsql/catalog_rows.h"

namespace migsim {

std::string namespace_oid(std::string_view schema) {
  return "n:" + std::string(schema);
}
std::string class_oid(std::string_view schema, std::string_view name) {
  return "c:" + std::string(schema) + "." + std::string(name);
}

namespace {

constexpr std::string_view kSystemSchemas[] = {"pg_catalog", "information_schema", "pg_toast"};

std::vector<std::string> all_schemas(const Catalog& c) {
  std::vector<std::string> out(std::begin(kSystemSchemas), std::end(kSystemSchemas));
  for (const auto& k : c.schemas.sorted_keys()) out.push_back(k);
  return out;
}

std::string info_table_type(RelKind k) {
  switch (k) {
    case RelKind::kTable:
    case RelKind::kPartitionedTable:
      return "BASE TABLE";
    case RelKind::kView:
      return "VIEW";
    case RelKind::kForeignTable:
      return "FOREIGN";
    default:
      return {};
  }
}

bool has_row_type(RelKind k) {
  return k != RelKind::kIndex && k != RelKind::kPartitionedIndex && k != RelKind::kSequence;
}

std::string constraint_type_word(Constraint::Kind k) {
  switch (k) {
    case Constraint::Kind::kPrimaryKey:
      return "PRIMARY KEY";
    case Constraint::Kind::kUnique:
      return "UNIQUE";
    case Constraint::Kind::kForeignKey:
      return "FOREIGN KEY";
    case Constraint::Kind::kCheck:
      return "CHECK";
    case Constraint::Kind::kExclusion:
      return {};
  }
  return {};
}

std::vector<const Relation*> all_relations(const Catalog& c) {
  std::vector<const Relation*> out;
  for (const auto& k : c.relations.sorted_keys()) out.push_back(c.relations.find(k));
  return out;
}

}  // namespace

bool catalog_rows(const Catalog& c, std::string_view schema, std::string_view name,
                  CatalogRows& out) {
  out = {};
  if (schema == "information_schema") {
    if (name == "schemata") {
      out.columns = {"catalog_name", "schema_name", "schema_owner"};
      for (const auto& s : all_schemas(c)) {
        const Schema* sc = c.schemas.find(s);
        out.rows.push_back({{"catalog_name", "postgres"},
                            {"schema_name", s},
                            {"schema_owner", sc ? sc->owner : "postgres"}});
      }
      return true;
    }
    if (name == "tables") {
      out.columns = {"table_schema", "table_name", "table_type"};
      for (const Relation* r : all_relations(c)) {
        std::string type = info_table_type(r->kind);
        if (type.empty()) continue;
        out.rows.push_back(
            {{"table_schema", r->schema}, {"table_name", r->name}, {"table_type", type}});
      }
      return true;
    }
    if (name == "columns") {
      out.columns = {"table_schema",     "table_name",  "column_name",
                     "ordinal_position", "is_nullable", "column_default"};
      for (const Relation* r : all_relations(c)) {
        if (info_table_type(r->kind).empty()) continue;
        int n = 0;
        for (const auto& col : r->columns) {
          out.rows.push_back({{"table_schema", r->schema},
                              {"table_name", r->name},
                              {"column_name", col.name},
                              {"ordinal_position", std::to_string(++n)},
                              {"is_nullable", col.not_null ? "NO" : "YES"},
                              {"column_default", col.default_expr}});
        }
      }
      return true;
    }
    if (name == "table_constraints") {
      out.columns = {"constraint_schema", "constraint_name", "table_schema", "table_name",
                     "constraint_type"};
      for (const Relation* r : all_relations(c)) {
        for (const auto& con : r->constraints) {
          std::string type = constraint_type_word(con.kind);
          if (type.empty()) continue;
          out.rows.push_back({{"constraint_schema", r->schema},
                              {"constraint_name", con.name},
                              {"table_schema", r->schema},
                              {"table_name", r->name},
                              {"constraint_type", type}});
        }
      }
      return true;
    }
    if (name == "key_column_usage") {
      out.columns = {"constraint_schema", "constraint_name", "table_schema",
                     "table_name",        "column_name",     "ordinal_position"};
      for (const Relation* r : all_relations(c)) {
        for (const auto& con : r->constraints) {
          if (con.kind != Constraint::Kind::kPrimaryKey && con.kind != Constraint::Kind::kUnique &&
              con.kind != Constraint::Kind::kForeignKey)
            continue;
          int n = 0;
          for (const auto& col : con.columns) {
            out.rows.push_back({{"constraint_schema", r->schema},
                                {"constraint_name", con.name},
                                {"table_schema", r->schema},
                                {"table_name", r->name},
                                {"column_name", col},
                                {"ordinal_position", std::to_string(++n)}});
          }
        }
      }
      return true;
    }
    if (name == "views" || name == "sequences") {
      bool views = name == "views";
      std::string sch = views ? "table_schema" : "sequence_schema";
      std::string nm = views ? "table_name" : "sequence_name";
      out.columns = {sch, nm};
      for (const Relation* r : all_relations(c))
        if (r->kind == (views ? RelKind::kView : RelKind::kSequence))
          out.rows.push_back({{sch, r->schema}, {nm, r->name}});
      return true;
    }
    if (name == "routines") {
      out.columns = {"routine_schema", "routine_name", "routine_type"};
      for (const auto& k : c.functions.sorted_keys()) {
        const Function* f = c.functions.find(k);
        out.rows.push_back({{"routine_schema", f->schema},
                            {"routine_name", f->name},
                            {"routine_type", f->kind == 'p' ? "PROCEDURE" : "FUNCTION"}});
      }
      return true;
    }
    return false;
  }
  if (schema != "pg_catalog") return false;
  if (name == "pg_index") {
    out.columns = {"indexrelid", "indrelid", "indisunique", "indisprimary"};
    for (const Relation* r : all_relations(c)) {
      if (r->kind != RelKind::kIndex && r->kind != RelKind::kPartitionedIndex) continue;
      out.rows.push_back({{"indexrelid", class_oid(r->schema, r->name)},
                          {"indrelid", class_oid(r->schema, r->index->table)},
                          {"indisunique", r->index->unique ? "t" : "f"},
                          {"indisprimary", r->index->primary ? "t" : "f"}});
    }
    return true;
  }
  if (name == "pg_namespace") {
    out.columns = {"oid", "nspname"};
    for (const auto& s : all_schemas(c))
      out.rows.push_back({{"oid", namespace_oid(s)}, {"nspname", s}});
    return true;
  }
  if (name == "pg_class") {
    out.columns = {"oid", "relname", "relnamespace", "relkind", "relpersistence"};
    for (const Relation* r : all_relations(c)) {
      out.rows.push_back({{"oid", class_oid(r->schema, r->name)},
                          {"relname", r->name},
                          {"relnamespace", namespace_oid(r->schema)},
                          {"relkind", std::string(1, static_cast<char>(r->kind))},
                          {"relpersistence", r->unlogged ? "u" : "p"}});
    }
    return true;
  }
  if (name == "pg_attribute") {
    out.columns = {"attrelid", "attname", "attnum", "attnotnull", "attisdropped"};
    for (const Relation* r : all_relations(c)) {
      int n = 0;
      for (const auto& col : r->columns) {
        out.rows.push_back({{"attrelid", class_oid(r->schema, r->name)},
                            {"attname", col.name},
                            {"attnum", std::to_string(++n)},
                            {"attnotnull", col.not_null ? "t" : "f"},
                            {"attisdropped", "f"}});
      }
    }
    return true;
  }
  if (name == "pg_constraint") {
    out.columns = {"conname", "connamespace", "contype", "conrelid"};
    for (const Relation* r : all_relations(c)) {
      for (const auto& con : r->constraints) {
        out.rows.push_back({{"conname", con.name},
                            {"connamespace", namespace_oid(r->schema)},
                            {"contype", std::string(1, static_cast<char>(con.kind))},
                            {"conrelid", class_oid(r->schema, r->name)}});
      }
    }
    return true;
  }
  if (name == "pg_indexes") {
    out.columns = {"schemaname", "tablename", "indexname"};
    for (const Relation* r : all_relations(c)) {
      if (r->kind != RelKind::kIndex && r->kind != RelKind::kPartitionedIndex) continue;
      out.rows.push_back(
          {{"schemaname", r->schema}, {"tablename", r->index->table}, {"indexname", r->name}});
    }
    return true;
  }
  if (name == "pg_tables" || name == "pg_views" || name == "pg_matviews" ||
      name == "pg_sequences") {
    RelKind want = name == "pg_views"       ? RelKind::kView
                   : name == "pg_matviews"  ? RelKind::kMaterializedView
                   : name == "pg_sequences" ? RelKind::kSequence
                                            : RelKind::kTable;
    std::string col = name == "pg_tables"     ? "tablename"
                      : name == "pg_views"    ? "viewname"
                      : name == "pg_matviews" ? "matviewname"
                                              : "sequencename";
    out.columns = {"schemaname", col};
    for (const Relation* r : all_relations(c)) {
      bool match =
          r->kind == want || (want == RelKind::kTable && r->kind == RelKind::kPartitionedTable);
      if (match) out.rows.push_back({{"schemaname", r->schema}, {col, r->name}});
    }
    return true;
  }
  if (name == "pg_type") {
    out.columns = {"oid", "typname", "typnamespace", "typtype"};
    std::string_view list = builtin_type_list();
    while (!list.empty()) {
      size_t sp = list.find(' ');
      std::string_view item = list.substr(0, sp);
      list = sp == std::string_view::npos ? std::string_view() : list.substr(sp + 1);
      size_t colon = item.find(':');
      if (colon == std::string_view::npos) continue;
      std::string n(item.substr(0, colon));
      out.rows.push_back({{"oid", "t:pg_catalog." + n},
                          {"typname", n},
                          {"typnamespace", namespace_oid("pg_catalog")},
                          {"typtype", std::string(item.substr(colon + 1))}});
    }
    auto add = [&](const std::string& s, const std::string& n, char type) {
      out.rows.push_back({{"oid", "t:" + s + "." + n},
                          {"typname", n},
                          {"typnamespace", namespace_oid(s)},
                          {"typtype", std::string(1, type)}});
      out.rows.push_back({{"oid", "t:" + s + "._" + n},
                          {"typname", "_" + n},
                          {"typnamespace", namespace_oid(s)},
                          {"typtype", "b"}});
    };
    for (const auto& k : c.types.sorted_keys()) {
      const TypeDef* t = c.types.find(k);
      add(t->schema, t->name, static_cast<char>(t->kind));
    }
    for (const Relation* r : all_relations(c))
      if (has_row_type(r->kind)) add(r->schema, r->name, 'c');
    return true;
  }
  if (name == "pg_extension") {
    out.columns = {"extname", "extversion"};
    // createdb installs plpgsql.
    if (!c.extensions.find("plpgsql"))
      out.rows.push_back({{"extname", "plpgsql"}, {"extversion", "1.0"}});
    for (const auto& k : c.extensions.sorted_keys()) {
      const Extension* e = c.extensions.find(k);
      out.rows.push_back({{"extname", e->name}, {"extversion", e->version}});
    }
    return true;
  }
  if (name == "pg_proc") {
    out.columns = {"proname", "pronamespace", "prokind"};
    for (const auto& k : c.functions.sorted_keys()) {
      const Function* f = c.functions.find(k);
      out.rows.push_back({{"proname", f->name},
                          {"pronamespace", namespace_oid(f->schema)},
                          {"prokind", std::string(1, f->kind)}});
    }
    return true;
  }
  return false;
}

}  // namespace migsim
