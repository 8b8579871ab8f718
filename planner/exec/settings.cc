#include "planner/exec/settings.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace migsim {

const GucInfo* find_guc(std::string_view name) {
  // Parameters that SHOW ALL and pg_settings leave out.
  static const GucInfo kHidden[] = {
      {"default_with_oids", "bool", "user", "", "", "", ""},
      {"is_superuser", "bool", "internal", "", "", "", ""},
      {"seed", "real", "user", "", "-1", "1", ""},
  };
  std::string lower = fold_identifier(name);
  for (const auto& g : guc_table())
    if (g.name == lower) return &g;
  for (const auto& g : kHidden)
    if (g.name == lower) return &g;
  return nullptr;
}

std::string local_setting_key(std::string_view name) {
  std::string k = "local\x1f";
  k += name;
  return k;
}

void end_transaction_settings(Catalog& catalog) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : catalog.settings.all())
    if (k.rfind("local\x1f", 0) == 0) keys.push_back(k);
  for (const auto& k : keys) {
    std::string name = k.substr(6);
    std::string value = *catalog.settings.find(k);
    catalog.settings.erase(k);
    if (value == "\x1f")
      catalog.settings.erase(name);
    else
      catalog.settings.put(name, value);
  }
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return fold_identifier(a) == fold_identifier(b);
}

/// PostgreSQL's parse_bool(): unique prefixes of true/false/yes/no, on/off, 1/0.
bool parse_bool(std::string_view v) {
  std::string s = fold_identifier(v);
  auto prefix_of = [&](std::string_view word) {
    return !s.empty() && s.size() <= word.size() && word.compare(0, s.size(), s) == 0;
  };
  if (s.empty()) return false;
  switch (s[0]) {
    case 't':
      return prefix_of("true");
    case 'f':
      return prefix_of("false");
    case 'y':
      return prefix_of("yes");
    case 'n':
      return prefix_of("no");
    case 'o':
      return s.size() >= 2 && (prefix_of("on") || prefix_of("off"));
    case '1':
      return s == "1";
    case '0':
      return s == "0";
  }
  return false;
}

/// Multiplier from `unit` (as written in a value) to the parameter's base unit; 0 if invalid.
double unit_factor(std::string_view unit, std::string_view base) {
  struct U {
    std::string_view name;
    double ms_or_bytes;
    bool time;
  };
  static constexpr U kUnits[] = {{"us", 0.001, true},
                                 {"ms", 1, true},
                                 {"s", 1000, true},
                                 {"min", 60000, true},
                                 {"h", 3600000, true},
                                 {"d", 86400000, true},
                                 {"B", 1, false},
                                 {"kB", 1024, false},
                                 {"MB", 1048576, false},
                                 {"GB", 1073741824.0, false},
                                 {"TB", 1099511627776.0, false}};
  double base_size = 0;
  bool base_time = false;
  std::string_view b = base;
  double mult = 1;
  if (!b.empty() && b[0] >= '0' && b[0] <= '9') {  // "8kB"
    mult = std::atof(std::string(b).c_str());
    while (!b.empty() && b[0] >= '0' && b[0] <= '9') b.remove_prefix(1);
  }
  for (const auto& u : kUnits)
    if (u.name == b) {
      base_size = u.ms_or_bytes * mult;
      base_time = u.time;
    }
  if (base_size == 0) return 0;
  for (const auto& u : kUnits)
    if (u.name == unit && u.time == base_time) return u.ms_or_bytes / base_size;
  return 0;
}

std::string format_g(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

SettingCheck check_setting_value(const GucInfo& g, std::string_view value) {
  std::string name(g.name);
  auto invalid = [&]() {
    return SettingCheck::failure(
        "22023", "invalid value for parameter \"" + name + "\": \"" + std::string(value) + "\"");
  };
  if (g.vartype == "bool") {
    if (!parse_bool(value)) {
      return SettingCheck::failure("22023", "parameter \"" + name + "\" requires a Boolean value");
    }
    std::string v = fold_identifier(value);
    bool truth = v[0] == 't' || v[0] == 'y' || v == "1" || v == "on";
    if (name == "default_with_oids" && truth)
      return SettingCheck::failure("0A000", "tables declared WITH OIDS are not supported");
    return {};
  }
  if (g.vartype == "enum") {
    std::string_view rest = g.enumvals;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      if (iequals(item, value)) return {};
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    if (parse_bool(value)) {
      return SettingCheck::unknown("whether enum parameter " + name + " accepts \"" +
                                   std::string(value) + "\" is not modelled");
    }
    return invalid();
  }
  if (g.vartype == "integer" || g.vartype == "real") {
    std::string s(value);
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str()) return invalid();
    std::string_view unit(end);
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
    if (!unit.empty()) {
      double f = unit_factor(unit, g.unit);
      if (f == 0) return invalid();
      v *= f;
    }
    if (g.vartype == "integer") {
      if (unit.empty() && s.find_first_of(".eE") != std::string::npos) {
        return SettingCheck::unknown("a fractional value for integer parameter " + name +
                                     " is not modelled");
      }
      v = std::rint(v);
    }
    double lo = std::atof(std::string(g.min).c_str());
    double hi = std::atof(std::string(g.max).c_str());
    if (v < lo || v > hi) {
      std::string shown =
          g.vartype == "integer" ? std::to_string(static_cast<long long>(v)) : format_g(v);
      std::string range = g.vartype == "integer" ? std::string(g.min) + " .. " + std::string(g.max)
                                                 : format_g(lo) + " .. " + format_g(hi);
      return SettingCheck::failure("22023", shown +
                                                (g.unit.empty() ? "" : " " + std::string(g.unit)) +
                                                " is outside the valid range for parameter \"" +
                                                name + "\" (" + range + ")");
    }
    return {};
  }
  // Strings: only those whose check PostgreSQL does not make depend on the server.
  if (name == "search_path" || name == "application_name") return {};
  if (name == "default_tablespace") {
    // Tablespaces are not modelled: only the built-in ones exist.
    if (value.empty() || value == "pg_default" || value == "pg_global") return {};
    return invalid();
  }
  if (name == "default_table_access_method" && value == "heap") return {};
  if (name == "client_encoding" && (iequals(value, "utf8") || iequals(value, "utf-8"))) return {};
  if (name == "timezone" && (iequals(value, "utc") || iequals(value, "gmt"))) return {};
  if (name == "datestyle" && (iequals(value, "iso, mdy") || iequals(value, "iso"))) return {};
  return SettingCheck::unknown("the value of parameter " + name + " is not checked");
}

SettingCheck check_setting_context(const GucInfo& g) {
  std::string name(g.name);
  if (g.context == "internal")
    return SettingCheck::failure("55P02", "parameter \"" + name + "\" cannot be changed");
  if (g.context == "postmaster") {
    return SettingCheck::failure(
        "55P02", "parameter \"" + name + "\" cannot be changed without restarting the server");
  }
  if (g.context == "sighup")
    return SettingCheck::failure("55P02", "parameter \"" + name + "\" cannot be changed now");
  if (g.context == "backend" || g.context == "superuser-backend") {
    return SettingCheck::failure("55P02",
                                 "parameter \"" + name + "\" cannot be set after connection start");
  }
  return {};
}

StatementResult apply_setting(ExecContext& ctx, const std::string& name, const std::string& value,
                              bool reset, bool local, bool from_select) {
  Catalog& cat = ctx.catalog;
  bool in_block = ctx.in_transaction_block();
  const std::string* current = cat.settings.find(name);
  std::string before = current ? *current : "\x1f";
  std::string after = reset ? (name == "search_path" ? "\"$user\", public" : "\x1f") : value;
  StatementResult r;
  bool changes_catalog = name == "search_path" && before != after && (in_block || !local);
  if (local && !in_block) {
    r = from_select ? ExecContext::data(
                          "set_config(..., true) outside a transaction block "
                          "ends with the statement")
                    : ExecContext::no_op("SET LOCAL can only be used in transaction blocks");
    if (!from_select) r.notices.mut().push_back("SET LOCAL can only be used in transaction blocks");
    return r;
  }
  if (local) {
    std::string key = local_setting_key(name);
    if (!cat.settings.find(key)) cat.settings.put(key, before);
  } else if (in_block) {
    std::string key = local_setting_key(name);
    if (cat.settings.find(key)) cat.settings.put(key, after);
  }
  if (after == "\x1f")
    cat.settings.erase(name);
  else
    cat.settings.put(name, after);
  if (changes_catalog) {
    r.message = "search_path is now " + after;
    return r;
  }
  std::string what = name == "search_path" ? "search_path is already " + after
                                           : "sets " + name + "; the catalog does not change";
  return from_select ? ExecContext::data(what) : ExecContext::no_op(what);
}

}  // namespace migsim
