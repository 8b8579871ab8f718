#pragma once
// The recursive-descent reader shared by the expression and statement parsers.

#include <stdexcept>
#include <string>

#include "parser/python/ast.h"

namespace migsim::python {

/// Thrown inside the parser on a syntax error; parse_module turns it into an InputError.
struct SyntaxError {
  uint32_t offset;
  std::string message;
};

class Parser {
 public:
  Parser(const SourceFile& source, const std::vector<Token>& tokens);

  // Statements (stmt_parser.cc).
  StmtList parse_file();

  // Expressions (expr_parser.cc).
  /// A full expression list: `a, b` is a tuple. Allows starred items when `star`.
  ExprPtr expression_list(bool star = false);
  ExprPtr expression();  ///< test: lambda, conditional expression
  ExprPtr or_test();
  ExprPtr star_target_list();

 private:
  // Statements.
  void statement(StmtList& out);
  void simple_statements(StmtList& out);
  std::unique_ptr<Stmt> small_statement();
  std::unique_ptr<Stmt> compound_statement();
  StmtList block(const std::string& after);
  std::unique_ptr<Stmt> if_statement();
  std::unique_ptr<Stmt> def_statement(std::vector<ExprPtr> decorators);

  // Expressions.
  ExprPtr and_test();
  ExprPtr not_test();
  ExprPtr comparison();
  ExprPtr binary(int level);
  ExprPtr unary();
  ExprPtr power();
  ExprPtr postfix();
  ExprPtr atom();
  ExprPtr strings();
  ExprPtr bracket(const std::string& open);
  void call_arguments(Expr& call);
  ExprPtr subscript();
  void comprehension_clauses(Expr& comp);
  void fstring_parts(Expr& out, const Token& t);
  std::vector<std::string> lambda_params();

  // Tokens.
  const Token& peek(size_t ahead = 0) const;
  const Token& next();
  bool accept_op(std::string_view op);
  bool accept_name(std::string_view name);
  void expect_op(std::string_view op, const char* message = nullptr);
  [[noreturn]] void fail(const Token& at, std::string message) const;
  [[noreturn]] void invalid(const Token& at) const;
  ExprPtr make(Expr::Kind kind, const Token& start) const;
  void finish(Expr& e) const;  ///< sets `end` to the end of the last token read
  bool starts_expression(const Token& t) const;

  /// Counts one level of the parser's recursion for as long as it lives; past
  /// --max-nesting it is a syntax error, before the stack runs out.
  class Nest {
   public:
    explicit Nest(Parser& p);
    ~Nest() { --p_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };
  [[noreturn]] void too_deep(const Token& at) const;

  const SourceFile& source_;
  const std::vector<Token>& toks_;
  size_t i_ = 0;
  size_t depth_ = 0;  ///< the recursion's current depth
  size_t max_depth_;  ///< --max-nesting
};

}  // namespace migsim::python
