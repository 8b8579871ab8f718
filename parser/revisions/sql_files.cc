// A plain history: one .sql file, or a directory of .sql files applied in
// natural order (digit runs compared as numbers: 2_x before 10_x).

#include <algorithm>
#include <filesystem>

#include "parser/revisions/readers.h"

namespace migsim::revisions {

namespace {

bool read_one(const std::string& path, std::vector<Revision>& out, InputError& error) {
  auto source = read_source_file(path, error);
  if (!source) return false;
  Revision rev;
  rev.id = std::filesystem::path(path).stem().string();
  rev.path = path;
  rev.format = SourceFormat::kSqlFiles;
  rev.location = source->locate(0);
  defer_sql_body(source, 0, static_cast<uint32_t>(source->text().size()), rev);
  out.push_back(std::move(rev));
  return true;
}

}  // namespace

bool read_sql_files(const std::string& path, std::vector<Revision>& out, InputError& error) {
  if (!std::filesystem::is_directory(path)) return read_one(path, out, error);
  std::vector<DirEntry> entries;
  if (!list_dir(path, entries, error)) return false;
  std::stable_sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) {
    return natural_compare(a.name, b.name) < 0;
  });
  for (const DirEntry& e : entries) {
    if (e.is_dir || e.name.size() < 4 || e.name.compare(e.name.size() - 4, 4, ".sql") != 0)
      continue;
    if (!read_one(e.path, out, error)) return false;
  }
  if (out.empty()) {
    error = {path, 0, 0, "no .sql files in this directory"};
    return false;
  }
  chain_linearly(out);
  return true;
}

}  // namespace migsim::revisions
