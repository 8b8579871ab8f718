#include "planner/alembic/script_runner.h"

#include "parser/python/ast.h"
#include "parser/sql_parser.h"
#include "planner/alembic/interpreter.h"

namespace migsim {

bool run_alembic_upgrade(const Revision& revision, Engine& engine,
                         std::vector<StatementRecord>& out, InputError& error,
                         const AlembicVersion& version) {
  if (!revision.source) {
    error.file = revision.path;
    error.message = "the revision's source file was not kept";
    return false;
  }
  if (auto bad = find_invalid_utf8(revision.source->text())) {
    Location at = revision.source->locate(static_cast<uint32_t>(*bad));
    error.file = revision.source->path();
    error.line = at.line;
    error.column = at.column;
    error.message = "(unicode error) 'utf-8' codec can't decode byte: invalid UTF-8";
    return false;
  }
  python::Module module;
  if (!python::parse_module(*revision.source, module, error)) return false;
  alembic::Interpreter interpreter(revision.source, engine, out, version);
  std::string why;
  if (!interpreter.run_upgrade(module, why)) {
    StatementRecord r;
    r.location = revision.location.line ? revision.location : revision.source->locate(0);
    r.own_sql("upgrade()");
    r.result.outcome = Outcome::kUnknown;
    r.result.message = revision.source->path() + ": " + why;
    out.push_back(std::move(r));
  }
  return true;
}

}  // namespace migsim
