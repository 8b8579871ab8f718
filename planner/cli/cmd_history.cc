// migsim history [--migrations PATH] [--source-format F] [--config FILE]
//                [--format text|json|mermaid|dot]
//
// Prints the revision graph in the order the revisions apply, with heads,
// bases and merges marked, and the graph's problems; or draws it (Mermaid,
// Graphviz DOT) with each configured environment's current revisions and the
// revisions still pending there. Exit 2, with no output,
// when the graph has no usable order (a duplicate id, a cycle) or the input cannot be read;
// 1 when it has other errors (a missing down revision or dependency); else 0.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "parser/revisions/revision_graph.h"
#include "planner/cli/commands.h"
#include "planner/cli/output.h"
#include "planner/config/config.h"
#include "planner/report/graph_diagram.h"
#include "planner/report/json_out.h"
#include "planner/run/current_revisions.h"
#include "planner/run/project.h"
#include "planner/snapshot/open.h"

namespace migsim {
namespace {

struct HistoryOptions {
  std::string migrations;
  std::string source_format;
  std::string config;
  std::string format = "text";
  std::string output;
};

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? std::string(sep) : "") + items[i];
  return out;
}

std::string_view severity_name(GraphProblem::Severity s) {
  return s == GraphProblem::Severity::kError ? "error" : "warning";
}

std::vector<std::string> marks(const RevisionGraph& g, const Revision& r) {
  std::vector<std::string> out;
  if (r.down_revisions.empty()) out.push_back("base");
  if (g.is_head(r.id)) out.push_back("head");
  if (r.down_revisions.size() > 1) out.push_back("merge");
  if (g.children(r.id).size() > 1) out.push_back("branchpoint");
  if (r.repeatable) out.push_back("repeatable");
  if (!r.transactional) out.push_back("no transaction");
  return out;
}

using EnvMarks = std::map<std::string, std::vector<std::string>>;  ///< revision -> environments

std::string history_text(const RevisionGraph& g, const std::string& path, SourceFormat format,
                         const EnvMarks& envs) {
  std::ostringstream out;
  out << "history: " << path << " (" << source_format_name(format) << "), " << g.revisions().size()
      << " revision" << (g.revisions().size() == 1 ? "" : "s")
      << "; heads: " << (g.heads().empty() ? "none" : join(g.heads(), ", "));
  if (!g.starts_from().empty()) out << "; upgrades from: " << join(g.starts_from(), ", ");
  out << "\n\n";
  for (const Revision& r : g.revisions()) {
    out << (r.down_revisions.empty() ? "<base>" : join(r.down_revisions, ", ")) << " -> " << r.id;
    auto m = marks(g, r);
    if (!m.empty()) out << " (" << join(m, ") (") << ")";
    if (!r.branch_labels.empty()) out << " [" << join(r.branch_labels, ", ") << "]";
    if (auto e = envs.find(r.id); e != envs.end())
      out << " <- current in " << join(e->second, ", ");
    if (!r.message.empty()) out << ", " << r.message;
    out << "\n";
    out << "    " << r.path;
    if (r.location.line > 0) out << ":" << r.location.line;
    if (!r.create_date.empty()) out << "  created " << r.create_date;
    if (!r.depends_on.empty()) out << "  depends on " << join(r.depends_on, ", ");
    out << "\n";
  }
  if (!g.problems().empty()) {
    out << "\nproblems:\n";
    for (const GraphProblem& p : g.problems()) {
      out << "  " << severity_name(p.severity) << " " << p.rule << ": " << p.message << "\n";
    }
  }
  return out.str();
}

std::string history_json(const RevisionGraph& g, const std::string& path, SourceFormat format,
                         const EnvMarks& envs) {
  std::string text;
  JsonOut j(text, true);
  j.begin_object();
  j.key("format").value(static_cast<int64_t>(1));
  j.key("source").begin_object();
  j.key("path").value(path);
  j.key("format").value(source_format_name(format));
  j.end_object();
  auto list = [&](std::string_view key, const std::vector<std::string>& items) {
    j.key(key).begin_array();
    for (const auto& s : items) j.value(s);
    j.end_array();
  };
  list("heads", g.heads());
  list("bases", g.bases());
  list("merges", g.merges());
  list("starts_from", g.starts_from());
  j.key("branch_labels").begin_object();
  for (const auto& [label, id] : g.branch_labels()) j.key(label).value(id);
  j.end_object();
  j.key("revisions").begin_array();
  for (const Revision& r : g.revisions()) {
    j.begin_object();
    j.key("id").value(r.id);
    list("down_revisions", r.down_revisions);
    list("branch_labels", r.branch_labels);
    list("depends_on", r.depends_on);
    j.key("name").string_or_null(r.message);
    j.key("create_date").string_or_null(r.create_date);
    j.key("file").value(r.path);
    j.key("line").value(static_cast<int64_t>(r.location.line));
    j.key("head").value(g.is_head(r.id));
    auto e = envs.find(r.id);
    list("current_in", e == envs.end() ? std::vector<std::string>{} : e->second);
    j.key("merge").value(r.down_revisions.size() > 1);
    j.key("transactional").value(r.transactional);
    if (r.format == SourceFormat::kFlyway) j.key("repeatable").value(r.repeatable);
    if (r.body == BodyKind::kSql) {
      j.key("body").value("sql");
      j.key("statements").value(static_cast<int64_t>(r.script().statements.size()));
      j.key("bookkeeping_statements").value(static_cast<int64_t>(r.bookkeeping.size()));
    } else {
      j.key("body").value("unknown");
      j.key("reason").value(r.unread_reason);
    }
    j.end_object();
  }
  j.end_array();
  j.key("problems").begin_array();
  for (const GraphProblem& p : g.problems()) {
    j.begin_object();
    j.key("rule").value(p.rule);
    j.key("severity").value(severity_name(p.severity));
    j.key("revision").string_or_null(p.revisions.empty() ? "" : p.revisions.front());
    j.key("message").value(p.message);
    list("revisions", p.revisions);
    list("files", p.files);
    j.key("file").string_or_null(p.file);
    j.key("line").value(static_cast<int64_t>(p.line));
    j.end_object();
  }
  j.end_array();
  j.end_object();
  text += "\n";
  return text;
}

int run_history(const HistoryOptions& o) {
  Project project;
  InputError error;
  if (!load_project({o.config, o.migrations, o.source_format, {}}, project, error))
    return report_input_error(error);
  const RevisionGraph& graph = *project.graph;
  // Where each configured environment stands, from its snapshot's version table.
  EnvMarks envs;
  std::vector<DiagramEnvironment> diagram;
  for (const auto& [name, env] : project.config.environments) {
    Catalog catalog;
    Snapshot snapshot;
    std::vector<std::string> current;
    if (!open_snapshot(env.snapshot, catalog, snapshot, error) ||
        !current_revisions(project, snapshot, env.snapshot, current, error))
      return report_input_error(error);
    for (const auto& id : current) envs[id].push_back(name);
    DiagramEnvironment d{name, current, {}};
    std::vector<const Revision*> pending;
    std::string why;
    if (graph.pending(current, {}, pending, why))
      for (const Revision* r : pending) d.pending.push_back(r->id);
    diagram.push_back(std::move(d));
  }
  std::string text =
      o.format == "json"      ? history_json(graph, project.migrations, project.format, envs)
      : o.format == "mermaid" ? graph_mermaid(graph, diagram)
      : o.format == "dot"     ? graph_dot(graph, diagram)
                              : history_text(graph, project.migrations, project.format, envs);
  if (!write_output(o.output, text, error)) return report_input_error(error);
  return graph.has_errors() ? 1 : 0;
}

void setup(CLI::App* cmd, std::function<int()>& action) {
  static HistoryOptions o;
  cmd->add_option("--migrations", o.migrations,
                  "an Alembic versions/ directory, an offline .sql file, or a SQL directory");
  cmd->add_option("--source-format", o.source_format, "override the detected source format")
      ->check(CLI::IsMember(
          {"alembic", "alembic-sql", "flyway", "golang-migrate", "dbmate", "diesel", "sql"}));
  cmd->add_option("--config", o.config, "migsim.toml to read (default: ./migsim.toml if present)");
  cmd->add_option("--format", o.format, "text, json, mermaid or dot (the graph drawn)")
      ->check(CLI::IsMember({"text", "json", "mermaid", "dot"}));
  cmd->add_option("-o,--output", o.output, "write to this file instead of stdout");
  add_limit_options(*cmd);
  cmd->callback([&action] { action = [] { return run_history(o); }; });
}

CommandRegistrar reg(20, "history",
                     "Print the migration history as a graph: order, heads, merges and problems",
                     setup);

}  // namespace
}  // namespace migsim
