#include "planner/config/config.h"

#include <toml++/toml.h>
#include <algorithm>
#include <filesystem>

namespace migsim {

namespace {

namespace fs = std::filesystem;

std::string_view kind_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date or time";
  }
}

/// Reads one TOML document into a Config, failing at the first problem.
class Reader {
 public:
  Reader(const std::string& path, Config& out, InputError& error)
      : path_(path), out_(out), error_(error) {}

  bool read(const toml::table& root) {
    for (auto&& [key, node] : root) {
      std::string k(key.str());
      if (k == "migrations") {
        std::string v;
        if (!string(node, k, v)) return false;
        out_.migrations = resolve_config_path(path_, v);
      } else if (k == "source_format") {
        std::string v;
        if (!string(node, k, v)) return false;
        out_.source_format = parse_source_format(v);
        if (!out_.source_format)
          return fail(node, "unknown source_format \"" + v + "\" (expected one of " +
                                source_format_names() + ")");
      } else if (k == "alembic") {
        if (!alembic(node)) return false;
      } else if (k == "schemas") {
        if (!schemas(node)) return false;
      } else if (k == "environments") {
        if (!environments(node)) return false;
      } else if (k == "code") {
        if (!code(node)) return false;
      } else if (k == "rules") {
        if (!rules(node)) return false;
      } else if (k == "thresholds") {
        if (!thresholds(node)) return false;
      } else {
        return unknown(key, "");
      }
    }
    return true;
  }

 private:
  Location where(const toml::source_region& region) const {
    return {path_, static_cast<uint32_t>(region.begin.line),
            static_cast<uint32_t>(region.begin.column), 0};
  }

  bool fail(const toml::node& node, std::string message) {
    Location l = where(node.source());
    error_ = {path_, l.line, l.column, std::move(message)};
    return false;
  }

  bool unknown(const toml::key& key, std::string_view table) {
    Location l = where(key.source());
    std::string name =
        table.empty() ? std::string(key.str()) : std::string(table) + "." + std::string(key.str());
    error_ = {path_, l.line, l.column, "unknown key \"" + name + "\""};
    return false;
  }

  bool string(const toml::node& node, const std::string& name, std::string& out) {
    auto v = node.value<std::string>();
    if (!node.is_string() || !v)
      return fail(node, name + " must be a string, not " + std::string(kind_name(node)));
    out = *v;
    return true;
  }

  bool boolean(const toml::node& node, const std::string& name, bool& out) {
    if (!node.is_boolean())
      return fail(node, name + " must be true or false, not " + std::string(kind_name(node)));
    out = *node.value<bool>();
    return true;
  }

  const toml::table* table(const toml::node& node, const std::string& name) {
    if (!node.is_table()) {
      fail(node, name + " must be a table, not " + std::string(kind_name(node)));
      return nullptr;
    }
    return node.as_table();
  }

  bool alembic(const toml::node& node) {
    const toml::table* t = table(node, "alembic");
    if (!t) return false;
    for (auto&& [key, value] : *t) {
      std::string k(key.str());
      if (k == "version_table_schema") {
        if (!string(value, "alembic." + k, out_.alembic.version_table_schema)) return false;
      } else if (k == "version_table") {
        if (!string(value, "alembic." + k, out_.alembic.version_table)) return false;
      } else if (k == "transaction_per_migration") {
        if (!boolean(value, "alembic." + k, out_.alembic.transaction_per_migration)) return false;
      } else if (k == "version") {
        std::string text;
        if (!string(value, "alembic." + k, text)) return false;
        auto v = AlembicVersion::parse(text);
        if (!v)
          return fail(value, "alembic.version \"" + text +
                                 "\" is not an Alembic release such as \"1.8.1\" or \"1.13\"");
        out_.alembic.version = *v;
      } else {
        return unknown(key, "alembic");
      }
    }
    return true;
  }

  bool schemas(const toml::node& node) {
    const toml::table* t = table(node, "schemas");
    if (!t) return false;
    for (auto&& [name, value] : *t) {
      std::string prefix = "schemas." + std::string(name.str());
      const toml::table* s = table(value, prefix);
      if (!s) return false;
      SchemaConfig schema;
      schema.location = where(value.source());
      bool has_owner = false;
      for (auto&& [key, v] : *s) {
        std::string k(key.str());
        if (k == "owner") {
          std::string owner;
          if (!string(v, prefix + ".owner", owner)) return false;
          if (owner == "migrations") {
            schema.owner = SchemaConfig::Owner::kMigrations;
          } else if (owner == "external") {
            schema.owner = SchemaConfig::Owner::kExternal;
          } else {
            return fail(
                v, prefix + ".owner must be \"migrations\" or \"external\", not \"" + owner + "\"");
          }
          has_owner = true;
        } else if (k == "note") {
          if (!string(v, prefix + ".note", schema.note)) return false;
        } else {
          return unknown(key, prefix);
        }
      }
      if (!has_owner) return fail(value, prefix + " needs owner = \"migrations\" or \"external\"");
      out_.schemas[std::string(name.str())] = std::move(schema);
    }
    return true;
  }

  bool environments(const toml::node& node) {
    const toml::table* t = table(node, "environments");
    if (!t) return false;
    for (auto&& [name, value] : *t) {
      std::string prefix = "environments." + std::string(name.str());
      const toml::table* e = table(value, prefix);
      if (!e) return false;
      EnvironmentConfig env;
      env.location = where(value.source());
      for (auto&& [key, v] : *e) {
        std::string k(key.str());
        if (k == "snapshot") {
          std::string snapshot;
          if (!string(v, prefix + ".snapshot", snapshot)) return false;
          env.snapshot = resolve_config_path(path_, snapshot);
        } else {
          return unknown(key, prefix);
        }
      }
      if (env.snapshot.empty()) return fail(value, prefix + " needs snapshot = \"FILE\"");
      out_.environments[std::string(name.str())] = std::move(env);
    }
    return true;
  }

  bool code(const toml::node& node) {
    const toml::table* t = table(node, "code");
    if (!t) return false;
    for (auto&& [key, value] : *t) {
      if (key.str() != "paths") return unknown(key, "code");
      const toml::array* paths = value.as_array();
      if (!paths)
        return fail(value,
                    "code.paths must be an array of strings, not " + std::string(kind_name(value)));
      for (const toml::node& item : *paths) {
        std::string p;
        if (!string(item, "each of code.paths", p)) return false;
        out_.code_paths.push_back(resolve_config_path(path_, p));
      }
    }
    return true;
  }

  bool rules(const toml::node& node) {
    const toml::table* t = table(node, "rules");
    if (!t) return false;
    for (auto&& [key, value] : *t) {
      std::string rule(key.str());
      std::string level;
      if (!string(value, "rules." + rule, level)) return false;
      auto parsed = parse_rule_level(level);
      if (!parsed)
        return fail(value, "rules." + rule + " must be \"error\", \"warning\", \"info\" or " +
                               "\"off\", not \"" + level + "\"");
      out_.rules[rule] = *parsed;
    }
    return true;
  }

  bool thresholds(const toml::node& node) {
    const toml::table* t = table(node, "thresholds");
    if (!t) return false;
    for (auto&& [key, value] : *t) {
      std::string k(key.str());
      int64_t* target = k == "large_table_rows"    ? &out_.large_table_rows
                        : k == "large_table_bytes" ? &out_.large_table_bytes
                                                   : nullptr;
      if (!target) return unknown(key, "thresholds");
      std::optional<int64_t> v = value.value<int64_t>();
      if (!v || *v < 0 || !value.is_integer())
        return fail(value, "thresholds." + k + " must be a whole number of at least 0");
      *target = *v;
    }
    return true;
  }

  const std::string& path_;
  Config& out_;
  InputError& error_;
};

}  // namespace

std::string_view rule_level_name(RuleLevel level) {
  switch (level) {
    case RuleLevel::kError:
      return "error";
    case RuleLevel::kWarning:
      return "warning";
    case RuleLevel::kInfo:
      return "info";
    case RuleLevel::kOff:
      return "off";
  }
  return "?";
}

std::optional<RuleLevel> parse_rule_level(std::string_view name) {
  if (name == "error") return RuleLevel::kError;
  if (name == "warning") return RuleLevel::kWarning;
  if (name == "info") return RuleLevel::kInfo;
  if (name == "off") return RuleLevel::kOff;
  return std::nullopt;
}

const SchemaConfig* external_schema(const Config& config, const std::string& schema) {
  auto it = config.schemas.find(schema);
  if (it == config.schemas.end() || it->second.owner != SchemaConfig::Owner::kExternal)
    return nullptr;
  return &it->second;
}

bool any_external_schema(const Config& config) {
  return std::any_of(config.schemas.begin(), config.schemas.end(), [](const auto& named) {
    return named.second.owner == SchemaConfig::Owner::kExternal;
  });
}

std::string resolve_config_path(const std::string& config_path, const std::string& relative) {
  fs::path p(relative);
  if (p.is_absolute() || config_path.empty()) return relative;
  return (fs::path(config_path).parent_path() / p).lexically_normal().string();
}

bool parse_config(std::string_view text, const std::string& path, Config& out, InputError& error) {
  out = Config{};
  out.path = path;
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    error = {path, static_cast<uint32_t>(e.source().begin.line),
             static_cast<uint32_t>(e.source().begin.column), std::string(e.description())};
    return false;
  }
  Reader reader(path, out, error);
  return reader.read(root);
}

bool load_config(const std::string& path, Config& out, InputError& error) {
  auto source = read_source_file(path, error);
  if (!source) return false;
  return parse_config(source->text(), path, out, error);
}

}  // namespace migsim
