#include "parser/json_fixups.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace migsim {

namespace {

/// Reads the integer after `"location":` at `pos` in `json`; -1 when absent.
long read_location(const std::string& json, size_t pos) {
  static const std::string_view key = "\"location\":";
  if (json.compare(pos, key.size(), key) != 0) return -1;
  return std::strtol(json.c_str() + pos + key.size(), nullptr, 10);
}

/// A negative integer literal written at `at` in `sql` ("-5", "- 5"), or 0.
long long negative_literal_at(std::string_view sql, size_t at) {
  if (at >= sql.size() || sql[at] != '-') return 0;
  size_t i = at + 1;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  if (i >= sql.size() || !std::isdigit(static_cast<unsigned char>(sql[i]))) return 0;
  return -std::strtoll(std::string(sql.substr(i, 24)).c_str(), nullptr, 10);
}

/// The first signed integer literal at or after `at` in an option clause
/// ("INCREMENT BY -1", "MINVALUE -100"), stopping at the next comma,
/// parenthesis or semicolon; 0 when there is none.
long long option_literal_after(std::string_view sql, size_t at) {
  for (size_t i = at; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == ',' || c == ')' || c == ';' || c == '(') return 0;
    if (c == '-') return negative_literal_at(sql, i);
    if (std::isdigit(static_cast<unsigned char>(c))) {
      // A digit inside a word (an identifier) is not a literal.
      if (i > at && (std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_'))
        continue;
      return 0;
    }
  }
  return 0;
}

/// json.find(pattern, from) through memmem: std::string::find stops at every
/// '"' of the JSON, memmem skips ahead.
size_t find_from(const std::string& json, std::string_view pattern, size_t from) {
  if (from > json.size()) return std::string::npos;
  const void* hit = memmem(json.data() + from, json.size() - from, pattern.data(), pattern.size());
  return hit ? static_cast<size_t>(static_cast<const char*>(hit) - json.data()) : std::string::npos;
}

}  // namespace

void restore_negative_integers(std::string& json, std::string_view sql) {
  static const std::string_view const_pattern = "\"A_Const\":{\"ival\":{},";
  static const std::string_view arg_pattern = "\"arg\":{\"Integer\":{}}";
  // Without a minus sign in the statement there is nothing to restore.
  if (sql.find('-') == std::string_view::npos) return;
  if (find_from(json, "\":{}", 0) == std::string::npos) return;

  size_t pos = 0;
  while ((pos = find_from(json, const_pattern, pos)) != std::string::npos) {
    size_t value_at = pos + std::string_view("\"A_Const\":{\"ival\":").size();
    long location = read_location(json, pos + const_pattern.size());
    long long v = location >= 0 ? negative_literal_at(sql, static_cast<size_t>(location)) : 0;
    if (v != 0) {
      std::string repl = "{\"ival\":" + std::to_string(v) + "}";
      json.replace(value_at, 2, repl);
      pos = value_at + repl.size();
    } else {
      pos = value_at + 2;
    }
  }
  pos = 0;
  while ((pos = find_from(json, arg_pattern, pos)) != std::string::npos) {
    size_t value_at = pos + std::string_view("\"arg\":{\"Integer\":").size();
    // The DefElem's own location follows its remaining fields.
    size_t loc = find_from(json, "\"location\":", pos);
    size_t close = json.find('}', pos + arg_pattern.size());
    long location = -1;
    if (loc != std::string::npos && (close == std::string::npos || loc < close))
      location = read_location(json, loc);
    long long v = location >= 0 ? option_literal_after(sql, static_cast<size_t>(location)) : 0;
    if (v != 0) {
      std::string repl = "{\"ival\":" + std::to_string(v) + "}";
      json.replace(value_at, 2, repl);
      pos = value_at + repl.size();
    } else {
      pos = value_at + 2;
    }
  }
}

}  // namespace migsim
