#pragma once
// A parsed SQL statement: its kind, its parse tree and where it stands in its file.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parser/node.h"
#include "parser/source.h"

namespace migsim {

/// What the planner derives from a statement alone, defined by the planner
/// (planner/rules/statement_targets.h); see set_statement_digest.
struct StatementDigest;

struct Statement {
  std::string_view kind;  ///< libpg_query's node name, e.g. "CreateStmt"
  Node node;              ///< the statement's body
  std::string_view text;  ///< the statement's text, without the trailing semicolon
  Location location;      ///< where the statement starts
  /// Byte offset that `location` fields inside `node` count from, within `text`'s buffer.
  const char* parse_base = nullptr;
  /// Whole text that was parsed (locations in `node` are offsets into it).
  std::string_view parsed_text;
  /// Derived where a revision body was parsed (set_statement_digest), or null.
  std::shared_ptr<const StatementDigest> digest;

  /// The source text of a node at `location` (best effort: up to the next
  /// token boundary is the caller's concern).
  std::string_view text_from(int32_t node_location) const;
};

/// Statements parsed from one piece of text. Owns the parse tree they point into.
class ParsedScript {
 public:
  ParsedScript() = default;
  ParsedScript(ParsedScript&&) = default;
  ParsedScript& operator=(ParsedScript&&) = default;

  std::vector<Statement> statements;
  std::shared_ptr<const SourceFile> source;

  /// Frees the parse trees, most of what a script holds: the statements keep
  /// their text, location and digest; their kind and node are gone. For the
  /// last reader of the trees.
  void release_trees();
  bool trees_released() const { return released_; }
  /// The parse trees, for a caller that frees them elsewhere: as
  /// release_trees, but they are handed over rather than freed here.
  using Trees = std::vector<std::unique_ptr<simdjson::dom::document>>;
  Trees take_trees();

 private:
  friend class SqlParser;
  bool released_ = false;
  Trees docs_;
  std::vector<std::unique_ptr<std::string>> texts_;  ///< the pieces parsed, one per document
};

}  // namespace migsim
