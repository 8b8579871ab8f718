// SELECT ... : reads only, once every relation and column it names exists.
// SELECT set_config('search_path', ...) is a SET (pg_dump writes it).

#include "planner/exec/dml_common.h"
#include "planner/exec/settings.h"

namespace migsim {
namespace {

StatementResult select(ExecContext& ctx) {
  StatementResult r;
  if (select_set_config(ctx, r)) return r;
  QueryScope scope(ctx.catalog);
  StatementResult err;
  if (!scope.check_select(ctx.stmt.node, nullptr, err)) return err;
  std::string note = "reads";
  for (const auto& rel : scope.reads()) note += " " + rel.schema + "." + rel.name;
  if (scope.reads().empty()) note = "reads no table";
  return ExecContext::data(note);
}

HandlerRegistrar reg("SelectStmt", select);

}  // namespace
}  // namespace migsim
