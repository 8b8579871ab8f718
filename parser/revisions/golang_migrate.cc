// golang-migrate: <version>_<title>.up.sql, versions compared as numbers
// (the tool stores them as bigint); .down.sql files are not part of an upgrade.

#include <algorithm>

#include "parser/revisions/file_names.h"
#include "parser/revisions/readers.h"

namespace migsim::revisions {

bool read_golang_migrate(const std::string& dir, std::vector<Revision>& out, InputError& error,
                         DirListing* listed) {
  std::vector<DirEntry> entries;
  if (!list_dir(dir, entries, error, listed)) return false;
  struct Found {
    std::string id, title, path;
  };
  std::vector<Found> found;
  for (const DirEntry& e : entries) {
    if (e.is_dir || e.name.size() < 4 || e.name.compare(e.name.size() - 4, 4, ".sql") != 0)
      continue;
    auto m = parse_golang_migrate_name(e.name);
    if (!m) {
      error = {e.path, 0, 0,
               "not a golang-migrate migration name (<version>_<title>.up.sql or .down.sql)"};
      return false;
    }
    if (!m->up) continue;
    std::string version(m->version);
    size_t nz = version.find_first_not_of('0');
    found.push_back(
        {nz == std::string::npos ? "0" : version.substr(nz), std::string(m->title), e.path});
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return natural_compare(a.id, b.id) < 0; });
  out.reserve(out.size() + found.size());
  // Each file is read where its body is parsed (defer_sql_file).
  for (const Found& f : found) {
    Revision rev;
    rev.id = f.id;
    rev.message = f.title;
    std::replace(rev.message.begin(), rev.message.end(), '_', ' ');
    rev.path = f.path;
    rev.format = SourceFormat::kGolangMigrate;
    defer_sql_file(f.path, rev);
    out.push_back(std::move(rev));
  }
  chain_linearly(out);
  return true;
}

}  // namespace migsim::revisions
