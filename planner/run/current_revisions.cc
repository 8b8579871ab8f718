#include "planner/run/current_revisions.h"

#include <simdjson.h>

namespace migsim {

namespace {

std::string_view wanted_kind(SourceFormat format) {
  switch (format) {
    case SourceFormat::kAlembic:
    case SourceFormat::kAlembicOfflineSql:
      return "alembic";
    case SourceFormat::kFlyway:
      return "flyway";
    default:
      return "schema_migrations";
  }
}

/// Reads the rows (a JSON array of objects) and collects the revision column.
bool revision_column(const VersionTable& table, std::vector<std::string>& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(table.rows).get(doc) != simdjson::SUCCESS) return false;
  simdjson::dom::array rows;
  if (doc.get_array().get(rows) != simdjson::SUCCESS) return false;
  for (simdjson::dom::element row : rows) {
    simdjson::dom::object obj;
    if (row.get_object().get(obj) != simdjson::SUCCESS) return false;
    std::string_view value;
    if (table.kind == "alembic") {
      if (obj["version_num"].get_string().get(value) != simdjson::SUCCESS) continue;
    } else if (table.kind == "flyway") {
      std::string_view success;
      if (obj["version"].get_string().get(value) != simdjson::SUCCESS) continue;
      if (obj["success"].get_string().get(success) == simdjson::SUCCESS && success != "true" &&
          success != "t")
        continue;
    } else {
      if (obj["version"].get_string().get(value) != simdjson::SUCCESS) continue;
    }
    out.emplace_back(value);
  }
  return true;
}

}  // namespace

bool current_revisions(const Project& project, const Snapshot& snapshot,
                       const std::string& snapshot_path, std::vector<std::string>& out,
                       InputError& error) {
  std::string_view kind = wanted_kind(project.format);
  const VersionTable* table = nullptr;
  for (const auto& t : snapshot.version_tables) {
    if (t.kind != kind) continue;
    if (kind == "alembic" && !project.config.alembic.version_table_schema.empty() &&
        t.schema != project.config.alembic.version_table_schema)
      continue;
    table = &t;
    break;
  }
  if (!table) return true;
  if (!revision_column(*table, out)) {
    error = {snapshot_path, 0, 0,
             "version table " + table->schema + "." + table->name + " has unreadable rows"};
    return false;
  }
  for (const auto& id : out) {
    if (!project.graph->find(id)) {
      error = {snapshot_path, 0, 0,
               "version table " + table->schema + "." + table->name + " names revision '" + id +
                   "', which does not exist in " + project.migrations};
      return false;
    }
  }
  return true;
}

}  // namespace migsim
