// QueryScope: column references and sequence names given to functions.

#include "planner/exec/query_scope.h"

#include <algorithm>

#include "planner/engine/exec_context.h"
#include "planner/exec/query_scope_detail.h"

namespace migsim {

using namespace query_detail;  // NOLINT: internal helpers of this component

bool QueryScope::check_function_call(Node call, StatementResult& error) {
  // Sequence functions take a regclass: a literal name is looked up when the
  // query is planned. Other functions are not checked.
  NodeList fn = call.list("funcname");
  std::string_view name = last_name(fn);
  if (fn.size() > 2 || (fn.size() == 2 && fn.at(0).sval() != "pg_catalog")) return true;
  if (name != "nextval" && name != "currval" && name != "setval") return true;
  NodeList args = call.list("args");
  if (args.empty() || args.at(0).kind() != "A_Const" || !args.at(0).body()["sval"]) return true;
  std::string lit(args.at(0).body()["sval"].str("sval"));
  // regclass input: dotted, folded unless quoted.
  std::vector<std::string> parts{""};
  bool quoted = false;
  for (size_t i = 0; i < lit.size(); ++i) {
    char c = lit[i];
    if (c == '"') {
      if (quoted && i + 1 < lit.size() && lit[i + 1] == '"') {
        parts.back().push_back('"');
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back().push_back(quoted || c < 'A' || c > 'Z' ? c : static_cast<char>(c - 'A' + 'a'));
    }
  }
  if (parts.size() > 2) {
    error = ExecContext::unknown("a sequence name with a database part is not modelled");
    return false;
  }
  std::string schema = parts.size() == 2 ? parts[0] : std::string();
  const Relation* rel = catalog_.lookup_relation(schema, parts.back());
  if (!rel) {
    if (schema.empty() && parts.back().rfind("pg_", 0) == 0) return true;
    error = ExecContext::fails("42P01", "relation \"" + lit + "\" does not exist");
    return false;
  }
  if (rel->kind != RelKind::kSequence) {
    error = ExecContext::fails("42809", "\"" + rel->name + "\" is not a sequence");
    return false;
  }
  if (name == "currval") {
    error = ExecContext::unknown("currval() depends on what the session did before");
    return false;
  }
  record_read(rel->schema, rel->name, {});
  return true;
}

bool QueryScope::resolve_qualified(std::string_view schema, std::string_view table,
                                   std::string_view column, bool star, StatementResult& error) {
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l) {
    for (const auto& e : l->entries) {
      if (e.qualified_hidden || e.out_of_scope || e.refname != table) continue;
      if (!schema.empty() && (e.has_alias || e.schema != schema)) continue;
      if (star) {
        record_entry_read(e, {});
        return true;
      }
      if (contains(e.ambiguous, column)) {
        error = ExecContext::fails("42702",
                                   "column reference \"" + std::string(column) + "\" is ambiguous");
        return false;
      }
      if (contains(e.columns, column)) {
        record_entry_read(e, column);
        return true;
      }
      if (e.opaque) {
        error = ExecContext::unknown("the columns of \"" + e.refname + "\" are not known");
        return false;
      }
      error = ExecContext::fails(
          "42703", "column " + std::string(table) + "." + std::string(column) + " does not exist");
      return false;
    }
  }
  // A table hidden by a join alias is there, but cannot be named.
  bool hidden = false;
  for (const auto& l : levels_)
    for (const auto& e : l.entries)
      if ((e.qualified_hidden || e.out_of_scope) && e.refname == table) hidden = true;
  error = ExecContext::fails("42P01", std::string(hidden ? "invalid reference to" : "missing") +
                                          " FROM-clause entry for table \"" + std::string(table) +
                                          "\"");
  return false;
}

bool QueryScope::check_column_ref(Node ref, StatementResult& error) {
  std::vector<std::string> names;
  bool star = false;
  for (Node f : ref.list("fields")) {
    if (f.kind() == "A_Star")
      star = true;
    else
      names.emplace_back(f.sval());
  }
  if (star && names.empty()) {
    const Level& level = levels_.back();
    for (const auto& e : level.entries)
      if (!e.qualified_only) record_entry_read(e, {});
    return true;
  }
  if (names.size() == 1 && star) return resolve_qualified({}, names[0], {}, true, error);
  if (names.size() == 2 && !star) return resolve_qualified({}, names[0], names[1], false, error);
  if (names.size() == 2 && star) return resolve_qualified(names[0], names[1], {}, true, error);
  if (names.size() == 3 && !star)
    return resolve_qualified(names[0], names[1], names[2], false, error);
  if (names.size() != 1) {
    error = ExecContext::unknown("column references with a database part are not modelled");
    return false;
  }
  const std::string& name = names[0];
  bool maybe = false;
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l) {
    if (contains(l->merged, name)) return true;
    const RangeEntry* match = nullptr;
    int count = 0;
    for (const auto& e : l->entries) {
      if (e.qualified_only || e.out_of_scope) continue;
      if (contains(e.columns, name)) {
        ++count;
        match = &e;
      } else if (e.opaque) {
        maybe = true;
      }
    }
    if (count > 1) {
      error = ExecContext::fails("42702", "column reference \"" + name + "\" is ambiguous");
      return false;
    }
    if (count == 1) {
      record_entry_read(*match, name);
      return true;
    }
    if (l == levels_.rbegin() && allow_output_names_ && contains(l->output_names, name))
      return true;
  }
  // A whole-row reference to a FROM item.
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l)
    for (const auto& e : l->entries)
      if (!e.qualified_hidden && !e.out_of_scope && e.refname == name) {
        record_entry_read(e, {});
        return true;
      }
  if (maybe) {
    error = ExecContext::unknown("column \"" + name +
                                 "\" may come from a FROM item whose columns are not known");
    return false;
  }
  error = ExecContext::fails("42703", "column \"" + name + "\" does not exist");
  return false;
}

}  // namespace migsim
