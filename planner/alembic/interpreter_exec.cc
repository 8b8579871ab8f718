// Statements: assignments, if/for/with blocks, imports, defs, try, raise.

#include "planner/alembic/interpreter.h"
#include "planner/alembic/values.h"

namespace migsim::alembic {

using python::Expr;
using python::Stmt;
using Kind = PyValue::Kind;

namespace {

/// Python libraries revision scripts import; anything else is the project's own code.
bool is_library(const std::string& module) {
  std::string root = module.substr(0, module.find('.'));
  static const char* const kLibraries[] = {"alembic",
                                           "sqlalchemy",
                                           "typing",
                                           "datetime",
                                           "uuid",
                                           "json",
                                           "os",
                                           "sys",
                                           "logging",
                                           "re",
                                           "enum",
                                           "decimal",
                                           "__future__",
                                           "textwrap",
                                           "collections",
                                           "functools",
                                           "itertools",
                                           "warnings",
                                           "time",
                                           "pathlib",
                                           "typing_extensions",
                                           "geoalchemy2",
                                           "sqlalchemy_utils",
                                           "dataclasses",
                                           "contextlib",
                                           "string",
                                           "math",
                                           "random",
                                           "hashlib"};
  for (const char* l : kLibraries)
    if (root == l) return true;
  return false;
}

/// The name a module is known by in op.* translation: alembic.op is `op`.
std::string canonical(const std::string& dotted) {
  if (dotted == "alembic.op") return "op";
  return dotted;
}

bool is_ignorable_call(const std::string& text) {
  for (const char* p : {"print(", "logger.", "log.", "logging.", "warnings.", "LOG.", "_log."})
    if (text.rfind(p, 0) == 0) return true;
  return false;
}

}  // namespace

std::string Interpreter::render_guard(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kName: {
      PyValue v = eval_name(e);
      if (v.kind == Kind::kStr || v.kind == Kind::kInt || v.kind == Kind::kBool ||
          v.kind == Kind::kNone)
        return repr(v);
      return e.text;
    }
    case Expr::Kind::kCompare: {
      std::string out = render_guard(*e.items[0]);
      for (size_t k = 0; k < e.ops.size(); ++k)
        out += " " + e.ops[k] + " " + render_guard(*e.items[k + 1]);
      return out;
    }
    case Expr::Kind::kUnary:
      return e.text == "not" ? "not " + render_guard(*e.items[0]) : source_text(e);
    case Expr::Kind::kBoolOp: {
      std::string out;
      for (size_t k = 0; k < e.items.size(); ++k) {
        bool paren = e.items[k]->kind == Expr::Kind::kBoolOp;
        out += (k ? " " + e.text + " " : "") + (paren ? "(" : "") + render_guard(*e.items[k]) +
               (paren ? ")" : "");
      }
      return out;
    }
    default:
      return source_text(e);
  }
}

void Interpreter::assign(const Expr& target, const PyValue& value, const Mode& mode) {
  switch (target.kind) {
    case Expr::Kind::kName:
      if (frames_.empty())
        globals_[target.text] = value;
      else
        frames_.back()[target.text] = value;
      functions_.erase(target.text);
      return;
    case Expr::Kind::kTuple:
    case Expr::Kind::kList: {
      std::optional<std::vector<PyValue>> items;
      if (value.is_sequence()) items = value.items;
      size_t n = target.items.size();
      if (!items || items->size() != n) {
        bool starred = false;
        for (const auto& t : target.items) starred |= t->kind == Expr::Kind::kStarred;
        PyValue u = value.kind == Kind::kUnknown ? value
                    : items && !starred
                        ? PyValue::unknown("cannot unpack " + std::to_string(items->size()) +
                                           " values into " + std::to_string(n))
                        : PyValue::unknown("unpacking a value migsim cannot evaluate");
        if (items && starred && items->size() + 1 >= n) {
          size_t star = 0;
          for (size_t k = 0; k < n; ++k)
            if (target.items[k]->kind == Expr::Kind::kStarred) star = k;
          size_t tail = n - star - 1;
          for (size_t k = 0; k < star; ++k) assign(*target.items[k], (*items)[k], mode);
          PyValue mid = make_seq(Kind::kList,
                                 std::vector<PyValue>(items->begin() + star, items->end() - tail));
          assign(*target.items[star]->items[0], mid, mode);
          for (size_t k = 0; k < tail; ++k)
            assign(*target.items[star + 1 + k], (*items)[items->size() - tail + k], mode);
          return;
        }
        for (const auto& t : target.items)
          assign(t->kind == Expr::Kind::kStarred ? *t->items[0] : *t, u, mode);
        return;
      }
      for (size_t k = 0; k < n; ++k) assign(*target.items[k], (*items)[k], mode);
      return;
    }
    case Expr::Kind::kStarred:
      assign(*target.items[0], value, mode);
      return;
    case Expr::Kind::kSubscript: {
      // d[key] = value on a dict or list held by a name.
      const Expr& base = *target.items[0];
      if (base.kind != Expr::Kind::kName) return;
      PyValue container = eval(base, mode);
      PyValue key = eval(*target.items[1], mode);
      if (container.kind == Kind::kDict && key.kind != Kind::kUnknown) {
        bool done = false;
        for (size_t k = 0; k + 1 < container.items.size(); k += 2) {
          auto e = equal(container.items[k], key);
          if (e && *e) {
            container.items[k + 1] = value;
            done = true;
          }
        }
        if (!done) {
          container.items.push_back(key);
          container.items.push_back(value);
        }
        assign(base, container, mode);
      } else if (container.kind == Kind::kList && key.kind == Kind::kInt && key.integer >= 0 &&
                 key.integer < static_cast<int64_t>(container.items.size())) {
        container.items[key.integer] = value;
        assign(base, container, mode);
      } else {
        assign(base, PyValue::unknown("a collection changed in a way migsim does not follow"),
               mode);
      }
      return;
    }
    default:
      return;  // attributes of objects: nothing revision scripts read back
  }
}

Interpreter::Flow Interpreter::exec_block(const python::StmtList& body, const Mode& mode) {
  for (const auto& s : body) {
    if (stopped_) return Flow::kStop;
    Flow f = exec(*s, mode);
    if (f != Flow::kNormal) return f;
  }
  return stopped_ ? Flow::kStop : Flow::kNormal;
}

Interpreter::Flow Interpreter::exec(const Stmt& s, const Mode& mode) {
  switch (s.kind) {
    case Stmt::Kind::kExpr: {
      PyValue v = eval(*s.value, mode);
      if (v.kind == Kind::kUnknown && s.value->kind == Expr::Kind::kCall &&
          mode.kind != Mode::Kind::kNoOp && !is_ignorable_call(source_text(*s.value))) {
        std::string why = v.text;
        if (why.find(source_->path()) == std::string::npos) why = where(s.line) + ": " + why;
        record(*s.value, source_text(*s.value), Outcome::kUnknown,
               mode.kind == Mode::Kind::kUnknown ? mode.reason : why);
      }
      return Flow::kNormal;
    }
    case Stmt::Kind::kAssign:
    case Stmt::Kind::kAnnAssign: {
      if (!s.value) return Flow::kNormal;
      PyValue v = eval(*s.value, mode);
      if (mode.kind == Mode::Kind::kNoOp) return Flow::kNormal;
      if (mode.kind == Mode::Kind::kUnknown) v = PyValue::unknown(mode.reason);
      for (const auto& t : s.targets) assign(*t, v, mode);
      return Flow::kNormal;
    }
    case Stmt::Kind::kAugAssign: {
      PyValue a = eval(*s.targets[0], mode), b = eval(*s.value, mode);
      PyValue r;
      if (a.kind == Kind::kInt && b.kind == Kind::kInt && (s.text == "+" || s.text == "-"))
        r = make_int(s.text == "+" ? a.integer + b.integer : a.integer - b.integer);
      else if (s.text == "+" && a.kind == Kind::kStr && b.kind == Kind::kStr)
        r = PyValue::str(a.text + b.text);
      else if (s.text == "+" && a.is_sequence() && b.is_sequence()) {
        r = a;
        for (auto& x : b.items) r.items.push_back(x);
      } else
        r = a.kind == Kind::kUnknown ? a
            : b.kind == Kind::kUnknown
                ? b
                : PyValue::unknown("the operator " + s.text + "= on these values");
      if (mode.kind == Mode::Kind::kNoOp) return Flow::kNormal;
      if (mode.kind == Mode::Kind::kUnknown) r = PyValue::unknown(mode.reason);
      assign(*s.targets[0], r, mode);
      return Flow::kNormal;
    }
    case Stmt::Kind::kIf:
      return exec_if(s, mode);
    case Stmt::Kind::kFor:
      return exec_for(s, mode);
    case Stmt::Kind::kWhile: {
      Mode m{Mode::Kind::kUnknown, where(s.line) + ": a while loop is not followed"};
      if (mode.kind == Mode::Kind::kNoOp) m = mode;
      exec_block(s.body, m);
      return Flow::kNormal;
    }
    case Stmt::Kind::kWith:
      return exec_with(s, mode);
    case Stmt::Kind::kDef:
      if (mode.kind != Mode::Kind::kNoOp) {
        functions_[s.text] = &s;
        if (frames_.empty())
          globals_.erase(s.text);
        else
          frames_.back().erase(s.text);
      }
      return Flow::kNormal;
    case Stmt::Kind::kClass: {
      Expr name;
      name.kind = Expr::Kind::kName;
      name.text = s.text;
      assign(name, PyValue::unknown("the class " + s.text + " defined in the script"), mode);
    }
      return Flow::kNormal;
    case Stmt::Kind::kReturn:
      if (mode.kind == Mode::Kind::kNoOp) return Flow::kNormal;
      return_value_ = s.value ? eval(*s.value, mode) : PyValue::none();
      if (mode.kind == Mode::Kind::kUnknown) return Flow::kNormal;
      return Flow::kReturn;
    case Stmt::Kind::kPass:
    case Stmt::Kind::kGlobal:
    case Stmt::Kind::kDel:
    case Stmt::Kind::kAssert:
      return Flow::kNormal;
    case Stmt::Kind::kBreak:
      return mode.kind == Mode::Kind::kRun ? Flow::kBreak : Flow::kNormal;
    case Stmt::Kind::kContinue:
      return mode.kind == Mode::Kind::kRun ? Flow::kContinue : Flow::kNormal;
    case Stmt::Kind::kRaise: {
      if (mode.kind == Mode::Kind::kNoOp) return Flow::kNormal;
      Expr at;
      at.offset = s.offset;
      at.line = s.line;
      record(at, "raise", Outcome::kUnknown,
             mode.kind == Mode::Kind::kUnknown
                 ? mode.reason + "; the script may raise here"
                 : where(s.line) +
                       ": the script raises an exception here; Alembic stops the migration");
      if (mode.kind == Mode::Kind::kRun) {
        stopped_ = true;
        return Flow::kStop;
      }
      return Flow::kNormal;
    }
    case Stmt::Kind::kImport:
    case Stmt::Kind::kImportFrom:
      if (mode.kind != Mode::Kind::kNoOp) exec_import(s);
      return Flow::kNormal;
    case Stmt::Kind::kTry: {
      // migsim assumes the body raises nothing, so handlers do not run.
      Flow f = exec_block(s.body, mode);
      if (f == Flow::kNormal) f = exec_block(s.orelse, mode);
      if (!stopped_) {
        Flow g = exec_block(s.finalbody, mode);
        if (g != Flow::kNormal) return g;
      }
      return f;
    }
  }
  return Flow::kNormal;
}

Interpreter::Flow Interpreter::exec_if(const Stmt& s, const Mode& mode) {
  PyValue test = eval(*s.test, mode);
  if (mode.kind != Mode::Kind::kRun) {
    Flow f = exec_block(s.body, mode);
    if (f != Flow::kNormal) return f;
    return exec_block(s.orelse, mode);
  }
  std::optional<bool> t = truth(test);
  if (!t) {
    std::string why = test.kind == Kind::kUnknown ? test.text : "its truth cannot be told";
    Mode m{Mode::Kind::kUnknown, "the guard " + source_text(*s.test) + " (" + where(s.line) +
                                     ") cannot be evaluated: " + why};
    exec_block(s.body, m);
    exec_block(s.orelse, m);
    return Flow::kNormal;
  }
  std::string guard = render_guard(*s.test);
  if (*t) {
    Flow f = exec_block(s.body, mode);
    Mode skipped{Mode::Kind::kNoOp, "guard is true: " + guard + " (line " + std::to_string(s.line) +
                                        "), so the else branch does not run"};
    exec_block(s.orelse, skipped);
    return f;
  }
  Mode skipped{Mode::Kind::kNoOp,
               "guard is false: " + guard + " (line " + std::to_string(s.line) + ")"};
  exec_block(s.body, skipped);
  return exec_block(s.orelse, mode);
}

Interpreter::Flow Interpreter::exec_for(const Stmt& s, const Mode& mode) {
  PyValue iter = eval(*s.value, mode);
  std::optional<std::vector<PyValue>> items;
  if (iter.is_sequence())
    items = iter.items;
  else if (iter.kind == Kind::kDict) {
    items.emplace();
    for (size_t k = 0; k < iter.items.size(); k += 2) items->push_back(iter.items[k]);
  } else if (is_object(iter, "result") && iter.items[0].is_sequence()) {
    items = iter.items[0].items;
  }
  if (!items || mode.kind != Mode::Kind::kRun) {
    Mode m = mode;
    if (mode.kind == Mode::Kind::kRun) {
      std::string why = iter.kind == Kind::kUnknown ? iter.text
                        : is_object(iter, "result") ? iter.items[0].text
                                                    : "not a literal sequence";
      m = {Mode::Kind::kUnknown, "the loop over " + source_text(*s.value) + " (" + where(s.line) +
                                     ") cannot be followed: " + why};
    }
    if (items && mode.kind == Mode::Kind::kNoOp) {
      for (const PyValue& item : *items) {
        exec_block(s.body, m);
        (void)item;
        break;  // one pass is enough to list the operations that do not run
      }
      return Flow::kNormal;
    }
    if (m.kind != Mode::Kind::kNoOp) assign(*s.targets[0], PyValue::unknown(m.reason), m);
    exec_block(s.body, m);
    return Flow::kNormal;
  }
  for (const PyValue& item : *items) {
    assign(*s.targets[0], item, mode);
    Flow f = exec_block(s.body, mode);
    if (f == Flow::kBreak) return Flow::kNormal;
    if (f == Flow::kReturn || f == Flow::kStop) return f;
  }
  return exec_block(s.orelse, mode);
}

Interpreter::Flow Interpreter::exec_with(const Stmt& s, const Mode& mode) {
  bool autocommit = false;
  for (const python::WithItem& item : s.with_items) {
    PyValue ctx = eval(*item.context, mode);
    if (ctx.kind == Kind::kCall && ctx.text == "op.batch_alter_table") {
      if (item.target) assign(*item.target, make_object("batch", {ctx}), mode);
      continue;
    }
    if (is_object(ctx, "autocommit")) {
      autocommit = true;
      continue;
    }
    if (item.target)
      assign(*item.target,
             ctx.kind == Kind::kUnknown ? ctx
                                        : PyValue::unknown("the value of the context manager " +
                                                           source_text(*item.context)),
             mode);
  }
  bool reopen = false;
  if (autocommit && mode.kind == Mode::Kind::kRun && engine_.in_block()) {
    engine_.end_block();
    reopen = true;
  }
  Flow f = exec_block(s.body, mode);
  if (reopen) engine_.begin_block();
  return f;
}

void Interpreter::exec_import(const Stmt& s) {
  auto bind = [&](const std::string& name, PyValue v) {
    if (frames_.empty())
      globals_[name] = std::move(v);
    else
      frames_.back()[name] = std::move(v);
  };
  auto module_value = [&](const std::string& dotted) {
    if (is_library(dotted)) {
      PyValue v;
      v.kind = Kind::kName;
      v.text = canonical(dotted);
      return v;
    }
    return PyValue::unknown(dotted + " is the project's own module, which migsim does not read (" +
                            where(s.line) + ")");
  };
  if (s.kind == Stmt::Kind::kImport) {
    for (const auto& [module, alias] : s.names) {
      if (alias.empty()) {
        std::string root = module.substr(0, module.find('.'));
        bind(root, module_value(root));
      } else {
        bind(alias, module_value(module));
      }
    }
    return;
  }
  for (const auto& [name, alias] : s.names) {
    if (name == "*") continue;
    std::string module = s.text;
    if (!module.empty() && module[0] == '.') {
      bind(alias.empty() ? name : alias,
           PyValue::unknown(name + " comes from the project's module " + module +
                            ", which migsim does not read (" + where(s.line) + ")"));
      continue;
    }
    bind(alias.empty() ? name : alias, module_value(module + "." + name));
  }
}

bool Interpreter::run_upgrade(const python::Module& module, std::string& why) {
  Mode run;
  exec_block(module.body, run);
  auto it = functions_.find("upgrade");
  if (it == functions_.end()) {
    why = "the script has no upgrade() function";
    return false;
  }
  stopped_ = false;
  call_function(*it->second, {}, {}, run);
  return true;
}

}  // namespace migsim::alembic
