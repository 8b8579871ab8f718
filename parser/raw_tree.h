#pragma once
// libpg_query's parse tree without its JSON: PostgreSQL's raw parse nodes
// (libpg_query's `pg_query_raw_parse`) written straight into the document the
// planner reads, the same document, tape and strings, that parsing
// libpg_query's JSON and compacting it gives (json_compact.h). Writing and
// reading the JSON was most of the parse's cost.
//
// The node kinds written are those in parser/raw_node_kinds.txt, each
// compared with libpg_query's JSON by a test; a tree holding another kind,
// or nested near the depth limit, is left to the JSON.

#include <simdjson.h>

#include <memory>
#include <string>

namespace migsim {

struct RawTree {
  /// The tree, when it could be written.
  std::unique_ptr<simdjson::dom::document> doc;
  /// Otherwise, when `sql` parses: libpg_query's JSON of the tree, as
  /// pg_query_parse gives it, with room for simdjson's padding.
  std::string json;
  /// Set when `sql` does not parse: libpg_query's message, and its position
  /// (in characters, 1-based) as pg_query_parse reports them.
  bool syntax_error = false;
  std::string message;
  int cursorpos = 0;
};

/// Parses `sql` (NUL-terminated) and writes its tree, whose objects and
/// arrays nest at most `max_depth` deep. Neither a document nor an error:
/// the tree is for the JSON path (a kind not read here, or too deep), and
/// `json` holds it.
RawTree parse_raw_tree(const char* sql, size_t max_depth);

}  // namespace migsim
