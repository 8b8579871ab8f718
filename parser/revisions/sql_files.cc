// A plain history: one .sql file, or a directory of .sql files applied in
// natural order (digit runs compared as numbers: 2_x before 10_x).

#include <algorithm>
#include <filesystem>

#include "parser/heap_prefault.h"
#include "parser/revisions/readers.h"

namespace migsim::revisions {

namespace {

/// The revision of one .sql file, read where its body is parsed: with the
/// parse in the background, the replay starts before the last files are read.
Revision revision_of(const std::string& path) {
  Revision rev;
  rev.id = std::filesystem::path(path).stem().string();
  rev.path = path;
  rev.format = SourceFormat::kSqlFiles;
  defer_sql_file(path, rev);
  return rev;
}

}  // namespace

bool read_sql_files(const std::string& path, std::vector<Revision>& out, InputError& error) {
  if (!std::filesystem::is_directory(path)) {
    out.push_back(revision_of(path));
    return true;
  }
  std::vector<DirEntry> entries;
  if (!list_dir(path, entries, error)) return false;
  out.reserve(out.size() + entries.size());  // at most a revision an entry
  std::stable_sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) {
    return natural_compare(a.name, b.name) < 0;
  });
  for (const DirEntry& e : entries) {
    if (e.is_dir || e.name.size() < 4 || e.name.compare(e.name.size() - 4, 4, ".sql") != 0)
      continue;
    out.push_back(revision_of(e.path));
    HeapPrefault::note_use(out.back().path.data());
  }
  if (out.empty()) {
    error = {path, 0, 0, "no .sql files in this directory"};
    return false;
  }
  chain_linearly(out);
  return true;
}

}  // namespace migsim::revisions
