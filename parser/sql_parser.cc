#include "parser/sql_parser.h"

#include "parser/huge_pages.h"
#include "parser/json_compact.h"
#include "parser/json_fixups.h"
#include "parser/limits.h"
#include "parser/raw_tree.h"

#include <pg_query.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace migsim {

std::string_view Statement::text_from(int32_t node_location) const {
  if (node_location < 0 || static_cast<size_t>(node_location) >= parsed_text.size()) return {};
  return parsed_text.substr(static_cast<size_t>(node_location));
}

void ParsedScript::release_trees() {
  take_trees();  // and frees them
}

ParsedScript::Trees ParsedScript::take_trees() {
  for (Statement& s : statements) {
    s.kind = {};
    s.node = Node();
  }
  released_ = true;
  Trees trees;
  trees.swap(docs_);
  return trees;
}

size_t skip_space_and_comments(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos;
    } else if (c == '-' && pos + 1 < text.size() && text[pos + 1] == '-') {
      while (pos < text.size() && text[pos] != '\n') ++pos;
    } else if (c == '/' && pos + 1 < text.size() && text[pos + 1] == '*') {
      // PostgreSQL block comments nest.
      int depth = 0;
      do {
        if (text.compare(pos, 2, "/*") == 0) {
          ++depth;
          pos += 2;
        } else if (text.compare(pos, 2, "*/") == 0) {
          --depth;
          pos += 2;
        } else {
          ++pos;
        }
      } while (depth > 0 && pos < text.size());
    } else {
      break;
    }
  }
  return pos;
}

std::optional<size_t> find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size(), i = 0;
  while (i < n) {
    // Eight bytes at a time while they are ASCII and not NUL (most SQL).
    for (uint64_t w; i + 8 <= n; i += 8) {
      std::memcpy(&w, s + i, 8);
      uint64_t nul = (w - 0x0101010101010101) & ~w & 0x8080808080808080;
      if (((w & 0x8080808080808080) | nul) != 0) break;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c == 0) return i;  // PostgreSQL rejects NUL bytes in query text too
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t min;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    uint32_t cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) return i;
    i += len;
  }
  return std::nullopt;
}

namespace {

/// libpg_query reports error positions in characters, 1-based; convert to a byte offset.
size_t char_position_to_byte(std::string_view text, int cursorpos) {
  if (cursorpos <= 0) return 0;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (++chars == static_cast<size_t>(cursorpos)) return i;
    }
  }
  return text.size();
}

thread_local simdjson::dom::parser json_parser;

/// Text larger than this is split with the scanner first and parsed in pieces
/// of about this size, so memory stays bounded on very large files.
constexpr size_t kPieceSize = 1 << 20;

}  // namespace

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

/// An upper bound on the operators of `sql` outside literals and comments:
/// operator characters and the keywords that chain like binary operators
/// (`x IS NULL IS NULL`, `x COLLATE c COLLATE c`, `x AT TIME ZONE ...`).
size_t count_operators(std::string_view sql) {
  size_t count = 0;
  size_t i = 0, n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      i = skip_space_and_comments(sql, i);
    } else if (c == '\'' || c == '"') {
      // Quoted: '' and "" escape the quote; backslashes in E'' strings too.
      bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E');
      ++i;
      while (i < n) {
        if (escapes && sql[i] == '\\') {
          i += 2;
        } else if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            i += 2;
          } else {
            ++i;
            break;
          }
        } else {
          ++i;
        }
      }
    } else if (c == '$' && (i == 0 || !is_word_char(sql[i - 1]))) {
      // A dollar-quoted string: $tag$ ... $tag$.
      size_t close = sql.find('$', i + 1);
      bool tag_ok = close != std::string_view::npos;
      for (size_t k = i + 1; tag_ok && k < close; ++k)
        tag_ok = is_word_char(sql[k]) && sql[k] != '$';
      if (!tag_ok) {
        ++i;
        continue;
      }
      std::string_view tag = sql.substr(i, close - i + 1);
      size_t end = sql.find(tag, close + 1);
      i = end == std::string_view::npos ? n : end + tag.size();
    } else if (is_word_char(c)) {
      size_t b = i;
      while (i < n && is_word_char(sql[i])) ++i;
      std::string_view w = sql.substr(b, i - b);
      auto is = [&](std::string_view k) {
        if (w.size() != k.size()) return false;
        for (size_t j = 0; j < k.size(); ++j)
          if ((w[j] | 0x20) != k[j]) return false;
        return true;
      };
      if (is("is") || is("collate") || is("at") || is("like") || is("ilike") || is("similar") ||
          is("between") || is("in") || is("isnull") || is("notnull"))
        ++count;
    } else {
      // A minus sign before a number is part of the constant, not an operator.
      bool negative_number = c == '-' && i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9';
      if (!negative_number &&
          std::string_view("+-*/<>=~!@#%^&|`?:").find(c) != std::string_view::npos)
        ++count;
      ++i;
    }
  }
  return count;
}

}  // namespace

struct SqlParser::Piece {
  const std::shared_ptr<const SourceFile>& source;
  std::string_view text;  ///< the SQL of this piece
  uint32_t offset;        ///< where `text` starts in the source file
  const std::optional<Location>& fixed_location;
};

namespace {
bool report(const std::shared_ptr<const SourceFile>& source, const std::optional<Location>& fixed,
            uint32_t offset, std::string message, InputError& error) {
  Location loc = fixed ? *fixed : source->locate(offset);
  error = {source->path(), loc.line, loc.column, std::move(message)};
  return false;
}
}  // namespace

bool SqlParser::parse_piece(const Piece& piece, ParsedScript& out, InputError& error) {
  // libpg_query reads a NUL-terminated text, which a piece that ends where its
  // file's text does is (most bodies are whole files): that one is read where
  // it is, others are copied. The script keeps its source, and so the text.
  std::string_view text = piece.text;
  const std::string& whole = piece.source->text();
  if (text.data() + text.size() != whole.data() + whole.size()) {
    out.texts_.push_back(std::make_unique<std::string>(piece.text));
    text = *out.texts_.back();
  }
  if (!check_nesting(piece, text, error)) return false;
  size_t depth = input_limits().max_sql_nesting;
  RawTree parsed = parse_raw_tree(text.data(), depth);
  if (parsed.syntax_error) {
    size_t offset = char_position_to_byte(text, parsed.cursorpos);
    return report(piece.source, piece.fixed_location, piece.offset + static_cast<uint32_t>(offset),
                  parsed.message, error);
  }
  std::unique_ptr<simdjson::dom::document> doc = std::move(parsed.doc);
  if (!doc && !tree_from_json(piece, text, parsed.json, depth, doc, error)) return false;
  out.docs_.push_back(std::move(doc));
  // Parse trees are most of what a parsing thread keeps (huge_pages.h).
  follow_thread_heap(out.docs_.back()->string_buf.get());
  Node tree(out.docs_.back()->root());
  NodeList stmts = tree.list("stmts");
  out.statements.reserve(out.statements.size() + stmts.size());
  for (Node raw : stmts) {
    Node stmt = raw["stmt"];
    size_t begin = static_cast<size_t>(raw.integer("stmt_location", 0));
    size_t len = static_cast<size_t>(raw.integer("stmt_len", 0));
    size_t end = len == 0 ? text.size() : begin + len;
    begin = skip_space_and_comments(text, begin);
    if (end < begin) end = begin;
    Statement s;
    s.kind = stmt.kind();
    s.node = stmt.body();
    s.text = std::string_view(text).substr(begin, end - begin);
    while (!s.text.empty() &&
           (s.text.back() == ';' || s.text.back() == ' ' || s.text.back() == '\n' ||
            s.text.back() == '\t' || s.text.back() == '\r'))
      s.text.remove_suffix(1);
    s.location = piece.fixed_location
                     ? *piece.fixed_location
                     : piece.source->locate(piece.offset + static_cast<uint32_t>(begin));
    s.parsed_text = text;
    out.statements.push_back(s);
  }
  size_t limit = input_limits().max_statements;
  if (out.statements.size() > limit) {
    const Statement& over = out.statements[limit];
    error = {piece.source->path(), over.location.line, over.location.column,
             "more than " + std::to_string(limit) +
                 " statements in one file (raise the limit with --max-statements)"};
    return false;
  }
  return true;
}

bool SqlParser::tree_from_json(const Piece& piece, std::string_view text, std::string& json,
                               size_t depth, std::unique_ptr<simdjson::dom::document>& doc,
                               InputError& error) {
  restore_negative_integers(json, text);
  if (json_parser.max_depth() != depth &&
      json_parser.allocate(std::max<size_t>(json_parser.capacity(), 4096), depth) !=
          simdjson::SUCCESS)
    return report(piece.source, piece.fixed_location, piece.offset,
                  "out of memory for a parse tree " + std::to_string(depth) +
                      " levels deep (lower --max-sql-nesting)",
                  error);
  // Parsed into a document reused from one statement to the next, then kept
  // in one just large enough (json_compact.h).
  thread_local simdjson::dom::document scratch;
  auto parsed = json_parser.parse_into_document(scratch, json);
  if (parsed.error() == simdjson::DEPTH_ERROR) {
    return report(piece.source, piece.fixed_location, piece.offset + first_deep_statement(text),
                  "statement nested too deeply: its parse tree is more than " +
                      std::to_string(json_parser.max_depth()) +
                      " levels deep (raise the limit with --max-sql-nesting)",
                  error);
  }
  if (parsed.error() != simdjson::SUCCESS) {
    return report(piece.source, piece.fixed_location, piece.offset,
                  "internal error: unreadable parse tree", error);
  }
  doc = compact_document(scratch);
  return true;
}

bool SqlParser::check_nesting(const Piece& piece, std::string_view text, InputError& error) {
  // count_operators counts at most one operator per byte: a short text needs no count.
  size_t limit = max_statement_operators(input_limits());
  if (text.size() <= limit || count_operators(text) <= limit) return true;
  // Find the statement that holds too many (the scanner is not recursive).
  PgQuerySplitResult split = pg_query_split_with_scanner(text.data());
  if (split.error) {
    pg_query_free_split_result(split);
    return true;  // the parser reports the syntax error itself
  }
  bool ok = true;
  for (int i = 0; i < split.n_stmts && ok; ++i) {
    size_t begin = static_cast<size_t>(split.stmts[i]->stmt_location);
    size_t len = static_cast<size_t>(split.stmts[i]->stmt_len);
    if (len == 0) len = text.size() - begin;
    size_t ops = count_operators(text.substr(begin, len));
    if (ops > limit) {
      begin = skip_space_and_comments(text, begin);
      ok = report(piece.source, piece.fixed_location, piece.offset + static_cast<uint32_t>(begin),
                  "statement nested too deeply: " + std::to_string(ops) +
                      " operators outside literals, more than the limit of " +
                      std::to_string(limit) +
                      " (raise it with --max-sql-nesting: ten operators per level)",
                  error);
    }
  }
  pg_query_free_split_result(split);
  return ok;
}

uint32_t SqlParser::first_deep_statement(std::string_view text) {
  PgQuerySplitResult split = pg_query_split_with_scanner(text.data());
  uint32_t at = 0;
  if (!split.error) {
    for (int i = 0; i < split.n_stmts; ++i) {
      std::string one(text.substr(static_cast<size_t>(split.stmts[i]->stmt_location),
                                  split.stmts[i]->stmt_len == 0
                                      ? std::string_view::npos
                                      : static_cast<size_t>(split.stmts[i]->stmt_len)));
      PgQueryParseResult r = pg_query_parse(one.c_str());
      bool deep = false;
      if (!r.error) {
        simdjson::dom::document doc;
        std::string json(r.parse_tree);
        deep = json_parser.parse_into_document(doc, json.data(), json.size()).error() ==
               simdjson::DEPTH_ERROR;
      }
      pg_query_free_parse_result(r);
      if (deep) {
        at = static_cast<uint32_t>(
            skip_space_and_comments(text, static_cast<size_t>(split.stmts[i]->stmt_location)));
        break;
      }
    }
  }
  pg_query_free_split_result(split);
  return at;
}

bool SqlParser::parse(std::shared_ptr<const SourceFile> source, std::string_view sql,
                      uint32_t base_offset, ParsedScript& out, InputError& error,
                      std::optional<Location> fixed_location) {
  out.source = source;
  if (auto bad = find_invalid_utf8(sql)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(sql[*bad]));
    return report(source, fixed_location, base_offset + static_cast<uint32_t>(*bad),
                  std::string("invalid byte sequence for encoding \"UTF8\": ") + hex, error);
  }
  if (sql.size() <= kPieceSize) {
    return parse_piece({source, sql, base_offset, fixed_location}, out, error);
  }
  // Large input: find statement boundaries with the scanner, then parse pieces
  // of whole statements.
  std::string copy(sql);
  PgQuerySplitResult split = pg_query_split_with_scanner(copy.c_str());
  if (split.error) {
    std::string message = split.error->message;
    size_t offset = char_position_to_byte(copy, split.error->cursorpos);
    pg_query_free_split_result(split);
    return report(source, fixed_location, base_offset + static_cast<uint32_t>(offset), message,
                  error);
  }
  std::vector<size_t> cuts;  // offsets where a piece may end
  for (int i = 0; i < split.n_stmts; ++i) {
    cuts.push_back(static_cast<size_t>(split.stmts[i]->stmt_location + split.stmts[i]->stmt_len));
  }
  pg_query_free_split_result(split);
  size_t start = 0;
  size_t i = 0;
  while (start < sql.size()) {
    size_t end = sql.size();
    // The last statement boundary within kPieceSize of `start`, if any.
    while (i < cuts.size() && cuts[i] <= start) ++i;
    size_t j = i;
    size_t best = 0;
    while (j < cuts.size() && cuts[j] - start <= kPieceSize) best = cuts[j++];
    if (best > start)
      end = best;
    else if (i < cuts.size())
      end = cuts[i];
    // Include the statement's terminating semicolon in this piece.
    while (end < sql.size() && sql[end] != ';' &&
           (sql[end] == ' ' || sql[end] == '\n' || sql[end] == '\t' || sql[end] == '\r'))
      ++end;
    if (end < sql.size() && sql[end] == ';') ++end;
    Piece piece{source, sql.substr(start, end - start), base_offset + static_cast<uint32_t>(start),
                fixed_location};
    if (!parse_piece(piece, out, error)) return false;
    start = end;
  }
  return true;
}

}  // namespace migsim
