#include <sstream>

#include "planner/report/graph_diagram.h"
#include "planner/report/run_writers.h"

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

std::string date_of(const std::string& create_date) {
  return create_date.substr(0, 10);
}

std::string rev_name(const ReportModel& m, const std::string& id) {
  const Revision* r = m.graph->find(id);
  return r && !r->message.empty() ? r->message : std::string();
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : std::string(sep)) + x;
  return out;
}

std::vector<const Finding*> with_rule(const ModelRun& run, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const auto& f : run.findings)
    if (f.rule == rule) out.push_back(&f);
  return out;
}

void mermaid(std::ostringstream& md, const ReportModel& m) {
  std::vector<DiagramEnvironment> envs;
  for (const auto& env : m.environments) {
    const ModelRun& plan = m.runs[env.plan];
    DiagramEnvironment d{plan.name, plan.current, {}};
    for (const auto& rev : plan.revisions) d.pending.push_back(rev.id);
    envs.push_back(std::move(d));
  }
  md << "```mermaid\n" << graph_mermaid(*m.graph, envs) << "```\n\n";
}

void environment_section(std::ostringstream& md, const ReportModel& p,
                         const ModelEnvironment& env) {
  const ModelRun& plan = p.runs[env.plan];
  const ModelRun& audit = p.runs[env.audit];
  md << "## " << plan.name << "\n\n";
  md << "```\n";
  md << "Environment:      " << plan.name;
  if (!plan.database.empty()) md << " (" << plan.database << ")";
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
  if (!plan.taken_at.empty())
    md << "Snapshot:         " << plan.snapshot << ", taken " << plan.taken_at << "\n";
  md << "```\n\n";

  md << "### Pending revisions\n\n";
  if (plan.revisions.empty()) {
    md << "None: " << plan.name << " is at the head.\n\n";
  } else {
    md << "| Revision | Name | Date | Predicted | Why |\n|---|---|---|---|---|\n";
    for (const auto& r : plan.revisions) {
      md << "| " << r.id << " | " << cell(r.name) << " | " << date_of(r.date) << " | "
         << verdict_name(r.verdict) << (r.rolled_back ? " (rolled back)" : "") << " | "
         << cell(r.reason) << " |\n";
    }
    md << "\n";
  }

  // Applied history, with notes for the revisions that have findings.
  md << "### Applied history (" << env.history.size() << ")\n\n";
  if (!env.history.empty()) {
    md << "| # | Revision | Name | Date | Notes |\n|---|---|---|---|---|\n";
    size_t n = 0;
    for (const auto& r : env.history) {
      std::string note = r.notes.empty() ? "" : "⚠️ " + r.notes;
      md << "| " << ++n << " | " << (r.current ? "**" + r.id + "**" : r.id) << " | " << cell(r.name)
         << " | " << date_of(r.date) << " | " << note << (r.current ? " ← current" : "") << " |\n";
    }
    md << "\n";
  }

  // Schemas: owner and size, from the snapshot.
  if (env.has_schemas) {
    md << "### Schemas\n\n| Schema | Owner | Tables | Findings |\n|---|---|---|---|\n";
    for (const auto& s : env.schemas)
      md << "| " << s.name << " | " << cell(s.owner) << " | " << s.tables << " | " << s.findings
         << " |\n";
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

std::string status_markdown(const ReportModel& p) {
  std::ostringstream md;
  md << "# Migration status\n\n";
  md << "Migrations: `" << p.migrations << "` (" << p.source_format << ", "
     << p.graph->revisions().size() << " revisions; head " << join(p.graph->heads(), ", ")
     << ")\n\n";
  if (!p.environments.empty()) {
    md << "| Environment | Current | Behind | Pending verdicts | Errors | Warnings |\n"
          "|---|---|---|---|---|---|\n";
    for (const auto& env : p.environments) {
      const ModelRun& plan = p.runs[env.plan];
      const ModelRun& audit = p.runs[env.audit];
      std::string v = verdict_counts(plan);
      int errors = count_severity(plan, "error") + count_severity(audit, "error");
      int warnings = count_severity(plan, "warning") + count_severity(audit, "warning");
      md << "| " << plan.name << " | " << (plan.current.empty() ? "none" : join(plan.current, ", "))
         << " | " << plan.pending() << " | " << v << " | " << errors << " | " << warnings << " |\n";
    }
    md << "\n";
  }
  md << "## Revision graph\n\n";
  mermaid(md, p);
  for (const auto& env : p.environments) environment_section(md, p, env);

  md << "## A fresh database\n\n";
  const ModelRun& fresh = p.runs[p.fresh];
  const Finding* fail = nullptr;
  for (const auto& f : fresh.findings)
    if (f.rule == "would-fail" && !fail) fail = &f;
  if (fail) {
    md << "Building a new environment from an empty database **fails** at `" << fail->revision
       << "` (" << rev_name(p, fail->revision) << "): " << fail->message << " (`" << fail->file
       << ":" << fail->line << "`). ";
    bool rolled = false;
    for (const auto& r : fresh.revisions) rolled = rolled || r.rolled_back;
    md << (rolled ? "The whole transaction rolls back: nothing is left behind.\n\n"
                  : "The revisions before it stay applied.\n\n");
  } else {
    md << "Building a new environment from an empty database applies every revision.\n\n";
  }

  md << "## Recommendations\n\n";
  if (p.recommendations.empty()) md << "Nothing to do.\n";
  for (const auto& r : p.recommendations) md << "- " << r << "\n";
  return md.str();
}

}  // namespace migsim
