#pragma once
// The revision graph as a picture: Mermaid (for Markdown) or Graphviz DOT.
// Each revision is a node with its id and message, an edge runs from each down
// revision to its child (dotted from a depends_on), every environment points at its current
// revisions, and the revisions still pending somewhere are drawn dashed. A down
// revision the history does not hold is drawn dotted: where an offline range
// starts ("upgrades from here"), or missing.

#include <string>
#include <vector>

#include "parser/revisions/revision_graph.h"

namespace migsim {

/// Where one environment stands in the picture.
struct DiagramEnvironment {
  std::string name;
  std::vector<std::string> current;  ///< its version table's revisions
  std::vector<std::string> pending;  ///< the revisions an upgrade to the heads applies
};

/// Mermaid flowchart text ("graph TD" ... "classDef ..."), one line per
/// statement, without the Markdown code fence.
std::string graph_mermaid(const RevisionGraph& graph, const std::vector<DiagramEnvironment>& envs);

/// A Graphviz digraph with the same nodes, edges and marks.
std::string graph_dot(const RevisionGraph& graph, const std::vector<DiagramEnvironment>& envs);

}  // namespace migsim
