// Flyway: V<version>__<description>.sql (versions compared numerically part
// by part, `1.2` = `1_2`, trailing zero parts ignored) followed by the
// repeatable R__<description>.sql in description order. Undo (U) scripts are
// not part of an upgrade. Flyway scans locations recursively, and so do we.
// A script config file beside a script (<script>.conf, since Flyway 6.1) with
// `executeInTransaction=false` runs that script outside a transaction.

#include <algorithm>
#include <filesystem>

#include "parser/revisions/file_names.h"
#include "parser/revisions/readers.h"

namespace migsim::revisions {

namespace {

namespace fs = std::filesystem;

struct Found {
  std::string path;
  std::string version;  ///< normalised: "1.2"
  std::string description;
  bool repeatable = false;
};

/// "01_2.0" -> "1.2": parts without leading zeros, trailing zero parts dropped.
std::string normalise_version(const std::string& raw) {
  std::vector<std::string> parts;
  std::string part;
  for (size_t i = 0; i <= raw.size(); ++i) {
    if (i == raw.size() || raw[i] == '.' || raw[i] == '_') {
      size_t nz = part.find_first_not_of('0');
      parts.push_back(nz == std::string::npos ? "0" : part.substr(nz));
      part.clear();
    } else {
      part += raw[i];
    }
  }
  while (parts.size() > 1 && parts.back() == "0") parts.pop_back();
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "." : "") + parts[i];
  return out;
}

bool collect(const std::string& dir, std::vector<Found>& found, InputError& error,
             DirListing* listed) {
  std::vector<DirEntry> entries;
  if (!list_dir(dir, entries, error, listed)) return false;
  for (const DirEntry& e : entries) {
    if (e.is_dir) {
      if (!collect(e.path, found, error, nullptr)) return false;
      continue;
    }
    if (e.name.size() < 4 || e.name.compare(e.name.size() - 4, 4, ".sql") != 0) continue;
    auto describe = [](std::string_view d) {
      std::string out(d);
      std::replace(out.begin(), out.end(), '_', ' ');
      return out;
    };
    auto parsed = parse_flyway_name(e.name);
    if (parsed && parsed->kind == FlywayName::Kind::kVersioned) {
      found.push_back({e.path, normalise_version(std::string(parsed->version)),
                       describe(parsed->description), false});
    } else if (parsed && parsed->kind == FlywayName::Kind::kRepeatable) {
      found.push_back({e.path, "", describe(parsed->description), true});
    } else if (!parsed) {
      error = {e.path, 0, 0,
               "not a Flyway migration name (V<version>__<description>.sql or "
               "R__<description>.sql)"};
      return false;
    }
  }
  return true;
}

/// Reads <script>.conf when present: Java-properties lines `key=value`.
bool read_script_config(const std::string& script, Revision& rev, InputError& error) {
  std::string path = script + ".conf";
  if (!fs::exists(path)) return true;
  auto source = read_source_file(path, error);
  if (!source) return false;
  const std::string& text = source->text();
  size_t pos = 0;
  uint32_t line = 0;
  auto trim = [](std::string s) {
    size_t b = s.find_first_not_of(" \t\r");
    size_t e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  while (pos < text.size()) {
    ++line;
    size_t nl = text.find('\n', pos);
    std::string l = trim(text.substr(pos, nl == std::string::npos ? nl : nl - pos));
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (l.empty() || l[0] == '#' || l[0] == '!') continue;
    size_t eq = l.find_first_of("=:");
    std::string key = trim(l.substr(0, eq));
    std::string value = eq == std::string::npos ? "" : trim(l.substr(eq + 1));
    if (key != "executeInTransaction") continue;
    if (value != "true" && value != "false") {
      error = {path, line, 0, "executeInTransaction must be true or false"};
      return false;
    }
    rev.transactional = value == "true";
  }
  return true;
}

int compare_versions(const std::string& a, const std::string& b) {
  // Normalised versions are dot-separated digit runs: natural order is numeric order.
  return natural_compare(a, b);
}

}  // namespace

bool read_flyway(const std::string& dir, std::vector<Revision>& out, InputError& error,
                 DirListing* listed) {
  std::vector<Found> found;
  if (!collect(dir, found, error, listed)) return false;
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if (a.repeatable != b.repeatable) return !a.repeatable;
    if (a.repeatable) return a.description < b.description;
    return compare_versions(a.version, b.version) < 0;
  });
  out.reserve(out.size() + found.size());
  // Each file is read where its body is parsed (defer_sql_file).
  for (const Found& f : found) {
    Revision rev;
    rev.id = f.repeatable ? fs::path(f.path).stem().string() : f.version;
    rev.message = f.description;
    rev.path = f.path;
    rev.format = SourceFormat::kFlyway;
    rev.repeatable = f.repeatable;
    if (!read_script_config(f.path, rev, error)) return false;
    defer_sql_file(f.path, rev);
    out.push_back(std::move(rev));
  }
  chain_linearly(out);
  return true;
}

}  // namespace migsim::revisions
