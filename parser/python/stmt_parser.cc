// Python statements: simple statements separated by ';' on a logical line, and
// compound statements with their indented blocks.

#include "parser/python/parser_state.h"

namespace migsim::python {
namespace {

std::unique_ptr<Stmt> make_stmt(Stmt::Kind kind, const Token& t) {
  auto s = std::make_unique<Stmt>();
  s->kind = kind;
  s->offset = t.offset;
  s->line = t.line;
  s->column = t.column;
  return s;
}

bool assignable(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kName:
    case Expr::Kind::kAttribute:
    case Expr::Kind::kSubscript:
      return true;
    case Expr::Kind::kStarred:
      return assignable(*e.items[0]);
    case Expr::Kind::kTuple:
    case Expr::Kind::kList:
      for (const auto& i : e.items)
        if (!assignable(*i)) return false;
      return true;
    default:
      return false;
  }
}

const char* assign_error(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kCall:
      return "cannot assign to function call here. Maybe you meant '==' instead of '='?";
    case Expr::Kind::kStr:
    case Expr::Kind::kInt:
    case Expr::Kind::kFloat:
    case Expr::Kind::kNone:
    case Expr::Kind::kBool:
      return "cannot assign to literal here. Maybe you meant '==' instead of '='?";
    default:
      return "cannot assign to expression here. Maybe you meant '==' instead of '='?";
  }
}

}  // namespace

StmtList Parser::parse_file() {
  StmtList out;
  while (peek().kind != TokenKind::kEndMarker) {
    if (peek().kind == TokenKind::kNewline) {
      next();
      continue;
    }
    if (peek().kind == TokenKind::kIndent) fail(peek(), "unexpected indent");
    statement(out);
  }
  return out;
}

void Parser::statement(StmtList& out) {
  const Token& t = peek();
  if (t.kind == TokenKind::kName &&
      (t.text == "if" || t.text == "for" || t.text == "while" || t.text == "with" ||
       t.text == "def" || t.text == "class" || t.text == "try" || t.text == "async")) {
    out.push_back(compound_statement());
    return;
  }
  if (t.is_op("@")) {
    std::vector<ExprPtr> decorators;
    while (accept_op("@")) {
      decorators.push_back(expression());
      if (peek().kind != TokenKind::kNewline) invalid(peek());
      next();
    }
    accept_name("async");
    if (peek().is_name("def")) {
      out.push_back(def_statement(std::move(decorators)));
      return;
    }
    if (peek().is_name("class")) {
      auto s = compound_statement();
      s->decorators = std::move(decorators);
      out.push_back(std::move(s));
      return;
    }
    invalid(peek());
  }
  simple_statements(out);
}

void Parser::simple_statements(StmtList& out) {
  while (true) {
    out.push_back(small_statement());
    if (!accept_op(";")) break;
    if (peek().kind == TokenKind::kNewline) break;
  }
  if (peek().kind == TokenKind::kEndMarker) return;
  if (peek().kind != TokenKind::kNewline) invalid(peek());
  next();
}

StmtList Parser::block(const std::string& after) {
  expect_op(":", "expected ':'");
  StmtList body;
  if (peek().kind != TokenKind::kNewline) {
    // A suite on the same line: `if x: pass`.
    simple_statements(body);
    return body;
  }
  const Token& nl = next();
  if (peek().kind != TokenKind::kIndent) {
    const Token& at = peek();
    (void)nl;
    throw SyntaxError{at.offset, "expected an indented block after " + after};
  }
  next();
  while (peek().kind != TokenKind::kDedent && peek().kind != TokenKind::kEndMarker) {
    if (peek().kind == TokenKind::kNewline) {
      next();
      continue;
    }
    if (peek().kind == TokenKind::kIndent) fail(peek(), "unexpected indent");
    statement(body);
  }
  if (peek().kind == TokenKind::kDedent) next();
  return body;
}

std::unique_ptr<Stmt> Parser::if_statement() {
  const Token& t = next();  // if / elif
  auto s = make_stmt(Stmt::Kind::kIf, t);
  s->test = expression();
  s->body = block("'" + std::string(t.text) + "' statement on line " + std::to_string(t.line));
  if (peek().is_name("elif")) {
    s->orelse.push_back(if_statement());
  } else if (peek().is_name("else")) {
    const Token& e = next();
    s->orelse = block("'else' statement on line " + std::to_string(e.line));
  }
  return s;
}

std::unique_ptr<Stmt> Parser::def_statement(std::vector<ExprPtr> decorators) {
  const Token& t = next();  // def
  auto s = make_stmt(Stmt::Kind::kDef, t);
  s->decorators = std::move(decorators);
  if (peek().kind != TokenKind::kName) invalid(peek());
  s->text = std::string(next().text);
  expect_op("(", "expected '('");
  while (!peek().is_op(")")) {
    Param p;
    if (accept_op("**"))
      p.star = "**";
    else if (accept_op("*"))
      p.star = "*";
    else if (accept_op("/")) {
      if (!accept_op(",")) break;
      continue;
    }
    if (peek().kind == TokenKind::kName) {
      p.name = std::string(next().text);
      if (accept_op(":")) expression();
      if (accept_op("=")) p.default_value = expression();
    } else if (p.star != "*") {
      invalid(peek());
    }
    s->params.push_back(std::move(p));
    if (!accept_op(",")) break;
  }
  expect_op(")", "'(' was never closed");
  if (accept_op("->")) s->annotation = expression();
  s->body = block("function definition on line " + std::to_string(t.line));
  return s;
}

std::unique_ptr<Stmt> Parser::compound_statement() {
  accept_name("async");
  const Token& t = peek();
  if (t.is_name("if")) return if_statement();
  if (t.is_name("def")) return def_statement({});
  if (t.is_name("class")) {
    next();
    auto s = make_stmt(Stmt::Kind::kClass, t);
    if (peek().kind != TokenKind::kName) invalid(peek());
    s->text = std::string(next().text);
    if (accept_op("(")) {
      Expr bases;
      call_arguments(bases);
      for (auto& b : bases.items) s->targets.push_back(std::move(b));
    }
    s->body = block("class definition on line " + std::to_string(t.line));
    return s;
  }
  if (t.is_name("for")) {
    next();
    auto s = make_stmt(Stmt::Kind::kFor, t);
    s->targets.push_back(star_target_list());
    if (!accept_name("in")) invalid(peek());
    s->value = expression_list(true);
    s->body = block("'for' statement on line " + std::to_string(t.line));
    if (peek().is_name("else"))
      s->orelse = block("'else' statement on line " + std::to_string(next().line));
    return s;
  }
  if (t.is_name("while")) {
    next();
    auto s = make_stmt(Stmt::Kind::kWhile, t);
    s->test = expression();
    s->body = block("'while' statement on line " + std::to_string(t.line));
    if (peek().is_name("else"))
      s->orelse = block("'else' statement on line " + std::to_string(next().line));
    return s;
  }
  if (t.is_name("with")) {
    next();
    auto s = make_stmt(Stmt::Kind::kWith, t);
    bool paren = peek().is_op("(");
    // `with (a as b, c as d):` is read by trying the parenthesised form first.
    size_t save = i_;
    if (paren) {
      next();
      try {
        while (!peek().is_op(")")) {
          WithItem item;
          item.context = expression();
          if (accept_name("as")) item.target = star_target_list();
          s->with_items.push_back(std::move(item));
          if (!accept_op(",")) break;
        }
        expect_op(")");
        if (!peek().is_op(":")) throw SyntaxError{peek().offset, "invalid syntax"};
      } catch (const SyntaxError&) {
        i_ = save;
        s->with_items.clear();
        paren = false;
      }
    }
    if (!paren) {
      do {
        WithItem item;
        item.context = expression();
        if (accept_name("as")) item.target = binary(0);
        s->with_items.push_back(std::move(item));
      } while (accept_op(","));
    }
    s->body = block("'with' statement on line " + std::to_string(t.line));
    return s;
  }
  if (t.is_name("try")) {
    next();
    auto s = make_stmt(Stmt::Kind::kTry, t);
    s->body = block("'try' statement on line " + std::to_string(t.line));
    while (peek().is_name("except")) {
      const Token& e = next();
      ExceptHandler h;
      h.line = e.line;
      accept_op("*");
      if (!peek().is_op(":")) {
        h.type = expression_list();
        if (accept_name("as")) {
          if (peek().kind != TokenKind::kName) invalid(peek());
          h.name = std::string(next().text);
        }
      }
      h.body = block("'except' statement on line " + std::to_string(e.line));
      s->handlers.push_back(std::move(h));
    }
    if (peek().is_name("else"))
      s->orelse = block("'else' statement on line " + std::to_string(next().line));
    if (peek().is_name("finally"))
      s->finalbody = block("'finally' statement on line " + std::to_string(next().line));
    if (s->handlers.empty() && s->finalbody.empty())
      fail(peek(), "expected 'except' or 'finally' block");
    return s;
  }
  invalid(t);
}

std::unique_ptr<Stmt> Parser::small_statement() {
  const Token& t = peek();
  if (t.kind == TokenKind::kIndent) fail(t, "unexpected indent");
  if (t.is_name("pass")) return next(), make_stmt(Stmt::Kind::kPass, t);
  if (t.is_name("break")) return next(), make_stmt(Stmt::Kind::kBreak, t);
  if (t.is_name("continue")) return next(), make_stmt(Stmt::Kind::kContinue, t);
  if (t.is_name("return") || t.is_name("raise") || t.is_name("del") || t.is_name("assert")) {
    next();
    auto s = make_stmt(t.is_name("return")  ? Stmt::Kind::kReturn
                       : t.is_name("raise") ? Stmt::Kind::kRaise
                       : t.is_name("del")   ? Stmt::Kind::kDel
                                            : Stmt::Kind::kAssert,
                       t);
    if (starts_expression(peek())) s->value = expression_list(true);
    if (s->kind == Stmt::Kind::kRaise && accept_name("from")) s->test = expression();
    if (s->kind == Stmt::Kind::kAssert && accept_op(",")) s->test = expression();
    return s;
  }
  if (t.is_name("global") || t.is_name("nonlocal")) {
    next();
    auto s = make_stmt(Stmt::Kind::kGlobal, t);
    do {
      if (peek().kind != TokenKind::kName) invalid(peek());
      s->names.emplace_back(std::string(next().text), "");
    } while (accept_op(","));
    return s;
  }
  auto dotted = [&]() {
    std::string name;
    while (peek().is_op(".") || peek().is_op("...")) name += std::string(next().text);
    if (peek().kind == TokenKind::kName && !peek().is_name("import")) {
      name += std::string(next().text);
      while (accept_op(".")) {
        if (peek().kind != TokenKind::kName) invalid(peek());
        name += "." + std::string(next().text);
      }
    }
    if (name.empty()) invalid(peek());
    return name;
  };
  if (t.is_name("import")) {
    next();
    auto s = make_stmt(Stmt::Kind::kImport, t);
    do {
      std::string module = dotted();
      std::string alias;
      if (accept_name("as")) {
        if (peek().kind != TokenKind::kName) invalid(peek());
        alias = std::string(next().text);
      }
      s->names.emplace_back(module, alias);
    } while (accept_op(","));
    return s;
  }
  if (t.is_name("from")) {
    next();
    auto s = make_stmt(Stmt::Kind::kImportFrom, t);
    s->text = dotted();
    if (!accept_name("import")) invalid(peek());
    bool paren = accept_op("(");
    if (accept_op("*")) {
      s->names.emplace_back("*", "");
    } else {
      do {
        if (paren && peek().is_op(")")) break;
        if (peek().kind != TokenKind::kName) invalid(peek());
        std::string name(next().text);
        std::string alias;
        if (accept_name("as")) {
          if (peek().kind != TokenKind::kName) invalid(peek());
          alias = std::string(next().text);
        }
        s->names.emplace_back(name, alias);
      } while (accept_op(","));
    }
    if (paren) expect_op(")", "'(' was never closed");
    return s;
  }

  // Expression statements and assignments.
  ExprPtr first = expression_list(true);
  if (peek().is_op(":")) {
    next();
    auto s = make_stmt(Stmt::Kind::kAnnAssign, t);
    if (!assignable(*first)) fail(t, "illegal target for annotation");
    s->annotation = expression();
    s->targets.push_back(std::move(first));
    if (accept_op("=")) s->value = expression_list(true);
    return s;
  }
  static const char* const kAugmented[] = {
      "+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**="};
  for (const char* op : kAugmented) {
    if (peek().is_op(op)) {
      next();
      auto s = make_stmt(Stmt::Kind::kAugAssign, t);
      std::string o(op);
      s->text = o.substr(0, o.size() - 1);
      if (first->kind != Expr::Kind::kName && first->kind != Expr::Kind::kAttribute &&
          first->kind != Expr::Kind::kSubscript)
        fail(t, "'" + std::string("expression") +
                    "' is an illegal expression for augmented assignment");
      s->targets.push_back(std::move(first));
      s->value = expression_list(true);
      return s;
    }
  }
  if (peek().is_op("=")) {
    auto s = make_stmt(Stmt::Kind::kAssign, t);
    ExprPtr value = std::move(first);
    while (accept_op("=")) {
      if (!assignable(*value)) fail(t, assign_error(*value));
      s->targets.push_back(std::move(value));
      value = expression_list(true);
    }
    s->value = std::move(value);
    return s;
  }
  auto s = make_stmt(Stmt::Kind::kExpr, t);
  s->value = std::move(first);
  return s;
}

bool parse_module(const SourceFile& source, Module& out, InputError& error) {
  if (!tokenize(source, out.tokens, error)) return false;
  Parser parser(source, out.tokens.tokens);
  try {
    out.body = parser.parse_file();
  } catch (const SyntaxError& e) {
    Location at = source.locate(e.offset);
    error.file = source.path();
    error.line = at.line;
    error.column = at.column;
    error.message = e.message;
    return false;
  }
  return true;
}

}  // namespace migsim::python
