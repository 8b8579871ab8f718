// CREATE [UNLOGGED] TABLE [IF NOT EXISTS] name (columns, constraints, LIKE ...)
//   [INHERITS (parents)] [PARTITION BY ...]
// CREATE TABLE name PARTITION OF parent [(column options)] FOR VALUES ... | DEFAULT

#include <algorithm>

#include "planner/exec/column_builder.h"
#include "planner/exec/common.h"
#include "planner/exec/create_index.h"
#include "planner/exec/name_chooser.h"
#include "planner/exec/partition_bound.h"
#include "planner/exec/partition_overlap.h"
#include "planner/exec/relation_lookup.h"
#include "planner/exec/table_constraints.h"
#include "planner/exec/trigger_clone.h"
#include "planner/expr/default_render.h"
#include "planner/expr/deparse.h"

namespace migsim {
namespace {

// CREATE_TABLE_LIKE_* bits of src/include/nodes/parsenodes.h.
constexpr int64_t kLikeComments = 1 << 0;
constexpr int64_t kLikeConstraints = 1 << 2;
constexpr int64_t kLikeDefaults = 1 << 3;
constexpr int64_t kLikeGenerated = 1 << 4;
constexpr int64_t kLikeIdentity = 1 << 5;
constexpr int64_t kLikeIndexes = 1 << 6;

struct LikeSource {
  const Relation* rel;
  int64_t options;
};

struct Parent {
  Target name;
  const Relation* rel;
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string datum_text(Node d) {
  if (d.kind() == "ColumnRef") {
    std::string word = figure_colname(d);
    if (word == "minvalue" || word == "maxvalue") return upper(word);
  }
  return deparse_expr(d);
}

std::string datum_list(NodeList list) {
  std::string out;
  for (Node d : list) {
    if (!out.empty()) out += ", ";
    out += datum_text(d);
  }
  return out;
}

/// The strategy word of a partitioned table ("RANGE", "LIST", "HASH").
std::string strategy_of(const Relation& parent) {
  return parent.partition_key.substr(0, parent.partition_key.find(' '));
}

size_t key_count(const Relation& parent) {
  // Count top-level commas of "STRATEGY (a, b)".
  size_t depth = 0, count = 1;
  for (char c : parent.partition_key) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 1) ++count;
  }
  return count;
}

}  // namespace

bool partition_bound(ExecContext& ctx, const Target& parent_name, const Relation& parent_rel,
                     const std::string& partition, Node bound, std::string& text,
                     StatementResult& error) {
  std::string strategy = strategy_of(parent_rel);
  std::string word = strategy == "RANGE" ? "range" : strategy == "LIST" ? "list" : "hash";
  if (bound.flag("is_default")) {
    if (strategy == "HASH") {
      error =
          ExecContext::fails("42P16", "a hash-partitioned table may not have a default partition");
      return false;
    }
    std::string parent_key = quote_qualified(parent_name.schema, parent_name.name);
    for (const auto& [k, r] : ctx.catalog.relations.all()) {
      if (r.partition_parent == parent_key && r.partition_bound == "DEFAULT") {
        error = ExecContext::fails("42P17", "partition \"" + partition +
                                                "\" conflicts with existing default partition \"" +
                                                r.name + "\"");
        return false;
      }
    }
    text = "DEFAULT";
    return true;
  }
  std::string_view s = bound.str("strategy");
  std::string expected = strategy == "RANGE" ? "r" : strategy == "LIST" ? "l" : "h";
  if (s != expected) {
    error = ExecContext::fails("42P16", "invalid bound specification for a " + word + " partition");
    return false;
  }
  if (s == "r") {
    size_t keys = key_count(parent_rel);
    if (bound.list("lowerdatums").size() != keys) {
      error = ExecContext::fails("42P16",
                                 "FROM must specify exactly one value per partitioning column");
      return false;
    }
    if (bound.list("upperdatums").size() != keys) {
      error =
          ExecContext::fails("42P16", "TO must specify exactly one value per partitioning column");
      return false;
    }
    text = "FOR VALUES FROM (" + datum_list(bound.list("lowerdatums")) + ") TO (" +
           datum_list(bound.list("upperdatums")) + ")";
  } else if (s == "l") {
    text = "FOR VALUES IN (" + datum_list(bound.list("listdatums")) + ")";
  } else {
    if (bound.integer("remainder") >= bound.integer("modulus")) {
      error = ExecContext::fails("42P16", "remainder for hash partition must be less than modulus");
      return false;
    }
    text = "FOR VALUES WITH (modulus " + std::to_string(bound.integer("modulus")) + ", remainder " +
           std::to_string(bound.integer("remainder")) + ")";
  }
  return true;
}

namespace {

bool resolve_parents(ExecContext& ctx, Node n, bool partition_of, std::vector<Parent>& parents,
                     StatementResult& error) {
  for (Node rv : n.list("inhRelations")) {
    Parent p;
    p.rel = find_relation(ctx, rv.body(), p.name, error);
    if (!p.rel) return false;
    std::string name = p.name.name;
    for (const auto& q : parents) {
      if (q.rel == p.rel) {
        error = ExecContext::fails(
            "42P07", "relation \"" + name + "\" would be inherited from more than once");
        return false;
      }
    }
    // A partition's parent is checked once the name is known to be free.
    if (!partition_of) {
      if (p.rel->kind == RelKind::kPartitionedTable) {
        error =
            ExecContext::fails("42809", "cannot inherit from partitioned table \"" + name + "\"");
        return false;
      }
      if (p.rel->kind != RelKind::kTable && p.rel->kind != RelKind::kForeignTable) {
        error = ExecContext::fails(
            "42809", "inherited relation \"" + name + "\" is not a table or foreign table");
        return false;
      }
      if (!p.rel->partition_parent.empty()) {
        error = ExecContext::fails("42809", "cannot inherit from partition \"" + name + "\"");
        return false;
      }
    }
    parents.push_back(p);
  }
  return true;
}

/// transformIndexConstraints: PRIMARY KEY and UNIQUE constraints of one
/// CREATE TABLE that would build the same index become one. The primary key
/// comes first, then the others in the order written; a later duplicate is
/// dropped, and an earlier one written without a name takes its name.
void merge_duplicate_keys(std::vector<PendingConstraint>& pending) {
  auto is_key = [](const PendingConstraint& p) {
    std::string_view t = p.node.str("contype");
    return t == "CONSTR_PRIMARY" || t == "CONSTR_UNIQUE";
  };
  auto is_primary = [](const PendingConstraint& p) {
    return p.node.str("contype") == "CONSTR_PRIMARY";
  };
  std::vector<size_t> order;
  for (size_t i = 0; i < pending.size(); ++i)
    if (is_key(pending[i])) order.push_back(i);
  // Column and table constraints interleave as written.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return pending[a].node.location() < pending[b].node.location();
  });
  size_t primaries = 0;
  for (size_t i : order) primaries += is_primary(pending[i]);
  if (primaries > 1) return;  // "multiple primary keys" is raised before the merge
  std::stable_partition(order.begin(), order.end(),
                        [&](size_t i) { return is_primary(pending[i]); });
  auto names = [](NodeList list) {
    std::vector<std::string> out;
    for (Node k : list) out.emplace_back(k.sval());
    return out;
  };
  auto columns = [&](const PendingConstraint& p) {
    NodeList keys = p.node.list("keys");
    return keys.empty() ? p.columns : names(keys);
  };
  auto same_index = [&](const PendingConstraint& a, const PendingConstraint& b) {
    return columns(a) == columns(b) &&
           names(a.node.list("including")) == names(b.node.list("including")) &&
           a.node.flag("deferrable") == b.node.flag("deferrable") &&
           a.node.flag("initdeferred") == b.node.flag("initdeferred") &&
           a.node.flag("nulls_not_distinct") == b.node.flag("nulls_not_distinct");
  };
  auto name_of = [](const PendingConstraint& p) {
    return p.name.empty() ? std::string(p.node.str("conname")) : p.name;
  };
  std::vector<size_t> kept;
  std::vector<bool> dropped(pending.size(), false);
  for (size_t i : order) {
    auto prior = std::find_if(kept.begin(), kept.end(),
                              [&](size_t k) { return same_index(pending[k], pending[i]); });
    if (prior == kept.end()) {
      kept.push_back(i);
      continue;
    }
    if (name_of(pending[*prior]).empty()) pending[*prior].name = name_of(pending[i]);
    dropped[i] = true;
  }
  std::vector<PendingConstraint> out;
  for (size_t i = 0; i < pending.size(); ++i)
    if (!dropped[i]) out.push_back(std::move(pending[i]));
  pending = std::move(out);
}

StatementResult create_table(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Node rv = n["relation"];
  Target target;
  StatementResult error;
  if (rv.str("relpersistence") == "t") {
    return ExecContext::unknown("temporary tables are not modelled");
  }
  if (!target_for_create(ctx, rv, target, error)) return error;
  // IF NOT EXISTS is settled first (transformCreateStmt); without it, the name
  // clash surfaces only after columns, LIKE, parents and key columns are checked.
  bool exists = ctx.catalog.relation(target.schema, target.name) != nullptr;
  if (exists && n.flag("if_not_exists")) {
    return ExecContext::skipped_with_notice("relation \"" + target.name +
                                            "\" already exists, skipping");
  }
  if (n["ofTypename"]) return ExecContext::unknown("CREATE TABLE OF type is not modelled");
  Node partbound = n["partbound"];
  Node partspec = n["partspec"];

  Relation table;
  table.schema = target.schema;
  table.name = target.name;
  table.kind = partspec ? RelKind::kPartitionedTable : RelKind::kTable;
  table.owner = ctx.catalog.current_user();
  table.unlogged = rv.str("relpersistence") == "u";
  StatementResult result;

  // Local columns, LIKE clauses and constraints, in the order written.
  std::vector<ColumnBuild> builds;
  std::vector<PendingConstraint> pending;
  std::vector<LikeSource> likes;
  std::vector<Node> partition_column_options;
  for (Node elt : n.list("tableElts")) {
    std::string_view kind = elt.kind();
    if (kind == "ColumnDef" && partbound) {
      partition_column_options.push_back(elt.body());
    } else if (kind == "ColumnDef") {
      ColumnBuild b;
      if (!build_column(ctx.catalog, table.name, elt.body(), b, error)) return error;
      builds.push_back(std::move(b));
    } else if (kind == "Constraint") {
      pending.push_back({elt.body(), {}, {}});
    } else if (kind == "TableLikeClause") {
      Node like = elt.body();
      Target src_name;
      const Relation* src = find_relation(ctx, like["relation"], src_name, error);
      if (!src) return error;
      int64_t options = like.integer("options");
      likes.push_back({src, options});
      for (const auto& c : src->columns) {
        ColumnBuild b;
        b.column.name = c.name;
        b.column.type = c.type;
        b.column.extras.set(&ColumnExtras::type_schema, c.extras->type_schema);
        b.column.extras.set(&ColumnExtras::type_name, c.extras->type_name);
        b.column.extras.set(&ColumnExtras::collation, c.extras->collation);
        b.column.not_null = c.not_null;
        if (options & kLikeDefaults) b.column.default_expr = c.default_expr;
        if (options & kLikeGenerated)
          b.column.extras.set(&ColumnExtras::generated, c.extras->generated);
        if (options & kLikeIdentity) b.column.identity = c.identity;
        if (options & kLikeComments) b.column.extras.set(&ColumnExtras::comment, c.extras->comment);
        if (!(options & kLikeDefaults) && c.default_expr.rfind("nextval(", 0) == 0) {
          b.column.default_expr.clear();
        }
        builds.push_back(std::move(b));
      }
    } else {
      return ExecContext::unknown("table element " + std::string(kind) + " is not modelled");
    }
  }

  std::vector<Parent> parents;
  if (!resolve_parents(ctx, n, static_cast<bool>(partbound), parents, error)) return error;
  // Parse analysis checks key columns against every column the table will
  // have (local, LIKE, inherited) before duplicates are looked for.
  auto column_known = [&](const std::string& col) {
    for (const auto& b : builds)
      if (b.column.name == col) return true;
    for (const auto& l : likes)
      if (l.rel->column(col)) return true;
    for (const auto& p : parents)
      if (p.rel->column(col)) return true;
    return static_cast<bool>(partbound);
  };
  for (const auto& p : pending) {
    std::string_view type = p.node.str("contype");
    if (type != "CONSTR_PRIMARY" && type != "CONSTR_UNIQUE") continue;
    for (Node k : p.node.list("keys")) {
      std::string col(k.sval());
      if (!column_known(col))
        return ExecContext::fails("42703", "column \"" + col + "\" named in key does not exist");
    }
  }
  // Serial and identity sequences are created before the table: two columns
  // of one name that both own one ask for the same sequence name.
  for (size_t i = 0; i < builds.size(); ++i) {
    if (!builds[i].serial && !builds[i].column.identity) continue;
    for (size_t j = 0; j < i; ++j) {
      if (builds[j].column.name == builds[i].column.name &&
          (builds[j].serial || builds[j].column.identity)) {
        std::string seq = choose_relation_name(ctx.catalog, target.schema, target.name,
                                               builds[i].column.name, "seq");
        return ExecContext::fails("42P07", "relation \"" + seq + "\" already exists");
      }
    }
  }
  // MergeAttributes: local column names must be unique (after the parents are opened).
  for (size_t i = 0; i < builds.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (builds[i].column.name == builds[j].column.name) {
        return ExecContext::fails(
            "42701", "column \"" + builds[i].column.name + "\" specified more than once");
      }
    }
  }

  // Inherited columns first (MergeAttributes), then the local ones: at most
  // this many, kept by the catalog (a vector grown one at a time would keep
  // up to twice the room).
  size_t most = builds.size();
  for (const auto& p : parents) most += p.rel->columns.size();
  table.columns.reserve(most);
  std::vector<std::string> conflicting_defaults;
  for (const auto& p : parents) {
    for (const auto& c : p.rel->columns) {
      Column* have = table.column(c.name);
      if (have) {
        result.notices.mut().push_back("merging multiple inherited definitions of column \"" +
                                       c.name + "\"");
        if (have->type != c.type) {
          return ExecContext::fails("42804",
                                    "inherited column \"" + c.name + "\" has a type conflict",
                                    have->type + " versus " + c.type);
        }
        have->not_null = have->not_null || c.not_null;
        if (have->default_expr.empty()) {
          have->default_expr = c.default_expr;
        } else if (!c.default_expr.empty() && c.default_expr != have->default_expr) {
          conflicting_defaults.push_back(c.name);
        }
        continue;
      }
      Column copy = c;
      copy.identity = 0;
      copy.extras.set(&ColumnExtras::comment, std::string());
      table.columns.push_back(copy);
    }
    for (const auto& con : p.rel->constraints) {
      // CHECK constraints are inherited; a partition also gets its parent's foreign keys.
      bool fk_to_partition = partbound && con.kind == Constraint::Kind::kForeignKey;
      if (!fk_to_partition && (con.kind != Constraint::Kind::kCheck || con.no_inherit)) continue;
      if (table.constraint(con.name)) continue;
      Constraint copy = con;
      copy.comment.clear();
      table.constraints.push_back(copy);
    }
  }
  size_t inherited = table.columns.size();
  for (size_t i = 0; i < builds.size(); ++i) {
    ColumnBuild& b = builds[i];
    auto it = std::find_if(table.columns.begin(), table.columns.begin() + inherited,
                           [&](const Column& c) { return c.name == b.column.name; });
    if (it == table.columns.begin() + inherited) {
      table.columns.push_back(b.column);
      continue;
    }
    size_t exist_attno = static_cast<size_t>(it - table.columns.begin()) + 1;
    if (it->type != b.column.type) {
      return ExecContext::fails("42804", "column \"" + b.column.name + "\" has a type conflict",
                                it->type + " versus " + b.column.type);
    }
    result.notices.mut().push_back(
        std::string(exist_attno == i + 1 ? "merging" : "moving and merging") + " column \"" +
        b.column.name + "\" with inherited definition");
    it->not_null = it->not_null || b.column.not_null;
    if (!b.column.default_expr.empty() || b.serial) {
      it->default_expr = b.column.default_expr;
      conflicting_defaults.erase(
          std::remove(conflicting_defaults.begin(), conflicting_defaults.end(), b.column.name),
          conflicting_defaults.end());
    }
    if (!b.column.extras->generated.empty())
      it->extras.mut().generated = b.column.extras->generated;
    if (b.column.identity) it->identity = b.column.identity;
  }
  if (!conflicting_defaults.empty()) {
    return ExecContext::fails("42611", "column \"" + conflicting_defaults.front() +
                                           "\" inherits conflicting default values");
  }

  // Key columns are checked in parse analysis, before the table is created.
  for (const auto& p : pending) {
    std::string_view type = p.node.str("contype");
    if (type != "CONSTR_PRIMARY" && type != "CONSTR_UNIQUE") continue;
    for (Node k : p.node.list("keys")) {
      std::string col(k.sval());
      if (!table.column(col)) {
        return ExecContext::fails("42703", "column \"" + col + "\" named in key does not exist");
      }
    }
  }
  if (exists) {
    return ExecContext::fails("42P07", "relation \"" + target.name + "\" already exists");
  }
  if (ctx.catalog.type(target.schema, target.name)) {
    return ExecContext::fails("42710", "type \"" + target.name + "\" already exists", {},
                              "A relation has an associated type of the same name, so you "
                              "must use a name that doesn't conflict with any existing type.");
  }

  std::string partition_bound_text;
  if (partbound) {
    const Parent& parent = parents.front();
    if (parent.rel->kind == RelKind::kTable) {
      return ExecContext::fails("42P17", "\"" + parent.name.name + "\" is not partitioned");
    }
    if (parent.rel->kind != RelKind::kPartitionedTable) {
      return ExecContext::fails("42809", "\"" + parent.name.name + "\" is not partitioned");
    }
    if (!partition_bound(ctx, parent.name, *parent.rel, target.name, partbound,
                         partition_bound_text, error) ||
        !check_partition_overlap(ctx.catalog, quote_qualified(parent.name.schema, parent.name.name),
                                 target.name, partition_bound_text, error))
      return error;
    for (Node def : partition_column_options) {
      std::string name(def.str("colname"));
      Column* c = table.column(name);
      if (!c) return ExecContext::fails("42703", "column \"" + name + "\" does not exist");
      for (Node con : def.list("constraints")) {
        Node body = con.body();
        std::string_view type = body.str("contype");
        if (type == "CONSTR_NOTNULL") {
          c->not_null = true;
        } else if (type == "CONSTR_DEFAULT") {
          c->default_expr = render_default(body["raw_expr"], c->type);
        } else if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE" || type == "CONSTR_CHECK") {
          pending.push_back({body, {name}, {}});
        } else {
          return ExecContext::unknown("column option " + std::string(type) +
                                      " on a partition is not modelled");
        }
      }
    }
    table.partition_parent = quote_qualified(parent.name.schema, parent.name.name);
    table.partition_bound = partition_bound_text;
    // A new table has no triggers of its own, nor partitions: this cannot fail.
    clone_row_triggers(ctx.catalog, *parent.rel, table);
  } else {
    for (const auto& p : parents)
      table.inherits.push_back(quote_qualified(p.name.schema, p.name.name));
  }

  // PARTITION BY: key columns must exist.
  std::vector<std::string> key_columns;
  bool key_has_expression = false;
  if (partspec) {
    std::string strategy = upper(partspec.str("strategy"));
    NodeList params = partspec.list("partParams");
    if (strategy == "LIST" && params.size() > 1) {
      return ExecContext::fails("42P17",
                                "cannot use \"list\" partition strategy with more than one column");
    }
    std::string keys;
    for (Node p : params) {
      Node e = p.body();
      std::string name(e.str("name"));
      if (!keys.empty()) keys += ", ";
      if (!name.empty()) {
        if (!table.column(name)) {
          return ExecContext::fails(
              "42703", "column \"" + name + "\" named in partition key does not exist");
        }
        key_columns.push_back(name);
        keys += quote_ident(name);
      } else {
        std::vector<std::string> refs;
        collect_column_refs(e["expr"], refs);
        for (const auto& r : refs) {
          if (!table.column(r)) {
            return ExecContext::fails("42703", "column \"" + r + "\" does not exist");
          }
        }
        key_has_expression = true;
        std::string text = deparse_expr(e["expr"]);
        // pg_get_partkeydef wraps an expression that is not a function call in
        // parentheses, around an operator's own: RANGE (((a + 1))).
        if (e["expr"].kind() == "A_Expr" && e["expr"].body().str("kind") == "AEXPR_OP")
          text = "(" + text + ")";
        keys += e["expr"].kind() == "FuncCall" ? text : "(" + text + ")";
      }
    }
    table.partition_key = strategy + " (" + keys + ")";
  }

  for (auto& b : builds)
    for (auto& p : b.constraints) pending.push_back(p);
  merge_duplicate_keys(pending);
  for (Node opt : n.list("options")) {
    Node d = opt.body();
    table.options[std::string(d.str("defname"))] =
        d["arg"] ? std::string(d["arg"].body().str("sval")) : "true";
  }

  std::vector<std::string> taken{table.name};
  for (auto& b : builds) {
    if (!b.serial && !b.column.identity) continue;
    if (!create_column_sequence(ctx.catalog, ctx.stmt, table.schema, table.name, b, taken, error))
      return error;
    Column* c = table.column(b.column.name);
    c->default_expr = b.column.default_expr;
    c->identity = b.column.identity;
  }
  std::vector<Relation> indexes;
  if (!add_table_constraints(ctx, table, pending, indexes, taken, error)) return error;

  // LIKE ... INCLUDING CONSTRAINTS / INDEXES, after the table's own.
  for (const auto& like : likes) {
    if (like.options & kLikeConstraints) {
      for (const auto& con : like.rel->constraints) {
        if (con.kind != Constraint::Kind::kCheck || table.constraint(con.name)) continue;
        Constraint copy = con;
        if (!(like.options & kLikeComments)) copy.comment.clear();
        table.constraints.push_back(copy);
      }
    }
    if (like.options & kLikeIndexes) {
      for (const Relation* idx : ctx.catalog.indexes_of(like.rel->schema, like.rel->name)) {
        const Constraint* con =
            idx->index->constraint.empty() ? nullptr : like.rel->constraint(idx->index->constraint);
        if (con && con->kind == Constraint::Kind::kExclusion) {
          return ExecContext::unknown("copying exclusion constraints with LIKE is not modelled");
        }
        if (idx->index->primary &&
            table.constraints.end() !=
                std::find_if(
                    table.constraints.begin(), table.constraints.end(),
                    [](const Constraint& c) { return c.kind == Constraint::Kind::kPrimaryKey; })) {
          return ExecContext::fails(
              "42P16", "multiple primary keys for table \"" + table.name + "\" are not allowed");
        }
        indexes.push_back(clone_index_for(ctx.catalog, table, *idx, *like.rel, taken));
      }
    }
  }

  // A partitioned table's unique keys must cover the partition key.
  if (partspec) {
    for (const auto& c : table.constraints) {
      if (c.kind != Constraint::Kind::kPrimaryKey && c.kind != Constraint::Kind::kUnique) continue;
      if (key_has_expression) {
        return ExecContext::fails(
            "0A000", std::string("unsupported ") +
                         (c.kind == Constraint::Kind::kPrimaryKey ? "PRIMARY KEY" : "UNIQUE") +
                         " constraint with partition key definition");
      }
      for (const auto& k : key_columns) {
        if (std::find(c.columns.begin(), c.columns.end(), k) == c.columns.end()) {
          return ExecContext::fails(
              "0A000",
              "unique constraint on partitioned table must include all partitioning columns");
        }
      }
    }
  }

  // A partition gets a copy of each of its parent's indexes.
  if (partbound) {
    const Parent& parent = parents.front();
    for (const Relation* idx : ctx.catalog.indexes_of(parent.name.schema, parent.name.name)) {
      indexes.push_back(clone_index_for(ctx.catalog, table, *idx, *parent.rel, taken));
      indexes.back().partition_parent = idx->schema + "." + idx->name;  // pg_inherits
      // The partition's copy of its parent's key is inherited (connoinherit false).
      for (auto& c : table.constraints)
        if (c.name == indexes.back().index->constraint) c.no_inherit = false;
    }
  }

  result.touched.push_back(touched_name("table", table.schema, table.name));
  ctx.catalog.put_relation(std::move(table));
  for (auto& idx : indexes) ctx.catalog.put_relation(std::move(idx));
  return result;
}

HandlerRegistrar reg("CreateStmt", create_table);

}  // namespace
}  // namespace migsim
