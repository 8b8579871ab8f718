// TRUNCATE [TABLE] [ONLY] name [, ...] [RESTART IDENTITY] [CASCADE | RESTRICT]
// (ExecuteTruncate in tablecmds.c, heap_truncate_check_FKs in heap.c)

#include <algorithm>

#include "planner/exec/common.h"
#include "planner/exec/dependencies.h"

namespace migsim {
namespace {

struct TableName {
  std::string schema;
  std::string name;
  bool operator==(const TableName& o) const { return schema == o.schema && name == o.name; }
};

/// Tables with a foreign key to `t`, other than `t` itself.
std::vector<TableName> referencing_tables(const Catalog& cat, const TableName& t) {
  std::vector<TableName> out;
  for (const ObjectRef& fk : foreign_keys_referencing(cat, t.schema, t.name)) {
    TableName from{fk.schema, fk.name};
    if (!(from == t) && std::find(out.begin(), out.end(), from) == out.end()) out.push_back(from);
  }
  return out;
}

StatementResult truncate(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  const Catalog& cat = ctx.catalog;
  bool cascade = n.str("behavior") == "DROP_CASCADE";
  std::vector<TableName> tables;
  for (Node rv_node : n.list("relations")) {
    Node rv = rv_node.body();
    std::string schema(rv.str("schemaname"));
    std::string name(rv.str("relname"));
    if (!rv.str("catalogname").empty())
      return ExecContext::unknown("cross-database references are not modelled");
    if (!schema.empty() && !cat.schemas.find(schema)) {
      if (schema == "pg_catalog" || schema == "information_schema")
        return ExecContext::unknown("system catalogs are not modelled");
      return ExecContext::fails("3F000", "schema \"" + schema + "\" does not exist");
    }
    std::string found;
    const Relation* r = cat.lookup_relation(schema, name, &found);
    if (!r) {
      if (schema.empty() && name.rfind("pg_", 0) == 0)
        return ExecContext::unknown("\"" + name + "\" may be a system catalog, not modelled");
      std::string shown = schema.empty() ? name : schema + "." + name;
      return ExecContext::fails("42P01", "relation \"" + shown + "\" does not exist");
    }
    if (r->kind == RelKind::kForeignTable)
      return ExecContext::unknown("TRUNCATE of a foreign table depends on its wrapper");
    if (!r->is_table()) return ExecContext::fails("42809", "\"" + name + "\" is not a table");
    if (r->kind == RelKind::kPartitionedTable || !r->partition_parent.empty() ||
        !r->inherits.empty())
      return ExecContext::unknown("TRUNCATE of partitioned or inherited tables is not modelled");
    TableName t{found, name};
    if (std::find(tables.begin(), tables.end(), t) == tables.end()) tables.push_back(t);
  }
  StatementResult result = ExecContext::data();
  if (cascade) {
    for (size_t i = 0; i < tables.size(); ++i) {
      for (const auto& from : referencing_tables(cat, tables[i])) {
        if (std::find(tables.begin(), tables.end(), from) != tables.end()) continue;
        tables.push_back(from);
        result.notices.mut().push_back("truncate cascades to table \"" + from.name + "\"");
      }
    }
  } else {
    for (const auto& t : tables) {
      for (const auto& from : referencing_tables(cat, t)) {
        if (std::find(tables.begin(), tables.end(), from) != tables.end()) continue;
        return ExecContext::fails(
            "0A000", "cannot truncate a table referenced in a foreign key constraint",
            "Table \"" + from.name + "\" references \"" + t.name + "\".",
            "Truncate table \"" + from.name + "\" at the same time, or use TRUNCATE ... CASCADE.");
      }
    }
  }
  if (!result.notices->empty()) result.message = result.notices->front();
  for (const auto& t : tables) result.touched.push_back(touched_name("table", t.schema, t.name));
  return result;
}

HandlerRegistrar reg("TruncateStmt", truncate);

}  // namespace
}  // namespace migsim
