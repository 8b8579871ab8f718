#include "planner/run/project.h"

#include "parser/revisions/parse_bodies.h"
#include "planner/rules/rule_table.h"

#include <cstdio>
#include <filesystem>

namespace migsim {

bool load_project(const ProjectOptions& options, Project& out, InputError& error) {
  std::string config_path = options.config;
  if (config_path.empty() && std::filesystem::exists("migsim.toml")) config_path = "migsim.toml";
  if (!config_path.empty() && !load_config(config_path, out.config, error)) return false;
  for (const auto& setting : options.rules) {
    size_t eq = setting.find('=');
    std::string id = setting.substr(0, eq);
    auto level = eq == std::string::npos ? std::nullopt : parse_rule_level(setting.substr(eq + 1));
    if (!level) {
      error = {
          "migsim", 0, 0,
          "--rule " + setting + ": expected RULE=LEVEL, LEVEL one of error, warning, info, off"};
      return false;
    }
    if (!find_rule(id)) {
      error = {"migsim", 0, 0, "--rule " + setting + ": no rule '" + id + "' (see `migsim rules`)"};
      return false;
    }
    out.config.rules[id] = *level;
  }

  out.migrations = options.migrations.empty() ? out.config.migrations : options.migrations;
  if (out.migrations.empty()) {
    error = {config_path.empty() ? "migsim" : config_path, 0, 0,
             config_path.empty()
                 ? "no migrations: pass --migrations PATH or set migrations in migsim.toml"
                 : "no migrations: set migrations in this file or pass --migrations PATH"};
    return false;
  }
  std::optional<SourceFormat> format = options.source_format.empty()
                                           ? out.config.source_format
                                           : parse_source_format(options.source_format);
  ReadOptions read_options;
  if (!format) format = detect_source_format(out.migrations, error, &read_options.listing);
  if (!format) return false;
  out.format = *format;

  read_options.version_table = out.config.alembic.version_table;
  read_options.parse_in_background = options.parse_in_background;
  std::vector<Revision> revisions;
  if (!read_revisions(out.migrations, out.format, read_options, revisions, error)) return false;
  out.graph = std::make_shared<const RevisionGraph>(std::move(revisions));
  if (out.graph->broken()) {
    // A body that does not parse comes first, as when it was parsed on reading.
    if (!finish_revision_bodies(out.graph->revisions(), error)) return false;
    bool first = true;
    for (const GraphProblem& p : out.graph->problems()) {
      if (p.rule != "duplicate-revision" && p.rule != "revision-cycle") continue;
      InputError e{p.file.empty() ? out.migrations : p.file, p.line, 0, p.message};
      if (first) {
        error = e;
        first = false;
      } else {
        std::fprintf(stderr, "migsim: %s\n", e.to_string().c_str());
      }
    }
    return false;
  }
  return true;
}

}  // namespace migsim
