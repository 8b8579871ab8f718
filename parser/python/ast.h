#pragma once
// A small syntax tree for the Python that Alembic revision scripts are made
// of: expressions and statements as CPython's grammar reads them, enough to
// evaluate upgrade() without running Python.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parser/python/lexer.h"

namespace migsim::python {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Stmt;
using StmtList = std::vector<std::unique_ptr<Stmt>>;

/// One `for target in iter if cond...` clause of a comprehension.
struct ComprehensionFor {
  ExprPtr target;
  ExprPtr iter;
  std::vector<ExprPtr> conditions;
};

/// A piece of an f-string: literal text, or an expression with its conversion.
struct FStringPart {
  std::string text;  ///< literal text (when `expr` is null)
  ExprPtr expr;
  char conversion = 0;  ///< 'r', 's', 'a' or 0
  std::string format_spec;
};

struct Expr {
  enum class Kind {
    kName,
    kNone,
    kBool,
    kInt,
    kFloat,
    kStr,
    kBytes,
    kFString,
    kEllipsis,
    kList,
    kTuple,
    kSet,
    kDict,       ///< items: keys and values alternating; a null key is `**value`
    kAttribute,  ///< items[0].text
    kSubscript,  ///< items[0][items[1]]
    kSlice,      ///< items: lower, upper, step (each may be null)
    kCall,       ///< items[0](items[1..]) with `keywords`
    kUnary,      ///< text: "not", "-", "+", "~"
    kBinary,     ///< text: the operator
    kBoolOp,     ///< text: "and" / "or"; items: the operands
    kCompare,    ///< items[0] ops[0] items[1] ops[1] items[2] ...
    kIfExp,      ///< items: body, test, orelse
    kLambda,     ///< params; items[0] the body
    kListComp,   ///< items[0] the element (and items[1] the value for kDictComp)
    kSetComp,
    kDictComp,
    kGenerator,
    kStarred,    ///< *items[0]
    kNamedExpr,  ///< items[0] := items[1]
  };
  Kind kind = Kind::kNone;
  std::string text;  ///< name, attribute, operator, or a literal's value (numbers as written)
  bool boolean = false;
  int64_t integer = 0;
  std::vector<ExprPtr> items;
  std::vector<std::string> ops;       ///< kCompare: "<", "in", "not in", "is not", ...
  std::vector<std::string> keywords;  ///< kCall: per argument after items[0]: "" positional,
                                      ///< "*" for *args, "**" for **kwargs, else the keyword
  std::vector<ComprehensionFor> generators;
  std::vector<FStringPart> fstring;
  std::vector<std::string> params;  ///< kLambda
  uint32_t offset = 0;              ///< the first byte
  uint32_t end = 0;                 ///< one past the last byte
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t depth = 1;  ///< levels of the tree below and including this node
};

struct Param {
  std::string name;
  std::string star;  ///< "", "*" or "**"
  ExprPtr default_value;
};

struct ExceptHandler {
  ExprPtr type;  ///< null for a bare `except:`
  std::string name;
  StmtList body;
  uint32_t line = 0;
};

struct WithItem {
  ExprPtr context;
  ExprPtr target;  ///< null without `as`
};

struct Stmt {
  enum class Kind {
    kExpr,
    kAssign,     ///< targets = value (targets: one per `=`)
    kAugAssign,  ///< targets[0] op= value; text: the operator ("+")
    kAnnAssign,  ///< targets[0]: annotation [= value]
    kIf,         ///< test, body, orelse (an elif is an If alone in orelse)
    kFor,        ///< targets[0] in value: body, orelse
    kWhile,
    kWith,
    kDef,
    kClass,
    kReturn,
    kPass,
    kBreak,
    kContinue,
    kRaise,
    kImport,      ///< names: (dotted module, alias)
    kImportFrom,  ///< text: the module (with leading dots); names: (name, alias)
    kTry,
    kGlobal,
    kDel,
    kAssert,
  };
  Kind kind = Kind::kPass;
  std::vector<ExprPtr> targets;
  ExprPtr value;
  ExprPtr annotation;
  ExprPtr test;
  StmtList body;
  StmtList orelse;
  StmtList finalbody;
  std::vector<ExceptHandler> handlers;
  std::vector<WithItem> with_items;
  std::string text;  ///< def/class name, import-from module, augmented operator
  std::vector<Param> params;
  std::vector<ExprPtr> decorators;
  std::vector<std::pair<std::string, std::string>> names;
  uint32_t offset = 0;
  uint32_t line = 0;
  uint32_t column = 0;
};

struct Module {
  StmtList body;
  TokenStream tokens;  ///< kept: string_views in the tree's sources point into the file
};

/// Parses a whole file. On a syntax error fills `error` with file:line:column
/// and CPython's message where it has one.
bool parse_module(const SourceFile& source, Module& out, InputError& error);

}  // namespace migsim::python
