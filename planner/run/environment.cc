#include "planner/run/environment.h"

#include <algorithm>
#include <set>

#include "parser/revisions/parse_bodies.h"
#include "parser/sql_parser.h"
#include "planner/rules/statement_targets.h"
#include "planner/run/current_revisions.h"
#include "planner/run/findings.h"
#include "planner/run/simulate.h"
#include "planner/snapshot/diff.h"
#include "planner/snapshot/open.h"

namespace migsim {

bool environment_request(const Project& project, const std::string& env,
                         const std::string& snapshot, bool empty, RunMode mode,
                         EnvironmentRequest& out, InputError& error) {
  out.mode = mode;
  if (empty || env == "fresh") {
    if (mode == RunMode::kAudit) {
      error = {"migsim", 0, 0,
               "audit compares with a snapshot: give --env NAME or --snapshot FILE"};
      return false;
    }
    out.name = "fresh";
    out.mode = RunMode::kFresh;
    return true;
  }
  if (!snapshot.empty()) {
    out.name = env.empty() ? "snapshot" : env;
    out.snapshot = snapshot;
    return true;
  }
  std::string name = env;
  if (name.empty() && project.config.environments.size() == 1)
    name = project.config.environments.begin()->first;
  if (name.empty()) {
    error = {"migsim", 0, 0, "which environment? give --env NAME, --snapshot FILE or --empty"};
    return false;
  }
  auto it = project.config.environments.find(name);
  if (it == project.config.environments.end()) {
    std::string known;
    for (const auto& [n, e] : project.config.environments) known += (known.empty() ? "" : ", ") + n;
    error = {project.config.path.empty() ? "migsim" : project.config.path, 0, 0,
             "no environment '" + name + "' in the configuration" +
                 (known.empty() ? std::string() : " (known: " + known + ", fresh)")};
    return false;
  }
  out.name = name;
  out.snapshot = it->second.snapshot;
  return true;
}

namespace {

std::string schema_of(const std::string& qualified) {
  size_t dot = qualified.find('.');
  return dot == std::string::npos ? qualified : qualified.substr(0, dot);
}

/// Audit's starting point: every schema of the snapshot exists; those owned
/// by another system keep their objects; those migrations own start empty.
/// `added`: columns (Catalog::key(schema, table) + '\x1f' + column) that
/// applied revisions added to those schemas, left out.
void seed_for_audit(const Project& project, const Catalog& snap, Catalog& out,
                    const std::set<std::string>& added) {
  out.schemas.raw() = snap.schemas.all();
  out.extensions.raw() = snap.extensions.all();
  out.roles.raw() = snap.roles.all();
  for (const auto& [k, r] : snap.relations.all()) {
    if (!external_schema(project.config, r.schema)) continue;
    Relation& copy = out.relations.raw().emplace(k, r).first->second;
    if (added.empty()) continue;
    const std::string& key = k;  // a structured binding cannot be captured by clang 14
    std::erase_if(copy.columns,
                  [&](const Column& c) { return added.count(key + '\x1f' + c.name) > 0; });
  }
  for (const auto& [k, t] : snap.types.all())
    if (external_schema(project.config, t.schema)) out.types.raw().emplace(k, t);
  for (const auto& [k, f] : snap.functions.all())
    if (external_schema(project.config, f.schema)) out.functions.raw().emplace(k, f);
}

/// The schemas that some statement of `runs` creates (CREATE SCHEMA, by name).
std::vector<std::string> schemas_created(const std::vector<RevisionRun>& runs) {
  std::vector<std::string> out;
  for (const auto& run : runs) {
    for (const auto& s : run.statements) {
      if (s.sql.size() < 13) continue;
      auto source = std::make_shared<SourceFile>("", std::string(s.sql));
      ParsedScript script;
      InputError ignored;
      if (!SqlParser::parse_file(source, script, ignored)) continue;
      for (const auto& stmt : script.statements)
        if (stmt.kind == "CreateSchemaStmt") out.emplace_back(stmt.node.str("schemaname"));
    }
  }
  return out;
}

void compare_with_snapshot(const Project& project, const Catalog& simulated, const Catalog& snap,
                           EnvironmentRun& run) {
  Snapshot none;
  auto changes = diff_snapshots(simulated, none, snap, run.snapshot_info, DiffOptions{});
  // A table that is out of band (or missing) as a whole is one finding, not
  // one per column, constraint, index and owned sequence.
  std::set<std::string> whole;
  for (const auto& c : changes)
    if (c.kind != SnapshotChange::Kind::kChanged &&
        (c.object == "table" || c.object == "view" || c.object == "materialized view"))
      whole.insert(c.name);
  auto part_of_whole = [&](const SnapshotChange& c) {
    for (const auto& w : whole)
      if (c.name.size() > w.size() && c.name.compare(0, w.size(), w) == 0 &&
          (c.name[w.size()] == '.' || c.name[w.size()] == ' '))
        return true;
    const Catalog& holder = c.kind == SnapshotChange::Kind::kAdded ? snap : simulated;
    std::string schema = schema_of(c.name);
    std::string name = c.name.size() > schema.size() ? c.name.substr(schema.size() + 1) : "";
    if (const Relation* r = holder.relation(schema, name)) {
      if (!r->index->table.empty() && whole.count(schema + "." + r->index->table)) return true;
      if (!r->sequence->owned_by_table.empty() &&
          whole.count(schema + "." + r->sequence->owned_by_table))
        return true;
    }
    return false;
  };
  for (const auto& c : changes) {
    if (part_of_whole(c)) continue;
    std::string schema = schema_of(c.name);
    if (c.object == "schema" || external_schema(project.config, schema)) continue;
    // The migration tool's bookkeeping, not an object revisions create.
    if (c.object == "version table") continue;
    if (c.name.find(project.config.alembic.version_table) != std::string::npos) continue;
    Finding f;
    f.object = c.object + " " + c.name;
    f.severity = "warning";
    if (c.kind == SnapshotChange::Kind::kAdded) {
      f.rule = "out-of-band-object";
      f.message =
          c.object + " " + c.name + " is in the snapshot but no applied revision creates it";
    } else if (c.kind == SnapshotChange::Kind::kRemoved) {
      f.rule = "missing-object";
      f.message = c.object + " " + c.name +
                  " is created by the applied revisions but missing from the snapshot";
    } else {
      f.rule = "schema-drift";
      f.message = c.object + " " + c.name + ": " + c.field + " is '" + c.to +
                  "' in the snapshot, '" + c.from + "' after the applied revisions";
    }
    run.findings.push_back(std::move(f));
  }
  std::vector<std::string> created = schemas_created(run.revisions);
  for (const std::string& name : snap.schemas.sorted_keys()) {  // in a stable order
    if (name == "public") continue;
    if (std::find(created.begin(), created.end(), name) != created.end()) continue;
    Finding f;
    f.rule = "out-of-band-object";
    f.severity = "warning";
    f.object = "schema " + name;
    f.message = "schema " + name + " exists in " + run.name +
                " but no applied revision creates it: it was created out of band";
    run.findings.push_back(std::move(f));
  }
}

}  // namespace

bool run_environment(const Project& project, const EnvironmentRequest& request, EnvironmentRun& out,
                     InputError& error) {
  out.name = request.name;
  out.snapshot = request.snapshot;
  out.mode = request.mode;
  out.heads = project.graph->heads();
  out.catalog = std::make_unique<Catalog>();
  // Plan starts from the snapshot itself; audit keeps it aside to compare with.
  Catalog snap_catalog;
  Catalog& loaded = request.mode == RunMode::kAudit ? snap_catalog : *out.catalog;
  if (!request.snapshot.empty()) {
    if (!open_snapshot(request.snapshot, loaded, out.snapshot_info, error)) return false;
    if (!current_revisions(project, out.snapshot_info, request.snapshot, out.current, error))
      return false;
  }
  if (!request.current.empty()) out.current = request.current;

  std::vector<std::string> targets;
  for (const auto& t : request.to) {
    std::string why;
    if (!project.graph->resolve(t, targets, why)) {
      error = {"migsim", 0, 0, "--to " + t + ": " + why};
      return false;
    }
  }
  ToolBehaviour tool = tool_behaviour(project);
  std::string why;
  if (request.mode == RunMode::kAudit) {
    std::vector<const Revision*> applied;
    if (!out.current.empty() && !project.graph->pending({}, out.current, applied, why)) {
      error = {project.migrations, 0, 0, why};
      return false;
    }
    // The snapshot holds another system's schemas as they are after the
    // applied revisions. An unguarded ADD COLUMN there succeeded when it was
    // applied, so the column did not exist before: reason backwards, take it
    // out of the starting state, and replay again.
    std::set<std::string> added;
    for (int pass = 0; pass < 3; ++pass) {
      out.catalog = std::make_unique<Catalog>();
      out.revisions.clear();
      seed_for_audit(project, snap_catalog, *out.catalog, added);
      if (!simulate(applied, tool, {}, true, false, *out.catalog, out.revisions, error))
        return false;
      size_t before = added.size();
      for (const auto& rev : out.revisions)
        for (const auto& s : rev.statements) {
          if (s.result.outcome != Outcome::kFails || s.result.sqlstate != "42701") continue;
          for (const auto& c : statement_changes(s, *out.catalog))
            if (c.op == ObjectChange::Op::kAddColumn && !c.guarded &&
                external_schema(project.config, c.schema))
              added.insert(Catalog::key(c.schema, c.table) + '\x1f' + c.column);
        }
      if (added.size() == before) break;
    }
    compare_with_snapshot(project, *out.catalog, snap_catalog, out);
  } else {
    std::vector<const Revision*> pending;
    std::vector<std::string> from =
        request.mode == RunMode::kFresh ? std::vector<std::string>{} : out.current;
    if (!project.graph->pending(from, targets, pending, why)) {
      error = {project.migrations, 0, 0, why};
      return false;
    }
    if (!request.stop_before.empty()) {
      for (size_t i = 0; i < pending.size(); ++i)
        if (pending[i]->id == request.stop_before) {
          pending.resize(i);
          break;
        }
    }
    if (!simulate(pending, tool, from, false, request.last_replay, *out.catalog, out.revisions,
                  error))
      return false;
  }
  // The bodies of a history read with parse_in_background: one that does not
  // parse is bad input, replayed or not.
  if (!finish_revision_bodies(project.graph->revisions(), error)) return false;
  add_run_findings(project, out);
  return true;
}

}  // namespace migsim
