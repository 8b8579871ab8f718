// ALTER SEQUENCE [IF EXISTS] name [options] [OWNED BY table.column | NONE]

#include "planner/exec/common.h"
#include "planner/exec/relation_lookup.h"
#include "planner/exec/sequence_options.h"

namespace migsim {
namespace {

bool same(const SequenceInfo& a, const SequenceInfo& b) {
  return a.type == b.type && a.start == b.start && a.increment == b.increment && a.min == b.min &&
         a.max == b.max && a.cache == b.cache && a.cycle == b.cycle &&
         a.owned_by_table == b.owned_by_table && a.owned_by_column == b.owned_by_column;
}

StatementResult alter_sequence(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Node rv = n["sequence"];
  Target t;
  StatementResult error;
  const Relation* rel = find_relation(ctx, rv, t, error);
  if (!rel) {
    if (n.flag("missing_ok") && error.sqlstate == "42P01") {
      return ExecContext::skipped_with_notice("relation \"" + range_var_text(rv) +
                                              "\" does not exist, skipping");
    }
    return error;
  }
  if (rel->kind != RelKind::kSequence) {
    return ExecContext::fails("42809", "\"" + t.name + "\" is not a sequence");
  }
  SequenceInfo seq = rel->sequence;
  Node owned_by;
  if (!apply_sequence_options(ctx.catalog, ctx.stmt, n.list("options"), false, seq, owned_by,
                              error))
    return error;
  if (owned_by && rel->sequence->identity) {
    return ExecContext::fails("0A000", "cannot change ownership of identity sequence",
                              "Sequence \"" + t.name + "\" is linked to table \"" +
                                  rel->sequence->owned_by_table + "\".");
  }
  if (owned_by && !apply_owned_by(ctx, owned_by, t.schema, seq, error)) return error;
  if (same(seq, rel->sequence)) {
    return ExecContext::no_op("the sequence's definition does not change");
  }
  ctx.catalog.relation_mut(t.schema, t.name)->sequence = seq;
  StatementResult r;
  r.touched.push_back(touched_name("sequence", t.schema, t.name));
  return r;
}

HandlerRegistrar reg("AlterSeqStmt", alter_sequence);

}  // namespace
}  // namespace migsim
