// Each snapshot is flattened into named objects, each a list of (field, text)
// pairs; the diff compares those lists. Sub-objects (columns, constraints,
// triggers, view dependencies) are objects of their own, so a change names
// exactly what changed.

#include "planner/snapshot/diff.h"

#include <algorithm>
#include <map>
#include <utility>

#include "planner/catalog/names.h"
#include "planner/report/json_out.h"
#include "planner/snapshot/json_text.h"
#include "planner/snapshot/same_meaning.h"

namespace migsim {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Flat {
  std::string object;
  Fields fields;
};

using FlatMap = std::map<std::string, Flat>;  ///< by qualified name

std::string b(bool v) {
  return v ? "true" : "false";
}
std::string ch(char c) {
  return c ? std::string(1, c) : std::string();
}
std::string list(const std::vector<std::string>& v) {
  return v.empty() ? "" : json_string_array(v);
}

std::string relation_word(RelKind k) {
  switch (k) {
    case RelKind::kPartitionedTable:
      return "partitioned table";
    case RelKind::kPartitionedIndex:
      return "partitioned index";
    case RelKind::kCompositeType:
      return "composite type";
    default:
      return std::string(relkind_word(k));
  }
}

std::string type_word(TypeDef::Kind k) {
  switch (k) {
    case TypeDef::Kind::kEnum:
      return "enum type";
    case TypeDef::Kind::kDomain:
      return "domain";
    case TypeDef::Kind::kComposite:
      return "composite type";
    case TypeDef::Kind::kRange:
      return "range type";
    case TypeDef::Kind::kBase:
      return "base type";
  }
  return "type";
}

Fields constraint_fields(const Constraint& c) {
  return {{"kind", ch(static_cast<char>(c.kind))},
          {"columns", list(c.columns)},
          {"expression", c.expression},
          {"index", c.index},
          {"references", c.ref_table.empty() ? "" : quote_qualified(c.ref_schema, c.ref_table)},
          {"ref_columns", list(c.ref_columns)},
          {"on_delete", c.kind == Constraint::Kind::kForeignKey ? ch(c.on_delete) : ""},
          {"on_update", c.kind == Constraint::Kind::kForeignKey ? ch(c.on_update) : ""},
          {"match", c.kind == Constraint::Kind::kForeignKey ? ch(c.match) : ""},
          {"deferrable", b(c.deferrable)},
          {"deferred", b(c.deferred)},
          {"validated", b(c.validated)},
          {"no_inherit", b(c.no_inherit)},
          {"comment", c.comment}};
}

FlatMap flatten(const Catalog& cat, const Snapshot& snap, const DiffOptions& o) {
  FlatMap out;
  for (const auto& [k, s] : cat.schemas.all())
    out[quote_ident(s.name)] = {"schema",
                                {{"owner", s.owner}, {"comment", s.comment}, {"acl", list(s.acl)}}};
  for (const auto& [k, r] : cat.relations.all()) {
    std::string name = quote_qualified(r.schema, r.name);
    std::string opts;
    for (const auto& [ok, ov] : r.options) opts += (opts.empty() ? "" : ",") + ok + "=" + ov;
    Fields f = {{"kind", ch(static_cast<char>(r.kind))},
                {"owner", r.owner},
                {"unlogged", b(r.unlogged)},
                {"options", opts},
                {"acl", list(r.acl)},
                {"comment", r.comment},
                {"definition", r.definition},
                {"partition_key", r.partition_key},
                {"partition_parent", r.partition_parent},
                {"partition_bound", r.partition_bound},
                {"inherits", list(r.inherits)}};
    if (o.statistics) {
      f.push_back({"row_estimate", r.row_estimate < 0 ? "" : std::to_string(r.row_estimate)});
      f.push_back({"total_bytes", r.total_bytes < 0 ? "" : std::to_string(r.total_bytes)});
    }
    if (r.kind == RelKind::kIndex || r.kind == RelKind::kPartitionedIndex) {
      const IndexInfo& x = r.index;
      f.insert(f.end(), {{"table", x.table},
                         {"keys", list(x.keys)},
                         {"method", x.method},
                         {"predicate", x.predicate},
                         {"include", list(x.include)},
                         {"unique", b(x.unique)},
                         {"primary", b(x.primary)},
                         {"constraint", x.constraint}});
    }
    if (r.kind == RelKind::kSequence) {
      const SequenceInfo& q = r.sequence;
      f.insert(
          f.end(),
          {{"type", q.type},
           {"start", std::to_string(q.start)},
           {"increment", std::to_string(q.increment)},
           {"min", std::to_string(q.min)},
           {"max", std::to_string(q.max)},
           {"cache", std::to_string(q.cache)},
           {"cycle", b(q.cycle)},
           {"owned_by", q.owned_by_table.empty() ? "" : q.owned_by_table + "." + q.owned_by_column},
           {"identity", b(q.identity)}});
    }
    out[name] = {relation_word(r.kind), std::move(f)};
    for (const auto& c : r.columns) {
      out[name + "." + quote_ident(c.name)] = {"column",
                                               {{"type", c.type},
                                                {"not_null", b(c.not_null)},
                                                {"default", c.default_expr},
                                                {"identity", ch(c.identity)},
                                                {"generated", c.extras->generated},
                                                {"collation", c.extras->collation},
                                                {"comment", c.extras->comment}}};
    }
    for (const auto& c : r.constraints)
      out[name + " constraint " + quote_ident(c.name)] = {"constraint", constraint_fields(c)};
    for (const auto& t : r.triggers)
      out[name + " trigger " + quote_ident(t.name)] = {"trigger",
                                                       {{"function", t.function},
                                                        {"definition", t.definition},
                                                        {"enabled", b(t.enabled)},
                                                        {"comment", t.comment}}};
    for (const auto& d : r.depends) {
      // A set: its order says nothing (older snapshots listed it by name).
      std::vector<std::string> columns = d.columns;
      std::sort(columns.begin(), columns.end());
      out[name + " depends on " + quote_qualified(d.schema, d.name)] = {
          "view dependency", {{"columns", list(columns)}}};
    }
  }
  for (const auto& [k, t] : cat.types.all()) {
    std::string name = quote_qualified(t.schema, t.name);
    out[name + " (type)"] = {type_word(t.kind),
                             {{"owner", t.owner},
                              {"labels", list(t.labels)},
                              {"base_type", t.base_type},
                              {"not_null", b(t.not_null)},
                              {"default", t.default_expr},
                              {"extension", t.extension},
                              {"comment", t.comment}}};
    for (const auto& c : t.constraints)
      out[name + " (type) constraint " + quote_ident(c.name)] = {"domain constraint",
                                                                 constraint_fields(c)};
  }
  for (const auto& [k, f] : cat.functions.all()) {
    std::string name = quote_qualified(f.schema, f.name) + "(";
    for (size_t i = 0; i < f.arg_types.size(); ++i) name += (i ? ", " : "") + f.arg_types[i];
    name += ")";
    out[name] = {f.kind == 'p'   ? "procedure"
                 : f.kind == 'a' ? "aggregate"
                                 : "function",
                 {{"arguments", f.arguments},
                  {"result", f.result},
                  {"kind", ch(f.kind)},
                  {"language", f.language},
                  {"body", f.body},
                  {"volatility", f.volatility},
                  {"extension", f.extension},
                  {"owner", f.owner},
                  {"comment", f.comment}}};
  }
  for (const auto& [k, e] : cat.extensions.all())
    out["extension " + quote_ident(e.name)] = {
        "extension", {{"schema", e.schema}, {"version", e.version}, {"comment", e.comment}}};
  for (const auto& v : snap.version_tables) {
    if (!o.rows) break;
    out[quote_qualified(v.schema, v.name) + " rows"] = {"version table",
                                                        {{"kind", v.kind}, {"rows", v.rows}}};
  }
  return out;
}

/// Fields holding expressions, or lists of them, that pg_dump and the catalog
/// query may print differently; compared by meaning.
bool same_value(const std::string& object, const std::string& field, const std::string& a,
                const std::string& b) {
  if (field == "default" || field == "generated" || field == "expression" || field == "predicate")
    return same_expression(a, b);
  if (field == "definition" && (object == "view" || object == "materialized view"))
    return same_query(a, b);
  if (field == "keys" || field == "include") {
    std::vector<std::string> la, lb;
    if (!parse_json_string_array(a, la) || !parse_json_string_array(b, lb) ||
        la.size() != lb.size())
      return false;
    for (size_t i = 0; i < la.size(); ++i)
      if (!same_expression(la[i], lb[i])) return false;
    return true;
  }
  return false;
}

}  // namespace

bool rows_compared(const Snapshot& a, const Snapshot& b) {
  return a.info.source != "pg_dump" && b.info.source != "pg_dump";
}

std::vector<SnapshotChange> diff_snapshots(const Catalog& a, const Snapshot& sa, const Catalog& b,
                                           const Snapshot& sb, const DiffOptions& options) {
  // A snapshot without data (pg_dump --schema-only) does not know the version
  // tables' rows: not knowing them is no difference.
  DiffOptions o = options;
  o.rows = rows_compared(sa, sb);
  FlatMap fa = flatten(a, sa, o);
  FlatMap fb = flatten(b, sb, o);
  std::vector<SnapshotChange> out;
  auto ia = fa.begin();
  auto ib = fb.begin();
  while (ia != fa.end() || ib != fb.end()) {
    if (ib == fb.end() || (ia != fa.end() && ia->first < ib->first)) {
      out.push_back({SnapshotChange::Kind::kRemoved, ia->second.object, ia->first, {}, {}, {}});
      ++ia;
    } else if (ia == fa.end() || ib->first < ia->first) {
      out.push_back({SnapshotChange::Kind::kAdded, ib->second.object, ib->first, {}, {}, {}});
      ++ib;
    } else {
      const Flat& x = ia->second;
      const Flat& y = ib->second;
      if (x.object != y.object) {
        out.push_back(
            {SnapshotChange::Kind::kChanged, y.object, ib->first, "object", x.object, y.object});
      }
      std::map<std::string, std::string> xf(x.fields.begin(), x.fields.end());
      std::map<std::string, std::string> yf(y.fields.begin(), y.fields.end());
      for (const auto& [field, value] : yf) {
        auto it = xf.find(field);
        std::string old = it == xf.end() ? "" : it->second;
        if (old != value && !same_value(y.object, field, old, value))
          out.push_back({SnapshotChange::Kind::kChanged, y.object, ib->first, field, old, value});
      }
      for (const auto& [field, value] : xf)
        if (!yf.count(field) && !value.empty())
          out.push_back({SnapshotChange::Kind::kChanged, y.object, ib->first, field, value, ""});
      ++ia;
      ++ib;
    }
  }
  return out;
}

std::string diff_text(const std::vector<SnapshotChange>& changes) {
  if (changes.empty()) return "no differences\n";
  std::string out;
  // Multi-line values (view definitions, function bodies) print as one JSON string.
  auto shown = [](const std::string& v) {
    if (v.empty()) return std::string("(none)");
    if (v.find('\n') == std::string::npos) return v;
    std::string quoted;
    JsonOut::escape(quoted, v);
    return quoted;
  };
  for (const auto& c : changes) {
    switch (c.kind) {
      case SnapshotChange::Kind::kAdded:
        out += "+ " + c.object + " " + c.name + "\n";
        break;
      case SnapshotChange::Kind::kRemoved:
        out += "- " + c.object + " " + c.name + "\n";
        break;
      case SnapshotChange::Kind::kChanged:
        out += "~ " + c.object + " " + c.name + ": " + c.field + ": " + shown(c.from) + " -> " +
               shown(c.to) + "\n";
        break;
    }
  }
  out +=
      std::to_string(changes.size()) + (changes.size() == 1 ? " difference\n" : " differences\n");
  return out;
}

std::string diff_json(const std::vector<SnapshotChange>& changes) {
  std::string out;
  JsonOut j(out, true);
  j.begin_object().key("equal").value(changes.empty()).key("changes").begin_array();
  for (const auto& c : changes) {
    j.begin_object().key("change");
    j.value(c.kind == SnapshotChange::Kind::kAdded     ? "added"
            : c.kind == SnapshotChange::Kind::kRemoved ? "removed"
                                                       : "changed");
    j.key("object").value(c.object).key("name").value(c.name);
    if (c.kind == SnapshotChange::Kind::kChanged) {
      j.key("field").value(c.field).key("from").string_or_null(c.from);
      j.key("to").string_or_null(c.to);
    }
    j.end_object();
  }
  j.end_array().end_object();
  out.push_back('\n');
  return out;
}

}  // namespace migsim
