// ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'x' [BEFORE | AFTER 'y']
// ALTER TYPE name RENAME VALUE 'x' TO 'y'
//
// PostgreSQL 15 allows ADD VALUE inside a transaction block (the new label
// cannot be used before COMMIT, which migsim does not track).

#include <algorithm>

#include "planner/exec/common.h"
#include "planner/exec/type_lookup.h"

namespace migsim {
namespace {

StatementResult alter_enum(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  FoundType found;
  StatementResult error;
  if (!find_user_type(ctx.catalog, n.list("typeName"), found, error)) return error;
  if (!found.def || found.def->kind != TypeDef::Kind::kEnum) {
    return ExecContext::fails(
        "42809", type_display(ctx.catalog, found.schema, found.name) + " is not an enum");
  }
  const auto& labels = found.def->labels;
  auto has = [&](const std::string& l) {
    return std::find(labels.begin(), labels.end(), l) != labels.end();
  };
  std::string new_val(n.str("newVal"));
  std::string old_val(n.str("oldVal"));
  StatementResult r;
  r.touched.push_back(touched_name("type", found.schema, found.name));
  if (!old_val.empty()) {
    if (!has(old_val)) {
      return ExecContext::fails("22023", "\"" + old_val + "\" is not an existing enum label");
    }
    if (has(new_val)) {
      return ExecContext::fails("42710", "enum label \"" + new_val + "\" already exists");
    }
    TypeDef* t = ctx.catalog.types.find_mut(Catalog::key(found.schema, found.name));
    *std::find(t->labels.begin(), t->labels.end(), old_val) = new_val;
    return r;
  }
  if (has(new_val)) {
    if (n.flag("skipIfNewValExists")) {
      return ExecContext::skipped_with_notice("enum label \"" + new_val +
                                              "\" already exists, skipping");
    }
    return ExecContext::fails("42710", "enum label \"" + new_val + "\" already exists");
  }
  if (new_val.size() > 63) {
    return ExecContext::fails("42602", "invalid enum label \"" + new_val + "\"",
                              "Labels must be 63 bytes or less.");
  }
  std::string neighbor(n.str("newValNeighbor"));
  TypeDef* t = ctx.catalog.types.find_mut(Catalog::key(found.schema, found.name));
  if (neighbor.empty()) {
    t->labels.push_back(new_val);
    return r;
  }
  auto it = std::find(t->labels.begin(), t->labels.end(), neighbor);
  if (it == t->labels.end()) {
    return ExecContext::fails("22023", "\"" + neighbor + "\" is not an existing enum label");
  }
  if (n.flag("newValIsAfter")) ++it;
  t->labels.insert(it, new_val);
  return r;
}

HandlerRegistrar reg("AlterEnumStmt", alter_enum);

}  // namespace
}  // namespace migsim
