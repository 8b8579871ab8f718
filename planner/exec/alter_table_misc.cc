// ALTER TABLE ... OWNER TO, SET/RESET (storage parameters), ENABLE/DISABLE
// TRIGGER, SET LOGGED/UNLOGGED.

#include <cmath>
#include <cstdlib>
#include <map>

#include "planner/exec/alter_table.h"
#include "planner/exec/roles.h"

namespace migsim {

StatementResult at_change_owner(AlterTarget& t, Node cmd) {
  std::string owner;
  StatementResult error;
  if (!resolve_role(t.ctx.catalog, cmd["newowner"], owner, error)) return error;
  if (t.get().owner == owner) return ExecContext::no_op("the table is already owned by " + owner);
  t.mut().owner = owner;
  // Indexes and owned sequences follow their table's owner.
  Catalog& catalog = t.ctx.catalog;
  std::vector<std::string> follow;
  for (const Relation* r : catalog.relations_in(t.schema)) {
    if ((r->kind == RelKind::kIndex || r->kind == RelKind::kPartitionedIndex) &&
        r->index->table == t.name)
      follow.push_back(r->name);
    if (r->kind == RelKind::kSequence && r->sequence->owned_by_table == t.name)
      follow.push_back(r->name);
  }
  for (const auto& n : follow) catalog.relation_mut(t.schema, n)->owner = owner;
  return ExecContext::applies();
}

namespace {

enum class OptType { kBool, kInt, kReal, kEnum };
struct OptSpec {
  OptType type;
  double min = 0, max = 0;
};

/// Storage parameters of a heap table (reloptions.c), with their bounds.
const std::map<std::string, OptSpec>& table_options() {
  static const std::map<std::string, OptSpec> opts = {
      {"autovacuum_enabled", {OptType::kBool}},
      {"user_catalog_table", {OptType::kBool}},
      {"vacuum_truncate", {OptType::kBool}},
      {"fillfactor", {OptType::kInt, 10, 100}},
      {"autovacuum_vacuum_threshold", {OptType::kInt, 0, 2147483647}},
      {"autovacuum_vacuum_insert_threshold", {OptType::kInt, -1, 2147483647}},
      {"autovacuum_analyze_threshold", {OptType::kInt, 0, 2147483647}},
      {"autovacuum_vacuum_cost_limit", {OptType::kInt, 1, 10000}},
      {"autovacuum_freeze_min_age", {OptType::kInt, 0, 1000000000}},
      {"autovacuum_multixact_freeze_min_age", {OptType::kInt, 0, 1000000000}},
      {"autovacuum_freeze_max_age", {OptType::kInt, 100000, 2000000000}},
      {"autovacuum_multixact_freeze_max_age", {OptType::kInt, 10000, 2000000000}},
      {"autovacuum_freeze_table_age", {OptType::kInt, 0, 2000000000}},
      {"autovacuum_multixact_freeze_table_age", {OptType::kInt, 0, 2000000000}},
      {"log_autovacuum_min_duration", {OptType::kInt, -1, 2147483647}},
      {"toast_tuple_target", {OptType::kInt, 128, 8160}},
      {"parallel_workers", {OptType::kInt, 0, 1024}},
      {"autovacuum_vacuum_cost_delay", {OptType::kReal, 0, 100}},
      {"autovacuum_vacuum_scale_factor", {OptType::kReal, 0, 100}},
      {"autovacuum_vacuum_insert_scale_factor", {OptType::kReal, 0, 100}},
      {"autovacuum_analyze_scale_factor", {OptType::kReal, 0, 100}},
      {"vacuum_index_cleanup", {OptType::kEnum}},
  };
  return opts;
}

/// The option's value as PostgreSQL stores it in reloptions.
std::string option_value(Node arg) {
  if (!arg) return "true";
  std::string_view kind = arg.kind();
  Node b = arg.body();
  if (kind == "Integer") return std::to_string(b.integer("ival"));
  if (kind == "Float") return std::string(b.str("fval"));
  if (kind == "String") return std::string(b.str("sval"));
  if (kind == "Boolean") return b.flag("boolval") ? "true" : "false";
  if (kind == "TypeName") {
    std::string out;
    for (Node n : b.list("names")) out += n.sval();
    return out;
  }
  return {};
}

bool parse_bool(std::string v) {
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* ok : {"true", "false", "on", "off", "yes", "no", "1", "0", "t", "f", "y", "n"})
    if (v == ok) return true;
  return false;
}

std::string trim_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

/// Checks a value as parse_one_reloption() does; empty when it is valid.
StatementResult check_option(const std::string& name, const OptSpec& spec,
                             const std::string& value) {
  if (spec.type == OptType::kBool) {
    if (!parse_bool(value))
      return ExecContext::fails("22023",
                                "invalid value for boolean option \"" + name + "\": " + value);
  } else if (spec.type == OptType::kInt) {
    char* end = nullptr;
    long long v = std::strtoll(value.c_str(), &end, 10);
    if (value.empty() || *end != 0)
      return ExecContext::fails("22023",
                                "invalid value for integer option \"" + name + "\": " + value);
    if (v < spec.min || v > spec.max)
      return ExecContext::fails("22023",
                                "value " + value + " out of bounds for option \"" + name + "\"",
                                "Valid values are between \"" + trim_number(spec.min) +
                                    "\" and \"" + trim_number(spec.max) + "\".");
  } else if (spec.type == OptType::kReal) {
    char* end = nullptr;
    double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != 0)
      return ExecContext::fails(
          "22023", "invalid value for floating point option \"" + name + "\": " + value);
    if (v < spec.min || v > spec.max)
      return ExecContext::unknown("the bounds message of option \"" + name + "\" is not modelled");
  } else if (value != "auto" && !parse_bool(value)) {
    return ExecContext::unknown("values of option \"" + name + "\" are not modelled");
  }
  return {};
}

}  // namespace

StatementResult at_set_options(AlterTarget& t, Node cmd, bool reset) {
  if (t.get().kind == RelKind::kPartitionedTable) {
    return ExecContext::unknown("storage parameters of partitioned tables are not modelled");
  }
  std::map<std::string, std::string> options = t.get().options;
  for (Node item : cmd["def"].body().list("items")) {
    Node d = item.body();
    std::string name(d.str("defname"));
    if (!d.str("defnamespace").empty()) {
      return ExecContext::unknown("storage parameters of the TOAST table are not modelled");
    }
    if (reset) {
      // RESET does not check names: an unknown one is simply not there.
      options.erase(name);
      continue;
    }
    auto spec = table_options().find(name);
    if (spec == table_options().end()) {
      return ExecContext::fails("22023", "unrecognized parameter \"" + name + "\"");
    }
    std::string value = option_value(d["arg"]);
    StatementResult bad = check_option(name, spec->second, value);
    if (bad.outcome != Outcome::kApplies) return bad;
    options[name] = value;
  }
  if (options == t.get().options) return ExecContext::no_op("the storage parameters are unchanged");
  t.mut().options = std::move(options);
  return ExecContext::applies();
}

StatementResult at_enable_trigger(AlterTarget& t, Node cmd, std::string_view subtype) {
  if (subtype == "AT_EnableAlwaysTrig" || subtype == "AT_EnableReplicaTrig") {
    return ExecContext::unknown("ENABLE ALWAYS/REPLICA TRIGGER is not modelled");
  }
  bool enable = subtype.substr(0, 9) == "AT_Enable";
  bool all = subtype == "AT_EnableTrigAll" || subtype == "AT_DisableTrigAll" ||
             subtype == "AT_EnableTrigUser" || subtype == "AT_DisableTrigUser";
  std::string name(cmd.str("name"));
  bool found = all, changed = false;
  for (const auto& trig : t.get().triggers) {
    if (!all && trig.name != name) continue;
    found = true;
    if (trig.enabled != enable) changed = true;
  }
  if (!found) {
    return ExecContext::fails(
        "42704", "trigger \"" + name + "\" for table \"" + t.name + "\" does not exist");
  }
  if (!changed) return ExecContext::no_op("the triggers already are in that state");
  for (auto& trig : t.mut().triggers)
    if (all || trig.name == name) trig.enabled = enable;
  return ExecContext::applies();
}

StatementResult at_set_logged(AlterTarget& t, bool logged) {
  Catalog& catalog = t.ctx.catalog;
  const Relation& table = t.get();
  if (table.unlogged != logged) {
    return ExecContext::no_op(std::string("the table already is ") +
                              (logged ? "logged" : "unlogged"));
  }
  if (table.kind == RelKind::kPartitionedTable) {
    return ExecContext::unknown("SET LOGGED/UNLOGGED on a partitioned table is not modelled");
  }
  // To logged: the tables it references must be logged. To unlogged: the
  // tables that reference it must be unlogged (self-references do not count).
  // Of several, the one met first in key order is named, the same every run.
  const Relation* offender = nullptr;
  const std::string* offender_key = nullptr;
  for (const auto& [k, r] : catalog.relations.all()) {
    if (offender && !(k < *offender_key)) continue;
    for (const auto& c : r.constraints) {
      if (c.kind != Constraint::Kind::kForeignKey) continue;
      const Relation* other = nullptr;
      if (logged && r.schema == t.schema && r.name == t.name) {
        other = catalog.relation(c.ref_schema, c.ref_table);
      } else if (!logged && c.ref_schema == t.schema && c.ref_table == t.name) {
        other = &r;
      }
      if (!other || (other->schema == t.schema && other->name == t.name)) continue;
      if (other->unlogged == logged) {
        offender = other;
        offender_key = &k;
        break;
      }
    }
  }
  if (offender) {
    return ExecContext::fails(
        "42P16", "could not change table \"" + t.name + "\" to " +
                     (logged ? "logged" : "unlogged") + " because it references " +
                     (logged ? "unlogged" : "logged") + " table \"" + offender->name + "\"");
  }
  t.mut().unlogged = !logged;
  std::vector<std::string> follow;
  for (const Relation* r : catalog.relations_in(t.schema)) {
    if ((r->kind == RelKind::kIndex && r->index->table == t.name) ||
        (r->kind == RelKind::kSequence && r->sequence->owned_by_table == t.name))
      follow.push_back(r->name);
  }
  for (const auto& n : follow) catalog.relation_mut(t.schema, n)->unlogged = !logged;
  return ExecContext::applies();
}

}  // namespace migsim
