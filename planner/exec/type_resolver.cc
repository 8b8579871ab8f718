#include "planner/exec/type_resolver.h"

#include <unordered_map>

#include "planner/catalog/names.h"

namespace migsim {

namespace {

struct Builtin {
  std::string_view display;
  enum Mod { kNone, kLength, kPrecisionScale, kTimePrecision } mod;
};

const std::unordered_map<std::string_view, Builtin>& builtins() {
  static const std::unordered_map<std::string_view, Builtin> map = {
      {"int2", {"smallint", Builtin::kNone}},
      {"int4", {"integer", Builtin::kNone}},
      {"int8", {"bigint", Builtin::kNone}},
      {"float4", {"real", Builtin::kNone}},
      {"float8", {"double precision", Builtin::kNone}},
      {"numeric", {"numeric", Builtin::kPrecisionScale}},
      {"bool", {"boolean", Builtin::kNone}},
      {"text", {"text", Builtin::kNone}},
      {"varchar", {"character varying", Builtin::kLength}},
      {"bpchar", {"character", Builtin::kLength}},
      {"char", {"\"char\"", Builtin::kNone}},
      {"name", {"name", Builtin::kNone}},
      {"date", {"date", Builtin::kNone}},
      {"time", {"time without time zone", Builtin::kTimePrecision}},
      {"timetz", {"time with time zone", Builtin::kTimePrecision}},
      {"timestamp", {"timestamp without time zone", Builtin::kTimePrecision}},
      {"timestamptz", {"timestamp with time zone", Builtin::kTimePrecision}},
      {"interval", {"interval", Builtin::kTimePrecision}},
      {"uuid", {"uuid", Builtin::kNone}},
      {"json", {"json", Builtin::kNone}},
      {"jsonb", {"jsonb", Builtin::kNone}},
      {"jsonpath", {"jsonpath", Builtin::kNone}},
      {"bytea", {"bytea", Builtin::kNone}},
      {"inet", {"inet", Builtin::kNone}},
      {"cidr", {"cidr", Builtin::kNone}},
      {"macaddr", {"macaddr", Builtin::kNone}},
      {"macaddr8", {"macaddr8", Builtin::kNone}},
      {"money", {"money", Builtin::kNone}},
      {"oid", {"oid", Builtin::kNone}},
      {"xml", {"xml", Builtin::kNone}},
      {"tsvector", {"tsvector", Builtin::kNone}},
      {"tsquery", {"tsquery", Builtin::kNone}},
      {"bit", {"bit", Builtin::kLength}},
      {"varbit", {"bit varying", Builtin::kLength}},
      {"point", {"point", Builtin::kNone}},
      {"line", {"line", Builtin::kNone}},
      {"lseg", {"lseg", Builtin::kNone}},
      {"box", {"box", Builtin::kNone}},
      {"path", {"path", Builtin::kNone}},
      {"polygon", {"polygon", Builtin::kNone}},
      {"circle", {"circle", Builtin::kNone}},
      {"int4range", {"int4range", Builtin::kNone}},
      {"int8range", {"int8range", Builtin::kNone}},
      {"numrange", {"numrange", Builtin::kNone}},
      {"tsrange", {"tsrange", Builtin::kNone}},
      {"tstzrange", {"tstzrange", Builtin::kNone}},
      {"daterange", {"daterange", Builtin::kNone}},
      {"regclass", {"regclass", Builtin::kNone}},
      {"regtype", {"regtype", Builtin::kNone}},
      {"regproc", {"regproc", Builtin::kNone}},
      {"xid", {"xid", Builtin::kNone}},
      {"record", {"record", Builtin::kNone}},
      {"void", {"void", Builtin::kNone}},
      {"trigger", {"trigger", Builtin::kNone}},
      {"anyelement", {"anyelement", Builtin::kNone}},
  };
  return map;
}

/// Names a user may write for a built-in type that are not its internal name.
std::string_view alias_of(std::string_view name) {
  static const std::unordered_map<std::string_view, std::string_view> aliases = {
      {"integer", "int4"},        {"int", "int4"},
      {"smallint", "int2"},       {"bigint", "int8"},
      {"real", "float4"},         {"boolean", "bool"},
      {"decimal", "numeric"},     {"character", "bpchar"},
      {"timestamp", "timestamp"}, {"double precision", "float8"},
  };
  auto it = aliases.find(name);
  return it == aliases.end() ? name : it->second;
}

}  // namespace

std::string_view builtin_type_display(std::string_view internal_name) {
  auto it = builtins().find(internal_name);
  return it == builtins().end() ? std::string_view() : it->second.display;
}

std::string_view serial_base_type(Node type_name) {
  NodeList names = type_name.list("names");
  if (names.size() != 1) return {};
  std::string_view n = names.at(0).sval();
  if (n == "smallserial" || n == "serial2") return "smallint";
  if (n == "serial" || n == "serial4") return "integer";
  if (n == "bigserial" || n == "serial8") return "bigint";
  return {};
}

bool resolve_type(const Catalog& catalog, Node type_name, Column& column, StatementResult& error) {
  NodeList names = type_name.list("names");
  std::string schema, name;
  if (names.size() == 1) {
    name = std::string(names.at(0).sval());
  } else if (names.size() == 2) {
    schema = std::string(names.at(0).sval());
    name = std::string(names.at(1).sval());
  } else if (names.size() == 3) {
    schema = std::string(names.at(1).sval());
    name = std::string(names.at(2).sval());
  }
  if (type_name.flag("pct_type")) {
    error = ExecContext::unknown("%TYPE references are not modelled");
    return false;
  }
  bool is_array = !type_name.list("arrayBounds").empty();
  std::vector<int64_t> mods;
  bool mods_ok = true;
  for (Node m : type_name.list("typmods")) {
    Node c = m.body();
    if (m.kind() == "A_Const" && c["ival"]) {
      mods.push_back(m.ival());
    } else {
      mods_ok = false;
    }
  }
  std::string display;
  // Built-in types: pg_catalog is searched first for unqualified names.
  if (schema.empty() || schema == "pg_catalog") {
    std::string internal(alias_of(name));
    if (name.size() > 1 && name[0] == '_' && builtins().count(name.substr(1))) {
      internal = name.substr(1);
      is_array = true;
    }
    auto it = builtins().find(internal);
    if (it != builtins().end()) {
      const Builtin& b = it->second;
      display = std::string(b.display);
      if (!mods_ok) {
        error = ExecContext::unknown("type modifiers of " + display + " are not modelled");
        return false;
      }
      if (internal == "interval" && !mods.empty()) {
        error = ExecContext::unknown("interval field qualifiers are not modelled");
        return false;
      }
      if (internal == "bpchar" && mods.empty() && names.size() == 2) {
        // CHAR without a length is CHAR(1).
        mods.push_back(1);
      }
      if (internal == "bit" && mods.empty() && names.size() == 2) mods.push_back(1);
      if (!mods.empty()) {
        if (b.mod == Builtin::kNone) {
          error = ExecContext::fails(
              "42601", "type modifier is not allowed for type \"" + std::string(internal) + "\"");
          return false;
        }
        std::string mod = "(" + std::to_string(mods[0]);
        if (mods.size() > 1) mod += "," + std::to_string(mods[1]);
        mod += ")";
        if (b.mod == Builtin::kTimePrecision && display.find(' ') != std::string::npos) {
          size_t sp = display.find(' ');
          display = display.substr(0, sp) + mod + display.substr(sp);
        } else {
          display += mod;
        }
      } else if (internal == "bpchar" && names.size() == 1) {
        display = "bpchar";
      }
      column.type = is_array ? display + "[]" : display;
      column.type_schema.clear();
      column.type_name.clear();
      return true;
    }
    if (schema == "pg_catalog") {
      error = ExecContext::fails("42704", "type \"" + schema + "." + name + "\" does not exist");
      return false;
    }
  }
  // A qualified name in a schema that does not exist: LookupExplicitNamespace fails first.
  if (!schema.empty() && schema != "pg_catalog" && schema != "information_schema" &&
      schema != "pg_toast" && !catalog.schemas.find(schema)) {
    error = ExecContext::fails("3F000", "schema \"" + schema + "\" does not exist");
    return false;
  }
  // User types: enums, domains, composite types, and tables' row types.
  std::string found;
  if (catalog.lookup_type(schema, name, &found)) {
  } else if (const Relation* r = catalog.lookup_relation(schema, name, &found);
             r && r->kind != RelKind::kIndex && r->kind != RelKind::kSequence) {
  } else {
    std::string shown = schema.empty() ? name : schema + "." + name;
    error = ExecContext::fails("42704", "type \"" + shown + "\" does not exist");
    return false;
  }
  column.type = quote_qualified(found, name) + (is_array ? "[]" : "");
  column.type_schema = found;
  column.type_name = name;
  return true;
}

}  // namespace migsim
