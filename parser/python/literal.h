#pragma once
// Python literal expressions read from tokens, without running Python: None,
// True/False, numbers, strings (with implicit concatenation) and tuples, lists
// and sets of these. Revision headers are made of such assignments.

#include <string>
#include <vector>

#include "parser/python/lexer.h"

namespace migsim::python {

struct Literal {
  enum class Kind { kNone, kBool, kNumber, kString, kBytes, kTuple, kList, kSet };
  Kind kind = Kind::kNone;
  bool boolean = false;
  std::string text;  ///< a string's value, or a number as written
  std::vector<Literal> items;
  uint32_t offset = 0;  ///< where the expression starts
};

/// Reads one literal expression starting at tokens[i], stopping before a
/// NEWLINE (or ENDMARKER). A bare `a, b` is a tuple, as in Python. On success
/// `i` is left at that NEWLINE. On failure `why` says what is not a literal and
/// `i` points at the offending token.
bool read_literal(const std::vector<Token>& tokens, size_t& i, Literal& out, std::string& why);

}  // namespace migsim::python
