#include "planner/report/graph_diagram.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace migsim {

namespace {

/// A Mermaid node id: "r_" and the revision id with every other character an underscore.
std::string mermaid_node(const std::string& id) {
  std::string n = "r_";
  for (char c : id) n.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return n;
}

/// Text inside a quoted Mermaid label: a double quote would end it.
std::string mermaid_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"')
      out += "#quot;";
    else if (c == '\n')
      out += ' ';
    else
      out.push_back(c);
  }
  return out;
}

/// A DOT double-quoted string's contents.
std::string dot_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

bool has_label(const Revision& r) {
  return !r.message.empty() && r.message != r.id;
}

/// The revision a depends_on entry names (an id or a branch label); empty when neither.
std::string dependency(const RevisionGraph& graph, const std::string& name) {
  if (graph.find(name)) return name;
  auto label = graph.branch_labels().find(name);
  return label == graph.branch_labels().end() ? std::string() : label->second;
}

/// A down revision outside the history: where an offline range starts, or missing.
struct Outside {
  std::string id;
  bool starts_from = false;
};

/// The down revisions the history names but does not hold, in order of first mention.
std::vector<Outside> outside(const RevisionGraph& graph) {
  std::vector<Outside> out;
  std::set<std::string> seen;
  const auto& starts = graph.starts_from();
  for (const auto& r : graph.revisions())
    for (const auto& d : r.down_revisions)
      if (!graph.find(d) && seen.insert(d).second)
        out.push_back({d, std::find(starts.begin(), starts.end(), d) != starts.end()});
  return out;
}

std::string outside_note(const Outside& o) {
  return o.starts_from ? "(upgrades from here)" : "(missing)";
}

}  // namespace

std::string graph_mermaid(const RevisionGraph& graph, const std::vector<DiagramEnvironment>& envs) {
  std::string out = "graph TD\n";
  for (const auto& r : graph.revisions()) {
    std::string label =
        mermaid_text(r.id) + (has_label(r) ? "<br/>" + mermaid_text(r.message) : "");
    out += "  " + mermaid_node(r.id) + "[\"" + label + "\"]\n";
  }
  auto beyond = outside(graph);
  for (const auto& o : beyond)
    out += "  " + mermaid_node(o.id) + "[\"" + mermaid_text(o.id) + "<br/>" + outside_note(o) +
           "\"]\n";
  for (const auto& r : graph.revisions())
    for (const auto& d : r.down_revisions)
      out += "  " + mermaid_node(d) + " --> " + mermaid_node(r.id) + "\n";
  for (const auto& r : graph.revisions())
    for (const auto& name : r.depends_on)
      if (std::string d = dependency(graph, name); !d.empty())
        out += "  " + mermaid_node(d) + " -. depends on .-> " + mermaid_node(r.id) + "\n";
  for (const auto& env : envs) {
    for (const auto& c : env.current)
      out += "  env_" + mermaid_node(env.name) + "([" + mermaid_text(env.name) + "]) -.-> " +
             mermaid_node(c) + "\n";
    for (const auto& p : env.pending) out += "  class " + mermaid_node(p) + " pending\n";
  }
  for (const auto& o : beyond) out += "  class " + mermaid_node(o.id) + " outside\n";
  out += "  classDef pending stroke-dasharray: 5 5\n";
  if (!beyond.empty()) out += "  classDef outside stroke-dasharray: 2 2\n";
  return out;
}

std::string graph_dot(const RevisionGraph& graph, const std::vector<DiagramEnvironment>& envs) {
  std::set<std::string> pending;
  for (const auto& env : envs) pending.insert(env.pending.begin(), env.pending.end());
  std::string out = "digraph revisions {\n  rankdir=TB;\n  node [shape=box];\n";
  for (const auto& r : graph.revisions()) {
    std::string label = dot_text(r.id) + (has_label(r) ? "\\n" + dot_text(r.message) : "");
    out += "  \"" + dot_text(r.id) + "\" [label=\"" + label + "\"";
    if (pending.count(r.id)) out += ", style=dashed";
    out += "];\n";
  }
  for (const auto& o : outside(graph))
    out += "  \"" + dot_text(o.id) + "\" [label=\"" + dot_text(o.id) + "\\n" + outside_note(o) +
           "\", style=dotted" + (o.starts_from ? "" : ", color=red") + "];\n";
  for (const auto& r : graph.revisions())
    for (const auto& d : r.down_revisions)
      out += "  \"" + dot_text(d) + "\" -> \"" + dot_text(r.id) + "\";\n";
  for (const auto& r : graph.revisions())
    for (const auto& name : r.depends_on)
      if (std::string d = dependency(graph, name); !d.empty())
        out += "  \"" + dot_text(d) + "\" -> \"" + dot_text(r.id) +
               "\" [style=dashed, label=\"depends on\"];\n";
  for (const auto& env : envs) {
    if (env.current.empty()) continue;
    std::string node = "\"env " + dot_text(env.name) + "\"";
    out += "  " + node + " [label=\"" + dot_text(env.name) + "\", shape=ellipse];\n";
    for (const auto& c : env.current)
      out += "  " + node + " -> \"" + dot_text(c) + "\" [style=dotted];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace migsim
