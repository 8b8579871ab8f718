#include "parser/sql_parser.h"

#include <pg_query.h>

namespace migsim {

std::string_view Statement::text_from(int32_t node_location) const {
  if (node_location < 0 || static_cast<size_t>(node_location) >= parsed_text.size()) return {};
  return parsed_text.substr(static_cast<size_t>(node_location));
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
    unsigned char c = s[i];
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
  // PostgreSQL rejects NUL bytes in query text too.
  for (size_t k = 0; k < n; ++k)
    if (s[k] == 0) return k;
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

}  // namespace

bool SqlParser::parse(std::shared_ptr<const SourceFile> source, std::string_view sql,
                      uint32_t base_offset, ParsedScript& out, InputError& error,
                      std::optional<Location> fixed_location) {
  auto fail = [&](size_t offset, std::string message) {
    Location loc = fixed_location ? *fixed_location
                                  : source->locate(base_offset + static_cast<uint32_t>(offset));
    error = {source->path(), loc.line, loc.column, std::move(message)};
    return false;
  };
  if (auto bad = find_invalid_utf8(sql)) {
    return fail(*bad, "invalid byte sequence for encoding \"UTF8\"");
  }
  out.source = source;
  out.text_ = std::make_unique<std::string>(sql);
  const std::string& text = *out.text_;

  PgQueryParseResult result = pg_query_parse(text.c_str());
  if (result.error) {
    std::string message = result.error->message;
    size_t offset = char_position_to_byte(text, result.error->cursorpos);
    pg_query_free_parse_result(result);
    return fail(offset, message);
  }
  out.doc_ = std::make_unique<simdjson::dom::document>();
  auto parsed = json_parser.parse_into_document(*out.doc_, result.parse_tree,
                                                std::strlen(result.parse_tree));
  pg_query_free_parse_result(result);
  simdjson::dom::element root;
  if (parsed.get(root) != simdjson::SUCCESS) {
    return fail(0, "internal error: unreadable parse tree");
  }
  Node tree(root);
  for (Node raw : tree.list("stmts")) {
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
    while (!s.text.empty() && (s.text.back() == ';' || s.text.back() == ' ' ||
                               s.text.back() == '\n' || s.text.back() == '\t' ||
                               s.text.back() == '\r'))
      s.text.remove_suffix(1);
    s.location = fixed_location ? *fixed_location
                                : source->locate(base_offset + static_cast<uint32_t>(begin));
    s.parsed_text = text;
    out.statements.push_back(s);
  }
  return true;
}

}  // namespace migsim
