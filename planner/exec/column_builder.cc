#include "planner/exec/column_builder.h"

#include "planner/catalog/names.h"
#include "planner/exec/column_cast.h"
#include "planner/exec/common.h"
#include "planner/exec/name_chooser.h"
#include "planner/exec/sequence_options.h"
#include "planner/exec/type_resolver.h"
#include "planner/expr/default_render.h"
#include "planner/expr/deparse.h"

namespace migsim {

bool build_column(const Catalog& catalog, const std::string& table, Node def, ColumnBuild& out,
                  StatementResult& error) {
  out.column.name = std::string(def.str("colname"));
  Node type_name = def["typeName"];
  std::string_view serial = serial_base_type(type_name);
  if (!serial.empty()) {
    out.serial = true;
    out.column.type = std::string(serial);
    out.column.not_null = true;
  } else if (!resolve_type(catalog, type_name, out.column, error)) {
    return false;
  }
  if (Node coll = def["collClause"]) {
    for (Node part : coll.list("collname"))
      out.column.extras.mut().collation = std::string(part.sval());
  }
  bool saw_null = false, saw_not_null = false, saw_default = false;
  auto clause_error = [&](const std::string& what) {
    error = ExecContext::fails(
        "42601", what + " for column \"" + out.column.name + "\" of table \"" + table + "\"");
    return false;
  };
  for (Node c : def.list("constraints")) {
    Node con = c.body();
    std::string_view type = con.str("contype");
    if (type == "CONSTR_NOTNULL") {
      if (saw_null) {
        return clause_error("conflicting NULL/NOT NULL declarations");
      }
      saw_not_null = true;
      out.column.not_null = true;
    } else if (type == "CONSTR_NULL") {
      if (saw_not_null) {
        return clause_error("conflicting NULL/NOT NULL declarations");
      }
      saw_null = true;
    } else if (type == "CONSTR_DEFAULT") {
      if (saw_default) {
        return clause_error("multiple default values specified");
      }
      saw_default = true;
      // A user type prints qualified only when search_path does not show its schema.
      out.column.default_expr = render_default(con["raw_expr"], type_for_cast(catalog, out.column));
      // A NULL constant is no default at all (AddRelationNewConstraints stores none).
      Node raw = con["raw_expr"];
      Node bare = raw.kind() == "TypeCast" ? raw.body()["arg"] : raw;
      if (bare && bare.kind() == "A_Const" && bare.body().flag("isnull"))
        out.column.default_expr.clear();
    } else if (type == "CONSTR_IDENTITY") {
      std::string_view when = con.str("generated_when");
      out.column.identity = when.empty() ? 'a' : when[0];
      out.column.not_null = true;
      out.identity = con;
    } else if (type == "CONSTR_GENERATED") {
      out.column.extras.mut().generated = deparse_expr(con["raw_expr"]);
    } else if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE" || type == "CONSTR_CHECK" ||
               type == "CONSTR_FOREIGN" || type == "CONSTR_EXCLUSION") {
      out.constraints.push_back({con, {out.column.name}, {}});
    } else if (type == "CONSTR_ATTR_DEFERRABLE" || type == "CONSTR_ATTR_NOT_DEFERRABLE" ||
               type == "CONSTR_ATTR_DEFERRED" || type == "CONSTR_ATTR_IMMEDIATE") {
      // Applies to the constraint before it; the parser already folded it in.
    } else {
      error = ExecContext::unknown("column constraint " + std::string(type) + " is not modelled");
      return false;
    }
  }
  if (out.serial && saw_default) {
    return clause_error("multiple default values specified");
  }
  return true;
}

bool create_column_sequence(Catalog& catalog, const Statement& stmt, const std::string& schema,
                            const std::string& table, ColumnBuild& build,
                            std::vector<std::string>& taken_names, StatementResult& error) {
  if (!build.serial && !build.column.identity) return true;
  Relation seq;
  seq.schema = schema;
  seq.kind = RelKind::kSequence;
  // ALTER TABLE makes the sequence for the table's owner (transformColumnDefinition).
  const Relation* existing = catalog.relation(schema, table);
  seq.owner = existing ? existing->owner : catalog.current_user();
  seq.sequence.mut().type = build.column.type;
  if (build.column.type == "integer") seq.sequence.mut().max = 2147483647;
  if (build.column.type == "smallint") seq.sequence.mut().max = 32767;
  NodeList options = build.identity ? build.identity.list("options") : NodeList();
  for (Node o : options) {
    Node d = o.body();
    if (d.str("defname") != "sequence_name") continue;
    Target name = names_to_target(d["arg"].body().list("items"));
    if (!name.schema.empty() && name.schema != schema)
      error = ExecContext::unknown("an identity sequence in another schema is not modelled");
    else if (catalog.relation(schema, name.name))
      error = ExecContext::fails("42P07", "relation \"" + name.name + "\" already exists");
    else
      seq.name = name.name;
    if (seq.name.empty()) return false;
  }
  if (!options.empty()) {
    Node owned_by;
    if (!apply_sequence_options(catalog, stmt, options, true, seq.sequence.mut(), owned_by, error,
                                true))
      return false;
  }
  if (seq.name.empty())
    seq.name = choose_relation_name(catalog, schema, table, build.column.name, "seq", taken_names);
  taken_names.push_back(seq.name);
  seq.sequence.mut().owned_by_table = table;
  seq.sequence.mut().owned_by_column = build.column.name;
  seq.sequence.mut().identity = build.column.identity != 0;
  if (build.serial) {
    std::string seq_ref =
        catalog.schema_visible(schema) ? quote_ident(seq.name) : quote_qualified(schema, seq.name);
    build.column.default_expr = "nextval('" + seq_ref + "'::regclass)";
  }
  catalog.put_relation(std::move(seq));
  return true;
}

}  // namespace migsim
