// DO [LANGUAGE plpgsql] $$ ... $$
// The body is parsed by libpg_query's PL/pgSQL parser (wrapped as a function)
// and run on the catalog: statement sequences, IF on catalog conditions,
// embedded SQL, EXECUTE of a literal string, RAISE. Anything else is unknown.

#include <pg_query.h>

#include <cstring>
#include <memory>

#include "parser/sql_parser.h"
#include "planner/engine/engine.h"
#include "planner/engine/exec_context.h"
#include "planner/plpgsql/condition_eval.h"

namespace migsim {
namespace {

// PostgreSQL's elog levels as PL/pgSQL's RAISE stores them.
constexpr int64_t kLevelError = 21;

/// Runs a PL/pgSQL body; collects what happened.
class Interpreter {
 public:
  explicit Interpreter(ExecContext& ctx) : ctx_(ctx) {}

  /// Returns false when the block stops (a failure, something unknown, RETURN).
  bool run_list(NodeList stmts) {
    for (Node s : stmts)
      if (!run(s)) return false;
    return true;
  }

  /// Runs one statement; false when the block stops.
  bool run_statement(Node s) { return run(s); }

  StatementResult finish() {
    if (stopped_) return stop_result_;
    StatementResult r;
    r.notices = notices_;
    r.touched = touched_;
    for (const auto& n : notices_) {
      if (n.size() >= 10 && n.compare(n.size() - 10, 10, ", skipping") == 0) {
        r.outcome = Outcome::kNoOp;
        r.message = n;
        return r;
      }
    }
    if (applied_) return r;
    r.outcome = Outcome::kNoOp;
    r.message = reasons_.empty() ? "the block changes nothing" : reasons_;
    return r;
  }

 private:
  bool stop(StatementResult r) {
    stopped_ = true;
    stop_result_ = std::move(r);
    return false;
  }

  void note(std::string reason) {
    if (!reasons_.empty()) reasons_ += "; ";
    reasons_ += reason;
  }

  bool run(Node s) {
    std::string_view kind = s.kind();
    Node b = s.body();
    if (kind == "PLpgSQL_stmt_block") {
      if (b["exceptions"]) return stop(ExecContext::unknown("EXCEPTION handlers are not modelled"));
      return run_list(b.list("body"));
    }
    if (kind == "PLpgSQL_stmt_if") return run_if(b);
    if (kind == "PLpgSQL_stmt_execsql") {
      if (b["into"] || b.flag("into")) {
        return stop(ExecContext::unknown("SELECT ... INTO a variable is not modelled"));
      }
      return run_sql(std::string(b["sqlstmt"].body().str("query")), true);
    }
    if (kind == "PLpgSQL_stmt_dynexecute") {
      if (b["into"] || b.flag("into") || b["params"]) {
        return stop(ExecContext::unknown("EXECUTE with INTO or USING is not modelled"));
      }
      std::string sql;
      if (!string_literal(b["query"].body().str("query"), sql)) {
        return stop(ExecContext::unknown("EXECUTE of SQL built at run time is not modelled: " +
                                         std::string(b["query"].body().str("query"))));
      }
      return run_sql(sql, false);
    }
    if (kind == "PLpgSQL_stmt_perform") {
      std::string q(b["expr"].body().str("query"));
      return run_sql(q, false);
    }
    if (kind == "PLpgSQL_stmt_raise") return run_raise(b);
    if (kind == "PLpgSQL_stmt_return") {
      if (b["expr"]) return stop(ExecContext::unknown("RETURN with a value in a DO block"));
      return false;
    }
    return stop(ExecContext::unknown(std::string(kind.substr(kind.rfind('_') + 1)) +
                                     " statements in DO blocks are not modelled"));
  }

  bool run_if(Node b) {
    std::string cond(b["cond"].body().str("query"));
    ConditionValue v = evaluate_condition(ctx_.catalog, ctx_.stmt, cond);
    if (v.state == ConditionValue::State::kFails) return stop(v.error);
    if (v.state == ConditionValue::State::kUnknown) {
      return stop(ExecContext::unknown("IF " + cond + ": " + v.reason));
    }
    if (v.state == ConditionValue::State::kTrue) return run_list(b.list("then_body"));
    note("IF " + cond + " is false" + (v.found.empty() ? "" : ": " + v.found));
    for (Node e : b.list("elsif_list")) {
      Node eb = e.body();
      std::string c(eb["cond"].body().str("query"));
      ConditionValue ev = evaluate_condition(ctx_.catalog, ctx_.stmt, c);
      if (ev.state == ConditionValue::State::kFails) return stop(ev.error);
      if (ev.state == ConditionValue::State::kUnknown)
        return stop(ExecContext::unknown("ELSIF " + c + ": " + ev.reason));
      if (ev.state == ConditionValue::State::kTrue) return run_list(eb.list("stmts"));
      note("ELSIF " + c + " is false" + (ev.found.empty() ? "" : ": " + ev.found));
    }
    return run_list(b.list("else_body"));
  }

  /// The text of a single SQL string literal ('...' with '' doubled), or false.
  static bool string_literal(std::string_view q, std::string& out) {
    while (!q.empty() && (q.front() == ' ' || q.front() == '\n')) q.remove_prefix(1);
    while (!q.empty() && (q.back() == ' ' || q.back() == '\n')) q.remove_suffix(1);
    if (q.size() < 2 || q.front() != '\'' || q.back() != '\'') return false;
    out.clear();
    for (size_t i = 1; i + 1 < q.size(); ++i) {
      if (q[i] == '\'') {
        if (i + 2 < q.size() && q[i + 1] == '\'') {
          out.push_back('\'');
          ++i;
          continue;
        }
        return false;  // a concatenation or a second literal
      }
      out.push_back(q[i]);
    }
    return true;
  }

  bool run_sql(const std::string& sql, bool embedded) {
    auto source = std::make_shared<SourceFile>("<DO block>", sql);
    ParsedScript script;
    InputError error;
    if (!SqlParser::parse(source, sql, 0, script, error, ctx_.stmt.location)) {
      return stop(
          ExecContext::unknown("a statement in the DO block does not parse: " + error.message));
    }
    bool returns_rows =
        script.statements.size() == 1 && (script.statements[0].kind == "SelectStmt" ||
                                          !script.statements[0].node.list("returningList").empty());
    if (embedded && returns_rows) {
      // PL/pgSQL wants PERFORM (or INTO) for a statement whose rows are thrown away.
      StatementResult probe = ctx_.engine.execute_nested(script.statements[0]);
      if (probe.outcome == Outcome::kFails || probe.outcome == Outcome::kUnknown)
        return stop(probe);
      return stop(ExecContext::fails("42601", "query has no destination for result data"));
    }
    for (const auto& st : script.statements) {
      StatementResult r = ctx_.engine.execute_nested(st);
      for (const auto& n : *r.notices) notices_.push_back(n);
      switch (r.outcome) {
        case Outcome::kFails:
        case Outcome::kUnknown:
        case Outcome::kSkipped:
          return stop(r);
        case Outcome::kApplies:
          applied_ = true;
          for (const auto& t : r.touched) touched_.push_back(t);
          break;
        case Outcome::kNoOp:
          note(r.message.empty() ? std::string(st.text) + " changes nothing" : r.message);
          break;
        case Outcome::kData:
          note(std::string(st.kind) + " only reads or writes rows");
          break;
      }
    }
    return true;
  }

  bool run_raise(Node b) {
    if (b["options"] || !b.str("condname").empty()) {
      return stop(ExecContext::unknown("RAISE with a condition or USING options is not modelled"));
    }
    std::string msg(b.str("message"));
    NodeList params = b.list("params");
    std::string out;
    size_t p = 0;
    for (size_t i = 0; i < msg.size(); ++i) {
      if (msg[i] == '%' && i + 1 < msg.size() && msg[i + 1] == '%') {
        out.push_back('%');
        ++i;
      } else if (msg[i] == '%') {
        if (p >= params.size()) return stop(ExecContext::unknown("RAISE with too few parameters"));
        std::string text;
        std::string q(params.at(p++).body().str("query"));
        if (!string_literal(q, text)) {
          bool digits = !q.empty();
          for (char c : q) digits = digits && ((c >= '0' && c <= '9') || c == '-');
          if (!digits) {
            return stop(ExecContext::unknown("RAISE with a parameter computed at run time"));
          }
          text = q;
        }
        out += text;
      } else {
        out.push_back(msg[i]);
      }
    }
    int64_t level = b.integer("elog_level", 0);
    if (level >= kLevelError) return stop(ExecContext::fails("P0001", out));
    notices_.push_back(out);
    return true;
  }

  ExecContext& ctx_;
  bool applied_ = false;
  bool stopped_ = false;
  StatementResult stop_result_;
  std::vector<std::string> notices_;
  std::vector<std::string> touched_;
  std::string reasons_;
};

StatementResult do_block(ExecContext& ctx) {
  std::string body;
  for (Node a : ctx.stmt.node.list("args")) {
    Node d = a.body();
    if (d.str("defname") == "as") body = std::string(d["arg"].sval());
    if (d.str("defname") == "language" && d["arg"].sval() != "plpgsql") {
      return ExecContext::unknown("DO blocks in language " + std::string(d["arg"].sval()) +
                                  " are not modelled");
    }
  }
  std::string wrapped = "CREATE FUNCTION migsim_do() RETURNS void AS $migsim_body$" + body +
                        "$migsim_body$ LANGUAGE plpgsql";
  PgQueryPlpgsqlParseResult parsed = pg_query_parse_plpgsql(wrapped.c_str());
  if (parsed.error) {
    std::string msg = parsed.error->message;
    pg_query_free_plpgsql_parse_result(parsed);
    return ExecContext::unknown("the DO block does not parse: " + msg);
  }
  simdjson::dom::parser json;
  simdjson::dom::element root;
  std::string text = parsed.plpgsql_funcs ? parsed.plpgsql_funcs : "[]";
  pg_query_free_plpgsql_parse_result(parsed);
  if (json.parse(text).get(root) != simdjson::SUCCESS) {
    return ExecContext::unknown("the DO block's parse tree is unreadable");
  }
  simdjson::dom::array funcs;
  if (root.get_array().get(funcs) != simdjson::SUCCESS || funcs.size() != 1) {
    return ExecContext::unknown("the DO block's parse tree is unreadable");
  }
  Node fn = Node(funcs.at(0)).body();
  size_t datums = fn.list("datums").size();
  if (datums > 1) {
    return ExecContext::unknown("DO blocks with declared variables are not modelled");
  }
  Interpreter in(ctx);
  in.run_statement(fn["action"]);
  return in.finish();
}

HandlerRegistrar reg("DoStmt", do_block);

}  // namespace
}  // namespace migsim
