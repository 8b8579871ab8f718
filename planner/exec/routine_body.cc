#include "planner/exec/routine_body.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "parser/sql_parser.h"

namespace migsim {

namespace {

void walk(simdjson::dom::element e, std::vector<std::string>& ctes,
          std::vector<std::pair<std::string, std::string>>& rels) {
  simdjson::dom::array arr;
  if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element child : arr) walk(child, ctes, rels);
    return;
  }
  simdjson::dom::object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return;
  for (simdjson::dom::key_value_pair field : obj) {
    std::string_view text;
    simdjson::dom::object inner;
    bool bare_rangevar = field.key == "relation" &&
                         field.value.get_object().get(inner) == simdjson::SUCCESS &&
                         inner["relname"].error() == simdjson::SUCCESS;
    if (field.key == "ctename" && field.value.get_string().get(text) == simdjson::SUCCESS) {
      ctes.emplace_back(text);
    } else if (field.key == "RangeVar" || bare_rangevar) {
      // A RangeVar is wrapped where the field is a Node, bare where it is a RangeVar
      // (the target of INSERT, UPDATE, DELETE).
      Node rv(field.value);
      rels.emplace_back(std::string(rv.str("schemaname")), std::string(rv.str("relname")));
    }
    walk(field.value, ctes, rels);
  }
}

}  // namespace

bool find_missing_relation(const Catalog& catalog, Node body, std::string& missing) {
  std::vector<std::string> ctes;
  std::vector<std::pair<std::string, std::string>> rels;
  walk(body.element(), ctes, rels);
  for (const auto& [schema, name] : rels) {
    if (schema.empty() && std::find(ctes.begin(), ctes.end(), name) != ctes.end()) continue;
    if (catalog.lookup_relation(schema, name)) continue;
    // System catalogs and views are not in the model; take them as existing.
    if (schema == "pg_catalog" || schema == "information_schema") continue;
    if (schema.empty() && name.rfind("pg_", 0) == 0) continue;
    missing = schema.empty() ? name : schema + "." + name;
    return true;
  }
  return false;
}

bool check_sql_body_text(const Catalog& catalog, const std::string& body, bool& parsed,
                         std::string& missing) {
  auto source = std::make_shared<SourceFile>("<function body>", body);
  ParsedScript script;
  InputError error;
  parsed = SqlParser::parse(source, source->text(), 0, script, error);
  if (!parsed) return false;
  for (const auto& st : script.statements)
    if (find_missing_relation(catalog, st.node, missing)) return true;
  return false;
}

}  // namespace migsim
