// dbmate: <version>_<name>.sql files holding a `-- migrate:up` section (with
// options such as `transaction:false`) followed by a `-- migrate:down` one,
// checked as dbmate 2 checks them. Only the up section is an upgrade.

#include <algorithm>
#include <regex>

#include "parser/read_files.h"
#include "parser/revisions/readers.h"

namespace migsim::revisions {

bool read_dbmate(const std::string& dir, std::vector<Revision>& out, InputError& error,
                 DirListing* listed) {
  static const std::regex name(R"(^(\d+)_?(.*)\.sql$)");
  std::vector<DirEntry> entries;
  if (!list_dir(dir, entries, error, listed)) return false;
  out.reserve(out.size() + entries.size());  // at most a revision an entry
  std::erase_if(entries, [](const DirEntry& e) {
    return e.is_dir || e.name.size() < 4 || e.name.compare(e.name.size() - 4, 4, ".sql") != 0;
  });
  std::vector<std::string> paths;
  for (const DirEntry& e : entries) paths.push_back(e.path);
  std::vector<FileRead> reads = read_source_files(paths);
  for (size_t i = 0; i < entries.size(); ++i) {
    const DirEntry& e = entries[i];
    std::smatch m;
    if (!std::regex_match(e.name, m, name)) {
      error = {e.path, 0, 0, "not a dbmate migration name (<version>_<name>.sql)"};
      return false;
    }
    auto source = reads[i].take(error);
    if (!source) return false;
    const std::string& text = source->text();
    LineDirective up, down;
    if (!find_line_directive(text, "migrate:up", up)) {
      error = {e.path, 0, 0,
               "dbmate requires each migration to define an up block with '-- migrate:up'"};
      return false;
    }
    if (!find_line_directive(text, "migrate:down", down)) {
      error = {e.path, 0, 0,
               "dbmate requires each migration to define a down block with '-- migrate:down'"};
      return false;
    }
    if (down.line_begin < up.line_begin) {
      Location at = source->locate(down.line_begin);
      error = {e.path, at.line, 1,
               "dbmate requires '-- migrate:up' to appear before '-- migrate:down'"};
      return false;
    }
    // Only blank and comment lines may precede the up block.
    std::string_view before = std::string_view(text).substr(0, up.line_begin);
    for (size_t pos = 0; pos < before.size();) {
      size_t nl = before.find('\n', pos);
      std::string_view line = before.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
      size_t k = line.find_first_not_of(" \t\r\f\v");
      if (k != std::string_view::npos && line.substr(k, 2) != "--") {
        Location at = source->locate(static_cast<uint32_t>(pos));
        error = {e.path, at.line, 1,
                 "dbmate does not support statements preceding the '-- migrate:up' block"};
        return false;
      }
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    uint32_t end = down.line_begin;
    Revision rev;
    rev.id = m[1];
    rev.message = m[2];
    std::replace(rev.message.begin(), rev.message.end(), '_', ' ');
    rev.path = e.path;
    rev.format = SourceFormat::kDbmate;
    rev.location = source->locate(up.line_begin);
    // Options are blank-separated words after the directive.
    std::string options = " " + up.rest + " ";
    for (char& c : options)
      if (c == '\t') c = ' ';
    rev.transactional = options.find(" transaction:false ") == std::string::npos;
    defer_sql_body(source, up.next_line, std::max(end, up.next_line), rev);
    out.push_back(std::move(rev));
  }
  // dbmate applies files in version order; versions are digit strings.
  std::stable_sort(out.begin(), out.end(), [](const Revision& a, const Revision& b) {
    return natural_compare(a.id, b.id) < 0;
  });
  chain_linearly(out);
  return true;
}

}  // namespace migsim::revisions
