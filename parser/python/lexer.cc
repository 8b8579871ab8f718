#include "parser/python/lexer.h"

#include "parser/limits.h"

#include <array>
#include <cstdio>

namespace migsim::python {

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kName:
      return "NAME";
    case TokenKind::kNumber:
      return "NUMBER";
    case TokenKind::kString:
      return "STRING";
    case TokenKind::kOp:
      return "OP";
    case TokenKind::kNewline:
      return "NEWLINE";
    case TokenKind::kIndent:
      return "INDENT";
    case TokenKind::kDedent:
      return "DEDENT";
    case TokenKind::kEndMarker:
      return "ENDMARKER";
  }
  return "?";
}

namespace {

bool is_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool is_ident_char(unsigned char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// The operators of Python 3.11, longest first so that the first match wins.
constexpr std::array<std::string_view, 47> kOperators = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=",
    ">=",  "==",  "!=",  "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", "@=",
    "+",   "-",   "*",   "/",   "%",   "@",  "&",  "|",  "^",  "~",  "<",  ">",
    "(",   ")",   "[",   "]",   "{",   "}",  ",",  ":",  ".",  ";",  "="};

/// A string prefix Python accepts (any case): r u b f br rb fr rf.
bool is_string_prefix(std::string_view p, bool& raw, bool& bytes, bool& formatted) {
  if (p.size() > 2) return false;
  raw = bytes = formatted = false;
  bool unicode = false;
  for (char c : p) {
    switch (c | 0x20) {
      case 'r':
        if (raw) return false;
        raw = true;
        break;
      case 'b':
        if (bytes) return false;
        bytes = true;
        break;
      case 'f':
        if (formatted) return false;
        formatted = true;
        break;
      case 'u':
        unicode = true;
        break;
      default:
        return false;
    }
  }
  if (unicode && p.size() > 1) return false;
  if (bytes && formatted) return false;
  return true;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  Lexer(const SourceFile& source, TokenStream& out, InputError& error)
      : src_(source), s_(source.text()), out_(out), error_(error) {}

  bool run() {
    // A UTF-8 byte order mark is allowed at the very start.
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    while (true) {
      if (at_line_start_ && brackets_.empty()) {
        if (!start_line()) return false;
        if (pos_ >= s_.size()) break;
        if (at_line_start_) continue;  // a blank or comment-only line
      }
      while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\f')) ++pos_;
      if (pos_ >= s_.size()) break;
      char c = s_[pos_];
      if (c == '#') {
        comment();
      } else if (c == '\n' || c == '\r') {
        end_physical_line();
      } else if (c == '\\') {
        size_t next = pos_ + 1;
        if (next >= s_.size()) return fail(pos_, "unexpected EOF while parsing");
        if (s_[next] == '\n' || s_[next] == '\r') {
          pos_ = skip_newline(next);
          if (pos_ >= s_.size()) return fail(next, "unexpected EOF while parsing");
        } else {
          return fail(next, "unexpected character after line continuation character");
        }
      } else if (is_ident_start(static_cast<unsigned char>(c))) {
        if (!name_or_string()) return false;
      } else if (is_digit(c) || (c == '.' && pos_ + 1 < s_.size() && is_digit(s_[pos_ + 1]))) {
        if (!number()) return false;
      } else if (c == '\'' || c == '"') {
        if (!string(pos_, pos_)) return false;
      } else {
        if (!op()) return false;
      }
    }
    return finish();
  }

 private:
  /// The offset after the line break at `p` (\n, \r\n or \r).
  size_t skip_newline(size_t p) const {
    if (p < s_.size() && s_[p] == '\r') {
      ++p;
      if (p < s_.size() && s_[p] == '\n') ++p;
    } else if (p < s_.size() && s_[p] == '\n') {
      ++p;
    }
    return p;
  }

  bool fail(size_t offset, std::string message) {
    Location loc = src_.locate(static_cast<uint32_t>(offset));
    error_ = {src_.path(), loc.line, loc.column, std::move(message)};
    return false;
  }

  /// CPython's words for a block header followed by no indented block.
  std::string expected_block_message() const {
    std::string message = "expected an indented block";
    if (block_opener_ >= out_.tokens.size()) return message;
    const Token& first = out_.tokens[block_opener_];
    size_t k = block_opener_;
    if (first.is_name("async") && k + 1 < out_.tokens.size()) ++k;
    const Token& t = out_.tokens[k];
    std::string line = std::to_string(first.line);
    if (t.is_name("def")) return message + " after function definition on line " + line;
    if (t.is_name("class")) return message + " after class definition on line " + line;
    for (const char* kw : {"if", "elif", "else", "for", "while", "try", "except", "finally", "with",
                           "match", "case"}) {
      if (t.is_name(kw)) return message + " after '" + kw + "' statement on line " + line;
    }
    return message;
  }

  Token& emit(TokenKind kind, size_t begin, size_t end) {
    Token t;
    t.kind = kind;
    t.text = s_.substr(begin, end - begin);
    t.offset = static_cast<uint32_t>(begin);
    Location loc = src_.locate(t.offset);
    t.line = loc.line;
    t.column = loc.column;
    out_.tokens.push_back(std::move(t));
    if (kind != TokenKind::kNewline && kind != TokenKind::kIndent && kind != TokenKind::kDedent &&
        kind != TokenKind::kEndMarker) {
      line_has_tokens_ = true;
    }
    return out_.tokens.back();
  }

  /// Measures the indentation of a new physical line and emits INDENT/DEDENT
  /// when it starts a logical line. Blank and comment-only lines change nothing.
  bool start_line() {
    // Like CPython, measure with tabs to multiples of 8 and again with tabs
    // as 1 column: indentation that compares differently is ambiguous.
    uint32_t col = 0, altcol = 0;
    pos_before_indent_ = pos_;
    size_t p = pos_;
    for (; p < s_.size(); ++p) {
      if (s_[p] == ' ') {
        ++col;
        ++altcol;
      } else if (s_[p] == '\t') {
        col = (col / 8 + 1) * 8;
        ++altcol;
      } else if (s_[p] == '\f') {
        col = altcol = 0;
      } else {
        break;
      }
    }
    pos_ = p;
    if (p >= s_.size()) return true;
    char c = s_[p];
    if (c == '#') {
      comment();
      if (pos_ < s_.size()) pos_ = skip_newline(pos_);
      return true;
    }
    if (c == '\n' || c == '\r') {
      pos_ = skip_newline(p);
      return true;
    }
    at_line_start_ = false;
    size_t line_begin = pos_before_indent_;
    auto tab_error = [&] {
      return fail(line_begin, "inconsistent use of tabs and spaces in indentation");
    };
    if (col > indents_.back()) {
      if (altcol <= alt_indents_.back()) return tab_error();
      if (!expect_indent_) return fail(p, "unexpected indent");
      // CPython stops at the same depth (MAXINDENT), in these words.
      if (indents_.size() >= kMaxPythonIndent) return fail(p, "too many levels of indentation");
      indents_.push_back(col);
      alt_indents_.push_back(altcol);
      emit(TokenKind::kIndent, p, p);
    } else {
      if (col == indents_.back() && altcol != alt_indents_.back()) return tab_error();
      if (expect_indent_) return fail(p, expected_block_message());
      while (col < indents_.back()) {
        indents_.pop_back();
        alt_indents_.pop_back();
        emit(TokenKind::kDedent, p, p);
      }
      if (col != indents_.back()) {
        return fail(p, "unindent does not match any outer indentation level");
      }
      if (altcol != alt_indents_.back()) return tab_error();
    }
    expect_indent_ = false;
    return true;
  }

  void comment() {
    size_t begin = pos_;
    while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
    Location loc = src_.locate(static_cast<uint32_t>(begin));
    out_.comments.push_back(
        {s_.substr(begin, pos_ - begin), static_cast<uint32_t>(begin), loc.line});
  }

  void end_physical_line() {
    size_t begin = pos_;
    pos_ = skip_newline(pos_);
    if (!brackets_.empty()) return;  // newlines inside brackets join lines
    if (line_has_tokens_) end_logical_line(begin, pos_);
    at_line_start_ = true;
  }

  void end_logical_line(size_t begin, size_t end) {
    // A logical line that ends with ':' outside brackets opens a block.
    expect_indent_ = !out_.tokens.empty() && out_.tokens.back().is_op(":");
    if (expect_indent_) block_opener_ = line_first_token_;
    emit(TokenKind::kNewline, begin, end);
    line_has_tokens_ = false;
  }

  bool name_or_string() {
    size_t begin = pos_;
    while (pos_ < s_.size() && is_ident_char(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    if (pos_ < s_.size() && (s_[pos_] == '\'' || s_[pos_] == '"') && pos_ - begin <= 2) {
      bool raw, bytes, formatted;
      if (is_string_prefix(s_.substr(begin, pos_ - begin), raw, bytes, formatted)) {
        return string(begin, pos_);
      }
    }
    emit(TokenKind::kName, begin, pos_);
    return true;
  }

  /// Digits with single underscores between them; false on a misplaced '_'
  /// (left at pos_, where CPython points).
  bool digits(bool (*ok)(char)) {
    while (pos_ < s_.size()) {
      if (ok(s_[pos_])) {
        ++pos_;
      } else if (s_[pos_] == '_' && pos_ + 1 < s_.size() && ok(s_[pos_ + 1])) {
        pos_ += 2;
      } else if (s_[pos_] == '_') {
        return false;
      } else {
        break;
      }
    }
    return true;
  }

  bool number() {
    size_t begin = pos_;
    auto invalid_at = [&](size_t at, const char* what) {
      return fail(at, std::string("invalid ") + what + " literal");
    };
    auto invalid = [&](const char* what) { return invalid_at(begin, what); };
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() &&
        std::string_view("xXoObB").find(s_[pos_ + 1]) != std::string_view::npos) {
      char base = static_cast<char>(s_[pos_ + 1] | 0x20);
      pos_ += 2;
      if (pos_ < s_.size() && s_[pos_] == '_') ++pos_;
      bool (*ok)(char) = base == 'x'   ? +[](char c) { return is_hex(c); }
                         : base == 'o' ? +[](char c) { return c >= '0' && c <= '7'; }
                                       : +[](char c) { return c == '0' || c == '1'; };
      const char* what = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
      size_t digits_begin = pos_;
      if (!digits(ok)) return invalid_at(pos_, what);
      if (pos_ == digits_begin) return invalid_at(begin + 1, what);
      if (pos_ < s_.size() && is_ident_char(static_cast<unsigned char>(s_[pos_])))
        return invalid(what);
      emit(TokenKind::kNumber, begin, pos_);
      return true;
    }
    bool is_float = false;
    if (!digits(is_digit)) return invalid_at(pos_, "decimal");
    size_t int_end = pos_;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      is_float = true;
      ++pos_;
      if (pos_ < s_.size() && is_digit(s_[pos_]) && !digits(is_digit))
        return invalid_at(pos_, "decimal");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      size_t p = pos_ + 1;
      if (p < s_.size() && (s_[p] == '+' || s_[p] == '-')) ++p;
      if (p < s_.size() && is_digit(s_[p])) {
        is_float = true;
        pos_ = p;
        if (!digits(is_digit)) return invalid_at(pos_, "decimal");
      } else {
        return invalid("decimal");
      }
    }
    bool imaginary = false;
    if (pos_ < s_.size() && (s_[pos_] == 'j' || s_[pos_] == 'J')) {
      imaginary = true;
      ++pos_;
    }
    if (pos_ < s_.size() && is_ident_char(static_cast<unsigned char>(s_[pos_]))) {
      return invalid(imaginary ? "imaginary" : "decimal");
    }
    if (!is_float && !imaginary && s_[begin] == '0') {
      for (size_t i = begin; i < int_end; ++i) {
        if (s_[i] != '0' && s_[i] != '_') {
          return fail(begin,
                      "leading zeros in decimal integer literals are not permitted; use an 0o "
                      "prefix for octal integers");
        }
      }
    }
    emit(TokenKind::kNumber, begin, pos_);
    return true;
  }

  /// A string literal whose prefix starts at `begin` and whose quote is at `quote_at`.
  bool string(size_t begin, size_t quote_at) {
    Token t;
    t.prefix = s_.substr(begin, quote_at - begin);
    is_string_prefix(t.prefix, t.raw, t.bytes, t.formatted);
    current_bytes_ = t.bytes;
    char q = s_[quote_at];
    t.triple = s_.compare(quote_at, 3, std::string(3, q)) == 0;
    size_t quote_len = t.triple ? 3 : 1;
    pos_ = quote_at + quote_len;
    std::string value;
    while (true) {
      if (pos_ >= s_.size()) {
        // CPython names the line of the file's last character.
        uint32_t last_line =
            src_.locate(static_cast<uint32_t>(s_.empty() ? 0 : s_.size() - 1)).line;
        return fail(begin, std::string(t.triple ? "unterminated triple-quoted string literal"
                                                : "unterminated string literal") +
                               " (detected at line " + std::to_string(last_line) + ")");
      }
      char c = s_[pos_];
      if (c == q && (!t.triple || s_.compare(pos_, 3, std::string(3, q)) == 0)) {
        pos_ += quote_len;
        break;
      }
      if ((c == '\n' || c == '\r') && !t.triple) {
        uint32_t line = src_.locate(static_cast<uint32_t>(pos_)).line;
        return fail(begin,
                    "unterminated string literal (detected at line " + std::to_string(line) + ")");
      }
      if (t.bytes && static_cast<unsigned char>(c) >= 0x80) {
        return fail(begin, "bytes can only contain ASCII literal characters");
      }
      if (c != '\\') {
        value += c;
        ++pos_;
        continue;
      }
      // A backslash always protects the next character from closing the string.
      if (pos_ + 1 >= s_.size()) {
        ++pos_;
        continue;
      }
      if (t.raw || t.formatted) {
        value += c;
        value += s_[pos_ + 1];
        pos_ += 2;
        continue;
      }
      if (!escape(value)) return false;
    }
    t.value = std::move(value);
    Token& emitted = emit(TokenKind::kString, begin, pos_);
    emitted.prefix = t.prefix;
    emitted.raw = t.raw;
    emitted.bytes = t.bytes;
    emitted.formatted = t.formatted;
    emitted.triple = t.triple;
    emitted.value = std::move(t.value);
    return true;
  }

  /// Decodes the escape sequence at pos_ (a backslash) into `value`.
  bool escape(std::string& value) {
    size_t at = pos_;
    char e = s_[pos_ + 1];
    pos_ += 2;
    switch (e) {
      case '\n':
        return true;
      case '\r':
        if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
        return true;
      case '\\':
        value += '\\';
        return true;
      case '\'':
        value += '\'';
        return true;
      case '"':
        value += '"';
        return true;
      case 'a':
        value += '\a';
        return true;
      case 'b':
        value += '\b';
        return true;
      case 'f':
        value += '\f';
        return true;
      case 'n':
        value += '\n';
        return true;
      case 'r':
        value += '\r';
        return true;
      case 't':
        value += '\t';
        return true;
      case 'v':
        value += '\v';
        return true;
      default:
        break;
    }
    if (e >= '0' && e <= '7') {
      uint32_t v = static_cast<uint32_t>(e - '0');
      for (int i = 0; i < 2 && pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '7'; ++i)
        v = v * 8 + static_cast<uint32_t>(s_[pos_++] - '0');
      if (out_bytes()) {
        value += static_cast<char>(v & 0xFF);
      } else {
        append_utf8(value, v);
      }
      return true;
    }
    int hex_len = e == 'x'                     ? 2
                  : (e == 'u' && !out_bytes()) ? 4
                  : (e == 'U' && !out_bytes()) ? 8
                                               : 0;
    if (hex_len > 0) {
      uint32_t v = 0;
      for (int i = 0; i < hex_len; ++i) {
        if (pos_ >= s_.size() || !is_hex(s_[pos_])) {
          return fail(at, std::string("(unicode error) truncated \\") + e + "XX escape");
        }
        char h = s_[pos_++];
        v = v * 16 + static_cast<uint32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
      }
      if (out_bytes()) {
        value += static_cast<char>(v);
      } else {
        append_utf8(value, v);
      }
      return true;
    }
    // \N{NAME} and unknown escapes are kept as written (Python keeps unknown
    // escapes too; names would need the Unicode database).
    value += '\\';
    value += e;
    return true;
  }

  /// True while decoding a bytes literal.
  bool out_bytes() const { return current_bytes_; }

  bool op() {
    size_t begin = pos_;
    for (std::string_view candidate : kOperators) {
      if (s_.compare(pos_, candidate.size(), candidate) != 0) continue;
      pos_ += candidate.size();
      char c = candidate[0];
      if (candidate.size() == 1 && (c == '(' || c == '[' || c == '{')) {
        // CPython's tokenizer stops at the same depth (MAXLEVEL), in these words.
        if (brackets_.size() >= kMaxPythonNesting)
          return fail(begin, "too many nested parentheses");
        brackets_.push_back(begin);
      } else if (candidate.size() == 1 && (c == ')' || c == ']' || c == '}')) {
        if (brackets_.empty()) return fail(begin, std::string("unmatched '") + c + "'");
        size_t open_at = brackets_.back();
        char open = s_[open_at];
        char want = open == '(' ? ')' : open == '[' ? ']' : '}';
        if (c != want) {
          std::string message = std::string("closing parenthesis '") + c +
                                "' does not match opening parenthesis '" + open + "'";
          uint32_t open_line = src_.locate(static_cast<uint32_t>(open_at)).line;
          if (open_line != src_.locate(static_cast<uint32_t>(begin)).line)
            message += " on line " + std::to_string(open_line);
          return fail(begin, message);
        }
        brackets_.pop_back();
      }
      emit(TokenKind::kOp, begin, pos_);
      return true;
    }
    unsigned char c = static_cast<unsigned char>(s_[pos_]);
    char buf[64];
    if (c == '!' || c == '$' || c == '?' || c == '`') {
      return fail(begin, "invalid syntax");
    }
    std::snprintf(buf, sizeof buf, "invalid non-printable character U+%04X", c);
    return fail(begin, buf);
  }

  bool finish() {
    if (!brackets_.empty()) {
      size_t open_at = brackets_.back();
      return fail(open_at, std::string("'") + s_[open_at] + "' was never closed");
    }
    if (line_has_tokens_) end_logical_line(s_.size(), s_.size());
    if (expect_indent_) {
      size_t at = !s_.empty() && s_.back() == '\n' ? s_.size() - 1 : s_.size();
      return fail(at, expected_block_message());
    }
    while (indents_.size() > 1) {
      indents_.pop_back();  // at the end of the file
      emit(TokenKind::kDedent, s_.size(), s_.size());
    }
    emit(TokenKind::kEndMarker, s_.size(), s_.size());
    return true;
  }

  const SourceFile& src_;
  std::string_view s_;
  TokenStream& out_;
  InputError& error_;
  size_t pos_ = 0;
  std::vector<uint32_t> indents_{0};
  std::vector<uint32_t> alt_indents_{0};  ///< the same with tabs as one column
  size_t pos_before_indent_ = 0;          ///< start of the line being measured
  std::vector<size_t> brackets_;          ///< offsets of the open brackets
  bool at_line_start_ = true;
  bool line_has_tokens_ = false;
  bool expect_indent_ = false;
  bool current_bytes_ = false;
  size_t line_first_token_ = 0;  ///< index of the current logical line's first token
  size_t block_opener_ = 0;      ///< first token of the line that ended with ':'
};

}  // namespace

bool tokenize(const SourceFile& source, TokenStream& out, InputError& error) {
  out = TokenStream{};
  Lexer lexer(source, out, error);
  return lexer.run();
}

}  // namespace migsim::python
