#include "planner/run/version_after.h"

#include <algorithm>
#include <tuple>

#include "planner/snapshot/json_text.h"

namespace migsim {

Snapshot snapshot_after(const Project& project, const EnvironmentRun& run) {
  Snapshot out = run.snapshot_info;
  if (run.mode == RunMode::kAudit || (project.format != SourceFormat::kAlembic &&
                                      project.format != SourceFormat::kAlembicOfflineSql))
    return out;
  const AlembicConfig& cfg = project.config.alembic;
  std::string schema = cfg.version_table_schema;
  const Relation* table = run.catalog->lookup_relation(schema, cfg.version_table, &schema);

  std::vector<std::string> heads =
      run.mode == RunMode::kFresh ? std::vector<std::string>{} : run.current;
  for (const RevisionRun& r : run.revisions) {
    if (r.applied || r.rolled_back || r.verdict == Verdict::kSkipped ||
        r.verdict == Verdict::kFails)
      continue;
    // As Alembic moves its heads: the first down revision's row becomes this
    // revision, the other down revisions' rows go.
    bool replaced = false;
    for (const std::string& down : r.revision->down_revisions) {
      auto it = std::find(heads.begin(), heads.end(), down);
      if (it == heads.end()) continue;
      if (!replaced)
        *it = r.revision->id;
      else
        heads.erase(it);
      replaced = true;
    }
    if (!replaced) heads.push_back(r.revision->id);
  }

  auto same = [&](const VersionTable& v) {
    return v.kind == "alembic" && v.name == cfg.version_table;
  };
  auto it = std::find_if(out.version_tables.begin(), out.version_tables.end(), [&](const auto& v) {
    return same(v) && (cfg.version_table_schema.empty() || v.schema == cfg.version_table_schema);
  });
  if (!table) {
    if (it != out.version_tables.end()) out.version_tables.erase(it);
    return out;
  }
  std::string rows = "[";
  for (size_t i = 0; i < heads.size(); ++i) {
    std::string quoted = json_string_array({heads[i]});
    rows += (i ? "," : "") + std::string("{\"version_num\":") +
            quoted.substr(1, quoted.size() - 2) + "}";
  }
  rows += "]";
  if (it == out.version_tables.end()) {
    out.version_tables.push_back({schema, cfg.version_table, "alembic", rows});
    std::sort(out.version_tables.begin(), out.version_tables.end(),
              [](const VersionTable& a, const VersionTable& b) {
                return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
              });
  } else {
    it->schema = schema;
    it->rows = rows;
  }
  return out;
}

}  // namespace migsim
