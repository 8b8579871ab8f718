#include "parser/revisions/file_names.h"

namespace migsim::revisions {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Digits at `i` of `s`; how many.
size_t digits_at(std::string_view s, size_t i) {
  size_t n = 0;
  while (i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}

/// A part of a name that matches regex `.+` or `.*`: no line breaks.
bool one_line(std::string_view s) {
  return s.find_first_of("\r\n") == std::string_view::npos;
}

bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

}  // namespace

std::optional<FlywayName> parse_flyway_name(std::string_view name) {
  if (!strip_suffix(name, ".sql") || name.empty()) return std::nullopt;
  FlywayName out{FlywayName::Kind::kRepeatable, {}, {}};
  size_t i = 1;
  if (name[0] == 'V' || name[0] == 'U') {
    out.kind = name[0] == 'V' ? FlywayName::Kind::kVersioned : FlywayName::Kind::kUndo;
    // Digit runs joined by single separators; "__" ends the version.
    size_t n = digits_at(name, i);
    if (n == 0) return std::nullopt;
    i += n;
    while (i + 1 < name.size() && (name[i] == '.' || name[i] == '_') && is_digit(name[i + 1]))
      i += 1 + digits_at(name, i + 1);
    out.version = name.substr(1, i - 1);
  } else if (name[0] != 'R') {
    return std::nullopt;
  }
  if (name.substr(i, 2) != "__") return std::nullopt;
  out.description = name.substr(i + 2);
  if (out.description.empty() || !one_line(out.description)) return std::nullopt;
  return out;
}

std::optional<GolangMigrateName> parse_golang_migrate_name(std::string_view name) {
  GolangMigrateName out{{}, {}, true};
  if (strip_suffix(name, ".up.sql")) {
    out.up = true;
  } else if (strip_suffix(name, ".down.sql")) {
    out.up = false;
  } else {
    return std::nullopt;
  }
  size_t n = digits_at(name, 0);
  if (n == 0 || n >= name.size() || name[n] != '_') return std::nullopt;
  out.version = name.substr(0, n);
  out.title = name.substr(n + 1);
  if (!one_line(out.title)) return std::nullopt;
  return out;
}

}  // namespace migsim::revisions
