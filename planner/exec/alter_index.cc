#include "planner/exec/alter_index.h"

#include <map>

#include "planner/exec/common.h"
#include "planner/exec/relation_lookup.h"

namespace migsim {

namespace {

struct OptionSpec {
  enum Kind { kInt, kBool } kind;
  int64_t lo = 0, hi = 0;
};

/// Storage parameters each built-in access method accepts (PG 15 reloptions.c and the AMs).
const std::map<std::string, OptionSpec>* options_for(const std::string& method) {
  static const std::map<std::string, std::map<std::string, OptionSpec>> by_method = {
      {"btree",
       {{"fillfactor", {OptionSpec::kInt, 10, 100}}, {"deduplicate_items", {OptionSpec::kBool}}}},
      {"hash", {{"fillfactor", {OptionSpec::kInt, 10, 100}}}},
      {"gist", {{"fillfactor", {OptionSpec::kInt, 10, 100}}}},
      {"spgist", {{"fillfactor", {OptionSpec::kInt, 10, 100}}}},
      {"gin",
       {{"fastupdate", {OptionSpec::kBool}},
        {"gin_pending_list_limit", {OptionSpec::kInt, 64, 2147483647}}}},
      {"brin",
       {{"pages_per_range", {OptionSpec::kInt, 1, 131072}},
        {"autosummarize", {OptionSpec::kBool}}}},
  };
  auto it = by_method.find(method);
  return it == by_method.end() ? nullptr : &it->second;
}

std::string arg_text(Node arg) {
  if (!arg) return "true";
  if (arg.kind() == "Integer") return std::to_string(arg.body().integer("ival"));
  if (arg.kind() == "Float") return std::string(arg.body().str("fval"));
  if (arg.kind() == "Boolean") return arg.body().flag("boolval") ? "true" : "false";
  return std::string(arg.body().str("sval"));
}

}  // namespace

StatementResult alter_index(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Node rv = n["relation"];
  Target t;
  StatementResult error;
  const Relation* rel = find_relation(ctx, rv, t, error);
  if (!rel) {
    if (n.flag("missing_ok") && error.sqlstate == "42P01") {
      return ExecContext::skipped_with_notice("relation \"" + range_var_text(rv) +
                                              "\" does not exist, skipping");
    }
    return error;
  }
  if (rel->kind != RelKind::kIndex && rel->kind != RelKind::kPartitionedIndex) {
    return ExecContext::fails("42809", "\"" + t.name + "\" is not an index");
  }
  std::map<std::string, std::string> options = rel->options;
  for (Node c : n.list("cmds")) {
    Node cmd = c.body();
    std::string_view sub = cmd.str("subtype");
    if (sub == "AT_SetRelOptions" || sub == "AT_ResetRelOptions") {
      const auto* specs = options_for(rel->index->method);
      if (!specs) {
        return ExecContext::unknown("storage parameters of access method " + rel->index->method +
                                    " are not modelled");
      }
      for (Node o : cmd["def"].body().list("items")) {
        Node d = o.body();
        std::string name(d.str("defname"));
        if (!d.str("defnamespace").empty()) {
          return ExecContext::unknown("namespaced storage parameters are not modelled");
        }
        auto spec = specs->find(name);
        if (spec == specs->end()) {
          return ExecContext::fails("22023", "unrecognized parameter \"" + name + "\"");
        }
        if (sub == "AT_ResetRelOptions") {
          options.erase(name);
          continue;
        }
        std::string value = arg_text(d["arg"]);
        if (spec->second.kind == OptionSpec::kInt) {
          if (d["arg"].kind() != "Integer") {
            return ExecContext::fails(
                "22023", "invalid value for integer option \"" + name + "\": " + value);
          }
          int64_t v = d["arg"].body().integer("ival");
          if (v < spec->second.lo || v > spec->second.hi) {
            return ExecContext::fails(
                "22023", "value " + value + " out of bounds for option \"" + name + "\"",
                "Valid values are between \"" + std::to_string(spec->second.lo) + "\" and \"" +
                    std::to_string(spec->second.hi) + "\".");
          }
        } else if (value != "true" && value != "false" && value != "on" && value != "off") {
          return ExecContext::unknown("boolean option spelling " + value + " is not modelled");
        }
        options[name] = value;
      }
    } else if (sub == "AT_SetTableSpace") {
      if (cmd.str("name") != "pg_default") {
        return ExecContext::unknown("tablespaces are not modelled");
      }
      // Indexes live in the default tablespace in this model: nothing moves.
    } else {
      return ExecContext::unknown("ALTER INDEX " + std::string(sub) + " is not modelled");
    }
  }
  if (options == rel->options) {
    return ExecContext::no_op("the index's storage parameters do not change");
  }
  ctx.catalog.relation_mut(t.schema, t.name)->options = std::move(options);
  StatementResult r;
  r.touched.push_back(touched_name("index", t.schema, t.name));
  return r;
}

}  // namespace migsim
