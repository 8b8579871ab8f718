#include "planner/catalog/catalog.h"

#include <algorithm>

namespace migsim {

Catalog::Catalog() {
  schemas.raw()["public"] =
      Schema{"public",
             "pg_database_owner",
             "standard public schema",
             {"pg_database_owner=UC/pg_database_owner", "=U/pg_database_owner"}};
  settings.raw()["search_path"] = "\"$user\", public";
  settings.raw()["current_user"] = "postgres";
  roles.raw()["postgres"] = "postgres";
  // template1 has plpgsql, so every new database does.
  extensions.raw()["plpgsql"] =
      Extension{"plpgsql", "pg_catalog", "1.0", "PL/pgSQL procedural language"};
}

bool Catalog::role_exists(std::string_view name) const {
  static const char* const kPredefined[] = {"pg_database_owner",     "pg_read_all_data",
                                            "pg_write_all_data",     "pg_monitor",
                                            "pg_read_all_settings",  "pg_read_all_stats",
                                            "pg_stat_scan_tables",   "pg_read_server_files",
                                            "pg_write_server_files", "pg_execute_server_program",
                                            "pg_signal_backend",     "pg_checkpoint"};
  for (const char* p : kPredefined)
    if (name == p) return true;
  return roles.find(std::string(name)) != nullptr;
}

std::string Catalog::key(std::string_view schema, std::string_view name) {
  std::string k;
  k.reserve(schema.size() + name.size() + 1);
  k.append(schema);
  k.push_back('\x1f');
  k.append(name);
  return k;
}

std::string Catalog::function_key(const Function& f) {
  std::string k = key(f.schema, f.name);
  k.push_back('(');
  for (size_t i = 0; i < f.arg_types.size(); ++i) {
    if (i) k.push_back(',');
    k += f.arg_types[i];
  }
  k.push_back(')');
  return k;
}

std::string Catalog::current_user() const {
  const std::string* u = settings.find("current_user");
  return u ? *u : "postgres";
}

namespace {

/// Splits a search_path value into names: unquoted names fold to lower case.
std::vector<std::string> split_path(std::string_view value) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == ',' || value[i] == '\t')) ++i;
    if (i >= value.size()) break;
    std::string name;
    if (value[i] == '"') {
      ++i;
      while (i < value.size()) {
        if (value[i] == '"') {
          if (i + 1 < value.size() && value[i + 1] == '"') {
            name.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        name.push_back(value[i++]);
      }
    } else {
      while (i < value.size() && value[i] != ',' && value[i] != ' ' && value[i] != '\t') {
        char c = value[i++];
        name.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      }
    }
    out.push_back(std::move(name));
  }
  return out;
}

}  // namespace

std::vector<std::string> Catalog::search_path() const {
  std::vector<std::string> out;
  const std::string* value = settings.find("search_path");
  if (!value) return out;
  for (auto& name : split_path(*value)) {
    if (name == "$user") name = current_user();
    if (name == "pg_catalog" || name == "pg_temp") continue;
    if (schemas.find(name) && std::find(out.begin(), out.end(), name) == out.end())
      out.push_back(name);
  }
  return out;
}

std::string Catalog::creation_schema() const {
  auto path = search_path();
  return path.empty() ? std::string() : path.front();
}

bool Catalog::schema_visible(std::string_view schema) const {
  if (schema == "pg_catalog") return true;
  for (const auto& s : search_path())
    if (s == schema) return true;
  return false;
}

const Relation* Catalog::lookup_relation(std::string_view schema, std::string_view name,
                                         std::string* found_schema) const {
  if (!schema.empty()) {
    if (found_schema) *found_schema = std::string(schema);
    return relation(schema, name);
  }
  for (const auto& s : search_path()) {
    if (const Relation* r = relation(s, name)) {
      if (found_schema) *found_schema = s;
      return r;
    }
  }
  return nullptr;
}

const TypeDef* Catalog::lookup_type(std::string_view schema, std::string_view name,
                                    std::string* found_schema) const {
  if (!schema.empty()) {
    if (found_schema) *found_schema = std::string(schema);
    return type(schema, name);
  }
  for (const auto& s : search_path()) {
    if (const TypeDef* t = type(s, name)) {
      if (found_schema) *found_schema = s;
      return t;
    }
  }
  return nullptr;
}

std::vector<const Relation*> Catalog::relations_in(std::string_view schema) const {
  std::vector<const Relation*> out;
  for (const auto& [k, r] : relations.all())
    if (r.schema == schema) out.push_back(&r);
  std::sort(out.begin(), out.end(),
            [](const Relation* a, const Relation* b) { return a->name < b->name; });
  return out;
}

std::vector<const Relation*> Catalog::indexes_of(std::string_view schema,
                                                 std::string_view table) const {
  std::vector<const Relation*> out;
  for (const auto& [k, r] : relations.all())
    if ((r.kind == RelKind::kIndex || r.kind == RelKind::kPartitionedIndex) && r.schema == schema &&
        r.index.table == table)
      out.push_back(&r);
  std::sort(out.begin(), out.end(),
            [](const Relation* a, const Relation* b) { return a->name < b->name; });
  return out;
}

}  // namespace migsim
