// CREATE TYPE name AS ENUM ('label', ...)

#include <algorithm>

#include "planner/exec/common.h"
#include "planner/exec/type_lookup.h"

namespace migsim {
namespace {

StatementResult create_enum(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Target target;
  StatementResult error;
  if (!target_for_create(ctx, n.list("typeName"), target, error)) return error;
  if (type_name_taken(ctx.catalog, target.schema, target.name)) {
    return ExecContext::fails("42710", "type \"" + target.name + "\" already exists");
  }
  TypeDef t;
  t.schema = target.schema;
  t.name = target.name;
  t.kind = TypeDef::Kind::kEnum;
  t.owner = ctx.catalog.current_user();
  for (Node v : n.list("vals")) {
    std::string label(v.sval());
    if (label.size() > 63) {
      return ExecContext::fails("42602", "invalid enum label \"" + label + "\"",
                                "Labels must be 63 bytes or less.");
    }
    if (std::find(t.labels.begin(), t.labels.end(), label) != t.labels.end()) {
      // The unique index on pg_enum (enumtypid, enumlabel) rejects the second one.
      return ExecContext::fails(
          "23505", "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"");
    }
    t.labels.push_back(std::move(label));
  }
  StatementResult r;
  r.touched.push_back(touched_name("type", t.schema, t.name));
  ctx.catalog.put_type(std::move(t));
  return r;
}

HandlerRegistrar reg("CreateEnumStmt", create_enum);

}  // namespace
}  // namespace migsim
