#pragma once
// What every command that reads a migration history starts from: the
// configuration, the revisions and their graph.

#include <memory>
#include <string>
#include <vector>

#include "parser/revisions/revision_graph.h"
#include "planner/config/config.h"

namespace migsim {

struct ProjectOptions {
  std::string config;              ///< --config; default ./migsim.toml when present
  std::string migrations;          ///< --migrations, overrides the config
  std::string source_format;       ///< --source-format, overrides the config
  std::vector<std::string> rules;  ///< --rule ID=LEVEL, over migsim.toml's [rules]
  /// For commands that only read the statements through run_environment:
  /// load_project returns while the SQL bodies are still being parsed, and the
  /// replay starts as soon as the first one is (run_environment reports a body
  /// that does not parse).
  bool parse_in_background = false;

  static ProjectOptions for_replay() {
    ProjectOptions o;
    o.parse_in_background = true;
    return o;
  }
};

struct Project {
  Config config;
  std::string migrations;  ///< the history's path
  SourceFormat format = SourceFormat::kSqlFiles;
  /// Shared with the report models built from the project, which show its
  /// revisions' ids, messages and edges (never their bodies).
  std::shared_ptr<const RevisionGraph> graph = std::make_shared<const RevisionGraph>();
};

/// Reads the configuration and the history. A history with no usable order
/// (a duplicate id, a cycle) is bad input: every such problem is printed to
/// stderr and false is returned with `error` naming the first one.
bool load_project(const ProjectOptions& options, Project& out, InputError& error);

}  // namespace migsim
