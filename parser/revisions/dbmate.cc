// dbmate: <version>_<name>.sql files holding a `-- migrate:up` section (with
// options such as `transaction:false`) and an optional `-- migrate:down` one.
// Only the up section is an upgrade.

#include <algorithm>
#include <regex>

#include "parser/revisions/readers.h"

namespace migsim::revisions {

namespace {

struct Directive {
  uint32_t line_begin = 0;
  uint32_t next_line = 0;  ///< offset just after the directive line
  std::string options;
};

/// Finds `-- migrate:<what>` at the start of a line, as dbmate's parser does.
bool find_directive(const std::string& text, const std::string& what, Directive& out) {
  std::regex re("(^|\\n)--[ \\t]*migrate:" + what + "([^\\r\\n]*)");
  std::smatch m;
  if (!std::regex_search(text, m, re)) return false;
  out.line_begin = static_cast<uint32_t>(m.position(0) + m[1].length());
  size_t end = static_cast<size_t>(m.position(0) + m.length(0));
  if (end < text.size() && text[end] == '\r') ++end;
  if (end < text.size() && text[end] == '\n') ++end;
  out.next_line = static_cast<uint32_t>(end);
  out.options = m[2];
  return true;
}

}  // namespace

bool read_dbmate(const std::string& dir, std::vector<Revision>& out, InputError& error) {
  static const std::regex name(R"(^(\d+)_?(.*)\.sql$)");
  std::vector<DirEntry> entries;
  if (!list_dir(dir, entries, error)) return false;
  for (const DirEntry& e : entries) {
    if (e.is_dir || e.name.size() < 4 || e.name.compare(e.name.size() - 4, 4, ".sql") != 0)
      continue;
    std::smatch m;
    if (!std::regex_match(e.name, m, name)) {
      error = {e.path, 0, 0, "not a dbmate migration name (<version>_<name>.sql)"};
      return false;
    }
    auto source = read_source_file(e.path, error);
    if (!source) return false;
    const std::string& text = source->text();
    Directive up, down;
    if (!find_directive(text, "up", up)) {
      error = {e.path, 0, 0,
               "dbmate requires each migration to define an up block with '-- migrate:up'"};
      return false;
    }
    uint32_t end = static_cast<uint32_t>(text.size());
    if (find_directive(text, "down", down) && down.line_begin > up.line_begin)
      end = down.line_begin;
    Revision rev;
    rev.id = m[1];
    rev.message = m[2];
    std::replace(rev.message.begin(), rev.message.end(), '_', ' ');
    rev.path = e.path;
    rev.format = SourceFormat::kDbmate;
    rev.location = source->locate(up.line_begin);
    static const std::regex no_tx(R"((^|\s)transaction:false(\s|$))");
    rev.transactional = !std::regex_search(up.options, no_tx);
    if (!parse_sql_body(source, up.next_line, std::max(end, up.next_line), rev, error))
      return false;
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
