// Both texts go through PostgreSQL's grammar (libpg_query); the trees are
// compared without the byte offsets they carry. A text that does not parse is
// only equal to itself.

#include "planner/snapshot/same_meaning.h"

#include <pg_query.h>

#include <string>

namespace migsim {
namespace {

/// The JSON parse tree of `sql` without "location", "stmt_location" and
/// "stmt_len" members; empty when it does not parse.
std::string tree_without_offsets(const std::string& sql) {
  PgQueryParseResult r = pg_query_parse(sql.c_str());
  std::string tree;
  if (!r.error && r.parse_tree) tree = r.parse_tree;
  pg_query_free_parse_result(r);
  std::string out;
  out.reserve(tree.size());
  for (size_t i = 0; i < tree.size();) {
    bool dropped = false;
    for (std::string_view key : {"\"location\":", "\"stmt_location\":", "\"stmt_len\":"}) {
      if (tree.compare(i, key.size(), key) != 0) continue;
      size_t j = i + key.size();
      while (j < tree.size() && (tree[j] == '-' || (tree[j] >= '0' && tree[j] <= '9'))) ++j;
      if (j < tree.size() && tree[j] == ',') ++j;
      i = j;
      dropped = true;
      break;
    }
    if (!dropped) out.push_back(tree[i++]);
  }
  return out;
}

bool same_tree(const std::string& a, const std::string& b) {
  std::string ta = tree_without_offsets(a);
  return !ta.empty() && ta == tree_without_offsets(b);
}

/// A view definition as pg_get_viewdef() prints it ends with ';'.
std::string without_semicolon(std::string_view s) {
  while (!s.empty() && (s.back() == ';' || s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

bool same_expression(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;
  return same_tree("SELECT " + std::string(a), "SELECT " + std::string(b));
}

bool same_query(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;
  return same_tree(without_semicolon(a), without_semicolon(b));
}

}  // namespace migsim
