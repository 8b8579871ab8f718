// Alembic offline SQL (`alembic upgrade A:B --sql`): one file, split into
// revisions at its `-- Running upgrade A -> B` markers. Statements before the
// first marker (BEGIN, CREATE TABLE alembic_version) go with the first
// revision; a `BEGIN;` just before a marker (transaction_per_migration) goes
// with the revision it opens. The version table's own statements are kept and
// marked as bookkeeping.

#include <regex>

#include "parser/revisions/readers.h"
#include "parser/sql_parser.h"

namespace migsim::revisions {

namespace {

struct Marker {
  uint32_t line_begin = 0;  ///< offset of the marker line
  std::vector<std::string> from;
  std::string to;
};

std::vector<std::string> split_ids(const std::string& list) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < list.size()) {
    size_t comma = list.find(',', pos);
    std::string item = list.substr(pos, comma == std::string::npos ? comma : comma - pos);
    size_t b = item.find_first_not_of(' ');
    size_t e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

bool is_version_table(const Statement& s, const std::string& table) {
  std::string_view kind = s.kind;
  if (kind != "InsertStmt" && kind != "UpdateStmt" && kind != "DeleteStmt" && kind != "CreateStmt")
    return false;
  return s.node["relation"].str("relname") == table;
}

bool is_begin(const Statement& s) {
  if (s.kind != "TransactionStmt") return false;
  std::string_view k = s.node.str("kind");
  return k == "TRANS_STMT_BEGIN" || k == "TRANS_STMT_START";
}

}  // namespace

bool read_alembic_offline(const std::string& file, const ReadOptions& options,
                          std::vector<Revision>& out, InputError& error) {
  auto source = read_source_file(file, error);
  if (!source) return false;
  const std::string& text = source->text();

  static const std::regex upgrade(R"(^-- Running upgrade ([^\r\n]*?) ?-> ([^\s,]+)[^\r\n]*$)");
  static const std::regex downgrade(R"(^-- Running downgrade )");
  std::vector<Marker> markers;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl;
    std::string line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("-- Running ", 0) == 0) {
      std::smatch m;
      Location loc = source->locate(static_cast<uint32_t>(pos));
      if (std::regex_search(line, downgrade)) {
        error = {file, loc.line, 1,
                 "this is downgrade SQL (`alembic downgrade --sql`); migsim reads upgrades"};
        return false;
      }
      if (!std::regex_match(line, m, upgrade)) {
        error = {file, loc.line, 1, "unreadable Alembic marker: " + line};
        return false;
      }
      markers.push_back({static_cast<uint32_t>(pos), split_ids(m[1]), m[2]});
    }
    pos = end + 1;
  }
  if (markers.empty()) {
    error = {file, 0, 0,
             "no `-- Running upgrade A -> B` markers: not Alembic offline SQL (or an empty "
             "upgrade)"};
    return false;
  }

  // Parse once to find statement boundaries, so that a BEGIN opening a
  // revision's transaction is cut with that revision.
  ParsedScript whole;
  if (!SqlParser::parse_file(source, whole, error)) return false;
  std::vector<uint32_t> cuts;
  for (size_t i = 0; i < markers.size(); ++i) {
    uint32_t cut = i == 0 ? 0 : markers[i].line_begin;
    if (i > 0) {
      uint32_t previous = markers[i - 1].line_begin;
      for (auto it = whole.statements.rbegin(); it != whole.statements.rend(); ++it) {
        uint32_t at = it->location.offset;
        if (at >= markers[i].line_begin) continue;
        if (at > previous && is_begin(*it)) cut = at;
        break;
      }
    }
    cuts.push_back(cut);
  }
  cuts.push_back(static_cast<uint32_t>(text.size()));

  for (size_t i = 0; i < markers.size(); ++i) {
    Revision rev;
    rev.id = markers[i].to;
    rev.down_revisions = markers[i].from;
    rev.path = file;
    rev.format = SourceFormat::kAlembicOfflineSql;
    rev.location = source->locate(markers[i].line_begin);
    if (!parse_sql_body(source, cuts[i], cuts[i + 1], rev, error)) return false;
    for (size_t k = 0; k < rev.script().statements.size(); ++k) {
      if (is_version_table(rev.script().statements[k], options.version_table))
        rev.bookkeeping.insert(k);
    }
    out.push_back(std::move(rev));
  }
  return true;
}

}  // namespace migsim::revisions
