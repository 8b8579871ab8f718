#pragma once
// The migration file names of Flyway and golang-migrate, matched by hand: a
// directory of thousands of revisions is named before any is read.

#include <optional>
#include <string_view>

namespace migsim::revisions {

/// V<version>__<description>.sql, U<version>__<description>.sql or
/// R__<description>.sql, with <version> digit runs joined by '.' or '_'.
struct FlywayName {
  enum class Kind { kVersioned, kUndo, kRepeatable } kind;
  std::string_view version;  ///< empty for repeatable ones
  std::string_view description;
};
std::optional<FlywayName> parse_flyway_name(std::string_view name);

/// <version>_<title>.up.sql or <version>_<title>.down.sql (<title> may be empty).
struct GolangMigrateName {
  std::string_view version;
  std::string_view title;
  bool up;
};
std::optional<GolangMigrateName> parse_golang_migrate_name(std::string_view name);

}  // namespace migsim::revisions
