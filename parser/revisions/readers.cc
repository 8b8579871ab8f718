#include "parser/revisions/readers.h"

#include "parser/revisions/parse_bodies.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "parser/sql_parser.h"

namespace migsim::revisions {

bool list_dir(const std::string& dir, std::vector<DirEntry>& out, InputError& error,
              DirListing* listed) {
  if (listed && !listed->dir.empty() && listed->dir == dir) {
    out = std::move(listed->entries);
    *listed = DirListing();
    return true;
  }
  // readdir, not std::filesystem: a history has thousands of files, and each
  // entry's type comes with its name (a link, or a file system that does not
  // say, is looked up).
  DIR* d = opendir(dir.c_str());
  if (!d) {
    error = {dir, 0, 0, "cannot read directory: " + std::generic_category().message(errno)};
    return false;
  }
  std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  while (const dirent* e = readdir(d)) {
    if (e->d_name[0] == '.' || e->d_name[0] == 0) continue;
    DirEntry entry{e->d_name, prefix + e->d_name, e->d_type == DT_DIR};
    if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN) {
      struct stat st;
      entry.is_dir = stat(entry.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    out.push_back(std::move(entry));
  }
  closedir(d);
  std::sort(out.begin(), out.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return true;
}

void defer_sql_file(const std::string& path, Revision& rev) {
  auto file = std::make_shared<SourceFile>(path);
  rev.location = file->locate(0);
  defer_sql_body(file, 0, 0, rev);
  rev.to_read = std::move(file);
}

void defer_sql_body(std::shared_ptr<const SourceFile> source, uint32_t begin, uint32_t end,
                    Revision& rev) {
  rev.body = BodyKind::kSql;
  rev.body_begin = begin;
  rev.body_end = end;
  rev.source = std::move(source);
  rev.parse_pending = true;
}

bool parse_sql_body(std::shared_ptr<const SourceFile> source, uint32_t begin, uint32_t end,
                    Revision& rev, InputError& error) {
  defer_sql_body(std::move(source), begin, end, rev);
  return parse_revision_body(rev, error);
}

int natural_compare(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      size_t i0 = i, j0 = j;
      while (i0 < a.size() && a[i0] == '0') ++i0;
      while (j0 < b.size() && b[j0] == '0') ++j0;
      size_t i1 = i0, j1 = j0;
      while (i1 < a.size() && is_digit(a[i1])) ++i1;
      while (j1 < b.size() && is_digit(b[j1])) ++j1;
      // More significant digits is larger; equal lengths compare digit by digit.
      if (i1 - i0 != j1 - j0) return (i1 - i0) < (j1 - j0) ? -1 : 1;
      if (int c = a.substr(i0, i1 - i0).compare(b.substr(j0, j1 - j0)); c != 0) return c;
      i = i1;
      j = j1;
    } else {
      if (a[i] != b[j])
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
      ++i;
      ++j;
    }
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
}

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

bool find_line_directive(std::string_view text, std::string_view word, LineDirective& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (line.substr(0, 2) == "--") {
      size_t k = 2;
      while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
      std::string_view after = line.substr(std::min(line.size(), k + word.size()));
      if (line.substr(k, word.size()) == word &&
          (after.empty() || after[0] == ' ' || after[0] == '\t' || after[0] == '\r')) {
        out.line_begin = static_cast<uint32_t>(pos);
        out.next_line = static_cast<uint32_t>(nl == std::string_view::npos ? text.size() : nl + 1);
        std::string_view rest = line.substr(k + word.size());
        if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
        out.rest = std::string(rest);
        return true;
      }
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return false;
}

bool has_line_starting_with(std::string_view text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) == prefix) return true;
  for (size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
    if (text.substr(nl + 1, prefix.size()) == prefix) return true;
  }
  return false;
}

void chain_linearly(std::vector<Revision>& revisions) {
  for (size_t i = 1; i < revisions.size(); ++i) {
    revisions[i].down_revisions = {revisions[i - 1].id};
  }
}

}  // namespace migsim::revisions
