// Calls: op.* operations, the bind and its inspector, builtins, methods of
// literal values, and helper functions defined in the same script.

#include <algorithm>

#include "planner/alembic/inspector.h"
#include "planner/alembic/interpreter.h"
#include "planner/alembic/values.h"

namespace migsim::alembic {

using python::Expr;
using Kind = PyValue::Kind;
using KwArgs = std::vector<std::pair<std::string, PyValue>>;

namespace {

bool is_mutator(const std::string& m) {
  return m == "append" || m == "extend" || m == "add" || m == "update" || m == "insert" ||
         m == "remove" || m == "discard";
}

/// Items of an iterable literal value (dict keys, string characters); nullopt otherwise.
std::optional<std::vector<PyValue>> iterate(const PyValue& v) {
  if (v.is_sequence()) return v.items;
  if (v.kind == Kind::kDict) {
    std::vector<PyValue> keys;
    for (size_t k = 0; k < v.items.size(); k += 2) keys.push_back(v.items[k]);
    return keys;
  }
  if (v.kind == Kind::kStr) {
    std::vector<PyValue> chars;
    for (char c : v.text) chars.push_back(PyValue::str(std::string(1, c)));
    return chars;
  }
  if (is_object(v, "result") && !v.items.empty() && v.items[0].is_sequence())
    return v.items[0].items;
  return std::nullopt;
}

PyValue unknown_of(const PyValue& v, const std::string& otherwise) {
  return v.kind == Kind::kUnknown ? v : PyValue::unknown(otherwise);
}

}  // namespace

PyValue Interpreter::eval_call(const Expr& e, const Mode& mode) {
  const Expr& fexpr = *e.items[0];
  std::vector<PyValue> args;
  KwArgs kwargs;
  for (size_t k = 1; k < e.items.size(); ++k) {
    const std::string& kw = e.keywords[k - 1];
    PyValue v = eval(*e.items[k], mode);
    if (kw.empty()) {
      args.push_back(std::move(v));
    } else if (kw == "*") {
      auto items = iterate(v);
      if (!items)
        args.push_back(unknown_of(v, "*args of a value that is not a literal sequence"));
      else
        for (auto& x : *items) args.push_back(std::move(x));
    } else if (kw == "**") {
      if (v.kind != Kind::kDict) {
        kwargs.emplace_back("**", unknown_of(v, "**kwargs of a value that is not a literal dict"));
        continue;
      }
      for (size_t j = 0; j + 1 < v.items.size(); j += 2)
        kwargs.emplace_back(to_str(v.items[j]), v.items[j + 1]);
    } else {
      kwargs.emplace_back(kw, std::move(v));
    }
  }
  // list.append(x) and friends change the variable that holds the list.
  if (fexpr.kind == Expr::Kind::kAttribute && fexpr.items[0]->kind == Expr::Kind::kName &&
      is_mutator(fexpr.text)) {
    PyValue self = eval(*fexpr.items[0], mode);
    if (self.is_sequence() || self.kind == Kind::kDict) {
      if (fexpr.text == "append" || fexpr.text == "add") {
        if (args.size() != 1)
          return PyValue::unknown(fexpr.text + "() with other than one argument");
        std::string why;
        auto in = fexpr.text == "add" ? contains(self, args[0], why) : std::optional<bool>(false);
        if (!in || !*in) self.items.push_back(args[0]);
      } else if (fexpr.text == "extend" || fexpr.text == "update") {
        if (args.size() != 1)
          return PyValue::unknown(fexpr.text + "() with other than one argument");
        auto items = fexpr.text == "update" && args[0].kind == Kind::kDict
                         ? std::optional<std::vector<PyValue>>(args[0].items)
                         : iterate(args[0]);
        if (!items) {
          assign(*fexpr.items[0], unknown_of(args[0], "a collection extended with unknown items"),
                 mode);
          return PyValue::none();
        }
        for (auto& x : *items) self.items.push_back(x);
      } else {
        assign(*fexpr.items[0], PyValue::unknown(fexpr.text + "() on a collection"), mode);
        return PyValue::none();
      }
      if (mode.kind != Mode::Kind::kNoOp) assign(*fexpr.items[0], self, mode);
      return PyValue::none();
    }
  }
  PyValue func = eval(fexpr, mode);
  return call_value(func, std::move(args), std::move(kwargs), e, mode);
}

PyValue Interpreter::call_value(const PyValue& func, std::vector<PyValue> args, KwArgs kwargs,
                                const Expr& at, const Mode& mode) {
  if (func.kind == Kind::kUnknown) return func;
  if (func.kind == Kind::kName && func.text.rfind("<def ", 0) == 0) {
    std::string name = func.text.substr(5, func.text.size() - 6);
    return call_function(*functions_.at(name), std::move(args), std::move(kwargs), mode);
  }
  if (func.kind == Kind::kName && func.text.rfind("<builtin ", 0) == 0)
    return call_builtin(func.text.substr(9, func.text.size() - 10), args, kwargs);
  if (func.kind == Kind::kName && func.text.rfind("<method ", 0) == 0)
    return call_method(func.items[0], func.text.substr(8, func.text.size() - 9), args, kwargs, at,
                       mode);
  if (func.kind != Kind::kName || func.text.empty() || func.text[0] == '<')
    return PyValue::unknown("calling " + source_text(*at.items[0]) +
                            ", which migsim cannot follow (" + where(at.line) + ")");

  PyValue call;
  call.kind = Kind::kCall;
  call.text = func.text;
  call.items = std::move(args);
  call.kwargs = std::move(kwargs);
  call.location = locate(at.offset);
  if (func.text.rfind("op.", 0) == 0) {
    std::string op = func.text.substr(3);
    if (op == "get_bind") return make_object("bind");
    if (op == "get_context") return make_object("context");
    if (op == "f" || op == "inline_literal")
      return call.items.empty() ? PyValue::unknown("op." + op + "() without an argument")
                                : call.items[0];
    if (op == "batch_alter_table") return call;
    if (op.find('.') != std::string::npos)
      return PyValue::unknown("op." + op + " is not an Alembic operation migsim follows");
    return run_op(call, nullptr, at, mode);
  }
  std::string_view short_name = call.short_name();
  if (short_name == "inspect" ||
      (func.text.size() >= 21 &&
       func.text.compare(func.text.size() - 21, 21, "Inspector.from_engine") == 0)) {
    // Each inspector has its own cache of what it reflected (see inspector_method).
    if (!call.items.empty() && is_object(call.items[0], "bind"))
      return make_object("inspector", {make_int(++inspectors_)});
    return PyValue::unknown("inspect() of something other than op.get_bind() (" + where(at.line) +
                            ")");
  }
  return call;
}

PyValue Interpreter::call_builtin(const std::string& name, std::vector<PyValue>& args,
                                  KwArgs& kwargs) {
  if (name == "print") return PyValue::none();
  for (const PyValue& a : args)
    if (a.kind == Kind::kUnknown) return a;
  auto one = [&]() -> const PyValue* { return args.size() == 1 ? &args[0] : nullptr; };
  if (name == "len") {
    const PyValue* a = one();
    if (!a) return PyValue::unknown("len() with other than one argument");
    if (a->kind == Kind::kStr) return make_int(a->text.size());
    if (a->kind == Kind::kDict) return make_int(a->items.size() / 2);
    if (a->is_sequence()) return make_int(a->items.size());
    return PyValue::unknown("len() of a value migsim cannot evaluate");
  }
  if (name == "list" || name == "tuple" || name == "set" || name == "frozenset" ||
      name == "sorted" || name == "reversed") {
    if (args.empty()) return make_seq(name == "tuple" ? Kind::kTuple : Kind::kList, {});
    auto items = iterate(args[0]);
    if (!items) return PyValue::unknown(name + "() of a value migsim cannot evaluate");
    PyValue out = make_seq(name == "tuple" ? Kind::kTuple : Kind::kList, {});
    std::string why;
    for (auto& x : *items) {
      if (name == "set" || name == "frozenset") {
        auto in = contains(out, x, why);
        if (!in) return PyValue::unknown(why);
        if (*in) continue;
      }
      out.items.push_back(x);
    }
    if (name == "reversed") std::reverse(out.items.begin(), out.items.end());
    if (name == "sorted") {
      bool strs = std::all_of(out.items.begin(), out.items.end(),
                              [](auto& x) { return x.kind == Kind::kStr; });
      bool ints = std::all_of(out.items.begin(), out.items.end(),
                              [](auto& x) { return x.kind == Kind::kInt; });
      if ((!strs && !ints) || !kwargs.empty())
        return PyValue::unknown("sorted() of values migsim does not order");
      std::stable_sort(out.items.begin(), out.items.end(), [&](const PyValue& a, const PyValue& b) {
        return strs ? a.text < b.text : a.integer < b.integer;
      });
    }
    return out;
  }
  if (name == "any" || name == "all") {
    auto items = args.size() == 1 ? iterate(args[0]) : std::nullopt;
    if (!items) return PyValue::unknown(name + "() of a value migsim cannot evaluate");
    for (auto& x : *items) {
      auto t = truth(x);
      if (!t) return unknown_of(x, "the truth of an item in " + name + "()");
      if (*t == (name == "any")) return make_bool(name == "any");
    }
    return make_bool(name == "all");
  }
  if (name == "str" || name == "repr") {
    if (args.empty()) return PyValue::str("");
    if (args[0].kind == Kind::kName || args[0].kind == Kind::kCall)
      return PyValue::unknown(name + "() of an object");
    return PyValue::str(name == "str" ? to_str(args[0]) : repr(args[0]));
  }
  if (name == "bool") {
    if (args.empty()) return make_bool(false);
    auto t = truth(args[0]);
    return t ? make_bool(*t) : PyValue::unknown("bool() of a value migsim cannot evaluate");
  }
  if (name == "int" && one()) {
    if (args[0].kind == Kind::kInt) return args[0];
    if (args[0].kind == Kind::kBool) return make_int(args[0].boolean);
    if (args[0].kind == Kind::kStr) {
      try {
        size_t used = 0;
        int64_t v = std::stoll(args[0].text, &used);
        if (used == args[0].text.size()) return make_int(v);
      } catch (...) {
      }
    }
    return PyValue::unknown("int() of a value migsim cannot evaluate");
  }
  if (name == "range") {
    int64_t lo = 0, hi = 0;
    if (args.size() == 1 && args[0].kind == Kind::kInt)
      hi = args[0].integer;
    else if (args.size() == 2 && args[0].kind == Kind::kInt && args[1].kind == Kind::kInt)
      lo = args[0].integer, hi = args[1].integer;
    else
      return PyValue::unknown("range() migsim does not evaluate");
    if (hi - lo > 10000) return PyValue::unknown("range() too long to follow");
    PyValue out = make_seq(Kind::kList, {});
    for (int64_t k = lo; k < hi; ++k) out.items.push_back(make_int(k));
    return out;
  }
  if (name == "enumerate" || name == "zip") {
    std::vector<std::vector<PyValue>> lists;
    for (auto& a : args) {
      auto items = iterate(a);
      if (!items) return PyValue::unknown(name + "() of a value migsim cannot evaluate");
      lists.push_back(*items);
    }
    if (lists.empty()) return make_seq(Kind::kList, {});
    PyValue out = make_seq(Kind::kList, {});
    size_t n = lists[0].size();
    for (auto& l : lists) n = std::min(n, l.size());
    for (size_t k = 0; k < n; ++k) {
      PyValue t = make_seq(Kind::kTuple, {});
      if (name == "enumerate") t.items.push_back(make_int(static_cast<int64_t>(k)));
      for (auto& l : lists) t.items.push_back(l[k]);
      out.items.push_back(std::move(t));
    }
    return out;
  }
  if (name == "dict") {
    PyValue out = make_seq(Kind::kDict, {});
    if (!args.empty()) {
      if (args[0].kind == Kind::kDict)
        out = args[0];
      else
        return PyValue::unknown("dict() of a value migsim does not evaluate");
    }
    for (auto& [k, v] : kwargs) {
      out.items.push_back(PyValue::str(k));
      out.items.push_back(v);
    }
    return out;
  }
  return PyValue::unknown("the builtin " + name + "() is not evaluated");
}

PyValue Interpreter::call_method(const PyValue& self, const std::string& method,
                                 std::vector<PyValue>& args, KwArgs& kwargs, const Expr& at,
                                 const Mode& mode) {
  if (self.kind == Kind::kUnknown) return self;
  static const char* const kLogging[] = {"debug",     "info",     "warning", "warn", "error",
                                         "exception", "critical", "log",     "echo", "write"};
  for (const char* l : kLogging)
    if (method == l && (self.kind == Kind::kCall || self.kind == Kind::kName))
      return PyValue::none();
  if (is_object(self, "bind")) {
    if (method == "execute" || method == "exec_driver_sql") {
      if (args.empty()) return PyValue::unknown("execute() without a statement");
      if (args.size() > 1 || !kwargs.empty())
        return PyValue::unknown("execute() with bound parameters (" + where(at.line) + ")");
      return conn_execute(args[0], at, mode);
    }
    return PyValue::unknown("the connection's " + method + "() is not followed (" + where(at.line) +
                            ")");
  }
  if (is_object(self, "inspector")) return inspector_method(self, method, args, kwargs, at, mode);
  if (is_object(self, "context")) {
    if (method == "autocommit_block") return make_object("autocommit");
    return PyValue::unknown("op.get_context()." + method + "() is not followed (" + where(at.line) +
                            ")");
  }
  if (is_object(self, "batch")) {
    if (method == "f")  // batch_op.f(name), like op.f: the name as written
      return args.empty() ? PyValue::unknown("batch_op.f() without an argument") : args[0];
    PyValue call;
    call.kind = Kind::kCall;
    call.text = "batch_op." + method;
    call.items = args;
    call.kwargs = kwargs;
    call.location = locate(at.offset);
    const PyValue& target = self.items[0];
    BatchTarget batch;
    if (const PyValue* t = target.arg(0, "table_name"); t && t->kind == Kind::kStr)
      batch.table = t->text;
    if (const PyValue* s = target.kwarg("schema"); s && s->kind == Kind::kStr)
      batch.schema = s->text;
    return run_op(call, &batch, at, mode);
  }
  if (is_object(self, "result")) {
    const PyValue& rows = self.items[0];
    if (rows.kind == Kind::kUnknown) return rows;
    if (method == "fetchall" || method == "all") return rows;
    if (method == "fetchone" || method == "first" || method == "one_or_none")
      return rows.items.empty() ? PyValue::none() : rows.items[0];
    if (method == "scalar" || method == "scalar_one_or_none" || method == "scalar_one") {
      if (rows.items.empty()) return PyValue::none();
      return rows.items[0].items.empty() ? PyValue::none() : rows.items[0].items[0];
    }
    return PyValue::unknown("the result's " + method + "() is not followed");
  }
  if (self.kind == Kind::kCall && (method == "create" || method == "drop") &&
      (self.is_call("Enum") || self.is_call("ENUM"))) {
    if (method == "drop") return PyValue::unknown("dropping an enum type is not followed");
    if (args.empty() || !is_object(args[0], "bind"))
      return PyValue::unknown("create() on a connection other than op.get_bind()");
    bool checkfirst = false;  // SchemaType.create's default
    for (auto& [k, v] : kwargs)
      if (k == "checkfirst") checkfirst = PyValue::truthy(&v);
    OpTranslation t = translate_enum_create(self, checkfirst);
    if (!t.unknown.empty()) {
      record(at, source_text(at), Outcome::kUnknown, t.unknown);
      return PyValue::none();
    }
    run_statements(t, at, mode, source_text(at));
    return PyValue::none();
  }
  if (self.kind == Kind::kStr) {
    const std::string& s = self.text;
    auto str_arg = [&](size_t k) -> const std::string* {
      return k < args.size() && args[k].kind == Kind::kStr ? &args[k].text : nullptr;
    };
    if (method == "lower" || method == "upper") {
      std::string out = s;
      for (char& c : out) c = method == "lower" ? std::tolower(c) : std::toupper(c);
      return PyValue::str(out);
    }
    if (method == "strip" && args.empty()) {
      size_t b = s.find_first_not_of(" \t\n\r"), e = s.find_last_not_of(" \t\n\r");
      return PyValue::str(b == std::string::npos ? "" : s.substr(b, e - b + 1));
    }
    if ((method == "startswith" || method == "endswith") && str_arg(0)) {
      const std::string& p = *str_arg(0);
      bool r = p.size() <= s.size() &&
               (method == "startswith" ? s.compare(0, p.size(), p) == 0
                                       : s.compare(s.size() - p.size(), p.size(), p) == 0);
      return make_bool(r);
    }
    if (method == "replace" && str_arg(0) && str_arg(1) && !str_arg(0)->empty()) {
      std::string out, from = *str_arg(0), to = *str_arg(1);
      size_t pos = 0, hit;
      while ((hit = s.find(from, pos)) != std::string::npos) {
        out += s.substr(pos, hit - pos) + to;
        pos = hit + from.size();
      }
      return PyValue::str(out + s.substr(pos));
    }
    if (method == "join" && args.size() == 1) {
      auto items = iterate(args[0]);
      if (!items) return unknown_of(args[0], "join() of a value migsim cannot evaluate");
      std::string out;
      for (size_t k = 0; k < items->size(); ++k) {
        if ((*items)[k].kind != Kind::kStr)
          return unknown_of((*items)[k], "join() of items that are not strings");
        out += (k ? s : "") + (*items)[k].text;
      }
      return PyValue::str(out);
    }
    if (method == "format") {
      std::string out;
      size_t next = 0;
      for (size_t k = 0; k < s.size(); ++k) {
        if (s[k] == '{' && k + 1 < s.size() && s[k + 1] == '{') {
          out += '{';
          ++k;
          continue;
        }
        if (s[k] == '}' && k + 1 < s.size() && s[k + 1] == '}') {
          out += '}';
          ++k;
          continue;
        }
        if (s[k] != '{') {
          out += s[k];
          continue;
        }
        size_t close = s.find('}', k);
        if (close == std::string::npos) return PyValue::unknown("a malformed format string");
        std::string field = s.substr(k + 1, close - k - 1);
        const PyValue* v = nullptr;
        if (field.empty())
          v = next < args.size() ? &args[next++] : nullptr;
        else if (std::all_of(field.begin(), field.end(), ::isdigit)) {
          size_t idx = std::stoul(field);
          v = idx < args.size() ? &args[idx] : nullptr;
        } else {
          for (auto& [kk, vv] : kwargs)
            if (kk == field) v = &vv;
        }
        if (!v || v->kind == Kind::kName || v->kind == Kind::kCall)
          return PyValue::unknown("a format() field migsim cannot evaluate");
        if (v->kind == Kind::kUnknown) return *v;
        out += to_str(*v);
        k = close;
      }
      return PyValue::str(out);
    }
    return PyValue::unknown("the string method " + method + "() is not evaluated");
  }
  if (self.kind == Kind::kDict) {
    if (method == "get" && !args.empty()) {
      if (const PyValue* v = dict_get(self, args[0])) return *v;
      return args.size() > 1 ? args[1] : PyValue::none();
    }
    if (method == "keys" || method == "values" || method == "items") {
      PyValue out = make_seq(Kind::kList, {});
      for (size_t k = 0; k + 1 < self.items.size(); k += 2) {
        if (method == "keys")
          out.items.push_back(self.items[k]);
        else if (method == "values")
          out.items.push_back(self.items[k + 1]);
        else
          out.items.push_back(make_seq(Kind::kTuple, {self.items[k], self.items[k + 1]}));
      }
      return out;
    }
  }
  if (self.is_sequence() && method == "index" && args.size() == 1) {
    for (size_t k = 0; k < self.items.size(); ++k) {
      auto e = equal(self.items[k], args[0]);
      if (!e) return PyValue::unknown("index() over values migsim cannot compare");
      if (*e) return make_int(static_cast<int64_t>(k));
    }
    return PyValue::unknown("ValueError from index()");
  }
  return PyValue::unknown(source_text(*at.items[0]) + "() is not something migsim follows (" +
                          where(at.line) + ")");
}

PyValue Interpreter::inspector_method(const PyValue& inspector, const std::string& method,
                                      std::vector<PyValue>& args, KwArgs& kwargs, const Expr& at,
                                      const Mode& mode) {
  PyValue answer = inspector_call(engine_.catalog(), method, args, kwargs);
  // Only calls Python makes: a guard migsim evaluates in a branch that does not
  // run fills no cache.
  if (mode.kind != Mode::Kind::kRun || inspector.items.empty()) return answer;
  std::string key = repr(inspector.items[0]) + " " + method + "(";
  for (const PyValue& a : args) key += repr(a) + ", ";
  for (const auto& [k, v] : kwargs) key += k + "=" + repr(v) + ", ";
  key += ")";
  auto [it, first] = inspector_cache_.emplace(key, answer);
  if (first) return answer;
  // SQLAlchemy's Inspector caches every get_*() it reflected: the same call on
  // the same inspector gives the same answer, whatever ran in between.
  if (method.rfind("get_", 0) == 0) return it->second;
  // has_table() and friends: 2.0 caches them too, 1.4 asks the database again.
  auto same = equal(it->second, answer);
  if (same && *same) return answer;
  return PyValue::unknown("the inspector's " + method + "() asked again after a change (" +
                          where(at.line) + "): SQLAlchemy 2.0 answers from its cache (" +
                          repr(it->second) + "), 1.4 reads the database again (" + repr(answer) +
                          ")");
}

PyValue Interpreter::call_function(const python::Stmt& def, std::vector<PyValue> args,
                                   KwArgs kwargs, const Mode& mode) {
  if (depth_ > 32) return PyValue::unknown("recursion too deep to follow");
  Scope scope;
  size_t next = 0;
  for (const python::Param& p : def.params) {
    if (p.star == "*") {
      if (p.name.empty()) continue;
      PyValue rest = make_seq(Kind::kTuple, {});
      while (next < args.size()) rest.items.push_back(args[next++]);
      scope[p.name] = rest;
      continue;
    }
    if (p.star == "**") {
      PyValue rest = make_seq(Kind::kDict, {});
      for (auto& [k, v] : kwargs) {
        bool named = false;
        for (const python::Param& q : def.params) named |= q.name == k && q.star.empty();
        if (!named) {
          rest.items.push_back(PyValue::str(k));
          rest.items.push_back(v);
        }
      }
      scope[p.name] = rest;
      continue;
    }
    const PyValue* given = nullptr;
    if (next < args.size()) given = &args[next++];
    for (auto& [k, v] : kwargs)
      if (k == p.name) given = &v;
    if (given)
      scope[p.name] = *given;
    else if (p.default_value)
      scope[p.name] = eval(*p.default_value, mode);
    else
      scope[p.name] = PyValue::unknown(def.text + "() missing argument '" + p.name + "'");
  }
  frames_.push_back(std::move(scope));
  ++depth_;
  return_value_ = PyValue::none();
  Flow f = exec_block(def.body, mode);
  --depth_;
  frames_.pop_back();
  PyValue result = f == Flow::kReturn ? return_value_ : PyValue::none();
  return_value_ = PyValue::none();
  return result;
}

}  // namespace migsim::alembic
