// Diesel: migrations/<version>_<name>/up.sql, with an optional metadata.toml
// (`run_in_transaction = false`). Diesel keeps a version's digits only, so
// `20170831123456` and `2017-08-31-123456` sort (and compare) alike.

#include <toml++/toml.h>
#include <algorithm>
#include <filesystem>

#include "parser/revisions/readers.h"

namespace migsim::revisions {

namespace {

namespace fs = std::filesystem;

bool read_metadata(const std::string& path, Revision& rev, InputError& error) {
  auto source = read_source_file(path, error);  // under --max-file-size, like every input
  if (!source) return false;
  try {
    toml::table t = toml::parse(source->text(), path);
    for (const auto& [key, node] : t) {
      if (key.str() != "run_in_transaction") continue;
      auto v = node.value<bool>();
      if (!v) {
        error = {path, static_cast<uint32_t>(node.source().begin.line),
                 static_cast<uint32_t>(node.source().begin.column),
                 "run_in_transaction must be true or false"};
        return false;
      }
      rev.transactional = *v;
    }
  } catch (const toml::parse_error& e) {
    error = {path, static_cast<uint32_t>(e.source().begin.line),
             static_cast<uint32_t>(e.source().begin.column), std::string(e.description())};
    return false;
  }
  return true;
}

}  // namespace

bool read_diesel(const std::string& dir, std::vector<Revision>& out, InputError& error,
                 DirListing* listed) {
  std::vector<DirEntry> entries;
  if (!list_dir(dir, entries, error, listed)) return false;
  out.reserve(out.size() + entries.size());  // at most a revision an entry
  for (const DirEntry& e : entries) {
    if (!e.is_dir) continue;
    size_t underscore = e.name.find('_');
    std::string version = digits_of(e.name.substr(0, underscore));
    if (underscore == std::string::npos || version.empty()) {
      error = {e.path, 0, 0, "not a Diesel migration directory name (<version>_<name>)"};
      return false;
    }
    fs::path up = fs::path(e.path) / "up.sql";
    if (!fs::exists(up)) {
      error = {e.path, 0, 0, "Diesel migration directory without up.sql"};
      return false;
    }
    auto source = read_source_file(up.string(), error);
    if (!source) return false;
    Revision rev;
    rev.id = version;
    rev.message = e.name.substr(underscore + 1);
    std::replace(rev.message.begin(), rev.message.end(), '_', ' ');
    rev.path = up.string();
    rev.format = SourceFormat::kDiesel;
    rev.location = source->locate(0);
    fs::path metadata = fs::path(e.path) / "metadata.toml";
    if (fs::exists(metadata) && !read_metadata(metadata.string(), rev, error)) return false;
    defer_sql_body(source, 0, static_cast<uint32_t>(source->text().size()), rev);
    out.push_back(std::move(rev));
  }
  std::stable_sort(out.begin(), out.end(), [](const Revision& a, const Revision& b) {
    return natural_compare(a.id, b.id) < 0;
  });
  chain_linearly(out);
  return true;
}

}  // namespace migsim::revisions
