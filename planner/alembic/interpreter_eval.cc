// Expressions: literals, names, attributes, subscripts, operators,
// comprehensions and f-strings. Calls are in interpreter_calls.cc.

#include <algorithm>
#include <cstdlib>
#include <functional>

#include "planner/alembic/interpreter.h"
#include "planner/alembic/values.h"

namespace migsim::alembic {

using python::Expr;
using Kind = PyValue::Kind;

std::optional<bool> truth(const PyValue& v) {
  switch (v.kind) {
    case Kind::kNone:
      return false;
    case Kind::kBool:
      return v.boolean;
    case Kind::kInt:
      return v.integer != 0;
    case Kind::kFloat:
      return std::strtod(v.text.c_str(), nullptr) != 0.0;  // never throws, unlike stod
    case Kind::kStr:
      return !v.text.empty();
    case Kind::kList:
    case Kind::kTuple:
    case Kind::kDict:
      return !v.items.empty();
    case Kind::kName:
      if (is_object(v, "result")) return std::nullopt;
      return true;
    case Kind::kCall:
      return true;
    case Kind::kUnknown:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string Interpreter::source_text(const Expr& e) const {
  const std::string& text = source_->text();
  if (e.end <= e.offset || e.end > text.size()) return "";
  return text.substr(e.offset, e.end - e.offset);
}

std::string Interpreter::where(uint32_t line) const {
  return source_->path() + ":" + std::to_string(line);
}

PyValue Interpreter::eval_name(const Expr& e) {
  if (!frames_.empty()) {
    auto it = frames_.back().find(e.text);
    if (it != frames_.back().end()) return it->second;
  }
  auto it = globals_.find(e.text);
  if (it != globals_.end()) return it->second;
  if (functions_.count(e.text)) return make_object("def " + e.text);
  static const char* const kBuiltins[] = {
      "len",    "str",        "int",       "bool",     "list",  "tuple",     "set",     "dict",
      "sorted", "any",        "all",       "print",    "range", "enumerate", "zip",     "min",
      "max",    "isinstance", "frozenset", "reversed", "repr",  "float",     "getattr", "hasattr"};
  for (const char* b : kBuiltins)
    if (e.text == b) return make_object("builtin " + e.text);
  return PyValue::unknown("name '" + e.text + "' is not defined (" + where(e.line) + ")");
}

PyValue Interpreter::eval(const Expr& e, const Mode& mode) {
  PyValue v;
  v.location = locate(e.offset);
  switch (e.kind) {
    case Expr::Kind::kName: {
      PyValue n = eval_name(e);
      if (n.location.line == 0) n.location = v.location;
      return n;
    }
    case Expr::Kind::kNone:
      return v;
    case Expr::Kind::kBool:
      v.kind = Kind::kBool;
      v.boolean = e.boolean;
      return v;
    case Expr::Kind::kInt:
      v.kind = Kind::kInt;
      v.integer = e.integer;
      return v;
    case Expr::Kind::kFloat:
      v.kind = Kind::kFloat;
      v.text = e.text;
      return v;
    case Expr::Kind::kStr:
      v.kind = Kind::kStr;
      v.text = e.text;
      return v;
    case Expr::Kind::kBytes:
      return PyValue::unknown("a bytes literal");
    case Expr::Kind::kFString:
      return eval_fstring(e, mode);
    case Expr::Kind::kEllipsis:
      return make_object("Ellipsis");
    case Expr::Kind::kList:
    case Expr::Kind::kTuple:
    case Expr::Kind::kSet: {
      v.kind = e.kind == Expr::Kind::kTuple ? Kind::kTuple : Kind::kList;
      for (const auto& item : e.items) {
        if (item->kind == Expr::Kind::kStarred) {
          PyValue inner = eval(*item->items[0], mode);
          if (!inner.is_sequence())
            return PyValue::unknown("unpacking a value that is not a literal sequence");
          for (auto& x : inner.items) v.items.push_back(std::move(x));
          continue;
        }
        v.items.push_back(eval(*item, mode));
      }
      return v;
    }
    case Expr::Kind::kDict: {
      v.kind = Kind::kDict;
      for (size_t i = 0; i + 1 < e.items.size(); i += 2) {
        if (!e.items[i]) {
          PyValue inner = eval(*e.items[i + 1], mode);
          if (inner.kind != Kind::kDict)
            return PyValue::unknown("unpacking a value that is not a dict");
          for (auto& x : inner.items) v.items.push_back(std::move(x));
          continue;
        }
        v.items.push_back(eval(*e.items[i], mode));
        v.items.push_back(eval(*e.items[i + 1], mode));
      }
      return v;
    }
    case Expr::Kind::kAttribute: {
      PyValue base = eval(*e.items[0], mode);
      if (base.kind == Kind::kUnknown) return base;
      if (base.kind == Kind::kName && !base.text.empty() && base.text[0] != '<') {
        // A dotted name: a module attribute or a class (sa.Integer, postgresql.ENUM).
        base.text += "." + e.text;
        base.location = v.location;
        return base;
      }
      return make_object("method " + e.text, {std::move(base)});
    }
    case Expr::Kind::kSubscript: {
      PyValue base = eval(*e.items[0], mode);
      if (base.kind == Kind::kUnknown) return base;
      if (e.items[1]->kind == Expr::Kind::kSlice) {
        if (!base.is_sequence() && base.kind != Kind::kStr)
          return PyValue::unknown("a slice of a value that is not a literal sequence");
        auto bound = [&](const python::ExprPtr& b, int64_t dflt) -> std::optional<int64_t> {
          if (!b) return dflt;
          PyValue x = eval(*b, mode);
          if (x.kind != Kind::kInt) return std::nullopt;
          return x.integer;
        };
        int64_t n = base.kind == Kind::kStr ? base.text.size() : base.items.size();
        auto lo = bound(e.items[1]->items[0], 0), hi = bound(e.items[1]->items[1], n);
        if (!lo || !hi || e.items[1]->items[2])
          return PyValue::unknown("a slice migsim does not evaluate");
        auto clamp = [n](int64_t x) { return std::clamp<int64_t>(x < 0 ? x + n : x, 0, n); };
        int64_t a = clamp(*lo), b = clamp(*hi);
        if (b < a) b = a;
        if (base.kind == Kind::kStr) return PyValue::str(base.text.substr(a, b - a));
        return make_seq(base.kind,
                        std::vector<PyValue>(base.items.begin() + a, base.items.begin() + b));
      }
      PyValue key = eval(*e.items[1], mode);
      if (key.kind == Kind::kUnknown) return key;
      if (base.kind == Kind::kDict) {
        if (const PyValue* found = dict_get(base, key)) return *found;
        return PyValue::unknown("KeyError: " + repr(key) + " (" + where(e.line) + ")");
      }
      if ((base.is_sequence() || base.kind == Kind::kStr) && key.kind == Kind::kInt) {
        int64_t n = base.kind == Kind::kStr ? base.text.size() : base.items.size();
        int64_t k = key.integer < 0 ? key.integer + n : key.integer;
        if (k < 0 || k >= n) return PyValue::unknown("IndexError (" + where(e.line) + ")");
        if (base.kind == Kind::kStr) return PyValue::str(base.text.substr(k, 1));
        return base.items[k];
      }
      if (base.kind == Kind::kName && base.text[0] != '<') {
        // A generic type such as postgresql.ARRAY[...] or typing hints.
        PyValue c;
        c.kind = Kind::kCall;
        c.text = base.text;
        c.items.push_back(key);
        return c;
      }
      return PyValue::unknown("a subscript of a value migsim cannot evaluate (" + where(e.line) +
                              ")");
    }
    case Expr::Kind::kSlice:
      return PyValue::unknown("a slice");
    case Expr::Kind::kCall:
      return eval_call(e, mode);
    case Expr::Kind::kUnary: {
      PyValue x = eval(*e.items[0], mode);
      if (e.text == "not") {
        std::optional<bool> t = truth(x);
        if (!t)
          return PyValue::unknown(
              x.kind == Kind::kUnknown ? x.text : "the truth of " + source_text(*e.items[0]));
        return make_bool(!*t);
      }
      if (x.kind == Kind::kInt)
        return make_int(e.text == "-" ? -x.integer : e.text == "~" ? ~x.integer : x.integer);
      if (x.kind == Kind::kFloat && e.text != "~") {
        x.text = (e.text == "-" ? "-" : "") + x.text;
        return x;
      }
      return x.kind == Kind::kUnknown
                 ? x
                 : PyValue::unknown("unary " + e.text + " on a value that is not a number");
    }
    case Expr::Kind::kBinary:
      return eval_binary(e, mode);
    case Expr::Kind::kBoolOp: {
      // Python returns the deciding operand.
      PyValue last;
      for (const auto& item : e.items) {
        last = eval(*item, mode);
        std::optional<bool> t = truth(last);
        if (!t)
          return last.kind == Kind::kUnknown
                     ? last
                     : PyValue::unknown("the truth of " + source_text(*item));
        if (e.text == "and" ? !*t : *t) return last;
      }
      return last;
    }
    case Expr::Kind::kCompare:
      return eval_compare(e, mode);
    case Expr::Kind::kIfExp: {
      PyValue test = eval(*e.items[1], mode);
      std::optional<bool> t = truth(test);
      if (!t)
        return test.kind == Kind::kUnknown
                   ? test
                   : PyValue::unknown("the truth of " + source_text(*e.items[1]));
      return eval(*e.items[*t ? 0 : 2], mode);
    }
    case Expr::Kind::kLambda:
      return PyValue::unknown("a lambda (" + where(e.line) + ")");
    case Expr::Kind::kListComp:
    case Expr::Kind::kSetComp:
    case Expr::Kind::kDictComp:
    case Expr::Kind::kGenerator:
      return eval_comprehension(e, mode);
    case Expr::Kind::kStarred:
      return PyValue::unknown("a starred expression here");
    case Expr::Kind::kNamedExpr: {
      PyValue x = eval(*e.items[1], mode);
      assign(*e.items[0], x, mode);
      return x;
    }
  }
  return PyValue::unknown("an expression migsim does not evaluate");
}

PyValue Interpreter::eval_compare(const Expr& e, const Mode& mode) {
  PyValue left = eval(*e.items[0], mode);
  for (size_t k = 0; k < e.ops.size(); ++k) {
    PyValue right = eval(*e.items[k + 1], mode);
    const std::string& op = e.ops[k];
    std::optional<bool> r;
    std::string why;
    if (op == "in" || op == "not in") {
      r = contains(right, left, why);
      if (r && op == "not in") r = !*r;
    } else if (op == "is" || op == "is not") {
      if (left.kind != Kind::kUnknown && right.kind != Kind::kUnknown &&
          (left.is_none() || right.is_none() || left.kind == Kind::kBool ||
           right.kind == Kind::kBool)) {
        r = left.kind == right.kind && (left.kind != Kind::kBool || left.boolean == right.boolean);
        if (op == "is not") r = !*r;
      } else {
        why = left.kind == Kind::kUnknown    ? left.text
              : right.kind == Kind::kUnknown ? right.text
                                             : "identity of objects";
      }
    } else if (op == "==" || op == "!=") {
      r = equal(left, right);
      if (r && op == "!=") r = !*r;
      if (!r)
        why = left.kind == Kind::kUnknown    ? left.text
              : right.kind == Kind::kUnknown ? right.text
                                             : "comparing values migsim cannot evaluate";
    } else {
      auto less = [&](const PyValue& a, const PyValue& b) -> std::optional<bool> {
        if (a.kind == Kind::kInt && b.kind == Kind::kInt) return a.integer < b.integer;
        if (a.kind == Kind::kStr && b.kind == Kind::kStr) return a.text < b.text;
        return std::nullopt;
      };
      if (op == "<")
        r = less(left, right);
      else if (op == ">")
        r = less(right, left);
      else if (op == "<=") {
        r = less(right, left);
        if (r) r = !*r;
      } else if (op == ">=") {
        r = less(left, right);
        if (r) r = !*r;
      }
      if (!r)
        why = left.kind == Kind::kUnknown    ? left.text
              : right.kind == Kind::kUnknown ? right.text
                                             : "ordering values migsim cannot evaluate";
    }
    if (!r) return PyValue::unknown(why);
    if (!*r) return make_bool(false);
    left = std::move(right);
  }
  return make_bool(true);
}

PyValue Interpreter::eval_binary(const Expr& e, const Mode& mode) {
  PyValue a = eval(*e.items[0], mode);
  PyValue b = eval(*e.items[1], mode);
  if (a.kind == Kind::kUnknown) return a;
  if (b.kind == Kind::kUnknown) return b;
  const std::string& op = e.text;
  if (a.kind == Kind::kInt && b.kind == Kind::kInt) {
    int64_t x = a.integer, y = b.integer;
    if (op == "+") return make_int(x + y);
    if (op == "-") return make_int(x - y);
    if (op == "*") return make_int(x * y);
    if ((op == "//" || op == "%") && y != 0) {
      int64_t q = x / y, m = x % y;
      if (m != 0 && ((m < 0) != (y < 0))) {
        --q;
        m += y;
      }
      return make_int(op == "//" ? q : m);
    }
    if (op == "|") return make_int(x | y);
    if (op == "&") return make_int(x & y);
  }
  if (op == "+" && a.kind == Kind::kStr && b.kind == Kind::kStr)
    return PyValue::str(a.text + b.text);
  if (op == "+" && a.is_sequence() && a.kind == b.kind) {
    for (auto& x : b.items) a.items.push_back(std::move(x));
    return a;
  }
  if (op == "*" && a.kind == Kind::kStr && b.kind == Kind::kInt) {
    std::string out;
    for (int64_t k = 0; k < b.integer; ++k) out += a.text;
    return PyValue::str(out);
  }
  if (op == "%" && a.kind == Kind::kStr) {
    // printf-style formatting with %s only.
    std::vector<PyValue> args = b.kind == Kind::kTuple ? b.items : std::vector<PyValue>{b};
    std::string out;
    size_t next = 0;
    for (size_t k = 0; k < a.text.size(); ++k) {
      if (a.text[k] != '%' || k + 1 >= a.text.size()) {
        out += a.text[k];
        continue;
      }
      char c = a.text[++k];
      if (c == '%') {
        out += '%';
      } else if ((c == 's' || c == 'd' || c == 'r') && next < args.size()) {
        const PyValue& x = args[next++];
        if (x.kind == Kind::kUnknown) return x;
        out += c == 'r' ? repr(x) : to_str(x);
      } else {
        return PyValue::unknown("a %-format migsim does not evaluate");
      }
    }
    return PyValue::str(out);
  }
  if ((op == "|" || op == "-" || op == "&") && a.is_sequence() && b.is_sequence()) {
    // Sets are held as lists.
    PyValue out = make_seq(Kind::kList, {});
    std::string why;
    if (op == "|") {
      out.items = a.items;
      for (auto& x : b.items) {
        auto in = contains(out, x, why);
        if (!in) return PyValue::unknown(why);
        if (!*in) out.items.push_back(x);
      }
      return out;
    }
    for (auto& x : a.items) {
      auto in = contains(b, x, why);
      if (!in) return PyValue::unknown(why);
      if (*in == (op == "&")) out.items.push_back(x);
    }
    return out;
  }
  return PyValue::unknown("the operator " + op + " on these values (" + where(e.line) + ")");
}

PyValue Interpreter::eval_comprehension(const Expr& e, const Mode& mode) {
  PyValue out;
  out.kind = e.kind == Expr::Kind::kDictComp ? Kind::kDict : Kind::kList;
  bool pushed = frames_.empty();
  if (pushed) frames_.emplace_back();
  // Comprehension variables live in the current frame (they do not leak in
  // Python 3, but shadowing is harmless for what revision scripts do).
  Scope saved = frames_.back();
  std::optional<PyValue> failure;
  std::function<void(size_t)> loop = [&](size_t g) {
    if (failure) return;
    if (g == e.generators.size()) {
      if (e.kind == Expr::Kind::kDictComp) {
        out.items.push_back(eval(*e.items[0], mode));
        out.items.push_back(eval(*e.items[1], mode));
      } else {
        out.items.push_back(eval(*e.items[0], mode));
      }
      return;
    }
    const python::ComprehensionFor& f = e.generators[g];
    PyValue iter = eval(*f.iter, mode);
    if (is_object(iter, "result"))
      iter = iter.items.empty() ? PyValue::unknown("query results") : iter.items[0];
    if (iter.kind == Kind::kDict) {
      std::vector<PyValue> keys;
      for (size_t k = 0; k < iter.items.size(); k += 2) keys.push_back(iter.items[k]);
      iter = make_seq(Kind::kList, std::move(keys));
    }
    if (iter.kind == Kind::kStr) {
      std::vector<PyValue> chars;
      for (char c : iter.text) chars.push_back(PyValue::str(std::string(1, c)));
      iter = make_seq(Kind::kList, std::move(chars));
    }
    if (!iter.is_sequence()) {
      failure = iter.kind == Kind::kUnknown
                    ? iter
                    : PyValue::unknown("iterating over " + source_text(*f.iter) +
                                       ", which is not a literal sequence");
      return;
    }
    for (const PyValue& item : iter.items) {
      assign(*f.target, item, mode);
      bool keep = true;
      for (const auto& c : f.conditions) {
        PyValue cv = eval(*c, mode);
        std::optional<bool> t = truth(cv);
        if (!t) {
          failure =
              cv.kind == Kind::kUnknown ? cv : PyValue::unknown("the truth of " + source_text(*c));
          return;
        }
        if (!*t) keep = false;
      }
      if (keep) loop(g + 1);
      if (failure) return;
    }
  };
  loop(0);
  if (pushed)
    frames_.pop_back();
  else
    frames_.back() = std::move(saved);
  if (failure) return *failure;
  if (e.kind == Expr::Kind::kSetComp) {
    PyValue unique = make_seq(Kind::kList, {});
    std::string why;
    for (auto& x : out.items) {
      auto in = contains(unique, x, why);
      if (!in) return PyValue::unknown(why);
      if (!*in) unique.items.push_back(x);
    }
    return unique;
  }
  return out;
}

PyValue Interpreter::eval_fstring(const Expr& e, const Mode& mode) {
  std::string out;
  for (const python::FStringPart& p : e.fstring) {
    if (!p.expr) {
      out += p.text;
      continue;
    }
    PyValue v = eval(*p.expr, mode);
    if (v.kind == Kind::kUnknown) return v;
    if (!p.format_spec.empty())
      return PyValue::unknown("an f-string format spec migsim does not evaluate");
    if (v.kind == Kind::kName || v.kind == Kind::kCall)
      return PyValue::unknown("an f-string field that is not a literal (" + where(e.line) + ")");
    out += p.conversion == 'r' ? repr(v) : to_str(v);
  }
  PyValue s = PyValue::str(out);
  s.location = locate(e.offset);
  return s;
}

}  // namespace migsim::alembic
