// Python expressions, by CPython's precedence: lambda, conditional, or/and/not,
// comparisons, binary operators, unary, power, calls/attributes/subscripts, atoms.

#include <cstdlib>

#include "parser/limits.h"
#include "parser/python/parser_state.h"

namespace migsim::python {

Parser::Parser(const SourceFile& source, const std::vector<Token>& tokens)
    : source_(source), toks_(tokens), max_depth_(input_limits().max_nesting) {}

Parser::Nest::Nest(Parser& p) : p_(p) {
  if (++p_.depth_ > p_.max_depth_) {
    --p_.depth_;
    p_.too_deep(p_.peek());
  }
}

void Parser::too_deep(const Token& at) const {
  fail(at, "expression nested too deeply: more than " + std::to_string(max_depth_) +
               " levels (raise the limit with --max-nesting)");
}

const Token& Parser::peek(size_t ahead) const {
  size_t k = std::min(i_ + ahead, toks_.size() - 1);
  return toks_[k];
}

const Token& Parser::next() {
  const Token& t = toks_[i_];
  if (i_ + 1 < toks_.size()) ++i_;
  return t;
}

bool Parser::accept_op(std::string_view op) {
  if (!peek().is_op(op)) return false;
  next();
  return true;
}

bool Parser::accept_name(std::string_view name) {
  if (!peek().is_name(name)) return false;
  next();
  return true;
}

void Parser::expect_op(std::string_view op, const char* message) {
  if (accept_op(op)) return;
  if (message) fail(peek(), message);
  invalid(peek());
}

void Parser::fail(const Token& at, std::string message) const {
  throw SyntaxError{at.offset, std::move(message)};
}

void Parser::invalid(const Token& at) const {
  fail(at, "invalid syntax");
}

ExprPtr Parser::make(Expr::Kind kind, const Token& start) const {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->offset = start.offset;
  e->line = start.line;
  e->column = start.column;
  return e;
}

void Parser::finish(Expr& e) const {
  // Left-nested chains (`a.b.c...`, `1 + 1 + ...`) are built in a loop, not by
  // recursion: their depth is counted here, as the tree's.
  uint32_t below = 0;
  auto count = [&below](const ExprPtr& child) {
    if (child) below = std::max(below, child->depth);
  };
  for (const auto& c : e.items) count(c);
  for (const auto& g : e.generators) {
    count(g.target);
    count(g.iter);
    for (const auto& c : g.conditions) count(c);
  }
  for (const auto& part : e.fstring) count(part.expr);
  e.depth = below + 1;
  if (e.depth > max_depth_) {
    Token at;
    at.offset = e.offset;
    too_deep(at);
  }
  if (i_ == 0) return;
  const Token& last = toks_[i_ - 1];
  e.end = last.offset + static_cast<uint32_t>(last.text.size());
}

namespace {

bool is_keyword(std::string_view s) {
  static const char* const kKeywords[] = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  for (const char* k : kKeywords)
    if (s == k) return true;
  return false;
}

ExprPtr wrap(Expr::Kind kind, ExprPtr first) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->offset = first->offset;
  e->line = first->line;
  e->column = first->column;
  e->items.push_back(std::move(first));
  return e;
}

}  // namespace

bool Parser::starts_expression(const Token& t) const {
  switch (t.kind) {
    case TokenKind::kName:
      return !is_keyword(t.text) || t.text == "None" || t.text == "True" || t.text == "False" ||
             t.text == "not" || t.text == "lambda" || t.text == "await";
    case TokenKind::kNumber:
    case TokenKind::kString:
      return true;
    case TokenKind::kOp:
      return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" ||
             t.text == "~" || t.text == "..." || t.text == "*";
    default:
      return false;
  }
}

ExprPtr Parser::expression_list(bool star) {
  const Token& start = peek();
  auto item = [&]() -> ExprPtr {
    if (star && peek().is_op("*")) {
      const Token& s = next();
      auto e = make(Expr::Kind::kStarred, s);
      e->items.push_back(or_test());
      finish(*e);
      return e;
    }
    return expression();
  };
  ExprPtr first = item();
  if (!peek().is_op(",")) return first;
  auto tuple = make(Expr::Kind::kTuple, start);
  tuple->items.push_back(std::move(first));
  while (accept_op(",")) {
    if (!starts_expression(peek())) break;
    tuple->items.push_back(item());
  }
  finish(*tuple);
  return tuple;
}

ExprPtr Parser::star_target_list() {
  // Targets of `for` are read as bitwise-or expressions so `in` ends them.
  const Token& start = peek();
  auto item = [&]() -> ExprPtr {
    if (peek().is_op("*")) {
      const Token& s = next();
      auto e = make(Expr::Kind::kStarred, s);
      e->items.push_back(binary(0));
      finish(*e);
      return e;
    }
    return binary(0);
  };
  ExprPtr first = item();
  if (!peek().is_op(",")) return first;
  auto tuple = make(Expr::Kind::kTuple, start);
  tuple->items.push_back(std::move(first));
  while (accept_op(",")) {
    if (peek().is_name("in") || !starts_expression(peek())) break;
    tuple->items.push_back(item());
  }
  finish(*tuple);
  return tuple;
}

std::vector<std::string> Parser::lambda_params() {
  std::vector<std::string> params;
  while (!peek().is_op(":")) {
    accept_op("*") || accept_op("**");
    if (peek().kind != TokenKind::kName) invalid(peek());
    params.emplace_back(next().text);
    if (accept_op("=")) expression();
    if (!accept_op(",")) break;
  }
  return params;
}

ExprPtr Parser::expression() {
  Nest nest(*this);
  const Token& start = peek();
  if (accept_name("lambda")) {
    auto e = make(Expr::Kind::kLambda, start);
    e->params = lambda_params();
    expect_op(":");
    e->items.push_back(expression());
    finish(*e);
    return e;
  }
  ExprPtr body = or_test();
  if (peek().is_name("if")) {
    // A conditional expression needs `else`; inside a comprehension `if` is a filter.
    size_t save = i_;
    next();
    ExprPtr test = or_test();
    if (!accept_name("else")) {
      i_ = save;
      return body;
    }
    auto e = make(Expr::Kind::kIfExp, start);
    e->items.push_back(std::move(body));
    e->items.push_back(std::move(test));
    e->items.push_back(expression());
    finish(*e);
    return e;
  }
  if (peek().is_op(":=") && body->kind == Expr::Kind::kName) {
    next();
    auto e = make(Expr::Kind::kNamedExpr, start);
    e->items.push_back(std::move(body));
    e->items.push_back(expression());
    finish(*e);
    return e;
  }
  return body;
}

ExprPtr Parser::or_test() {
  ExprPtr first = and_test();
  if (!peek().is_name("or")) return first;
  auto e = wrap(Expr::Kind::kBoolOp, std::move(first));
  e->text = "or";
  while (accept_name("or")) e->items.push_back(and_test());
  finish(*e);
  return e;
}

ExprPtr Parser::and_test() {
  ExprPtr first = not_test();
  if (!peek().is_name("and")) return first;
  auto e = wrap(Expr::Kind::kBoolOp, std::move(first));
  e->text = "and";
  while (accept_name("and")) e->items.push_back(not_test());
  finish(*e);
  return e;
}

ExprPtr Parser::not_test() {
  Nest nest(*this);
  const Token& start = peek();
  if (accept_name("not")) {
    auto e = make(Expr::Kind::kUnary, start);
    e->text = "not";
    e->items.push_back(not_test());
    finish(*e);
    return e;
  }
  return comparison();
}

ExprPtr Parser::comparison() {
  ExprPtr first = binary(0);
  ExprPtr e;
  while (true) {
    const Token& t = peek();
    std::string op;
    if (t.kind == TokenKind::kOp && (t.text == "<" || t.text == ">" || t.text == "==" ||
                                     t.text == ">=" || t.text == "<=" || t.text == "!=")) {
      op = std::string(t.text);
      next();
    } else if (t.is_name("in")) {
      op = "in";
      next();
    } else if (t.is_name("not") && peek(1).is_name("in")) {
      op = "not in";
      next();
      next();
    } else if (t.is_name("is")) {
      next();
      op = accept_name("not") ? "is not" : "is";
    } else {
      break;
    }
    if (!e) e = wrap(Expr::Kind::kCompare, std::move(first));
    e->ops.push_back(op);
    e->items.push_back(binary(0));
  }
  if (!e) return first;
  finish(*e);
  return e;
}

ExprPtr Parser::binary(int level) {
  static const std::vector<std::vector<std::string_view>> kLevels = {
      {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}};
  if (level == static_cast<int>(kLevels.size())) return unary();
  ExprPtr left = binary(level + 1);
  while (true) {
    const Token& t = peek();
    bool match = false;
    for (std::string_view op : kLevels[level])
      if (t.is_op(op)) match = true;
    if (!match) return left;
    std::string op(next().text);
    auto e = wrap(Expr::Kind::kBinary, std::move(left));
    e->text = op;
    e->items.push_back(binary(level + 1));
    finish(*e);
    left = std::move(e);
  }
}

ExprPtr Parser::unary() {
  Nest nest(*this);
  const Token& t = peek();
  if (t.is_op("-") || t.is_op("+") || t.is_op("~")) {
    next();
    auto e = make(Expr::Kind::kUnary, t);
    e->text = std::string(t.text);
    e->items.push_back(unary());
    finish(*e);
    return e;
  }
  return power();
}

ExprPtr Parser::power() {
  accept_name("await");
  ExprPtr base = postfix();
  if (!peek().is_op("**")) return base;
  next();
  auto e = wrap(Expr::Kind::kBinary, std::move(base));
  e->text = "**";
  e->items.push_back(unary());
  finish(*e);
  return e;
}

ExprPtr Parser::postfix() {
  ExprPtr e = atom();
  while (true) {
    if (accept_op(".")) {
      if (peek().kind != TokenKind::kName) invalid(peek());
      auto a = wrap(Expr::Kind::kAttribute, std::move(e));
      a->text = std::string(next().text);
      finish(*a);
      e = std::move(a);
    } else if (accept_op("(")) {
      auto c = wrap(Expr::Kind::kCall, std::move(e));
      call_arguments(*c);
      finish(*c);
      e = std::move(c);
    } else if (accept_op("[")) {
      auto s = wrap(Expr::Kind::kSubscript, std::move(e));
      const Token& start = peek();
      ExprPtr first = subscript();
      if (peek().is_op(",")) {
        auto tuple = make(Expr::Kind::kTuple, start);
        tuple->items.push_back(std::move(first));
        while (accept_op(",") && !peek().is_op("]")) tuple->items.push_back(subscript());
        finish(*tuple);
        first = std::move(tuple);
      }
      s->items.push_back(std::move(first));
      expect_op("]", "'[' was never closed");
      finish(*s);
      e = std::move(s);
    } else {
      return e;
    }
  }
}

ExprPtr Parser::subscript() {
  const Token& start = peek();
  ExprPtr lower;
  if (!peek().is_op(":")) {
    lower = expression();
    if (!peek().is_op(":")) return lower;
  }
  auto s = make(Expr::Kind::kSlice, start);
  next();  // ':'
  ExprPtr upper, step;
  if (!peek().is_op(":") && !peek().is_op("]") && !peek().is_op(",")) upper = expression();
  if (accept_op(":") && !peek().is_op("]") && !peek().is_op(",")) step = expression();
  s->items.push_back(std::move(lower));
  s->items.push_back(std::move(upper));
  s->items.push_back(std::move(step));
  finish(*s);
  return s;
}

void Parser::call_arguments(Expr& call) {
  while (!peek().is_op(")")) {
    const Token& t = peek();
    if (t.kind == TokenKind::kEndMarker) fail(t, "'(' was never closed");
    if (accept_op("**")) {
      call.keywords.push_back("**");
      call.items.push_back(expression());
    } else if (accept_op("*")) {
      call.keywords.push_back("*");
      call.items.push_back(expression());
    } else if (t.kind == TokenKind::kName && peek(1).is_op("=")) {
      next();
      next();
      call.keywords.emplace_back(t.text);
      call.items.push_back(expression());
    } else {
      ExprPtr arg = expression();
      if (peek().is_name("for") || peek().is_name("async")) {
        auto g = make(Expr::Kind::kGenerator, t);
        g->items.push_back(std::move(arg));
        comprehension_clauses(*g);
        finish(*g);
        arg = std::move(g);
      }
      // CPython points just past the offending argument.
      for (const std::string& k : call.keywords)
        if (!k.empty() && k != "*")
          throw SyntaxError{arg->end, k == "**"
                                          ? "positional argument follows keyword argument unpacking"
                                          : "positional argument follows keyword argument"};
      call.keywords.push_back("");
      call.items.push_back(std::move(arg));
    }
    if (!accept_op(",")) break;
  }
  expect_op(")", "'(' was never closed");
}

void Parser::comprehension_clauses(Expr& comp) {
  while (true) {
    accept_name("async");
    if (!accept_name("for")) return;
    ComprehensionFor f;
    f.target = star_target_list();
    if (!accept_name("in")) invalid(peek());
    f.iter = or_test();
    while (peek().is_name("if")) {
      next();
      // A filter may not be a conditional expression without parentheses.
      f.conditions.push_back(or_test());
    }
    comp.generators.push_back(std::move(f));
  }
}

ExprPtr Parser::bracket(const std::string& open) {
  const Token& start = toks_[i_ - 1];
  std::string close = open == "(" ? ")" : open == "[" ? "]" : "}";
  std::string never = "'" + open + "' was never closed";
  if (accept_op(close)) {
    auto e = make(open == "("   ? Expr::Kind::kTuple
                  : open == "[" ? Expr::Kind::kList
                                : Expr::Kind::kDict,
                  start);
    finish(*e);
    return e;
  }
  if (open == "{") {
    // A dict or a set, or their comprehensions.
    auto e = make(Expr::Kind::kDict, start);
    bool first = true;
    while (!peek().is_op("}")) {
      if (peek().kind == TokenKind::kEndMarker) fail(start, never);
      if (accept_op("**")) {
        if (!first && e->kind != Expr::Kind::kDict) invalid(peek());
        e->items.push_back(nullptr);
        e->items.push_back(binary(0));
      } else {
        bool star = peek().is_op("*");
        ExprPtr key = star ? expression_list(true) : expression();
        if (!star && accept_op(":")) {
          if (!first && e->kind != Expr::Kind::kDict) invalid(peek());
          ExprPtr value = expression();
          if (first && (peek().is_name("for") || peek().is_name("async"))) {
            e->kind = Expr::Kind::kDictComp;
            e->items.push_back(std::move(key));
            e->items.push_back(std::move(value));
            comprehension_clauses(*e);
            break;
          }
          e->items.push_back(std::move(key));
          e->items.push_back(std::move(value));
        } else {
          if (!first && e->kind == Expr::Kind::kDict) invalid(peek());
          e->kind = Expr::Kind::kSet;
          if (first && (peek().is_name("for") || peek().is_name("async"))) {
            e->kind = Expr::Kind::kSetComp;
            e->items.push_back(std::move(key));
            comprehension_clauses(*e);
            break;
          }
          e->items.push_back(std::move(key));
        }
      }
      first = false;
      if (!accept_op(",")) break;
    }
    if (!accept_op("}"))
      fail(peek().kind == TokenKind::kEndMarker ? start : peek(),
           peek().kind == TokenKind::kEndMarker ? never : "invalid syntax");
    finish(*e);
    return e;
  }
  // ( ... ) or [ ... ]
  auto first = peek().is_op("*") ? expression_list(true) : expression();
  if (peek().is_name("for") || peek().is_name("async")) {
    auto e = make(open == "(" ? Expr::Kind::kGenerator : Expr::Kind::kListComp, start);
    e->items.push_back(std::move(first));
    comprehension_clauses(*e);
    expect_op(close, never.c_str());
    finish(*e);
    return e;
  }
  if (open == "(" && accept_op(")")) {
    // A parenthesised expression keeps its own span.
    return first;
  }
  auto e = make(open == "(" ? Expr::Kind::kTuple : Expr::Kind::kList, start);
  e->items.push_back(std::move(first));
  while (accept_op(",")) {
    if (peek().is_op(close)) break;
    e->items.push_back(peek().is_op("*") ? expression_list(true) : expression());
  }
  if (!accept_op(close)) {
    if (peek().kind == TokenKind::kEndMarker) fail(start, never);
    fail(peek(), "invalid syntax. Perhaps you forgot a comma?");
  }
  finish(*e);
  return e;
}

ExprPtr Parser::atom() {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::kName: {
      if (t.text == "None" || t.text == "True" || t.text == "False") {
        next();
        auto e = make(t.text == "None" ? Expr::Kind::kNone : Expr::Kind::kBool, t);
        e->boolean = t.text == "True";
        finish(*e);
        return e;
      }
      if (is_keyword(t.text)) invalid(t);
      next();
      auto e = make(Expr::Kind::kName, t);
      e->text = std::string(t.text);
      finish(*e);
      return e;
    }
    case TokenKind::kNumber: {
      next();
      std::string digits;
      for (char c : t.text)
        if (c != '_') digits += c;
      bool is_float =
          digits.find_first_of(".eEjJ") != std::string::npos &&
          !(digits.size() > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'));
      auto e = make(is_float ? Expr::Kind::kFloat : Expr::Kind::kInt, t);
      e->text = std::string(t.text);
      if (!is_float) {
        int base = 10;
        size_t skip = 0;
        if (digits.size() > 1 && digits[0] == '0' && digits[1] != '0') {
          char b = static_cast<char>(digits[1] | 0x20);
          base = b == 'x' ? 16 : b == 'o' ? 8 : b == 'b' ? 2 : 10;
          if (base != 10) skip = 2;
        }
        e->integer = std::strtoll(digits.c_str() + skip, nullptr, base);
      }
      finish(*e);
      return e;
    }
    case TokenKind::kString:
      return strings();
    case TokenKind::kOp:
      if (t.text == "(" || t.text == "[" || t.text == "{") {
        next();
        return bracket(std::string(t.text));
      }
      if (t.text == "...") {
        next();
        auto e = make(Expr::Kind::kEllipsis, t);
        finish(*e);
        return e;
      }
      if (t.text == ")" || t.text == "]" || t.text == "}")
        fail(t, "unmatched '" + std::string(t.text) + "'");
      invalid(t);
    case TokenKind::kIndent:
      fail(t, "unexpected indent");
    default:
      invalid(t);
  }
}

ExprPtr Parser::strings() {
  const Token& first = peek();
  auto e = make(first.bytes ? Expr::Kind::kBytes : Expr::Kind::kStr, first);
  while (peek().kind == TokenKind::kString) {
    const Token& s = next();
    if (s.bytes != first.bytes) fail(s, "cannot mix bytes and nonbytes literals");
    if (s.formatted) {
      if (e->kind != Expr::Kind::kFString) {
        e->kind = Expr::Kind::kFString;
        if (!e->text.empty()) e->fstring.push_back(FStringPart{e->text, nullptr, 0, ""});
      }
      fstring_parts(*e, s);
    } else if (e->kind == Expr::Kind::kFString) {
      e->fstring.push_back(FStringPart{s.value, nullptr, 0, ""});
    } else {
      e->text += s.value;
    }
  }
  finish(*e);
  return e;
}

void Parser::fstring_parts(Expr& out, const Token& t) {
  const std::string& v = t.value;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) out.fstring.push_back(FStringPart{literal, nullptr, 0, ""});
    literal.clear();
  };
  for (size_t k = 0; k < v.size(); ++k) {
    char c = v[k];
    if (c == '}') {
      if (k + 1 < v.size() && v[k + 1] == '}')
        ++k;
      else
        fail(t, "f-string: single '}' is not allowed");
      literal += '}';
      continue;
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (k + 1 < v.size() && v[k + 1] == '{') {
      literal += '{';
      ++k;
      continue;
    }
    // An expression up to the matching '}', with optional !conversion and :spec.
    size_t depth = 0, j = k + 1, expr_end = std::string::npos, conv = std::string::npos;
    char quote = 0;
    for (; j < v.size(); ++j) {
      char d = v[j];
      if (quote) {
        if (d == quote) quote = 0;
        continue;
      }
      if (d == '\'' || d == '"')
        quote = d;
      else if (d == '(' || d == '[' || d == '{')
        ++depth;
      else if ((d == ')' || d == ']' || d == '}') && depth > 0)
        --depth;
      else if (depth == 0 && d == '}')
        break;
      else if (depth == 0 && d == '!' && j + 1 < v.size() && v[j + 1] != '=' &&
               conv == std::string::npos && expr_end == std::string::npos) {
        conv = j;
      } else if (depth == 0 && d == ':' && expr_end == std::string::npos) {
        expr_end = j;
        // The format spec runs to the closing brace (nested fields are not read).
        size_t close = v.find('}', j);
        if (close == std::string::npos)
          j = v.size();
        else
          j = close;
        break;
      }
    }
    if (j >= v.size()) fail(t, "f-string: expecting '}'");
    size_t text_end = conv != std::string::npos       ? conv
                      : expr_end != std::string::npos ? expr_end
                                                      : j;
    std::string expr_text = v.substr(k + 1, text_end - k - 1);
    FStringPart part;
    if (conv != std::string::npos) part.conversion = v[conv + 1];
    if (expr_end != std::string::npos) part.format_spec = v.substr(expr_end + 1, j - expr_end - 1);
    SourceFile sub("<f-string>", "(" + expr_text + ")\n");
    TokenStream stream;
    InputError err;
    if (expr_text.find_first_not_of(" \t") == std::string::npos)
      fail(t, "f-string: empty expression not allowed");
    if (!tokenize(sub, stream, err)) fail(t, "f-string: " + err.message);
    Parser inner(sub, stream.tokens);
    try {
      part.expr = inner.expression_list();
    } catch (const SyntaxError& e) {
      fail(t, "f-string: " + e.message);
    }
    flush();
    out.fstring.push_back(std::move(part));
    k = j;
  }
  flush();
}

}  // namespace migsim::python
