#pragma once
// Splits and parses SQL text with libpg_query (PostgreSQL 15's own grammar).

#include <optional>
#include <string_view>

#include "parser/statement.h"

namespace migsim {

class SqlParser {
 public:
  /// Parses `sql`, which stands at byte `base_offset` of `source`. Statement
  /// locations are reported in `source`. When `fixed_location` is given, every
  /// statement is reported there instead (SQL held in a string literal of a
  /// Python script is reported at the call that holds it).
  static bool parse(std::shared_ptr<const SourceFile> source, std::string_view sql,
                    uint32_t base_offset, ParsedScript& out, InputError& error,
                    std::optional<Location> fixed_location = std::nullopt);

  /// Parses a whole file.
  static bool parse_file(std::shared_ptr<const SourceFile> source, ParsedScript& out,
                         InputError& error) {
    return parse(source, source->text(), 0, out, error);
  }

 private:
  struct Piece;
  static bool parse_piece(const Piece& piece, ParsedScript& out, InputError& error);
  /// The tree of `text` read from libpg_query's JSON of it (`json`, padded
  /// for simdjson; its lost negative integers are restored in place), for
  /// what parse_raw_tree leaves to it (raw_tree.h).
  static bool tree_from_json(const Piece& piece, std::string_view text, std::string& json,
                             size_t depth, std::unique_ptr<simdjson::dom::document>& doc,
                             InputError& error);
  /// Rejects a statement whose operators could nest deeper than the parser's
  /// stack allows. `text` is NUL-terminated, as in the next one.
  static bool check_nesting(const Piece& piece, std::string_view text, InputError& error);
  /// Offset in `text` of the first statement whose parse tree is too deep to read.
  static uint32_t first_deep_statement(std::string_view text);
};

/// Offset of the first byte at or after `pos` that is not white space or a comment.
size_t skip_space_and_comments(std::string_view text, size_t pos);

/// Checks that `text` is valid UTF-8; on failure returns the offset of the first bad byte.
std::optional<size_t> find_invalid_utf8(std::string_view text);

}  // namespace migsim
