#include "planner/exec/identifier_text.h"

#include <algorithm>

#include "parser/identifiers.h"

namespace migsim {

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

namespace {

/// Calls `on_ident(start, length, quoted)` for each identifier token outside string literals.
template <class F>
void scan_identifiers(std::string_view sql, F on_ident) {
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'') {
      ++i;
      while (i < sql.size()) {
        if (sql[i] == '\'') {
          if (i + 1 < sql.size() && sql[i + 1] == '\'') {
            i += 2;
            continue;
          }
          break;
        }
        ++i;
      }
      ++i;
    } else if (c == '"') {
      size_t start = i++;
      while (i < sql.size() && sql[i] != '"') ++i;
      ++i;
      on_ident(start, std::min(i, sql.size()) - start, true);
    } else if (identifier_char(c) && !(c >= '0' && c <= '9')) {
      size_t start = i;
      while (i < sql.size() && identifier_char(sql[i])) ++i;
      on_ident(start, i - start, false);
    } else if (c >= '0' && c <= '9') {
      while (i < sql.size() && identifier_char(sql[i])) ++i;
    } else {
      ++i;
    }
  }
}

bool token_is(std::string_view token, bool quoted, std::string_view name) {
  if (quoted) return token.size() >= 2 && token.substr(1, token.size() - 2) == name;
  return token == name;
}
}  // namespace

std::string replace_identifier(std::string_view sql, std::string_view from, std::string_view to) {
  std::string out;
  size_t copied = 0;
  scan_identifiers(sql, [&](size_t start, size_t len, bool quoted) {
    if (!token_is(sql.substr(start, len), quoted, from)) return;
    out.append(sql.substr(copied, start - copied));
    out += quote_ident(to);
    copied = start + len;
  });
  out.append(sql.substr(copied));
  return out;
}

bool mentions_identifier(std::string_view sql, std::string_view name) {
  bool found = false;
  scan_identifiers(sql, [&](size_t start, size_t len, bool quoted) {
    if (token_is(sql.substr(start, len), quoted, name)) found = true;
  });
  return found;
}

}  // namespace migsim
