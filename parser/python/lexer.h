#pragma once
// A tokenizer for Python 3 source, enough to read Alembic revision scripts
// without running Python: names, numbers, strings of every quoting and prefix,
// operators, comments, NEWLINE/INDENT/DEDENT from indentation, line
// continuations and brackets. It follows CPython 3.11's tokenizer (f-strings are
// one STRING token, as before 3.12) and reports its errors in CPython's words.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parser/source.h"

namespace migsim::python {

enum class TokenKind {
  kName,
  kNumber,
  kString,
  kOp,
  kNewline,  ///< end of a logical line
  kIndent,
  kDedent,
  kEndMarker,
};

std::string_view token_kind_name(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEndMarker;
  std::string_view text;  ///< the exact source text (empty for INDENT/DEDENT/ENDMARKER)
  uint32_t offset = 0;    ///< byte offset of the token in the file
  uint32_t line = 0;      ///< 1-based
  uint32_t column = 0;    ///< 1-based, in bytes

  // For strings only.
  std::string_view prefix;  ///< as written, e.g. "rb"
  bool raw = false;
  bool bytes = false;
  bool formatted = false;  ///< an f-string: `value` holds its unformatted contents
  bool triple = false;
  std::string value;  ///< the contents with escapes decoded (kept as written when raw)

  bool is_op(std::string_view op) const { return kind == TokenKind::kOp && text == op; }
  bool is_name(std::string_view name) const { return kind == TokenKind::kName && text == name; }
};

struct Comment {
  std::string_view text;  ///< from '#' to the end of the line
  uint32_t offset = 0;
  uint32_t line = 0;
};

struct TokenStream {
  std::vector<Token> tokens;  ///< always ends with ENDMARKER
  std::vector<Comment> comments;
};

/// Tokenizes the whole of `source`. On a syntax error (unterminated string,
/// inconsistent dedent, unexpected indent, unbalanced brackets, a stray
/// character) fills `error` with file:line:column and returns false.
bool tokenize(const SourceFile& source, TokenStream& out, InputError& error);

}  // namespace migsim::python
