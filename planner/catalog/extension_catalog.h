#pragma once
// The extensions a PostgreSQL 15 server with postgresql-15 and -contrib can
// create, with what each creates that later statements refer to: its base and
// composite types and its main functions (read from a real server with \dx+).
// Support functions (type I/O, index support) are left out.

#include <string_view>
#include <vector>

namespace migsim {

struct ExtensionFunctionSpec {
  std::string_view name;
  /// Input argument types as format_type() prints them; names of the
  /// extension's own types are bare here and get its schema when created.
  std::vector<std::string_view> args;
  std::string_view result;
};

struct ExtensionSpec {
  std::string_view name;
  std::string_view default_version;
  std::string_view comment;
  std::vector<std::string_view> base_types;
  std::vector<std::string_view> composite_types;
  std::vector<ExtensionFunctionSpec> functions;
};

/// The extension called `name`, or nullptr when the server has no control file for it.
const ExtensionSpec* find_extension_spec(std::string_view name);

/// True when a PostgreSQL 15 server with -contrib has a control file for `name`,
/// including extensions whose objects migsim does not model. `required` gets
/// the extension it needs, if any.
bool extension_available(std::string_view name, std::string_view* required = nullptr);

/// True when CREATE EXTENSION name VERSION 'version' has a script or update
/// path (pg_available_extension_versions).
bool extension_version_exists(std::string_view name, std::string_view version);

}  // namespace migsim
