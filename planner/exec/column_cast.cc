#include "planner/exec/column_cast.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "planner/catalog/names.h"

namespace migsim {

namespace {

/// The type name without "(...)" modifiers and without a trailing "[]".
std::string base_of(std::string_view type, bool* is_array = nullptr) {
  std::string t(type);
  bool array = t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0;
  if (array) t.resize(t.size() - 2);
  if (is_array) *is_array = array;
  std::string out;
  int depth = 0;
  for (char c : t) {
    if (c == '(') ++depth;
    if (depth == 0) out.push_back(c);
    if (c == ')') --depth;
  }
  return out;
}

enum class Family { kInteger, kNumeric, kString, kBool, kDateTime, kOther, kUnmodelled };

Family family(const std::string& base) {
  static const std::set<std::string> integers = {"smallint", "integer", "bigint"};
  static const std::set<std::string> numerics = {"real", "double precision", "numeric"};
  static const std::set<std::string> strings = {"text", "character varying", "character", "bpchar",
                                                "name"};
  static const std::set<std::string> datetimes = {"date",
                                                  "time without time zone",
                                                  "time with time zone",
                                                  "timestamp without time zone",
                                                  "timestamp with time zone",
                                                  "interval"};
  static const std::set<std::string> others = {"uuid", "json", "jsonb", "bytea"};
  if (integers.count(base)) return Family::kInteger;
  if (numerics.count(base)) return Family::kNumeric;
  if (strings.count(base)) return Family::kString;
  if (base == "boolean") return Family::kBool;
  if (datetimes.count(base)) return Family::kDateTime;
  if (others.count(base)) return Family::kOther;
  return Family::kUnmodelled;
}

/// Date/time pairs with an implicit or assignment cast in pg_cast.
bool datetime_cast(const std::string& from, const std::string& to) {
  static const std::set<std::pair<std::string, std::string>> casts = {
      {"date", "timestamp without time zone"},
      {"date", "timestamp with time zone"},
      {"timestamp without time zone", "date"},
      {"timestamp without time zone", "timestamp with time zone"},
      {"timestamp without time zone", "time without time zone"},
      {"timestamp with time zone", "date"},
      {"timestamp with time zone", "timestamp without time zone"},
      {"timestamp with time zone", "time without time zone"},
      {"timestamp with time zone", "time with time zone"},
      {"time without time zone", "time with time zone"},
      {"time without time zone", "interval"},
      {"time with time zone", "time without time zone"},
      {"interval", "time without time zone"},
  };
  return from == to || casts.count({from, to}) > 0;
}

CastRule scalar_cast(const std::string& from, const std::string& to) {
  Family f = family(from), t = family(to);
  if (t == Family::kString) return CastRule::kAssignment;  // I/O conversion to a string type
  // I/O conversion from a string type is explicit only; text to regclass is the exception.
  if (f == Family::kString) return to.rfind("reg", 0) == 0 ? CastRule::kUnknown : CastRule::kNone;
  if (f == Family::kUnmodelled || t == Family::kUnmodelled) return CastRule::kUnknown;
  if (from == to) return CastRule::kAssignment;
  bool fnum = f == Family::kInteger || f == Family::kNumeric;
  bool tnum = t == Family::kInteger || t == Family::kNumeric;
  if (fnum && tnum) return CastRule::kAssignment;
  if (f == Family::kDateTime && t == Family::kDateTime)
    return datetime_cast(from, to) ? CastRule::kAssignment : CastRule::kNone;
  if ((from == "json" && to == "jsonb") || (from == "jsonb" && to == "json"))
    return CastRule::kAssignment;
  return CastRule::kNone;
}

}  // namespace

CastRule assignment_cast(std::string_view from, std::string_view to) {
  bool from_array = false, to_array = false;
  std::string f = base_of(from, &from_array), t = base_of(to, &to_array);
  if (!to_array && family(t) == Family::kString) return CastRule::kAssignment;
  if (from_array && to_array) return scalar_cast(f, t);
  if (from_array != to_array) {
    return family(f) == Family::kUnmodelled || family(t) == Family::kUnmodelled ? CastRule::kUnknown
                                                                                : CastRule::kNone;
  }
  return scalar_cast(f, t);
}

bool same_comparison_family(std::string_view a, std::string_view b) {
  bool aa = false, ba = false;
  std::string x = base_of(a, &aa), y = base_of(b, &ba);
  if (aa != ba) return false;
  Family fx = family(x), fy = family(y);
  if (x == y) return true;
  return fx == fy && (fx == Family::kInteger || fx == Family::kString);
}

CastRule explicit_cast(std::string_view from, std::string_view to) {
  bool fa = false, ta = false;
  std::string f = base_of(from, &fa), t = base_of(to, &ta);
  if (fa || ta) return CastRule::kUnknown;
  Family ff = family(f), tf = family(t);
  if (ff == Family::kString) return CastRule::kAssignment;  // I/O conversion
  CastRule a = assignment_cast(from, to);
  if (a != CastRule::kNone) return a;
  // json and jsonb convert only from each other and from strings; jsonb
  // converts explicitly to numbers and boolean only.
  bool to_json = t == "json" || t == "jsonb", from_json = f == "json" || f == "jsonb";
  if (to_json && !from_json && ff != Family::kUnmodelled) return CastRule::kNone;
  if (f == "jsonb" && (tf == Family::kDateTime || t == "uuid" || t == "bytea"))
    return CastRule::kNone;
  auto number = [](Family x) { return x == Family::kInteger || x == Family::kNumeric; };
  if ((number(ff) && tf == Family::kDateTime) || (ff == Family::kDateTime && number(tf)))
    return CastRule::kNone;
  if ((f == "uuid") != (t == "uuid") && ff != Family::kUnmodelled && tf != Family::kUnmodelled &&
      ff != Family::kString && tf != Family::kString)
    return CastRule::kNone;
  // boolean converts explicitly to and from integer only (not smallint or bigint).
  auto not_int4 = [](Family fam, const std::string& name) {
    return fam == Family::kNumeric || fam == Family::kDateTime ||
           (fam == Family::kInteger && name != "integer");
  };
  if ((ff == Family::kBool && not_int4(tf, t)) || (tf == Family::kBool && not_int4(ff, f)))
    return CastRule::kNone;
  return CastRule::kUnknown;
}

bool literal_input_refused(std::string_view type, std::string_view text, std::string& sqlstate,
                           std::string& message) {
  bool array = false;
  std::string base = base_of(type, &array);
  if (array) return false;
  std::string s(text);
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.erase(s.begin());
  while (!s.empty() && is_space(s.back())) s.pop_back();
  std::string lower;
  for (char c : s) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  auto digits = [](const std::string& x, size_t from) {
    size_t i = from;
    while (i < x.size() && std::isdigit(static_cast<unsigned char>(x[i]))) ++i;
    return i;
  };
  bool ok = true;
  Family f = family(base);
  if (f == Family::kInteger) {
    size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    size_t end = digits(s, i);
    ok = end > i && end == s.size();
  } else if (base == "numeric" || base == "real" || base == "double precision") {
    size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    size_t end = digits(s, i);
    bool any = end > i;
    if (end < s.size() && s[end] == '.') {
      size_t frac = digits(s, end + 1);
      any = any || frac > end + 1;
      end = frac;
    }
    if (any && end < s.size() && (s[end] == 'e' || s[end] == 'E')) {
      size_t j = end + 1;
      if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
      size_t exp = digits(s, j);
      end = exp > j ? exp : s.size() + 1;
    }
    std::string word = lower.substr(i);
    ok = (any && end == s.size()) || word == "nan" || word == "infinity" || word == "inf";
  } else if (base == "boolean") {
    auto prefix_of = [&](std::string_view w, size_t min) {
      return lower.size() >= min && lower.size() <= w.size() && w.substr(0, lower.size()) == lower;
    };
    ok = lower == "1" || lower == "0" || prefix_of("true", 1) || prefix_of("false", 1) ||
         prefix_of("yes", 1) || prefix_of("no", 1) || prefix_of("on", 2) || prefix_of("off", 2);
  } else if (base == "uuid") {
    std::string hex;
    for (char c : s)
      if (c != '-' && c != '{' && c != '}') hex.push_back(c);
    ok = hex.size() == 32 && std::all_of(hex.begin(), hex.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c));
         });
  } else if (base == "date" || base == "timestamp without time zone" ||
             base == "timestamp with time zone") {
    static const std::set<std::string> words = {"epoch", "infinity", "-infinity", "now",
                                                "today", "tomorrow", "yesterday"};
    ok = std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) ||
         words.count(lower) > 0;
    if (!ok) {
      sqlstate = "22007";
      message = "invalid input syntax for type " + base + ": \"" + std::string(text) + "\"";
      return true;
    }
  }
  if (ok) return false;
  sqlstate = "22P02";
  message = "invalid input syntax for type " + base + ": \"" + std::string(text) + "\"";
  return true;
}

CastRule foreign_key_comparable(std::string_view fk, std::string_view pk) {
  bool fa = false, pa = false;
  std::string f = base_of(fk, &fa), p = base_of(pk, &pa);
  Family ff = family(f), pf = family(p);
  if (f == p && fa == pa) return CastRule::kAssignment;
  if (fa || pa || ff == Family::kUnmodelled || pf == Family::kUnmodelled) return CastRule::kUnknown;
  if (f == "json" || p == "json") return CastRule::kUnknown;
  // Operator families with cross-type equality: integer_ops, float_ops, the
  // text family (with name, and varchar binary-coercible to text, bpchar by
  // implicit casts), datetime_ops over date and the timestamps.
  static const std::set<std::string> stamps = {"date", "timestamp without time zone",
                                               "timestamp with time zone"};
  if (ff == Family::kInteger && pf == Family::kInteger) return CastRule::kAssignment;
  if (ff == Family::kString && pf == Family::kString) return CastRule::kAssignment;
  if (stamps.count(f) && stamps.count(p)) return CastRule::kAssignment;
  if (ff == Family::kDateTime && pf == Family::kDateTime) return CastRule::kUnknown;
  // Implicit casts between number types run towards numeric, then real, then double.
  auto rank = [](const std::string& t, Family fam) {
    if (fam == Family::kInteger) return 0;
    if (t == "numeric") return 1;
    if (t == "real") return 2;
    return 3;  // double precision
  };
  bool fnum = ff == Family::kInteger || ff == Family::kNumeric;
  bool pnum = pf == Family::kInteger || pf == Family::kNumeric;
  if (fnum && pnum) {
    int fr = rank(f, ff), pr = rank(p, pf);
    if (fr >= 2 && pr >= 2) return CastRule::kAssignment;  // float_ops
    return fr < pr ? CastRule::kAssignment : CastRule::kNone;
  }
  return CastRule::kNone;
}

bool has_btree_opclass(std::string_view type) {
  bool array = false;
  std::string base = base_of(type, &array);
  Family f = family(base);
  if (f == Family::kUnmodelled) return false;
  return base != "json";
}

namespace {
std::string user_type_name(const Catalog& catalog, const Column& column) {
  return catalog.schema_visible(column.extras->type_schema)
             ? quote_ident(column.extras->type_name)
             : quote_qualified(column.extras->type_schema, column.extras->type_name);
}
bool ends_with_array(const std::string& t) {
  return t.size() > 2 && t.compare(t.size() - 2, 2, "[]") == 0;
}
}  // namespace

std::string type_without_modifier(const Catalog& catalog, const Column& column) {
  bool array = ends_with_array(column.type);
  if (!column.extras->type_schema.empty())
    return user_type_name(catalog, column) + (array ? "[]" : "");
  std::string base = base_of(column.type);
  return base + (array ? "[]" : "");
}

std::string type_for_cast(const Catalog& catalog, const Column& column) {
  if (!column.extras->type_schema.empty())
    return user_type_name(catalog, column) + (ends_with_array(column.type) ? "[]" : "");
  return column.type;
}

}  // namespace migsim
