#include "planner/rules/unused_table.h"

#include "planner/rules/identifier_search.h"

#include <algorithm>
#include <filesystem>

namespace migsim {

namespace {

bool has_foreign_keys(const Catalog& catalog, const Relation& table) {
  for (const auto& c : table.constraints)
    if (c.kind == Constraint::Kind::kForeignKey) return true;
  for (const auto& [k, r] : catalog.relations.all())
    for (const auto& c : r.constraints)
      if (c.kind == Constraint::Kind::kForeignKey && c.ref_schema == table.schema &&
          c.ref_table == table.name)
        return true;
  return false;
}

bool read_by_view(const Catalog& catalog, const Relation& table) {
  for (const auto& [k, r] : catalog.relations.all())
    for (const auto& d : r.depends)
      if (d.schema == table.schema && d.name == table.name) return true;
  return false;
}

/// The revisions whose source mentions `name`, in history order.
std::vector<const Revision*> revisions_mentioning(const Project& project, std::string_view name) {
  std::vector<const Revision*> out;
  for (const auto& rev : project.graph->revisions()) {
    std::string_view text;
    if (rev.source) {
      text = rev.source->text();
      text =
          text.substr(0, std::min<size_t>(text.size(), rev.body_end ? rev.body_end : text.size()));
    }
    if (!text.empty() && mentions_identifier_in_code(rev.path, text, name))
      out.push_back(&rev);
    else if (text.empty() && rev.body == BodyKind::kSql) {
      for (const auto& s : rev.script().statements)
        if (mentions_identifier_in_code(".sql", s.text, name)) {
          out.push_back(&rev);
          break;
        }
    }
  }
  return out;
}

}  // namespace

void check_unused_tables(const Project& project, const EnvironmentRun& run,
                         std::vector<Finding>& out) {
  if (!run.catalog || run.snapshot.empty() || !run.snapshot_info.info.has_statistics) return;
  const Catalog& catalog = *run.catalog;
  std::vector<const Relation*> candidates;
  for (const auto& [k, r] : catalog.relations.all()) {
    if (r.kind != RelKind::kTable || r.row_estimate != 0 ||
        external_schema(project.config, r.schema))
      continue;
    if (r.name == project.config.alembic.version_table) continue;
    candidates.push_back(&r);
  }
  std::sort(candidates.begin(), candidates.end(), [](const Relation* a, const Relation* b) {
    return a->schema != b->schema ? a->schema < b->schema : a->name < b->name;
  });
  for (const Relation* t : candidates) {
    if (has_foreign_keys(catalog, *t) || read_by_view(catalog, *t)) continue;
    if (!files_mentioning(project.config.code_paths, t->name, 1).empty()) continue;
    auto revs = revisions_mentioning(project, t->name);
    if (revs.size() > 1) continue;
    std::string paths;
    for (const auto& p : project.config.code_paths) {
      std::string shown = p;
      if (!project.config.path.empty()) {
        std::string dir = std::filesystem::path(project.config.path).parent_path().string();
        if (!dir.empty() && shown.rfind(dir + "/", 0) == 0) shown = shown.substr(dir.size() + 1);
      }
      paths += (paths.empty() ? "" : ", ") + shown;
    }
    Finding f;
    f.rule = "unused-table";
    f.severity = "info";
    f.object = "table " + t->schema + "." + t->name;
    std::string created =
        revs.empty() ? std::string("no revision mentions it")
                     : "only revision " + revs[0]->id +
                           (revs[0]->message.empty() ? "" : " (" + revs[0]->message + ")") +
                           ", which created it, mentions it";
    f.message = "table " + t->schema + "." + t->name +
                " looks unused and safe to drop: it is empty (0 rows in " + run.name +
                "); no foreign key references it or leaves it; no view reads it; no code under " +
                (paths.empty() ? std::string("the configured paths (none configured)") : paths) +
                " mentions it; " + created + ". Suggestion: a revision that runs DROP TABLE " +
                t->schema + "." + t->name + ".";
    if (!revs.empty()) {
      f.revision = revs[0]->id;
      f.file = revs[0]->path;
      f.line = revs[0]->location.line;
    }
    out.push_back(std::move(f));
  }
}

}  // namespace migsim
