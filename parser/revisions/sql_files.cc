// A plain history: one .sql file, or a directory of .sql files applied in
// natural order (digit runs compared as numbers: 2_x before 10_x).

#include <algorithm>
#include <filesystem>

#include "parser/read_files.h"
#include "parser/revisions/readers.h"

namespace migsim::revisions {

namespace {

bool read_one(const std::string& path, FileRead read, std::vector<Revision>& out,
              InputError& error) {
  std::shared_ptr<SourceFile> source = read.take(error);
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
  if (!std::filesystem::is_directory(path)) {
    FileRead read;
    read.source = read_source_file(path, read.error);
    return read_one(path, std::move(read), out, error);
  }
  std::vector<DirEntry> entries;
  if (!list_dir(path, entries, error)) return false;
  std::stable_sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) {
    return natural_compare(a.name, b.name) < 0;
  });
  std::vector<std::string> paths;
  for (const DirEntry& e : entries) {
    if (e.is_dir || e.name.size() < 4 || e.name.compare(e.name.size() - 4, 4, ".sql") != 0)
      continue;
    paths.push_back(e.path);
  }
  std::vector<FileRead> reads = read_source_files(paths);
  for (size_t i = 0; i < paths.size(); ++i)
    if (!read_one(paths[i], std::move(reads[i]), out, error)) return false;
  if (out.empty()) {
    error = {path, 0, 0, "no .sql files in this directory"};
    return false;
  }
  chain_linearly(out);
  return true;
}

}  // namespace migsim::revisions
