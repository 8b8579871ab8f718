// Operations that reach the engine: op.* calls, conn.execute() of SQL, and
// existence queries evaluated against the catalog.

#include <algorithm>
#include <charconv>

#include "parser/sql_parser.h"
#include "planner/alembic/interpreter.h"
#include "planner/alembic/values.h"
#include "planner/plpgsql/condition_eval.h"
#include "planner/rules/statement_targets.h"

namespace migsim::alembic {

using python::Expr;
using Kind = PyValue::Kind;

void Interpreter::record(const Expr& at, std::string sql, Outcome outcome, std::string message) {
  StatementRecord r;
  r.location = locate(at.offset);
  r.own_sql(std::move(sql));
  r.result.outcome = outcome;
  r.result.message = std::move(message);
  out_.push_back(std::move(r));
}

PyValue Interpreter::run_op(const PyValue& call, const BatchTarget* batch, const Expr& at,
                            const Mode& mode) {
  std::string text = source_text(at);
  if (const PyValue* u = find_unknown(call)) {
    std::string why = mode.kind == Mode::Kind::kRun ? u->text : mode.reason;
    record(at, text, mode.kind == Mode::Kind::kNoOp ? Outcome::kNoOp : Outcome::kUnknown,
           mode.kind == Mode::Kind::kNoOp ? mode.reason : where(at.line) + ": " + why);
    return call;
  }
  OpTranslation t = translate_op(call, batch, version_);
  if (!t.unknown.empty()) {
    record(at, text, mode.kind == Mode::Kind::kNoOp ? Outcome::kNoOp : Outcome::kUnknown,
           mode.kind == Mode::Kind::kNoOp ? mode.reason : where(at.line) + ": " + t.unknown);
    return call;
  }
  run_statements(t, at, mode, text);
  return call;
}

void Interpreter::run_statements(const OpTranslation& t, const Expr& at, const Mode& mode,
                                 const std::string& fallback_sql) {
  if (stopped_) return;
  if (t.statements.empty()) {
    record(at, fallback_sql, Outcome::kNoOp, "the operation emits no SQL");
    return;
  }
  for (const OpStatement& s : t.statements) {
    if (mode.kind == Mode::Kind::kNoOp) {
      record(at, s.sql, Outcome::kNoOp, mode.reason);
      continue;
    }
    if (mode.kind == Mode::Kind::kUnknown) {
      record(at, s.sql, Outcome::kUnknown, mode.reason);
      continue;
    }
    if (!s.only_if_type_missing.empty() && !engine_.aborted()) {
      std::string schema, name = s.only_if_type_missing;
      if (size_t dot = name.find('.'); dot != std::string::npos) {
        schema = name.substr(0, dot);
        name = name.substr(dot + 1);
      }
      if (engine_.catalog().lookup_type(schema, name)) {
        record(at, s.sql, Outcome::kNoOp,
               "type \"" + s.only_if_type_missing +
                   "\" already exists: SQLAlchemy checks first and does not create it");
        continue;
      }
    }
    auto script = std::make_unique<ParsedScript>();
    InputError err;
    if (!SqlParser::parse(source_, s.sql, at.offset, *script, err, locate(at.offset))) {
      record(at, s.sql, Outcome::kUnknown,
             where(at.line) + ": the SQL does not parse: " + err.message);
      continue;
    }
    for (const Statement& stmt : script->statements) {
      StatementRecord r;
      r.location = locate(at.offset);
      r.own_sql(t.statements.size() == 1 && script->statements.size() == 1
                    ? s.sql
                    : std::string(stmt.text));
      r.result = engine_.execute(stmt);
      r.changes = written_changes(stmt);
      out_.push_back(std::move(r));
    }
    scripts_.push_back(std::move(script));
  }
}

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n;");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/// The value of a SELECT's first output column when it is a constant.
PyValue first_column_constant(const std::string& sql) {
  std::string l = lower(sql);
  size_t start = l.find("select") + 6;
  size_t end = l.find_first_of(",\n", start);
  size_t from = l.find(" from", start);
  end = std::min(end, from);
  std::string item = trim(sql.substr(start, end - start));
  if (int64_t n = 0; !item.empty() && std::all_of(item.begin(), item.end(), ::isdigit) &&
                     std::from_chars(item.data(), item.data() + item.size(), n).ec == std::errc())
    return make_int(n);
  if (item.size() >= 2 && item.front() == '\'' && item.back() == '\'')
    return PyValue::str(item.substr(1, item.size() - 2));
  if (lower(item) == "true") return make_bool(true);
  return PyValue::unknown("a value the query reads from the database");
}

}  // namespace

PyValue Interpreter::conn_execute(const PyValue& sql_value, const Expr& at, const Mode& mode) {
  std::string sql;
  if (sql_value.kind == Kind::kStr)
    sql = sql_value.text;
  else if (sql_value.is_call("text") && !sql_value.items.empty() &&
           sql_value.items[0].kind == Kind::kStr)
    sql = sql_value.items[0].text;
  else {
    PyValue u = sql_value.kind == Kind::kUnknown
                    ? sql_value
                    : PyValue::unknown("execute() of something other than SQL text (" +
                                       where(at.line) + ")");
    if (mode.kind != Mode::Kind::kNoOp) record(at, source_text(at), Outcome::kUnknown, u.text);
    return make_object("result", {u});
  }
  std::string head = lower(trim(sql)).substr(0, 6);
  if (head != "select") {
    OpTranslation t;
    t.statements.push_back({sql, {}});
    run_statements(t, at, mode, sql);
    return make_object("result", {PyValue::unknown("the rows of a statement the script runs")});
  }
  // A query: existence checks of the shapes DO blocks use are evaluated on the catalog.
  ParsedScript script;
  InputError err;
  if (!SqlParser::parse(source_, sql, at.offset, script, err, locate(at.offset)) ||
      script.statements.size() != 1)
    return make_object("result", {PyValue::unknown("a query that does not parse: " + err.message)});
  std::string body = trim(sql);
  std::string l = lower(body);
  bool exists_form = l.rfind("select exists", 0) == 0 || l.rfind("select not exists", 0) == 0;
  if (exists_form) {
    // The statement's whole output is one boolean.
    std::string cond = trim(body.substr(6));
    if (lower(cond).find(" from ") != std::string::npos && cond.back() != ')')
      return make_object("result", {PyValue::unknown("a query migsim does not evaluate")});
    ConditionValue v = evaluate_condition(engine_.catalog(), script.statements[0], cond);
    if (v.state == ConditionValue::State::kTrue || v.state == ConditionValue::State::kFalse)
      return make_object(
          "result", {make_seq(Kind::kList,
                              {make_seq(Kind::kTuple,
                                        {make_bool(v.state == ConditionValue::State::kTrue)})})});
    return make_object("result",
                       {PyValue::unknown(v.state == ConditionValue::State::kFails
                                             ? "the query fails: " + v.error.message
                                             : "the query cannot be evaluated: " + v.reason)});
  }
  if (l.find("count(") != std::string::npos)
    return make_object("result", {PyValue::unknown("a counting query migsim does not evaluate")});
  ConditionValue v =
      evaluate_condition(engine_.catalog(), script.statements[0], "EXISTS (" + body + ")");
  if (v.state == ConditionValue::State::kFalse)
    return make_object("result", {make_seq(Kind::kList, {})});
  if (v.state == ConditionValue::State::kTrue)
    return make_object(
        "result", {make_seq(Kind::kList, {make_seq(Kind::kTuple, {first_column_constant(body)})})});
  return make_object("result",
                     {PyValue::unknown(v.state == ConditionValue::State::kFails
                                           ? "the query fails: " + v.error.message
                                           : "the query cannot be evaluated: " + v.reason)});
}

}  // namespace migsim::alembic
