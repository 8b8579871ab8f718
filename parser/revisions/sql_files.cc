// A plain history: one .sql file, or a directory of .sql files applied in
// natural order (digit runs compared as numbers: 2_x before 10_x).

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "parser/heap_prefault.h"
#include "parser/revisions/readers.h"

namespace migsim::revisions {

namespace {

/// The revision of one .sql file, named `id`, read where its body is parsed:
/// with the parse in the background, the replay starts before the last files
/// are read.
Revision revision_of(const std::string& path, std::string id) {
  Revision rev;
  rev.id = std::move(id);
  rev.path = path;
  rev.format = SourceFormat::kSqlFiles;
  defer_sql_file(path, rev);
  return rev;
}

/// A directory entry's name ending in ".sql" without it, as
/// std::filesystem::path::stem() has it ("a.b.sql" -> "a.b"; ".sql", a hidden
/// file's whole name, stays as it is), without parsing a path for each of a
/// history's thousands of files.
std::string stem_of_sql_name(std::string_view name) {
  std::string_view stem = name.substr(0, name.size() - 4);
  return std::string(stem.empty() ? name : stem);
}

}  // namespace

bool read_sql_files(const std::string& path, std::vector<Revision>& out, InputError& error,
                    DirListing* listed) {
  if (!std::filesystem::is_directory(path)) {
    out.push_back(revision_of(path, std::filesystem::path(path).stem().string()));
    return true;
  }
  std::vector<DirEntry> entries;
  if (!list_dir(path, entries, error, listed)) return false;
  out.reserve(out.size() + entries.size());  // at most a revision an entry
  std::stable_sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) {
    return natural_compare(a.name, b.name) < 0;
  });
  for (const DirEntry& e : entries) {
    if (e.is_dir || e.name.size() < 4 || e.name.compare(e.name.size() - 4, 4, ".sql") != 0)
      continue;
    out.push_back(revision_of(e.path, stem_of_sql_name(e.name)));
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
