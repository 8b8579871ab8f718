#include "planner/snapshot/show.h"

#include <cstdio>
#include <map>

#include "planner/catalog/names.h"

namespace migsim {

std::string size_pretty(int64_t bytes) {
  // pg_size_pretty: switch unit when the value reaches 10240 of the current one, rounding half up.
  const char* units[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
  int64_t v = bytes;
  int u = 0;
  while (u < 5 && (v >= 10 * 1024 || v <= -10 * 1024)) {
    v = (v + (v >= 0 ? 512 : -512)) / 1024;
    ++u;
  }
  return std::to_string(v) + " " + units[u];
}

namespace {

struct SchemaTotals {
  int tables = 0, views = 0, sequences = 0, indexes = 0, types = 0, functions = 0;
  int64_t rows = 0;
  int64_t bytes = 0;
  bool rows_known = false, bytes_known = false;
};

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

size_t count_rows(const std::string& json) {
  // Rows are objects of an array: count top-level '{' outside strings.
  size_t n = 0;
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' && depth++ == 1)
      ++n;
    else if (c == '[')
      ++depth;
    else if (c == '}' || c == ']')
      --depth;
  }
  return n;
}

}  // namespace

std::string snapshot_summary(const std::string& path, const Catalog& catalog,
                             const Snapshot& snap) {
  const SnapshotInfo& i = snap.info;
  std::string out = "snapshot " + path + " (format " + std::to_string(i.format);
  if (!i.migsim_version.empty()) out += ", written by migsim " + i.migsim_version;
  out += ")\n";
  out += "  source: " + (i.source.empty() ? std::string("unknown") : i.source);
  if (!i.database.empty()) out += ", database " + i.database;
  if (!i.server_version.empty()) out += " on PostgreSQL " + i.server_version;
  out += "\n";
  if (!i.taken_at.empty()) out += "  taken at: " + i.taken_at + "\n";
  if (!i.current_user.empty()) out += "  as user: " + i.current_user + "\n";
  out += std::string("  statistics: ") +
         (i.has_statistics ? "yes" : "no (row counts and sizes unknown)") + "\n\n";

  std::map<std::string, SchemaTotals> totals;
  for (const auto& [k, s] : catalog.schemas.all()) totals[s.name];
  for (const auto& [k, r] : catalog.relations.all()) {
    SchemaTotals& t = totals[r.schema];
    switch (r.kind) {
      case RelKind::kTable:
      case RelKind::kForeignTable:
        ++t.tables;
        if (r.row_estimate >= 0) t.rows += r.row_estimate, t.rows_known = true;
        break;
      case RelKind::kPartitionedTable:
        ++t.tables;
        break;
      case RelKind::kView:
      case RelKind::kMaterializedView:
        ++t.views;
        break;
      case RelKind::kSequence:
        ++t.sequences;
        break;
      case RelKind::kIndex:
      case RelKind::kPartitionedIndex:
        ++t.indexes;
        break;
      case RelKind::kCompositeType:
        break;
    }
    // pg_total_relation_size of a table already counts its indexes and TOAST.
    if (r.kind != RelKind::kIndex && r.kind != RelKind::kPartitionedIndex && r.total_bytes >= 0)
      t.bytes += r.total_bytes, t.bytes_known = true;
  }
  for (const auto& [k, t] : catalog.types.all()) ++totals[t.schema].types;
  for (const auto& [k, f] : catalog.functions.all()) ++totals[f.schema].functions;

  size_t w = 8;
  for (const auto& [name, t] : totals) w = std::max(w, quote_ident(name).size() + 2);
  out +=
      pad("schema", w) + "tables  views  sequences  indexes  types  functions  rows (est.)  size\n";
  for (const auto& [name, t] : totals) {
    out += pad(quote_ident(name), w) + pad(std::to_string(t.tables), 8) +
           pad(std::to_string(t.views), 7) + pad(std::to_string(t.sequences), 11) +
           pad(std::to_string(t.indexes), 9) + pad(std::to_string(t.types), 7) +
           pad(std::to_string(t.functions), 11) +
           pad(t.rows_known ? std::to_string(t.rows) : "-", 13) +
           (t.bytes_known ? size_pretty(t.bytes) : "-") + "\n";
  }
  if (!catalog.extensions.all().empty()) {
    out += "\nextensions:";
    for (const auto& k : catalog.extensions.sorted_keys()) {
      const Extension& e = *catalog.extensions.find(k);
      out += " " + e.name + " " + e.version;
    }
    out += "\n";
  }
  out += "\nversion tables:";
  if (snap.version_tables.empty()) out += " none";
  out += "\n";
  for (const auto& v : snap.version_tables) {
    size_t n = count_rows(v.rows);
    out += "  " + quote_qualified(v.schema, v.name) + " (" + v.kind + "): " + std::to_string(n) +
           (n == 1 ? " row" : " rows") + "\n";
    if (n) out += "    " + v.rows + "\n";
  }
  return out;
}

}  // namespace migsim
