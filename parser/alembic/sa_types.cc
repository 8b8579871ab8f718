#include "parser/alembic/sa_types.h"

#include "parser/identifiers.h"

#include <unordered_map>

namespace migsim {

std::string sql_string_literal(std::string_view s) {
  return quote_literal(s);
}

namespace {

std::string int_arg(const PyValue& call, size_t index, std::string_view name) {
  const PyValue* v = call.arg(index, name);
  if (!v || v->kind != PyValue::Kind::kInt) return {};
  return std::to_string(v->integer);
}

/// Types whose DDL is a fixed word.
const std::unordered_map<std::string_view, std::string_view>& fixed_types() {
  static const std::unordered_map<std::string_view, std::string_view> map = {
      {"Integer", "INTEGER"},   {"INTEGER", "INTEGER"},
      {"INT", "INTEGER"},       {"BigInteger", "BIGINT"},
      {"BIGINT", "BIGINT"},     {"SmallInteger", "SMALLINT"},
      {"SMALLINT", "SMALLINT"}, {"Text", "TEXT"},
      {"TEXT", "TEXT"},         {"UnicodeText", "TEXT"},
      {"Boolean", "BOOLEAN"},   {"BOOLEAN", "BOOLEAN"},
      {"Date", "DATE"},         {"DATE", "DATE"},
      {"JSON", "JSON"},         {"JSONB", "JSONB"},
      {"UUID", "UUID"},         {"Uuid", "UUID"},
      {"LargeBinary", "BYTEA"}, {"BYTEA", "BYTEA"},
      {"INET", "INET"},         {"CIDR", "CIDR"},
      {"MACADDR", "MACADDR"},   {"TSVECTOR", "TSVECTOR"},
      {"MONEY", "MONEY"},       {"OID", "OID"},
      {"REAL", "REAL"},         {"DOUBLE_PRECISION", "DOUBLE PRECISION"},
      {"HSTORE", "HSTORE"},     {"Interval", "INTERVAL"},
      {"INTERVAL", "INTERVAL"}, {"CITEXT", "CITEXT"},
  };
  return map;
}

bool is_integer_base(std::string_view b) {
  return b == "Integer" || b == "INTEGER" || b == "INT" || b == "BigInteger" || b == "BIGINT" ||
         b == "SmallInteger" || b == "SMALLINT";
}

}  // namespace

bool render_sa_type(const PyValue& type, SqlType& out, std::string& why) {
  if (type.kind != PyValue::Kind::kCall && type.kind != PyValue::Kind::kName) {
    why = "a column type that is not a SQLAlchemy type";
    return false;
  }
  std::string base(type.short_name());
  out.base = base;
  out.integer = is_integer_base(base);
  bool call = type.kind == PyValue::Kind::kCall;
  auto fixed = fixed_types().find(base);
  if (fixed != fixed_types().end()) {
    out.sql = std::string(fixed->second);
    return true;
  }
  if (base == "String" || base == "VARCHAR" || base == "Unicode" || base == "NVARCHAR") {
    std::string n = call ? int_arg(type, 0, "length") : "";
    out.sql = n.empty() ? "VARCHAR" : "VARCHAR(" + n + ")";
    return true;
  }
  if (base == "CHAR" || base == "NCHAR") {
    std::string n = call ? int_arg(type, 0, "length") : "";
    out.sql = n.empty() ? "CHAR" : "CHAR(" + n + ")";
    return true;
  }
  if (base == "Numeric" || base == "NUMERIC" || base == "DECIMAL") {
    std::string p = call ? int_arg(type, 0, "precision") : "";
    std::string s = call ? int_arg(type, 1, "scale") : "";
    std::string word = base == "DECIMAL" ? "DECIMAL" : "NUMERIC";
    if (p.empty())
      out.sql = word;
    else if (s.empty())
      out.sql = word + "(" + p + ")";
    else
      out.sql = word + "(" + p + ", " + s + ")";
    return true;
  }
  if (base == "Float" || base == "FLOAT") {
    std::string p = call ? int_arg(type, 0, "precision") : "";
    out.sql = p.empty() ? "FLOAT" : "FLOAT(" + p + ")";
    return true;
  }
  if (base == "DateTime" || base == "TIMESTAMP" || base == "Time" || base == "TIME") {
    bool tz = call && PyValue::truthy(type.kwarg("timezone"));
    if (call && base != "DateTime" && base != "Time" && !tz && !type.items.empty())
      tz = PyValue::truthy(&type.items[0]);
    std::string word = (base == "Time" || base == "TIME") ? "TIME" : "TIMESTAMP";
    const PyValue* p = call ? type.kwarg("precision") : nullptr;
    std::string precision = p && p->kind == PyValue::Kind::kInt ? std::to_string(p->integer) : "";
    if (!precision.empty()) word += "(" + precision + ")";
    out.sql = word + (tz ? " WITH TIME ZONE" : " WITHOUT TIME ZONE");
    return true;
  }
  if (base == "ARRAY") {
    const PyValue* item = call ? type.arg(0, "item_type") : nullptr;
    if (!item) {
      why = "ARRAY without an item type";
      return false;
    }
    SqlType inner;
    if (!render_sa_type(*item, inner, why)) return false;
    out.sql = inner.sql + "[]";
    out.enums = inner.enums;
    out.integer = false;
    return true;
  }
  if (base == "Enum" || base == "ENUM") {
    EnumType e;
    if (call) {
      for (const auto& item : type.items) {
        if (item.kind != PyValue::Kind::kStr) {
          why = "an Enum whose values are not string literals (a Python enum class?)";
          return false;
        }
        e.labels.push_back(item.text);
      }
    }
    const PyValue* name = call ? type.kwarg("name") : nullptr;
    if (!name || name->kind != PyValue::Kind::kStr) {
      why = "an Enum without a name= literal";
      return false;
    }
    e.name = name->text;
    if (const PyValue* schema = type.kwarg("schema"); schema && schema->kind == PyValue::Kind::kStr)
      e.schema = schema->text;
    if (const PyValue* create = type.kwarg("create_type")) e.create = PyValue::truthy(create);
    if (base == "Enum" && e.labels.empty()) e.create = false;
    out.sql = e.schema.empty() ? e.name : e.schema + "." + e.name;
    out.enums.push_back(std::move(e));
    return true;
  }
  why = "the SQLAlchemy type " + std::string(type.text) + " is not modelled";
  return false;
}

}  // namespace migsim
