#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "planner/report/graph_diagram.h"
#include "planner/report/status_report.h"

namespace migsim {

namespace {

std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out.push_back(c);
  }
  return out;
}

std::string date_of(const Revision& r) {
  return r.create_date.substr(0, 10);
}

const Revision* find(const Project& p, const std::string& id) {
  return p.graph.find(id);
}

std::string rev_name(const Project& p, const std::string& id) {
  const Revision* r = find(p, id);
  return r && !r->message.empty() ? r->message : std::string();
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : std::string(sep)) + x;
  return out;
}

std::vector<const Finding*> with_rule(const EnvironmentRun& run, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const auto& f : run.findings)
    if (f.rule == rule) out.push_back(&f);
  return out;
}

/// The revisions from base to `current`, in order (the applied history).
std::vector<const Revision*> applied_history(const Project& p,
                                             const std::vector<std::string>& current) {
  std::vector<const Revision*> out;
  std::string why;
  if (!current.empty()) p.graph.pending({}, current, out, why);
  return out;
}

void mermaid(std::ostringstream& md, const Project& p, const StatusReport& report) {
  std::vector<DiagramEnvironment> envs;
  for (const auto& env : report.environments) {
    DiagramEnvironment d{env.plan.name, env.plan.current, {}};
    for (const auto& rev : env.plan.revisions) d.pending.push_back(rev.revision->id);
    envs.push_back(std::move(d));
  }
  md << "```mermaid\n" << graph_mermaid(p.graph, envs) << "```\n\n";
}

void environment_section(std::ostringstream& md, const Project& p, const EnvironmentReport& env) {
  const EnvironmentRun& plan = env.plan;
  const EnvironmentRun& audit = env.audit;
  md << "## " << plan.name << "\n\n";
  md << "```\n";
  md << "Environment:      " << plan.name;
  if (!plan.snapshot_info.info.database.empty())
    md << " (" << plan.snapshot_info.info.database << ")";
  md << "\n";
  std::string current = plan.current.empty() ? "none" : join(plan.current, ", ");
  if (plan.current.size() == 1 && !rev_name(p, plan.current[0]).empty())
    current += " (" + rev_name(p, plan.current[0]) + ")";
  md << "Current revision: " << current << "\n";
  std::string heads = join(plan.heads, ", ");
  if (plan.heads.size() == 1 && !rev_name(p, plan.heads[0]).empty())
    heads += " (" + rev_name(p, plan.heads[0]) + ")";
  md << "Local head:       " << heads << "\n";
  md << "Delta:            " << plan.pending() << " revision" << (plan.pending() == 1 ? "" : "s")
     << " behind\n";
  if (!plan.snapshot_info.info.taken_at.empty())
    md << "Snapshot:         " << plan.snapshot << ", taken " << plan.snapshot_info.info.taken_at
       << "\n";
  md << "```\n\n";

  md << "### Pending revisions\n\n";
  if (plan.revisions.empty()) {
    md << "None: " << plan.name << " is at the head.\n\n";
  } else {
    md << "| Revision | Name | Date | Predicted | Why |\n|---|---|---|---|---|\n";
    for (const auto& r : plan.revisions) {
      md << "| " << r.revision->id << " | " << cell(r.revision->message) << " | "
         << date_of(*r.revision) << " | " << verdict_name(r.verdict)
         << (r.rolled_back ? " (rolled back)" : "") << " | " << cell(r.reason) << " |\n";
    }
    md << "\n";
  }

  // Applied history, with notes for the revisions that have findings.
  std::map<std::string, std::vector<std::string>> notes;
  for (const auto& f : audit.findings)
    if (!f.revision.empty() && f.rule != "unknown-statement") notes[f.revision].push_back(f.rule);
  auto history = applied_history(p, plan.current);
  md << "### Applied history (" << history.size() << ")\n\n";
  if (!history.empty()) {
    md << "| # | Revision | Name | Date | Notes |\n|---|---|---|---|---|\n";
    size_t n = 0;
    for (const Revision* r : history) {
      std::string note;
      auto it = notes.find(r->id);
      if (it != notes.end()) {
        std::set<std::string> unique(it->second.begin(), it->second.end());
        note = "⚠️ " + join(std::vector<std::string>(unique.begin(), unique.end()), ", ");
      }
      bool is_current =
          std::find(plan.current.begin(), plan.current.end(), r->id) != plan.current.end();
      md << "| " << ++n << " | " << (is_current ? "**" + r->id + "**" : r->id) << " | "
         << cell(r->message) << " | " << date_of(*r) << " | " << note
         << (is_current ? " ← current" : "") << " |\n";
    }
    md << "\n";
  }

  // Schemas: owner and size, from the snapshot.
  if (plan.catalog && !plan.snapshot.empty()) {
    md << "### Schemas\n\n| Schema | Owner | Tables | Findings |\n|---|---|---|---|\n";
    std::map<std::string, size_t> tables;
    for (const auto& [k, r] : plan.catalog->relations.all())
      if (r.is_table()) ++tables[r.schema];
    std::map<std::string, size_t> counts;
    for (const auto* run : {&plan, &audit})
      for (const auto& f : run->findings) {
        std::string obj = f.object;
        size_t sp = obj.find(' ');
        std::string name = sp == std::string::npos ? obj : obj.substr(sp + 1);
        std::string schema = name.substr(0, name.find('.'));
        if (!schema.empty()) ++counts[schema];
      }
    std::vector<std::string> names;
    for (const auto& [k, s] : plan.catalog->schemas.all()) names.push_back(k);
    std::sort(names.begin(), names.end());
    for (const auto& s : names) {
      auto cfg = p.config.schemas.find(s);
      std::string owner =
          cfg == p.config.schemas.end() ? "not configured"
          : cfg->second.owner == SchemaConfig::Owner::kExternal
              ? "external" + (cfg->second.note.empty() ? "" : " (" + cfg->second.note + ")")
              : "migrations";
      md << "| " << s << " | " << cell(owner) << " | " << tables[s] << " | " << counts[s] << " |\n";
    }
    md << "\n";
  }

  auto section = [&](const char* title, const std::vector<const Finding*>& list) {
    if (list.empty()) return;
    md << "### " << title << "\n\n";
    for (const Finding* f : list) {
      md << "- **" << f->rule << "** (" << f->severity << ")";
      if (!f->revision.empty()) md << " `" << f->revision << "`";
      md << ": " << f->message;
      if (!f->file.empty())
        md << " (`" << f->file << (f->line ? ":" + std::to_string(f->line) : "") << "`)";
      md << "\n";
    }
    md << "\n";
  };
  section("Writes to schemas owned by other systems (applied history)",
          with_rule(audit, "protected-schema-write"));
  section("Writes to schemas owned by other systems (pending)",
          with_rule(plan, "protected-schema-write"));
  section("Predicted failures", with_rule(plan, "would-fail"));
  section("Redundant revisions", with_rule(plan, "redundant-revision"));
  section("Unused tables", with_rule(plan, "unused-table"));
  std::vector<const Finding*> drift = with_rule(audit, "out-of-band-object");
  for (const Finding* f : with_rule(audit, "missing-object")) drift.push_back(f);
  for (const Finding* f : with_rule(audit, "schema-drift")) drift.push_back(f);
  section("Drift between the history and the snapshot", drift);
  size_t unknown =
      with_rule(plan, "unknown-statement").size() + with_rule(audit, "unknown-statement").size();
  if (unknown)
    md << "_" << unknown << " statement" << (unknown == 1 ? "" : "s")
       << " could not be modelled and were not checked (see `migsim plan` and `migsim "
          "audit`)._\n\n";
  size_t silenced = plan.silenced + audit.silenced;
  if (silenced)
    md << "_" << silenced << " finding" << (silenced == 1 ? " was" : "s were")
       << " silenced by migsim:ignore comments (see `migsim plan` and `migsim audit`)._\n\n";
}

}  // namespace

std::string status_markdown(const Project& p, const StatusReport& report) {
  std::ostringstream md;
  md << "# Migration status\n\n";
  md << "Migrations: `" << p.migrations << "` (" << source_format_name(p.format) << ", "
     << p.graph.revisions().size() << " revisions; head " << join(p.graph.heads(), ", ") << ")\n\n";
  if (report.environments.size() > 1 || !report.environments.empty()) {
    md << "| Environment | Current | Behind | Pending verdicts | Errors | Warnings |\n"
          "|---|---|---|---|---|---|\n";
    for (const auto& env : report.environments) {
      std::string v = verdict_counts(env.plan);
      int errors = count_severity(env.plan, "error") + count_severity(env.audit, "error");
      int warnings = count_severity(env.plan, "warning") + count_severity(env.audit, "warning");
      md << "| " << env.plan.name << " | "
         << (env.plan.current.empty() ? "none" : join(env.plan.current, ", ")) << " | "
         << env.plan.pending() << " | " << v << " | " << errors << " | " << warnings << " |\n";
    }
    md << "\n";
  }
  md << "## Revision graph\n\n";
  mermaid(md, p, report);
  for (const auto& env : report.environments) environment_section(md, p, env);

  md << "## A fresh database\n\n";
  const Finding* fail = nullptr;
  for (const auto& f : report.fresh.findings)
    if (f.rule == "would-fail" && !fail) fail = &f;
  if (fail) {
    md << "Building a new environment from an empty database **fails** at `" << fail->revision
       << "` (" << rev_name(p, fail->revision) << "): " << fail->message << " (`" << fail->file
       << ":" << fail->line << "`). ";
    bool rolled = false;
    for (const auto& r : report.fresh.revisions) rolled = rolled || r.rolled_back;
    md << (rolled ? "The whole transaction rolls back: nothing is left behind.\n\n"
                  : "The revisions before it stay applied.\n\n");
  } else {
    md << "Building a new environment from an empty database applies every revision.\n\n";
  }

  md << "## Recommendations\n\n";
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
      recs.push_back("Drop " + f->object.substr(6) +
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
  if (recs.empty()) md << "Nothing to do.\n";
  for (const auto& r : recs) md << "- " << r << "\n";
  return md.str();
}

}  // namespace migsim
