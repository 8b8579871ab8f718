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
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"integer", "int4"},        {"int", "int4"},
      {"smallint", "int2"},       {"bigint", "int8"},
      {"real", "float4"},         {"boolean", "bool"},
      {"decimal", "numeric"},     {"character", "bpchar"},
      {"timestamp", "timestamp"}, {"double precision", "float8"},
  };
  for (const auto& [alias, internal] : kAliases)
    if (name == alias) return internal;
  return name;
}

const Builtin* find_builtin(std::string_view internal_name) {
  auto it = builtins().find(internal_name);
  return it == builtins().end() ? nullptr : &it->second;
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
  // Views into the parse tree: a column's type is resolved once per column a
  // statement writes, and nothing here outlives the statement but the texts
  // copied into `column` and `error`.
  NodeList names = type_name.list("names");
  std::string_view schema, name;
  if (names.size() >= 1 && names.size() <= 3) {
    std::string_view parts[3];
    size_t n = 0;
    for (Node part : names) parts[n++] = part.sval();
    name = parts[n - 1];
    if (n >= 2) schema = parts[n - 2];
  }
  if (type_name.flag("pct_type")) {
    error = ExecContext::unknown("%TYPE references are not modelled");
    return false;
  }
  bool is_array = !type_name.list("arrayBounds").empty();
  int64_t mods[2] = {0, 0};  // the first two: no built-in type takes more
  size_t mod_count = 0;
  bool mods_ok = true;
  for (Node m : type_name.list("typmods")) {
    if (m.kind() == "A_Const" && m.body()["ival"]) {
      if (mod_count < 2) mods[mod_count] = m.ival();
      ++mod_count;
    } else {
      mods_ok = false;
    }
  }
  // Built-in types: pg_catalog is searched first for unqualified names.
  if (schema.empty() || schema == "pg_catalog") {
    std::string_view internal = alias_of(name);
    if (name.size() > 1 && name[0] == '_' && find_builtin(name.substr(1))) {
      internal = name.substr(1);
      is_array = true;
    }
    if (const Builtin* b = find_builtin(internal)) {
      if (!mods_ok) {
        error = ExecContext::unknown("type modifiers of " + std::string(b->display) +
                                     " are not modelled");
        return false;
      }
      if (internal == "interval" && mod_count > 0) {
        error = ExecContext::unknown("interval field qualifiers are not modelled");
        return false;
      }
      // CHAR and BIT without a length are CHAR(1) and BIT(1).
      if ((internal == "bpchar" || internal == "bit") && mod_count == 0 && names.size() == 2)
        mods[mod_count++] = 1;
      std::string display;
      if (mod_count > 0) {
        if (b->mod == Builtin::kNone) {
          error = ExecContext::fails(
              "42601", "type modifier is not allowed for type \"" + std::string(internal) + "\"");
          return false;
        }
        std::string mod = "(" + std::to_string(mods[0]);
        if (mod_count > 1) mod += "," + std::to_string(mods[1]);
        mod += ")";
        size_t space = b->display.find(' ');
        if (b->mod == Builtin::kTimePrecision && space != std::string_view::npos) {
          // timestamp(3) without time zone
          display.append(b->display.substr(0, space)).append(mod).append(b->display.substr(space));
        } else {
          display.append(b->display).append(mod);
        }
      } else if (internal == "bpchar" && names.size() == 1) {
        display = "bpchar";
      } else {
        display = b->display;
      }
      if (is_array) display += "[]";
      column.type = std::move(display);
      column.extras.set(&ColumnExtras::type_schema, std::string());
      column.extras.set(&ColumnExtras::type_name, std::string());
      return true;
    }
    if (schema == "pg_catalog") {
      error = ExecContext::fails(
          "42704", "type \"" + std::string(schema) + "." + std::string(name) + "\" does not exist");
      return false;
    }
  }
  // A qualified name in a schema that does not exist: LookupExplicitNamespace fails first.
  if (!schema.empty() && schema != "pg_catalog" && schema != "information_schema" &&
      schema != "pg_toast" && !catalog.schemas.find(std::string(schema))) {
    error = ExecContext::fails("3F000", "schema \"" + std::string(schema) + "\" does not exist");
    return false;
  }
  // User types: enums, domains, composite types, and tables' row types.
  std::string found;
  if (catalog.lookup_type(schema, name, &found)) {
  } else if (const Relation* r = catalog.lookup_relation(schema, name, &found);
             r && r->kind != RelKind::kIndex && r->kind != RelKind::kSequence) {
  } else {
    std::string shown =
        schema.empty() ? std::string(name) : std::string(schema) + "." + std::string(name);
    error = ExecContext::fails("42704", "type \"" + shown + "\" does not exist");
    return false;
  }
  column.type = quote_qualified(found, name) + (is_array ? "[]" : "");
  column.extras.set(&ColumnExtras::type_schema, found);
  column.extras.set(&ColumnExtras::type_name, name);
  return true;
}

}  // namespace migsim
