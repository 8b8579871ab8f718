#include "planner/snapshot/dump_import.h"

#include "parser/sql_parser.h"
#include "planner/engine/engine.h"

namespace migsim {
namespace {

/// psql meta-command lines (a backslash first) blanked out, offsets kept.
std::string without_meta_commands(const std::string& text) {
  std::string out = text;
  size_t i = 0;
  while (i < out.size()) {
    size_t end = out.find('\n', i);
    if (end == std::string::npos) end = out.size();
    if (out[i] == '\\')
      for (size_t k = i; k < end; ++k) out[k] = ' ';
    i = end + 1;
  }
  return out;
}

/// The string value of a constant node (A_Const with sval), or false.
bool const_string(Node n, std::string& out) {
  Node c = n.kind() == "A_Const" ? n.body() : n;
  Node s = c["sval"];
  if (!s) return false;
  out = std::string(s.sval());
  return true;
}

/// `SELECT pg_catalog.set_config('name', 'value', false)`: sets the setting; true when handled.
bool apply_set_config(const Statement& stmt, Catalog& catalog) {
  if (stmt.kind != "SelectStmt") return false;
  auto targets = stmt.node.list("targetList");
  if (targets.size() != 1) return false;
  Node val = targets.at(0).body()["val"];
  if (!val || val.kind() != "FuncCall") return false;
  Node call = val.body();
  auto names = call.list("funcname");
  if (names.empty() || names.at(names.size() - 1).sval() != "set_config") return false;
  auto args = call.list("args");
  if (args.size() != 3) return false;
  std::string name, value;
  if (!const_string(args.at(0), name) || !const_string(args.at(1), value)) return false;
  catalog.settings.raw()[name] = value;
  return true;
}

/// pg_dump's session preamble: settings that change nothing in the catalog.
bool harmless_set(const Statement& stmt) {
  if (stmt.kind != "VariableSetStmt") return false;
  std::string name(stmt.node.str("name"));
  if (name == "search_path") return false;  // pg_dump uses set_config; leave others to the engine
  static const char* const kSession[] = {
      "statement_timeout",     "lock_timeout",       "idle_in_transaction_session_timeout",
      "transaction_timeout",   "client_encoding",    "standard_conforming_strings",
      "check_function_bodies", "xmloption",          "client_min_messages",
      "row_security",          "default_tablespace", "default_table_access_method",
      "default_with_oids"};
  for (const char* s : kSession)
    if (name == s) return true;
  return false;
}

/// Adds to `catalog.roles` every role named in `e` (OWNER TO, GRANT ... TO):
/// pg_dump names only roles that exist in the database it dumps.
void learn_roles(simdjson::dom::element e, Catalog& catalog) {
  if (e.is_array()) {
    for (auto child : simdjson::dom::array(e)) learn_roles(child, catalog);
    return;
  }
  if (!e.is_object()) return;
  // A RoleSpec, wrapped in a list ({"RoleSpec": {...}}) or not (newowner).
  Node spec(e);
  if (spec.str("roletype") == "ROLESPEC_CSTRING") {
    std::string name(spec.str("rolename"));
    if (!catalog.roles.find(name)) catalog.roles.raw()[name] = name;
    return;
  }
  for (auto field : simdjson::dom::object(e)) learn_roles(field.value, catalog);
}

}  // namespace

bool import_pg_dump(const std::string& path, const std::string& text, Catalog& catalog,
                    Snapshot& snapshot, std::vector<DumpWarning>& warnings, InputError& error) {
  auto source = std::make_shared<SourceFile>(path, without_meta_commands(text));
  ParsedScript script;
  if (!SqlParser::parse_file(source, script, error)) return false;
  // pg_dump's set_config(..., false) lasts for its session only: the database's
  // own search_path is what the snapshot keeps.
  const std::string* path_setting = catalog.settings.find("search_path");
  std::string search_path = path_setting ? *path_setting : std::string();
  for (const Statement& stmt : script.statements) learn_roles(stmt.node.element(), catalog);
  Engine engine(catalog);
  for (const Statement& stmt : script.statements) {
    if (apply_set_config(stmt, catalog) || harmless_set(stmt)) continue;
    StatementResult r = engine.execute(stmt);
    if (r.outcome == Outcome::kUnknown) {
      warnings.push_back({stmt.location.line, "not modelled, left out: " + r.message});
    } else if (r.outcome == Outcome::kFails || r.outcome == Outcome::kSkipped) {
      warnings.push_back(
          {stmt.location.line, "fails on the model (" + r.sqlstate + "): " + r.message});
    }
  }
  catalog.settings.raw()["search_path"] = search_path;
  snapshot.info.source = "pg_dump";
  snapshot.info.has_statistics = false;
  snapshot.info.taken_at = utc_now();
  return true;
}

}  // namespace migsim
