#include "parser/python/literal.h"

namespace migsim::python {
namespace {

bool at_end(const Token& t) {
  return t.kind == TokenKind::kNewline || t.kind == TokenKind::kEndMarker || t.is_op(";");
}

bool read_atom(const std::vector<Token>& tokens, size_t& i, Literal& out, std::string& why);

/// Items separated by commas up to `close` (or the end of the line when empty).
/// Sets `saw_comma` when at least one comma was read.
bool read_items(const std::vector<Token>& tokens, size_t& i, std::string_view close,
                std::vector<Literal>& items, bool& saw_comma, std::string& why) {
  saw_comma = false;
  while (true) {
    const Token& t = tokens[i];
    if (close.empty() ? at_end(t) : t.is_op(close)) return true;
    Literal item;
    if (!read_atom(tokens, i, item, why)) return false;
    items.push_back(std::move(item));
    const Token& after = tokens[i];
    if (after.is_op(",")) {
      saw_comma = true;
      ++i;
      continue;
    }
    if (close.empty() ? at_end(after) : after.is_op(close)) return true;
    why = "expected ',' or the end of the value, found '" + std::string(after.text) + "'";
    return false;
  }
}

bool read_atom(const std::vector<Token>& tokens, size_t& i, Literal& out, std::string& why) {
  const Token& t = tokens[i];
  out.offset = t.offset;
  if (t.kind == TokenKind::kString) {
    out.kind = t.bytes ? Literal::Kind::kBytes : Literal::Kind::kString;
    // Adjacent string literals are one value (implicit concatenation).
    while (tokens[i].kind == TokenKind::kString) {
      const Token& s = tokens[i];
      if (s.formatted) {
        why = "an f-string is computed when the script runs";
        return false;
      }
      if (s.bytes != t.bytes) {
        why = "cannot mix bytes and nonbytes literals";
        return false;
      }
      out.text += s.value;
      ++i;
    }
    return true;
  }
  if (t.kind == TokenKind::kNumber) {
    out.kind = Literal::Kind::kNumber;
    out.text = std::string(t.text);
    ++i;
    return true;
  }
  if (t.is_op("-") && tokens[i + 1].kind == TokenKind::kNumber) {
    out.kind = Literal::Kind::kNumber;
    out.text = "-" + std::string(tokens[i + 1].text);
    i += 2;
    return true;
  }
  if (t.is_name("None")) {
    out.kind = Literal::Kind::kNone;
    ++i;
    return true;
  }
  if (t.is_name("True") || t.is_name("False")) {
    out.kind = Literal::Kind::kBool;
    out.boolean = t.is_name("True");
    ++i;
    return true;
  }
  if (t.is_op("(") || t.is_op("[") || t.is_op("{")) {
    std::string_view close = t.is_op("(") ? ")" : t.is_op("[") ? "]" : "}";
    ++i;
    bool saw_comma = false;
    std::vector<Literal> items;
    if (!read_items(tokens, i, close, items, saw_comma, why)) return false;
    ++i;  // the closing bracket
    if (close == ")" && items.size() == 1 && !saw_comma) {
      uint32_t offset = out.offset;
      out = std::move(items[0]);  // a parenthesized expression, not a tuple
      out.offset = offset;
      return true;
    }
    if (close == "}") {
      if (items.empty()) {
        why = "a dict is not a revision value";
        return false;
      }
      out.kind = Literal::Kind::kSet;
    } else {
      out.kind = close == ")" ? Literal::Kind::kTuple : Literal::Kind::kList;
    }
    out.items = std::move(items);
    return true;
  }
  if (t.kind == TokenKind::kName) {
    why = "'" + std::string(t.text) + "' is a name, known only when the script runs";
  } else if (at_end(t)) {
    why = "a value is missing";
  } else {
    why = "'" + std::string(t.text) + "' is not part of a literal value";
  }
  return false;
}

}  // namespace

bool read_literal(const std::vector<Token>& tokens, size_t& i, Literal& out, std::string& why) {
  out = Literal{};
  out.offset = tokens[i].offset;
  std::vector<Literal> items;
  bool saw_comma = false;
  if (at_end(tokens[i])) {
    why = "a value is missing";
    return false;
  }
  if (!read_items(tokens, i, "", items, saw_comma, why)) return false;
  if (items.size() == 1 && !saw_comma) {
    out = std::move(items[0]);
    return true;
  }
  out.kind = Literal::Kind::kTuple;
  out.items = std::move(items);
  return true;
}

}  // namespace migsim::python
