#include "parser/identifiers.h"

#include <algorithm>
#include <iterator>

namespace migsim {

namespace {

// PostgreSQL 15 keywords that are not UNRESERVED_KEYWORD (reserved,
// type/function-name and column-name keywords), sorted.
constexpr std::string_view kQuotedKeywords[] = {"all",
                                                "analyse",
                                                "analyze",
                                                "and",
                                                "any",
                                                "array",
                                                "as",
                                                "asc",
                                                "asymmetric",
                                                "authorization",
                                                "between",
                                                "bigint",
                                                "binary",
                                                "bit",
                                                "boolean",
                                                "both",
                                                "case",
                                                "cast",
                                                "char",
                                                "character",
                                                "check",
                                                "coalesce",
                                                "collate",
                                                "collation",
                                                "column",
                                                "concurrently",
                                                "constraint",
                                                "create",
                                                "cross",
                                                "current_catalog",
                                                "current_date",
                                                "current_role",
                                                "current_schema",
                                                "current_time",
                                                "current_timestamp",
                                                "current_user",
                                                "dec",
                                                "decimal",
                                                "default",
                                                "deferrable",
                                                "desc",
                                                "distinct",
                                                "do",
                                                "else",
                                                "end",
                                                "except",
                                                "exists",
                                                "extract",
                                                "false",
                                                "fetch",
                                                "float",
                                                "for",
                                                "foreign",
                                                "freeze",
                                                "from",
                                                "full",
                                                "grant",
                                                "greatest",
                                                "group",
                                                "grouping",
                                                "having",
                                                "ilike",
                                                "in",
                                                "initially",
                                                "inner",
                                                "inout",
                                                "int",
                                                "integer",
                                                "intersect",
                                                "interval",
                                                "into",
                                                "is",
                                                "isnull",
                                                "join",
                                                "json_array",
                                                "json_arrayagg",
                                                "json_exists",
                                                "json_object",
                                                "json_objectagg",
                                                "lateral",
                                                "leading",
                                                "least",
                                                "left",
                                                "like",
                                                "limit",
                                                "localtime",
                                                "localtimestamp",
                                                "national",
                                                "natural",
                                                "nchar",
                                                "none",
                                                "normalize",
                                                "not",
                                                "notnull",
                                                "null",
                                                "nullif",
                                                "numeric",
                                                "offset",
                                                "on",
                                                "only",
                                                "or",
                                                "order",
                                                "out",
                                                "outer",
                                                "overlaps",
                                                "overlay",
                                                "placing",
                                                "position",
                                                "precision",
                                                "primary",
                                                "real",
                                                "references",
                                                "returning",
                                                "right",
                                                "row",
                                                "select",
                                                "session_user",
                                                "setof",
                                                "similar",
                                                "smallint",
                                                "some",
                                                "substring",
                                                "symmetric",
                                                "system_user",
                                                "table",
                                                "tablesample",
                                                "then",
                                                "time",
                                                "timestamp",
                                                "to",
                                                "trailing",
                                                "treat",
                                                "trim",
                                                "true",
                                                "union",
                                                "unique",
                                                "user",
                                                "using",
                                                "values",
                                                "varchar",
                                                "variadic",
                                                "verbose",
                                                "when",
                                                "where",
                                                "window",
                                                "with",
                                                "xmlattributes",
                                                "xmlconcat",
                                                "xmlelement",
                                                "xmlexists",
                                                "xmlforest",
                                                "xmlnamespaces",
                                                "xmlparse",
                                                "xmlpi",
                                                "xmlroot",
                                                "xmlserialize",
                                                "xmltable"};

static_assert(std::is_sorted(std::begin(kQuotedKeywords), std::end(kQuotedKeywords)));

bool needs_quote_as_keyword(std::string_view name) {
  return std::binary_search(std::begin(kQuotedKeywords), std::end(kQuotedKeywords), name);
}

}  // namespace

std::string quote_ident(std::string_view name) {
  bool safe = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      safe = false;
      break;
    }
  }
  if (safe && !needs_quote_as_keyword(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string quote_qualified(std::string_view schema, std::string_view name) {
  std::string out = quote_ident(schema);
  out.push_back('.');
  out += quote_ident(name);
  return out;
}

std::string quote_literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string fold_identifier(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace migsim
