// CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON table
//   [USING method] (column | (expression), ...) [INCLUDE (...)] [WHERE ...]

#include "planner/exec/create_index.h"

#include <algorithm>
#include <set>

#include "planner/exec/common.h"
#include "planner/exec/name_chooser.h"
#include "planner/exec/relation_lookup.h"
#include "planner/expr/deparse.h"

namespace migsim {

namespace {
/// Extensions can add access methods and operator classes; plpgsql, in every
/// database, adds neither.
bool has_user_extensions(const Catalog& catalog) {
  for (const auto& [name, e] : catalog.extensions.all())
    if (name != "plpgsql") return true;
  return false;
}
}  // namespace

std::vector<std::string> choose_index_column_names(const std::vector<std::string>& preliminary) {
  std::vector<std::string> out;
  for (const auto& orig : preliminary) {
    std::string cur = orig;
    for (int i = 1; std::find(out.begin(), out.end(), cur) != out.end(); ++i) {
      std::string suffix = std::to_string(i);
      cur = make_object_name(orig, "", "");
      if (cur.size() + suffix.size() > 63) cur.resize(63 - suffix.size());
      cur += suffix;
    }
    out.push_back(cur);
  }
  return out;
}

std::vector<std::string> index_column_names(const Relation& table, const Relation& index) {
  if (!index.index->column_names.empty()) return index.index->column_names;
  std::vector<std::string> pre;
  for (const auto& k : index.index->keys) pre.push_back(table.column(k) ? k : "expr");
  for (const auto& k : index.index->include) pre.push_back(k);
  return choose_index_column_names(pre);
}

Relation clone_index_for(const Catalog& catalog, Relation& table, const Relation& index,
                         const Relation& source_table, std::vector<std::string>& taken) {
  Relation copy = index;
  copy.schema = table.schema;
  copy.owner = table.owner;
  copy.comment.clear();
  copy.kind =
      table.kind == RelKind::kPartitionedTable ? RelKind::kPartitionedIndex : RelKind::kIndex;
  copy.index.mut().table = table.name;
  copy.index.mut().column_names = index_column_names(source_table, index);
  const Constraint* con =
      index.index->constraint.empty() ? nullptr : source_table.constraint(index.index->constraint);
  std::string label = index.index->primary ? "pkey" : (con ? "key" : "idx");
  std::string addition = index.index->primary ? "" : index_name_addition(copy.index->column_names);
  copy.name = choose_relation_name(catalog, table.schema, table.name, addition, label, taken);
  taken.push_back(copy.name);
  copy.index.mut().constraint.clear();
  if (con) {
    Constraint c = *con;
    c.name = copy.name;
    c.index = copy.name;
    c.comment.clear();
    table.constraints.push_back(c);
    copy.index.mut().constraint = copy.name;
  }
  return copy;
}

namespace {

bool known_method(const Catalog& catalog, const std::string& m) {
  static const std::set<std::string> builtin = {"btree", "hash", "gist", "gin", "spgist", "brin"};
  if (builtin.count(m)) return true;
  if (m == "bloom") return catalog.extensions.find("bloom") != nullptr;
  return false;
}

/// Built-in operator classes of PostgreSQL 15 (pg_opclass), by access method.
bool known_opclass(const std::string& method, const std::string& name) {
  static const std::set<std::string> types = {
      "int2",        "int4",      "int8",    "float4",   "float8",  "numeric", "text",
      "varchar",     "bpchar",    "bool",    "date",     "time",    "timetz",  "timestamp",
      "timestamptz", "interval",  "uuid",    "bytea",    "oid",     "name",    "char",
      "inet",        "cidr",      "macaddr", "macaddr8", "money",   "jsonb",   "tsvector",
      "tsquery",     "bit",       "varbit",  "enum",     "array",   "record",  "range",
      "multirange",  "oidvector", "pg_lsn",  "xid8",     "integer", "float",   "record_image",
      "aclitem",     "xid",       "cid",     "tid",      "network"};
  auto typed = [&](std::string_view suffix) {
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      return false;
    return types.count(name.substr(0, name.size() - suffix.size())) != 0;
  };
  if (method == "btree") {
    return typed("_ops") || name == "text_pattern_ops" || name == "varchar_pattern_ops" ||
           name == "bpchar_pattern_ops";
  }
  if (method == "hash") {
    return typed("_ops") || name == "text_pattern_ops" || name == "varchar_pattern_ops" ||
           name == "bpchar_pattern_ops";
  }
  if (method == "gin") {
    return name == "jsonb_ops" || name == "jsonb_path_ops" || name == "array_ops" ||
           name == "tsvector_ops";
  }
  if (method == "gist") {
    static const std::set<std::string> gist = {"tsvector_ops",   "tsquery_ops", "range_ops",
                                               "multirange_ops", "inet_ops",    "point_ops",
                                               "box_ops",        "poly_ops",    "circle_ops"};
    return gist.count(name) != 0;
  }
  if (method == "spgist") {
    static const std::set<std::string> spgist = {"quad_point_ops", "kd_point_ops", "text_ops",
                                                 "range_ops",      "inet_ops",     "box_ops",
                                                 "poly_ops"};
    return spgist.count(name) != 0;
  }
  if (method == "brin") {
    return typed("_minmax_ops") || typed("_minmax_multi_ops") || typed("_bloom_ops") ||
           typed("_inclusion_ops") || name == "box_inclusion_ops";
  }
  return false;
}

StatementResult create_index(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  bool concurrent = n.flag("concurrent");
  if (concurrent && ctx.in_transaction_block()) {
    return ExecContext::fails("25001",
                              "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
  }
  Target tt;
  StatementResult error;
  const Relation* table = find_relation(ctx, n["relation"], tt, error);
  if (!table) return error;
  if (table->kind == RelKind::kForeignTable) {
    return ExecContext::fails("42809", "cannot create index on foreign table \"" + tt.name + "\"");
  }
  if (table->kind != RelKind::kTable && table->kind != RelKind::kPartitionedTable &&
      table->kind != RelKind::kMaterializedView) {
    return ExecContext::fails("42809", "cannot create index on relation \"" + tt.name + "\"");
  }
  if (concurrent && table->kind == RelKind::kPartitionedTable) {
    return ExecContext::fails(
        "0A000", "cannot create index on partitioned table \"" + tt.name + "\" concurrently");
  }
  std::string method(n.str("accessMethod"));
  if (method.empty()) method = "btree";
  if (!known_method(ctx.catalog, method)) {
    if (has_user_extensions(ctx.catalog)) {
      return ExecContext::unknown("access method \"" + method +
                                  "\" may come from an extension, which is not modelled");
    }
    return ExecContext::fails("42704", "access method \"" + method + "\" does not exist");
  }
  bool unique = n.flag("unique");
  if (unique && method != "btree") {
    return ExecContext::fails("0A000",
                              "access method \"" + method + "\" does not support unique indexes");
  }

  // Parse analysis first: expression and predicate columns, then key columns.
  auto check_refs = [&](Node expr) {
    std::vector<std::string> refs;
    collect_column_refs(expr, refs);
    for (const auto& r : refs) {
      if (!table->column(r)) {
        error = ExecContext::fails("42703", "column \"" + r + "\" does not exist");
        return false;
      }
    }
    return true;
  };
  for (Node p : n.list("indexParams"))
    if (Node e = p.body()["expr"]; e && !check_refs(e)) return error;
  if (Node w = n["whereClause"]; w && !check_refs(w)) return error;

  IndexInfo info;
  info.method = method;
  info.unique = unique;
  std::vector<std::string> preliminary;
  // Each key: its column, then its operator class (ComputeIndexAttrs).
  auto check_opclass = [&](Node e) {
    NodeList opclass = e.list("opclass");
    if (opclass.empty()) return true;
    std::string oc(opclass.at(opclass.size() - 1).sval());
    if (known_opclass(method, oc)) return true;
    if (opclass.size() > 1 || has_user_extensions(ctx.catalog)) {
      error = ExecContext::unknown("operator class " + oc +
                                   " may come from an extension or schema, which is not modelled");
    } else {
      error =
          ExecContext::fails("42704", "operator class \"" + oc +
                                          "\" does not exist for access method \"" + method + "\"");
    }
    return false;
  };
  for (Node p : n.list("indexParams")) {
    Node e = p.body();
    std::string name(e.str("name"));
    if (!name.empty()) {
      if (!table->column(name)) {
        return ExecContext::fails("42703", "column \"" + name + "\" does not exist");
      }
      if (!check_opclass(e)) return error;
      info.keys.push_back(name);
      preliminary.push_back(name);
    } else {
      if (!check_opclass(e)) return error;
      Node expr = e["expr"];
      // A parenthesised plain column is a simple column key.
      if (expr.kind() == "ColumnRef") {
        std::string col = figure_colname(expr);
        info.keys.push_back(col);
        preliminary.push_back(col);
        continue;
      }
      info.keys.push_back(deparse_expr(expr));
      std::string figured = figure_colname(expr);
      preliminary.push_back(figured.empty() ? "expr" : figured);
    }
  }
  for (Node p : n.list("indexIncludingParams")) {
    std::string name(p.body().str("name"));
    if (name.empty()) {
      return ExecContext::fails("0A000", "expressions are not supported in included columns");
    }
    if (!table->column(name)) {
      return ExecContext::fails("42703", "column \"" + name + "\" does not exist");
    }
    info.include.push_back(name);
    preliminary.push_back(name);
  }
  if (Node w = n["whereClause"]) info.predicate = deparse_expr(w);
  info.table = tt.name;
  info.column_names = choose_index_column_names(preliminary);

  if (unique && table->kind == RelKind::kPartitionedTable) {
    // partition_key is "STRATEGY (k1, k2)": simple columns, or expressions in parentheses.
    const std::string& pk = table->partition_key;
    size_t open = pk.find('(');
    std::string inner = open == std::string::npos ? "" : pk.substr(open + 1, pk.size() - open - 2);
    size_t pos = 0;
    while (pos <= inner.size()) {
      size_t comma = inner.find(", ", pos);
      std::string key =
          inner.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      if (key.find('(') != std::string::npos) {
        return ExecContext::fails("0A000",
                                  "unsupported UNIQUE constraint with partition key definition");
      }
      if (std::find(info.keys.begin(), info.keys.end(), key) == info.keys.end()) {
        return ExecContext::fails(
            "0A000",
            "unique constraint on partitioned table must include all partitioning columns");
      }
      if (comma == std::string::npos) break;
      pos = comma + 2;
    }
  }
  std::string name(n.str("idxname"));
  if (name.empty()) {
    name = choose_relation_name(ctx.catalog, tt.schema, tt.name,
                                index_name_addition(info.column_names), "idx");
  } else if (ctx.catalog.relation(tt.schema, name)) {
    if (n.flag("if_not_exists")) {
      return ExecContext::skipped_with_notice("relation \"" + name + "\" already exists, skipping");
    }
    return ExecContext::fails("42P07", "relation \"" + name + "\" already exists");
  }
  Relation index;
  index.schema = tt.schema;
  index.name = name;
  index.kind =
      table->kind == RelKind::kPartitionedTable ? RelKind::kPartitionedIndex : RelKind::kIndex;
  index.owner = table->owner;
  index.index = std::move(info);
  for (Node opt : n.list("options")) {
    Node d = opt.body();
    Node arg = d["arg"];
    index.options[std::string(d.str("defname"))] =
        arg ? (arg.kind() == "Integer" ? std::to_string(arg.body().integer("ival"))
                                       : std::string(arg.body().str("sval")))
            : "true";
  }
  StatementResult r;
  r.touched.push_back(touched_name("index", index.schema, index.name));
  ctx.catalog.put_relation(std::move(index));
  // Indexes on a partitioned table cascade to its partitions.
  if (table->kind == RelKind::kPartitionedTable && n["relation"].flag("inh")) {
    std::string parent_key = quote_qualified(tt.schema, tt.name);
    std::vector<std::string> taken;
    const Relation* created = ctx.catalog.relation(tt.schema, name);
    Relation proto = *created;
    std::string parent_key_index = proto.schema + "." + proto.name;
    for (const auto& k : ctx.catalog.relations.sorted_keys()) {
      const Relation* part = ctx.catalog.relations.find(k);
      if (!part || part->partition_parent != parent_key) continue;
      // PostgreSQL attaches an equivalent index the partition already has.
      std::string attached;
      for (const Relation* own : ctx.catalog.indexes_of(part->schema, part->name)) {
        const IndexInfo& a = own->index;
        const IndexInfo& b = proto.index;
        if (a.keys == b.keys && a.include == b.include && a.method == b.method &&
            a.predicate == b.predicate && a.unique == b.unique && a.constraint.empty() &&
            own->partition_parent.empty() && attached.empty())
          attached = own->name;
      }
      // Either way the partition's index becomes a child of the new one (pg_inherits).
      if (!attached.empty()) {
        ctx.catalog.relation_mut(part->schema, attached)->partition_parent = parent_key_index;
        continue;
      }
      Relation child = *part;
      Relation copy = clone_index_for(ctx.catalog, child, proto, *table, taken);
      copy.partition_parent = parent_key_index;
      ctx.catalog.put_relation(std::move(copy));
    }
  }
  return r;
}

HandlerRegistrar reg("IndexStmt", create_index);

}  // namespace
}  // namespace migsim
