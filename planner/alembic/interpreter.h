#pragma once
// Evaluates the syntax tree of an Alembic revision script into PyValues without
// running Python. op.* calls become statements on the engine; inspector calls
// read the catalog; what cannot be followed becomes an `unknown` record.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parser/alembic/op_translate.h"
#include "parser/alembic/py_value.h"
#include "parser/python/ast.h"
#include "planner/engine/engine.h"
#include "planner/engine/statement_record.h"

namespace migsim::alembic {

/// How the statements of a block are walked.
struct Mode {
  enum class Kind { kRun, kNoOp, kUnknown } kind = Kind::kRun;
  std::string reason;  ///< kNoOp: the false guard; kUnknown: why it cannot be followed
};

class Interpreter {
 public:
  Interpreter(std::shared_ptr<const SourceFile> source, Engine& engine,
              std::vector<StatementRecord>& out, const AlembicVersion& version = {})
      : source_(std::move(source)), engine_(engine), out_(out), version_(version) {}

  /// Runs the module's top level (imports, assignments, defs), then upgrade().
  /// Returns false when the module has no upgrade() function (`why` says so).
  bool run_upgrade(const python::Module& module, std::string& why);

 private:
  enum class Flow { kNormal, kReturn, kBreak, kContinue, kStop };
  using Scope = std::map<std::string, PyValue>;

  Flow exec_block(const python::StmtList& body, const Mode& mode);
  Flow exec(const python::Stmt& s, const Mode& mode);
  Flow exec_if(const python::Stmt& s, const Mode& mode);
  Flow exec_for(const python::Stmt& s, const Mode& mode);
  Flow exec_with(const python::Stmt& s, const Mode& mode);
  void exec_import(const python::Stmt& s);
  void assign(const python::Expr& target, const PyValue& value, const Mode& mode);

  PyValue eval(const python::Expr& e, const Mode& mode);
  PyValue eval_name(const python::Expr& e);
  PyValue eval_call(const python::Expr& e, const Mode& mode);
  PyValue eval_compare(const python::Expr& e, const Mode& mode);
  PyValue eval_binary(const python::Expr& e, const Mode& mode);
  PyValue eval_comprehension(const python::Expr& e, const Mode& mode);
  PyValue eval_fstring(const python::Expr& e, const Mode& mode);
  PyValue call_value(const PyValue& func, std::vector<PyValue> args,
                     std::vector<std::pair<std::string, PyValue>> kwargs, const python::Expr& at,
                     const Mode& mode);
  PyValue call_method(const PyValue& self, const std::string& method, std::vector<PyValue>& args,
                      std::vector<std::pair<std::string, PyValue>>& kwargs, const python::Expr& at,
                      const Mode& mode);
  PyValue call_builtin(const std::string& name, std::vector<PyValue>& args,
                       std::vector<std::pair<std::string, PyValue>>& kwargs);
  PyValue call_function(const python::Stmt& def, std::vector<PyValue> args,
                        std::vector<std::pair<std::string, PyValue>> kwargs, const Mode& mode);
  /// A method of `sa.inspect(op.get_bind())`, with SQLAlchemy's per-inspector cache.
  PyValue inspector_method(const PyValue& inspector, const std::string& method,
                           std::vector<PyValue>& args,
                           std::vector<std::pair<std::string, PyValue>>& kwargs,
                           const python::Expr& at, const Mode& mode);
  PyValue conn_execute(const PyValue& sql, const python::Expr& at, const Mode& mode);

  /// Runs (or, outside kRun, records) an op.* / batch_op.* call.
  PyValue run_op(const PyValue& call, const BatchTarget* batch, const python::Expr& at,
                 const Mode& mode);
  /// Runs translated statements, one record each.
  void run_statements(const OpTranslation& t, const python::Expr& at, const Mode& mode,
                      const std::string& fallback_sql);
  void record(const python::Expr& at, std::string sql, Outcome outcome, std::string message);

  Location locate(uint32_t offset) const { return source_->locate(offset); }
  std::string where(uint32_t line) const;
  std::string source_text(const python::Expr& e) const;
  /// The guard as the reader sees it: names bound to scalars shown by value.
  std::string render_guard(const python::Expr& e);

  std::shared_ptr<const SourceFile> source_;
  Engine& engine_;
  std::vector<StatementRecord>& out_;
  AlembicVersion version_;
  int64_t inspectors_ = 0;                          ///< sa.inspect() calls so far
  std::map<std::string, PyValue> inspector_cache_;  ///< "inspector method(args)" -> answer
  Scope globals_;
  std::vector<Scope> frames_;  ///< function calls; the back is the current one
  std::map<std::string, const python::Stmt*> functions_;
  int depth_ = 0;
  PyValue return_value_;
  bool stopped_ = false;  ///< the script raised: nothing after it runs
  std::vector<std::unique_ptr<ParsedScript>> scripts_;  ///< statements the engine ran
};

/// Python's truth value of `v`; nullopt when it cannot be told.
std::optional<bool> truth(const PyValue& v);

}  // namespace migsim::alembic
