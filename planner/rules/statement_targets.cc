#include "planner/rules/statement_targets.h"

#include <pg_query.h>

#include "parser/sql_parser.h"

namespace migsim {

std::string_view change_op_name(ObjectChange::Op op) {
  switch (op) {
    case ObjectChange::Op::kCreate:
      return "create";
    case ObjectChange::Op::kAddColumn:
      return "add column";
    case ObjectChange::Op::kAlterColumn:
      return "alter column";
    case ObjectChange::Op::kColumnType:
      return "change column type";
    case ObjectChange::Op::kDropColumn:
      return "drop column";
    case ObjectChange::Op::kDrop:
      return "drop";
    case ObjectChange::Op::kRename:
      return "rename";
    case ObjectChange::Op::kOther:
      return "alter";
  }
  return "alter";
}

namespace {

/// Functions whose value changes from row to row: a default calling one makes
/// ADD COLUMN rewrite the table.
bool volatile_expression(Node expr) {
  if (!expr) return false;
  simdjson::dom::element e = expr.element();
  if (e.is_array()) {
    for (auto child : simdjson::dom::array(e))
      if (volatile_expression(Node(child))) return true;
    return false;
  }
  if (!e.is_object()) return false;
  if (expr.kind() == "FuncCall") {
    NodeList name = expr.body().list("funcname");
    std::string_view fn = name.empty() ? std::string_view() : name.at(name.size() - 1).sval();
    if (fn == "random" || fn == "gen_random_uuid" || fn == "uuid_generate_v4" ||
        fn == "uuid_generate_v1" || fn == "clock_timestamp" || fn == "timeofday" ||
        fn == "nextval" || fn == "txid_current")
      return true;
  }
  for (auto field : simdjson::dom::object(e))
    if (volatile_expression(Node(field.value))) return true;
  return false;
}

/// The schema stays empty when the SQL does not write it: `resolve` fills it.
void add(std::vector<ObjectChange>& out, Node rv, ObjectChange c) {
  c.schema = std::string(rv.str("schemaname"));
  c.table = std::string(rv.str("relname"));
  out.push_back(std::move(c));
}

/// Unwritten schemas through `catalog`'s search_path; a created or altered
/// relation that is not found is in the creation schema, a dropped one stays unnamed.
void resolve(std::vector<ObjectChange>& changes, const Catalog& catalog) {
  for (auto& c : changes) {
    if (!c.schema.empty()) continue;
    std::string found;
    if (catalog.lookup_relation("", c.table, &found))
      c.schema = found;
    else if (c.op != ObjectChange::Op::kDrop)
      c.schema = catalog.creation_schema();
  }
}

/// SQL statements inside a DO block's body, each with whether it stands
/// behind an IF (a guard).
void collect_plpgsql_sql(Node n, bool in_if, std::vector<std::pair<std::string, bool>>& out) {
  simdjson::dom::element e = n.element();
  if (e.is_array()) {
    for (auto child : simdjson::dom::array(e)) collect_plpgsql_sql(Node(child), in_if, out);
    return;
  }
  if (!e.is_object()) return;
  if (n.kind() == "PLpgSQL_stmt_execsql") {
    out.emplace_back(std::string(n.body()["sqlstmt"].body().str("query")), in_if);
    return;
  }
  bool guard = in_if || n.kind() == "PLpgSQL_stmt_if";
  for (auto field : simdjson::dom::object(e)) collect_plpgsql_sql(Node(field.value), guard, out);
}

void changes_of(const Statement& stmt, bool guarded, std::vector<ObjectChange>& out, int depth);

void changes_of_sql(std::string_view sql, bool guarded, std::vector<ObjectChange>& out, int depth) {
  if (depth > 4) return;
  auto source = std::make_shared<SourceFile>("", std::string(sql));
  ParsedScript script;
  InputError ignored;
  if (!SqlParser::parse_file(source, script, ignored)) return;
  for (const auto& stmt : script.statements) changes_of(stmt, guarded, out, depth);
}

void changes_of(const Statement& stmt, bool guarded, std::vector<ObjectChange>& out, int depth) {
  Node n = stmt.node;
  using Op = ObjectChange::Op;
  if (stmt.kind == "AlterTableStmt") {
    bool table_guard = guarded || n.flag("missing_ok");
    for (Node cmd : n.list("cmds")) {
      Node c = cmd.body();
      std::string_view sub = c.str("subtype");
      ObjectChange ch;
      ch.guarded = table_guard || c.flag("missing_ok");
      if (sub == "AT_AddColumn") {
        ch.op = Op::kAddColumn;
        Node def = c["def"].body();
        ch.column = std::string(def.str("colname"));
        bool not_null = false, has_default = false, generated = false;
        for (Node con : def.list("constraints")) {
          std::string_view t = con.body().str("contype");
          if (t == "CONSTR_NOTNULL" || t == "CONSTR_PRIMARY") not_null = true;
          if (t == "CONSTR_DEFAULT") {
            has_default = true;
            if (volatile_expression(con.body()["raw_expr"])) ch.volatile_default = true;
          }
          if (t == "CONSTR_IDENTITY" || t == "CONSTR_GENERATED") generated = true;
        }
        NodeList names = def["typeName"].list("names");
        std::string_view type =
            names.empty() ? std::string_view() : names.at(names.size() - 1).sval();
        bool serial = type == "serial" || type == "bigserial" || type == "smallserial" ||
                      type == "serial4" || type == "serial8" || type == "serial2";
        if (serial) ch.volatile_default = true;
        ch.not_null_without_default = not_null && !has_default && !generated && !serial;
      } else if (sub == "AT_DropColumn") {
        ch.op = Op::kDropColumn;
        ch.column = std::string(c.str("name"));
      } else if (sub == "AT_AlterColumnType") {
        ch.op = Op::kColumnType;
        ch.column = std::string(c.str("name"));
        Node tn = c["def"].body()["typeName"];
        for (Node part : tn.list("names")) {
          if (part.sval() == "pg_catalog") continue;
          ch.new_type += (ch.new_type.empty() ? "" : ".") + std::string(part.sval());
        }
        std::string mods;
        for (Node m : tn.list("typmods"))
          mods += (mods.empty() ? "" : ",") + std::to_string(m.ival());
        if (!mods.empty()) ch.new_type += "(" + mods + ")";
      } else if (!c.str("name").empty() && sub.rfind("AT_", 0) == 0 &&
                 (sub.find("Default") != std::string_view::npos ||
                  sub.find("NotNull") != std::string_view::npos ||
                  sub.find("Identity") != std::string_view::npos)) {
        ch.op = Op::kAlterColumn;
        ch.column = std::string(c.str("name"));
        ch.set_not_null = sub == "AT_SetNotNull";
      } else {
        ch.op = Op::kOther;
      }
      add(out, n["relation"], ch);
    }
  } else if (stmt.kind == "CreateStmt" || stmt.kind == "CreateTableAsStmt" ||
             stmt.kind == "ViewStmt") {
    Node rv = stmt.kind == "CreateTableAsStmt" ? n["into"].body()["rel"]
              : stmt.kind == "ViewStmt"        ? n["view"]
                                               : n["relation"];
    ObjectChange ch;
    ch.op = Op::kCreate;
    ch.guarded = guarded || n.flag("if_not_exists");
    add(out, rv, ch);
  } else if (stmt.kind == "IndexStmt") {
    ObjectChange ch;
    ch.op = Op::kCreate;
    ch.index = true;
    ch.concurrently = n.flag("concurrent");
    ch.guarded = guarded || n.flag("if_not_exists");
    add(out, n["relation"], ch);
  } else if (stmt.kind == "RenameStmt" && n["relation"]) {
    ObjectChange ch;
    ch.op = Op::kRename;
    ch.column = std::string(n.str("subname"));
    ch.guarded = guarded || n.flag("missing_ok");
    add(out, n["relation"], ch);
  } else if (stmt.kind == "DropStmt") {
    std::string_view type = n.str("removeType");
    if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_INDEX" ||
        type == "OBJECT_SEQUENCE" || type == "OBJECT_MATVIEW") {
      for (Node obj : n.list("objects")) {
        NodeList parts = obj.body().list("items");
        if (obj.kind() == "List" && !parts.empty()) {
          ObjectChange ch;
          ch.op = Op::kDrop;
          ch.guarded = guarded || n.flag("missing_ok");
          ch.table = std::string(parts.at(parts.size() - 1).sval());
          if (parts.size() > 1) ch.schema = std::string(parts.at(parts.size() - 2).sval());
          out.push_back(std::move(ch));
        }
      }
    }
  } else if (stmt.kind == "DoStmt") {
    std::string body;
    for (Node arg : n.list("args")) {
      Node d = arg.body();
      if (d.str("defname") == "as") body = std::string(d["arg"].body().str("sval"));
    }
    std::string wrapped =
        "CREATE FUNCTION migsim_do() RETURNS void LANGUAGE plpgsql AS $migsim_body$" + body +
        "$migsim_body$";
    PgQueryPlpgsqlParseResult parsed = pg_query_parse_plpgsql(wrapped.c_str());
    if (!parsed.error && parsed.plpgsql_funcs) {
      simdjson::dom::parser parser;
      simdjson::dom::element root;
      if (parser.parse(std::string(parsed.plpgsql_funcs)).get(root) == simdjson::SUCCESS) {
        std::vector<std::pair<std::string, bool>> inner;
        collect_plpgsql_sql(Node(root), false, inner);
        for (const auto& [sql, behind_if] : inner)
          changes_of_sql(sql, guarded || behind_if, out, depth + 1);
      }
    }
    pg_query_free_plpgsql_parse_result(parsed);
  }
}

}  // namespace

std::vector<ObjectChange> statement_changes(std::string_view sql, const Catalog& catalog) {
  std::vector<ObjectChange> out;
  changes_of_sql(sql, false, out, 0);
  resolve(out, catalog);
  return out;
}

std::shared_ptr<const std::vector<ObjectChange>> written_changes(const Statement& stmt) {
  if (stmt.digest) return {stmt.digest, &stmt.digest->written_changes};
  auto out = std::make_shared<std::vector<ObjectChange>>();
  changes_of(stmt, false, *out, 0);
  return out;
}

std::shared_ptr<const StatementDigest> digest_statement(const Statement& stmt) {
  auto digest = std::make_shared<StatementDigest>();
  changes_of(stmt, false, digest->written_changes, 0);
  return digest;
}

std::vector<ObjectChange> statement_changes(const StatementRecord& s, const Catalog& catalog) {
  if (!s.changes) return statement_changes(s.sql, catalog);
  std::vector<ObjectChange> out = *s.changes;
  resolve(out, catalog);
  return out;
}

}  // namespace migsim
