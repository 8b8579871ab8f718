#include "planner/exec/relation_lookup.h"

namespace migsim {

std::string range_var_text(Node rv) {
  std::string schema(rv.str("schemaname"));
  std::string name(rv.str("relname"));
  return schema.empty() ? name : schema + "." + name;
}

namespace {
const Relation* lookup(const Catalog& catalog, Node rv, std::string& found_schema,
                       StatementResult& error) {
  std::string schema(rv.str("schemaname"));
  std::string name(rv.str("relname"));
  if (!schema.empty() && !catalog.schemas.find(schema)) {
    error = ExecContext::fails("3F000", "schema \"" + schema + "\" does not exist");
    return nullptr;
  }
  const Relation* r = catalog.lookup_relation(schema, name, &found_schema);
  if (!r) {
    error = ExecContext::fails("42P01", "relation \"" + range_var_text(rv) + "\" does not exist");
  }
  return r;
}
}  // namespace

const Relation* find_relation(ExecContext& ctx, Node rv, Target& found, StatementResult& error) {
  const Relation* r = lookup(ctx.catalog, rv, found.schema, error);
  if (r) found.name = std::string(rv.str("relname"));
  return r;
}

const Relation* find_relation_for_alter(const Catalog& catalog, Node rv, bool missing_ok,
                                        std::string& schema, StatementResult& outcome) {
  const Relation* r = lookup(catalog, rv, schema, outcome);
  if (!r && missing_ok) {
    outcome = ExecContext::skipped_with_notice("relation \"" + std::string(rv.str("relname")) +
                                               "\" does not exist, skipping");
  }
  return r;
}

namespace {
/// Returns the strength of the name found: 0 none, 1 a type name, 2 a real name.
int figure(Node expr, std::string& out) {
  std::string_view kind = expr.kind();
  Node n = expr.body();
  if (kind == "ColumnRef") {
    NodeList fields = n.list("fields");
    if (fields.empty()) return 0;
    Node last = fields.at(fields.size() - 1);
    if (last.kind() != "String") return 0;
    out = std::string(last.sval());
    return 2;
  }
  if (kind == "A_Indirection") {
    NodeList ind = n.list("indirection");
    for (size_t i = ind.size(); i > 0; --i) {
      Node part = ind.at(i - 1);
      if (part.kind() == "String") {
        out = std::string(part.sval());
        return 2;
      }
    }
    return figure(n["arg"], out);
  }
  if (kind == "FuncCall") {
    NodeList names = n.list("funcname");
    if (names.empty()) return 0;
    out = std::string(names.at(names.size() - 1).sval());
    return 2;
  }
  if (kind == "A_Expr") {
    if (n.str("kind") == "AEXPR_NULLIF") {
      out = "nullif";
      return 2;
    }
    return 0;
  }
  if (kind == "TypeCast") {
    int s = figure(n["arg"], out);
    if (s <= 1) {
      NodeList names = n["typeName"].list("names");
      if (names.empty()) return s;
      out = std::string(names.at(names.size() - 1).sval());
      return 1;
    }
    return s;
  }
  if (kind == "CollateClause") return figure(n["arg"], out);
  if (kind == "CaseExpr") {
    int s = figure(n["defresult"], out);
    if (s <= 1) {
      out = "case";
      return 1;
    }
    return s;
  }
  if (kind == "A_ArrayExpr") {
    out = "array";
    return 2;
  }
  if (kind == "RowExpr") {
    out = "row";
    return 2;
  }
  if (kind == "CoalesceExpr") {
    out = "coalesce";
    return 2;
  }
  if (kind == "MinMaxExpr") {
    out = n.str("op") == "IS_GREATEST" ? "greatest" : "least";
    return 2;
  }
  if (kind == "SQLValueFunction") {
    static const std::pair<std::string_view, std::string_view> names[] = {
        {"SVFOP_CURRENT_DATE", "current_date"},
        {"SVFOP_CURRENT_TIME", "current_time"},
        {"SVFOP_CURRENT_TIME_N", "current_time"},
        {"SVFOP_CURRENT_TIMESTAMP", "current_timestamp"},
        {"SVFOP_CURRENT_TIMESTAMP_N", "current_timestamp"},
        {"SVFOP_LOCALTIME", "localtime"},
        {"SVFOP_LOCALTIME_N", "localtime"},
        {"SVFOP_LOCALTIMESTAMP", "localtimestamp"},
        {"SVFOP_LOCALTIMESTAMP_N", "localtimestamp"},
        {"SVFOP_CURRENT_ROLE", "current_role"},
        {"SVFOP_CURRENT_USER", "current_user"},
        {"SVFOP_USER", "user"},
        {"SVFOP_SESSION_USER", "session_user"},
        {"SVFOP_CURRENT_CATALOG", "current_catalog"},
        {"SVFOP_CURRENT_SCHEMA", "current_schema"},
    };
    for (const auto& [op, name] : names) {
      if (n.str("op") == op) {
        out = std::string(name);
        return 2;
      }
    }
    return 0;
  }
  if (kind == "SubLink") {
    std::string_view t = n.str("subLinkType");
    if (t == "EXISTS_SUBLINK") {
      out = "exists";
      return 2;
    }
    if (t == "ARRAY_SUBLINK") {
      out = "array";
      return 2;
    }
    if (t == "EXPR_SUBLINK") {
      Node sel = n["subselect"].body();
      NodeList targets = sel.list("targetList");
      if (targets.empty()) return 0;
      Node rt = targets.at(0).body();
      if (!rt.str("name").empty()) {
        out = std::string(rt.str("name"));
        return 2;
      }
      return figure(rt["val"], out);
    }
    return 0;
  }
  return 0;
}
}  // namespace

std::string figure_colname(Node expr) {
  std::string out;
  figure(expr, out);
  return out;
}

}  // namespace migsim
