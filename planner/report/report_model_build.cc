#include "planner/report/report_model_build.h"

#include <algorithm>
#include <map>
#include <set>

namespace migsim {

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : std::string(sep)) + x;
  return out;
}

ModelRun model_run(const EnvironmentRun& run) {
  ModelRun m;
  m.name = run.name;
  m.snapshot = run.snapshot;
  m.mode = run.mode;
  m.database = run.snapshot_info.info.database;
  m.taken_at = run.snapshot_info.info.taken_at;
  m.current = run.current;
  m.heads = run.heads;
  m.revisions.reserve(run.revisions.size());
  for (const auto& rev : run.revisions) {
    ModelRevisionRun r;
    r.id = rev.revision->id;
    r.name = rev.revision->message;
    r.date = rev.revision->create_date;
    r.file = rev.revision->path;
    r.applied = rev.applied;
    r.verdict = rev.verdict;
    r.reason = rev.reason;
    r.rolled_back = rev.rolled_back;
    r.statements = rev.statements;
    m.revisions.push_back(std::move(r));
  }
  m.findings = run.findings;
  m.silenced = run.silenced.size();
  m.silenced_findings = run.silenced;
  return m;
}

ReportModel project_model(const Project& project, std::string command) {
  ReportModel model;
  model.command = std::move(command);
  model.migsim_version = MIGSIM_VERSION;
  model.migrations = project.migrations;
  model.source_format = std::string(source_format_name(project.format));
  model.graph = project.graph;
  return model;
}

std::vector<const Finding*> with_rule(const EnvironmentRun& run, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const auto& f : run.findings)
    if (f.rule == rule) out.push_back(&f);
  return out;
}

/// The applied history, from base to the current revisions, with notes for
/// the revisions that have findings in the audit.
std::vector<ModelHistoryEntry> applied_history(const Project& p, const EnvironmentReport& env) {
  std::vector<const Revision*> revisions;
  std::string why;
  if (!env.plan.current.empty()) p.graph->pending({}, env.plan.current, revisions, why);
  std::map<std::string, std::set<std::string>> notes;
  for (const auto& f : env.audit.findings)
    if (!f.revision.empty() && f.rule != "unknown-statement") notes[f.revision].insert(f.rule);
  std::vector<ModelHistoryEntry> out;
  for (const Revision* r : revisions) {
    ModelHistoryEntry e;
    e.id = r->id;
    e.name = r->message;
    e.date = r->create_date;
    auto it = notes.find(r->id);
    if (it != notes.end())
      e.notes = join(std::vector<std::string>(it->second.begin(), it->second.end()), ", ");
    const auto& current = env.plan.current;
    e.current = std::find(current.begin(), current.end(), r->id) != current.end();
    out.push_back(std::move(e));
  }
  return out;
}

/// Each schema of the snapshot: its owner, its tables, and the findings on it.
std::vector<ModelSchema> schemas(const Project& p, const EnvironmentReport& env) {
  const EnvironmentRun& plan = env.plan;
  std::map<std::string, int64_t> tables;
  for (const auto& [k, r] : plan.catalog->relations.all())
    if (r.is_table()) ++tables[r.schema];
  std::map<std::string, int64_t> counts;
  for (const auto* run : {&plan, &env.audit})
    for (const auto& f : run->findings) {
      size_t sp = f.object.find(' ');
      std::string name = sp == std::string::npos ? f.object : f.object.substr(sp + 1);
      std::string schema = name.substr(0, name.find('.'));
      if (!schema.empty()) ++counts[schema];
    }
  std::vector<std::string> names;
  for (const auto& [k, s] : plan.catalog->schemas.all()) names.push_back(k);
  std::sort(names.begin(), names.end());
  std::vector<ModelSchema> out;
  for (const auto& s : names) {
    auto cfg = p.config.schemas.find(s);
    std::string owner =
        cfg == p.config.schemas.end() ? "not configured"
        : cfg->second.owner == SchemaConfig::Owner::kExternal
            ? "external" + (cfg->second.note.empty() ? "" : " (" + cfg->second.note + ")")
            : "migrations";
    out.push_back({s, owner, tables[s], counts[s]});
  }
  return out;
}

std::vector<std::string> recommendations(const StatusReport& report) {
  std::vector<std::string> recs;
  for (const auto& env : report.environments) {
    for (const auto& r : env.plan.revisions)
      if (r.verdict == Verdict::kRedundant)
        recs.push_back("`" + r.revision->id + "`" +
                       (r.revision->message.empty() ? "" : " (" + r.revision->message + ")") +
                       " is redundant in " + env.plan.name +
                       ": applying it changes nothing there (" + r.reason + ").");
    for (const auto* f : with_rule(env.plan, "would-fail"))
      recs.push_back("Fix `" + f->revision + "` before upgrading " + env.plan.name + ": " +
                     f->message + ".");
    for (const auto* f : with_rule(env.plan, "unused-table"))
      recs.push_back("Drop " + f->object.substr(std::min<size_t>(6, f->object.size())) +
                     " in a cleanup revision (it is empty and unreferenced).");
    std::set<std::string> schemas;
    for (const auto* f : with_rule(env.audit, "out-of-band-object"))
      if (f->object.rfind("schema ", 0) == 0) schemas.insert(f->object.substr(7));
    if (!schemas.empty())
      recs.push_back("Create schema" + std::string(schemas.size() > 1 ? "s " : " ") +
                     join(std::vector<std::string>(schemas.begin(), schemas.end()), " and ") +
                     " in the first revision (with IF NOT EXISTS), so the history builds a new "
                     "environment on its own; " +
                     env.plan.name + " has them only because they were made by hand.");
    if (!with_rule(env.audit, "protected-schema-write").empty())
      recs.push_back("Stop writing to schemas owned by other systems from migrations (" +
                     env.plan.name + "'s history does); read from them instead.");
  }
  std::sort(recs.begin(), recs.end());
  recs.erase(std::unique(recs.begin(), recs.end()), recs.end());
  return recs;
}

}  // namespace

ReportModel build_run_model(const Project& project, const std::vector<EnvironmentRun>& runs,
                            std::string command) {
  ReportModel model = project_model(project, std::move(command));
  model.runs.reserve(runs.size());
  for (const auto& run : runs) model.runs.push_back(model_run(run));
  return model;
}

ReportModel build_status_model(const Project& project, const StatusReport& report) {
  ReportModel model = project_model(project, "report");
  model.status = true;
  for (const auto& env : report.environments) {
    ModelEnvironment e;
    e.plan = model.runs.size();
    model.runs.push_back(model_run(env.plan));
    e.audit = model.runs.size();
    model.runs.push_back(model_run(env.audit));
    e.history = applied_history(project, env);
    e.has_schemas = env.plan.catalog && !env.plan.snapshot.empty();
    if (e.has_schemas) e.schemas = schemas(project, env);
    model.environments.push_back(std::move(e));
  }
  model.fresh = model.runs.size();
  model.runs.push_back(model_run(report.fresh));
  model.recommendations = recommendations(report);
  return model;
}

}  // namespace migsim
