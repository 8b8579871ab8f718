#include "planner/exec/table_constraints.h"

#include <algorithm>

#include "planner/exec/column_cast.h"
#include "planner/exec/common.h"
#include "planner/exec/name_chooser.h"
#include "planner/expr/deparse.h"

namespace migsim {

namespace {

std::vector<std::string> string_list(NodeList list) {
  std::vector<std::string> out;
  for (Node n : list) out.emplace_back(n.sval());
  return out;
}

char fk_action(std::string_view a) {
  return a.empty() ? 'a' : a[0];
}

bool add_key(ExecContext& ctx, Relation& table, const PendingConstraint& p, bool primary,
             std::vector<Relation>& indexes, std::vector<std::string>& taken,
             StatementResult& error) {
  Node con = p.node;
  std::vector<std::string> cols = p.columns;
  NodeList keys = con.list("keys");
  if (!keys.empty()) cols = string_list(keys);
  for (const auto& c : cols) {
    if (!table.column(c)) {
      error = ExecContext::fails("42703", "column \"" + c + "\" named in key does not exist");
      return false;
    }
  }
  if (primary) {
    for (const auto& c : table.constraints) {
      if (c.kind == Constraint::Kind::kPrimaryKey) {
        error = ExecContext::fails(
            "42P16", "multiple primary keys for table \"" + table.name + "\" are not allowed");
        return false;
      }
    }
    for (const auto& c : cols) table.column(c)->not_null = true;
  }
  std::string name = p.name.empty() ? std::string(con.str("conname")) : p.name;
  if (name.empty()) {
    name = primary ? choose_relation_name(ctx.catalog, table.schema, table.name, "", "pkey", taken)
                   : choose_relation_name(ctx.catalog, table.schema, table.name,
                                          index_name_addition(cols), "key", taken);
  } else if (ctx.catalog.relation(table.schema, name) ||
             std::find(taken.begin(), taken.end(), name) != taken.end()) {
    error = ExecContext::fails("42P07", "relation \"" + name + "\" already exists");
    return false;
  }
  taken.push_back(name);
  Constraint c;
  c.name = name;
  c.kind = primary ? Constraint::Kind::kPrimaryKey : Constraint::Kind::kUnique;
  c.columns = cols;
  c.index = name;
  c.deferrable = con.flag("deferrable");
  // A key of its own is recorded as not inherited (pg_constraint.connoinherit),
  // on a partitioned table too (index_constraint_create).
  c.no_inherit = true;
  c.deferred = con.flag("initdeferred");
  table.constraints.push_back(c);
  Relation index;
  index.schema = table.schema;
  index.name = name;
  index.kind =
      table.kind == RelKind::kPartitionedTable ? RelKind::kPartitionedIndex : RelKind::kIndex;
  index.owner = table.owner;
  index.index.mut().table = table.name;
  index.index.mut().keys = cols;
  index.index.mut().unique = true;
  index.index.mut().primary = primary;
  index.index.mut().constraint = name;
  index.index.mut().include = string_list(con.list("including"));
  indexes.push_back(std::move(index));
  return true;
}

bool add_foreign_key(ExecContext& ctx, Relation& table, const PendingConstraint& p,
                     std::vector<std::string>& taken, StatementResult& error) {
  Node con = p.node;
  std::vector<std::string> cols = p.columns;
  NodeList fk_attrs = con.list("fk_attrs");
  if (!fk_attrs.empty()) cols = string_list(fk_attrs);
  Node pk = con["pktable"];
  std::string ref_schema_in(pk.str("schemaname"));
  std::string ref_name(pk.str("relname"));
  std::string ref_schema;
  const Relation* ref = nullptr;
  bool self = false;
  // An unqualified name is the table itself only when search_path finds the
  // table's schema before another schema with a relation of that name.
  bool self_name = ref_schema_in == table.schema;
  if (ref_schema_in.empty()) {
    for (const auto& s : ctx.catalog.search_path()) {
      if (s == table.schema) {
        self_name = true;
        break;
      }
      if (ctx.catalog.relation(s, ref_name)) break;
    }
  }
  if (self_name && ref_name == table.name) {
    ref = &table;
    ref_schema = table.schema;
    self = true;
  } else {
    ref = ctx.catalog.lookup_relation(ref_schema_in, ref_name, &ref_schema);
  }
  if (!ref && !ref_schema_in.empty() && !ctx.catalog.schemas.find(ref_schema_in)) {
    error = ExecContext::fails("3F000", "schema \"" + ref_schema_in + "\" does not exist");
    return false;
  }
  if (!ref) {
    std::string shown = ref_schema_in.empty() ? ref_name : ref_schema_in + "." + ref_name;
    error = ExecContext::fails("42P01", "relation \"" + shown + "\" does not exist");
    return false;
  }
  if (!ref->is_table()) {
    error = ExecContext::fails("42809", "referenced relation \"" + ref_name + "\" is not a table");
    return false;
  }
  // The referencing columns are looked up once the referenced table is open.
  for (const auto& c : cols) {
    if (!table.column(c)) {
      error = ExecContext::fails(
          "42703", "column \"" + c + "\" referenced in foreign key constraint does not exist");
      return false;
    }
  }
  std::vector<std::string> ref_cols = string_list(con.list("pk_attrs"));
  if (ref_cols.empty()) {
    for (const auto& c : ref->constraints)
      if (c.kind == Constraint::Kind::kPrimaryKey) ref_cols = c.columns;
    if (ref_cols.empty()) {
      error = ExecContext::fails(
          "42704", "there is no primary key for referenced table \"" + ref_name + "\"");
      return false;
    }
  } else {
    for (const auto& c : ref_cols) {
      if (!ref->column(c)) {
        error = ExecContext::fails(
            "42703", "column \"" + c + "\" referenced in foreign key constraint does not exist");
        return false;
      }
    }
    bool unique = false;
    for (const auto& c : ref->constraints) {
      if ((c.kind == Constraint::Kind::kPrimaryKey || c.kind == Constraint::Kind::kUnique) &&
          std::is_permutation(c.columns.begin(), c.columns.end(), ref_cols.begin(),
                              ref_cols.end()) &&
          c.columns.size() == ref_cols.size()) {
        unique = true;
      }
    }
    if (!unique && !self) {
      for (const auto* idx : ctx.catalog.indexes_of(ref_schema, ref_name)) {
        if (idx->index->unique && idx->index->predicate.empty() &&
            idx->index->keys.size() == ref_cols.size() &&
            std::is_permutation(idx->index->keys.begin(), idx->index->keys.end(), ref_cols.begin()))
          unique = true;
      }
    }
    if (!unique) {
      error = ExecContext::fails("42830",
                                 "there is no unique constraint matching given keys for "
                                 "referenced table \"" +
                                     ref_name + "\"");
      return false;
    }
  }
  if (ref_cols.size() != cols.size()) {
    error = ExecContext::fails("42830",
                               "number of referencing and referenced columns for foreign key "
                               "disagree");
    return false;
  }
  std::string name(con.str("conname"));
  if (name.empty()) {
    name = choose_constraint_name(ctx.catalog, table.schema, table.name, index_name_addition(cols),
                                  "fkey", taken);
  }
  for (size_t i = 0; i < cols.size(); ++i) {
    const Column* fc = table.column(cols[i]);
    const Column* pc = ref->column(ref_cols[i]);
    if (!fc || !pc) continue;
    CastRule rule = foreign_key_comparable(fc->type, pc->type);
    if (rule == CastRule::kUnknown) {
      error = ExecContext::unknown("comparing foreign key column types " + fc->type + " and " +
                                   pc->type + " is not modelled");
      return false;
    }
    if (rule == CastRule::kNone) {
      error = ExecContext::fails(
          "42804", "foreign key constraint \"" + name + "\" cannot be implemented",
          "Key columns \"" + cols[i] + "\" and \"" + ref_cols[i] +
              "\" are of incompatible types: " + type_without_modifier(ctx.catalog, *fc) + " and " +
              type_without_modifier(ctx.catalog, *pc) + ".");
      return false;
    }
  }
  taken.push_back(name);
  Constraint c;
  c.name = name;
  c.kind = Constraint::Kind::kForeignKey;
  c.columns = cols;
  c.ref_schema = ref_schema;
  c.ref_table = ref_name;
  c.ref_columns = ref_cols;
  c.on_delete = fk_action(con.str("fk_del_action"));
  c.on_update = fk_action(con.str("fk_upd_action"));
  std::string_view match = con.str("fk_matchtype");
  c.match = match.empty() ? 's' : match[0];
  c.deferrable = con.flag("deferrable");
  // PostgreSQL records keys and foreign keys of a plain table as not inherited
  // (pg_constraint.connoinherit); a partitioned table's are inherited.
  c.no_inherit = table.kind != RelKind::kPartitionedTable;
  c.deferred = con.flag("initdeferred");
  c.validated = !con.flag("skip_validation");
  table.constraints.push_back(c);
  return true;
}

bool add_check(ExecContext& ctx, Relation& table, const PendingConstraint& p,
               std::vector<std::string>& taken, StatementResult& error) {
  Node con = p.node;
  Node expr = con["raw_expr"];
  std::vector<std::string> refs;
  collect_column_refs(expr, refs);
  for (const auto& r : refs) {
    if (!table.column(r)) {
      error = ExecContext::fails("42703", "column \"" + r + "\" does not exist");
      return false;
    }
  }
  std::string name(con.str("conname"));
  if (name.empty()) {
    // AddRelationNewConstraints: "tab_col_check" when the expression uses one
    // column, "tab_check" when it uses none or several.
    bool one = !refs.empty() && std::all_of(refs.begin(), refs.end(), [&](const std::string& r) {
      return r == refs.front();
    });
    std::string col = one ? refs.front() : std::string();
    name = choose_constraint_name(ctx.catalog, table.schema, table.name, col, "check", taken);
  } else if (table.constraint(name)) {
    error = ExecContext::fails(
        "42710", "constraint \"" + name + "\" for relation \"" + table.name + "\" already exists");
    return false;
  }
  taken.push_back(name);
  Constraint c;
  c.name = name;
  c.kind = Constraint::Kind::kCheck;
  // conkey lists each column once, in the order the expression first names it.
  for (const auto& r : refs)
    if (std::find(c.columns.begin(), c.columns.end(), r) == c.columns.end()) c.columns.push_back(r);
  c.expression = deparse_expr(expr);
  c.no_inherit = con.flag("is_no_inherit");
  c.validated = !con.flag("skip_validation");
  table.constraints.push_back(c);
  return true;
}

}  // namespace

bool add_table_constraints(ExecContext& ctx, Relation& table,
                           const std::vector<PendingConstraint>& pending,
                           std::vector<Relation>& indexes, std::vector<std::string>& taken,
                           StatementResult& error) {
  // Room for what the passes below add, not twice what the vector holds (the
  // catalog keeps it).
  size_t added = 0;
  for (const auto& p : pending) {
    std::string_view type = p.node.str("contype");
    added += type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE" || type == "CONSTR_CHECK" ||
             type == "CONSTR_FOREIGN";
  }
  table.constraints.reserve(table.constraints.size() + added);
  // PostgreSQL names and creates key indexes first (PRIMARY KEY before UNIQUE),
  // then CHECK and FOREIGN KEY constraints.
  for (int pass = 0; pass < 4; ++pass) {
    for (const auto& p : pending) {
      std::string_view type = p.node.str("contype");
      bool ok = true;
      if (pass == 0 && type == "CONSTR_PRIMARY") {
        ok = add_key(ctx, table, p, true, indexes, taken, error);
      } else if (pass == 1 && type == "CONSTR_UNIQUE") {
        ok = add_key(ctx, table, p, false, indexes, taken, error);
      } else if (pass == 2 && type == "CONSTR_CHECK") {
        ok = add_check(ctx, table, p, taken, error);
      } else if (pass == 3 && type == "CONSTR_FOREIGN") {
        ok = add_foreign_key(ctx, table, p, taken, error);
      } else if (pass == 0 && type == "CONSTR_EXCLUSION") {
        error = ExecContext::unknown("EXCLUDE constraints are not modelled");
        return false;
      }
      if (!ok) return false;
    }
  }
  return true;
}

}  // namespace migsim
