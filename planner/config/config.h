#pragma once
// migsim.toml: where the migrations are, how the migration tool runs them,
// which schemas migrations own, the environments and their snapshots, the code
// to scan and rule levels. Every setting can also come from a flag.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/alembic/alembic_version.h"
#include "parser/revisions/revision.h"
#include "parser/source.h"

namespace migsim {

struct SchemaConfig {
  enum class Owner { kMigrations, kExternal };
  Owner owner = Owner::kMigrations;
  std::string note;
  Location location;  ///< the [schemas.NAME] table, for findings
};

struct EnvironmentConfig {
  std::string snapshot;  ///< resolved against the config file's directory
  Location location;
};

enum class RuleLevel { kError, kWarning, kInfo, kOff };
std::string_view rule_level_name(RuleLevel level);
std::optional<RuleLevel> parse_rule_level(std::string_view name);

struct AlembicConfig {
  std::string version_table = "alembic_version";
  std::string version_table_schema;  ///< empty: the search_path's first schema
  bool transaction_per_migration = false;
  /// The Alembic release the project runs; not given: the current release.
  AlembicVersion version;
};

struct Config {
  std::string path;  ///< the file read; empty when there was none
  std::string migrations;
  std::optional<SourceFormat> source_format;
  AlembicConfig alembic;
  std::map<std::string, SchemaConfig> schemas;
  std::map<std::string, EnvironmentConfig> environments;
  std::vector<std::string> code_paths;
  std::map<std::string, RuleLevel> rules;
  /// [thresholds]: from what size the risk rules call a table large.
  int64_t large_table_rows = 100000;
  int64_t large_table_bytes = 100 * 1024 * 1024;
};

/// The configuration of `schema` when another system owns it ([schemas.X]
/// owner = "external"), else nullptr.
const SchemaConfig* external_schema(const Config& config, const std::string& schema);
/// Whether any schema is owned by another system.
bool any_external_schema(const Config& config);

/// Reads `text` as the migsim.toml at `path`. Unknown keys, wrong types and
/// bad values are errors with the file, line and column.
bool parse_config(std::string_view text, const std::string& path, Config& out, InputError& error);

/// Reads the file at `path`.
bool load_config(const std::string& path, Config& out, InputError& error);

/// Makes `relative` relative to the directory of `config_path` (absolute paths stay).
std::string resolve_config_path(const std::string& config_path, const std::string& relative);

}  // namespace migsim
