// CREATE SEQUENCE [IF NOT EXISTS] name [options]

#include "planner/exec/common.h"
#include "planner/exec/sequence_options.h"

namespace migsim {
namespace {

StatementResult create_sequence(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Target target;
  StatementResult error;
  // DefineSequence: only IF NOT EXISTS looks the name up before the options
  // are checked; otherwise DefineRelation does, after them.
  bool if_not_exists = n.flag("if_not_exists");
  if (if_not_exists) {
    if (!target_for_create(ctx, n["sequence"], target, error)) return error;
    if (ctx.catalog.relation(target.schema, target.name)) {
      return ExecContext::skipped_with_notice("relation \"" + target.name +
                                              "\" already exists, skipping");
    }
  }
  Relation seq;
  seq.kind = RelKind::kSequence;
  seq.owner = ctx.catalog.current_user();
  seq.unlogged = n["sequence"].str("relpersistence") == "u";
  Node owned_by;
  if (!apply_sequence_options(ctx.catalog, ctx.stmt, n.list("options"), true, seq.sequence.mut(),
                              owned_by, error))
    return error;
  if (!if_not_exists && !target_for_create(ctx, n["sequence"], target, error)) return error;
  seq.schema = target.schema;
  seq.name = target.name;
  // The options are checked before the name clash shows.
  if (ctx.catalog.relation(target.schema, target.name)) {
    return ExecContext::fails("42P07", "relation \"" + target.name + "\" already exists");
  }
  if (owned_by && !apply_owned_by(ctx, owned_by, seq.schema, seq.sequence.mut(), error))
    return error;
  StatementResult r;
  r.touched.push_back(touched_name("sequence", seq.schema, seq.name));
  ctx.catalog.put_relation(std::move(seq));
  return r;
}

HandlerRegistrar reg("CreateSeqStmt", create_sequence);

}  // namespace
}  // namespace migsim
