// DROP TABLE | VIEW | MATERIALIZED VIEW | INDEX [CONCURRENTLY] | SEQUENCE | FOREIGN TABLE
// DROP TYPE | DOMAIN | SCHEMA | EXTENSION | FUNCTION | PROCEDURE | TRIGGER ... ON
// [IF EXISTS] name [, ...] [CASCADE | RESTRICT]
// (RemoveRelations in tablecmds.c, RemoveObjects in dropcmds.c, dependency.c)

#include "planner/exec/common.h"
#include "planner/exec/dependencies.h"
#include "planner/exec/type_resolver.h"

namespace migsim {
namespace {

/// What one DROP statement collects before anything is removed.
struct DropState {
  ExecContext& ctx;
  bool missing_ok;
  std::vector<ObjectRef> targets;
  std::vector<std::string> notices;
  StatementResult error;
  size_t named = 0;  ///< objects named, a repeated one each time (PostgreSQL counts them so)

  void add(ObjectRef o) {
    ++named;
    if (std::find(targets.begin(), targets.end(), o) == targets.end())
      targets.push_back(std::move(o));
  }
  /// A missing object: a NOTICE with IF EXISTS, otherwise the error.
  bool missing(const std::string& sqlstate, const std::string& message) {
    if (missing_ok) {
      notices.push_back(message + ", skipping");
      return true;
    }
    error = ExecContext::fails(sqlstate, message);
    return false;
  }
  /// Checks that an explicitly named schema exists.
  bool schema_ok(const std::string& schema, bool& skip) {
    skip = false;
    if (schema.empty() || ctx.catalog.schemas.find(schema)) return true;
    if (schema == "pg_catalog" || schema == "information_schema") {
      error = ExecContext::unknown("objects of system schema " + schema + " are not modelled");
      return false;
    }
    skip = true;
    return missing("3F000", "schema \"" + schema + "\" does not exist");
  }
};

std::string join_names(NodeList names) {
  std::string s;
  for (Node n : names) {
    if (!s.empty()) s += '.';
    s += n.sval();
  }
  return s;
}

/// TypeNameToString(): the type as written, as PostgreSQL echoes it in NOTICEs.
std::string type_name_text(Node tn) {
  Node t = tn.body();
  std::string s = t.flag("setof") ? "SETOF " : "";
  s += join_names(t.list("names"));
  if (t.flag("pct_type")) s += "%TYPE";
  if (!t.list("arrayBounds").empty()) s += "[]";
  return s;
}

struct RelKindWords {
  const char* word;     ///< "table"
  const char* not_a;    ///< "is not a table"
  const char* hint;     ///< "Use DROP TABLE to remove a table."
  const char* missing;  ///< SQLSTATE when it does not exist
};

bool relkind_words(std::string_view remove_type, RelKindWords& out) {
  if (remove_type == "OBJECT_TABLE")
    out = {"table", "is not a table", "Use DROP TABLE to remove a table.", "42P01"};
  else if (remove_type == "OBJECT_VIEW")
    out = {"view", "is not a view", "Use DROP VIEW to remove a view.", "42P01"};
  else if (remove_type == "OBJECT_MATVIEW")
    out = {"materialized view", "is not a materialized view",
           "Use DROP MATERIALIZED VIEW to remove a materialized view.", "42P01"};
  else if (remove_type == "OBJECT_INDEX")
    out = {"index", "is not an index", "Use DROP INDEX to remove an index.", "42704"};
  else if (remove_type == "OBJECT_SEQUENCE")
    out = {"sequence", "is not a sequence", "Use DROP SEQUENCE to remove a sequence.", "42P01"};
  else if (remove_type == "OBJECT_FOREIGN_TABLE")
    out = {"foreign table", "is not a foreign table",
           "Use DROP FOREIGN TABLE to remove a foreign table.", "42704"};
  else
    return false;
  return true;
}

/// The words of the DROP that fits a relation of kind `kind`.
RelKindWords words_for(RelKind kind) {
  RelKindWords w{};
  switch (kind) {
    case RelKind::kTable:
    case RelKind::kPartitionedTable:
      relkind_words("OBJECT_TABLE", w);
      break;
    case RelKind::kView:
      relkind_words("OBJECT_VIEW", w);
      break;
    case RelKind::kMaterializedView:
      relkind_words("OBJECT_MATVIEW", w);
      break;
    case RelKind::kIndex:
    case RelKind::kPartitionedIndex:
      relkind_words("OBJECT_INDEX", w);
      break;
    case RelKind::kSequence:
      relkind_words("OBJECT_SEQUENCE", w);
      break;
    case RelKind::kForeignTable:
      relkind_words("OBJECT_FOREIGN_TABLE", w);
      break;
    case RelKind::kCompositeType:
      w = {"type", "is not a type", "Use DROP TYPE to remove a type.", "42704"};
      break;
  }
  return w;
}

bool kind_matches(std::string_view remove_type, RelKind kind) {
  RelKindWords want{}, have = words_for(kind);
  relkind_words(remove_type, want);
  return std::string_view(want.word) == have.word;
}

/// Looks up one relation name of DROP TABLE/VIEW/INDEX/...
bool lookup_relation_target(DropState& st, std::string_view remove_type, Node names) {
  RelKindWords w{};
  relkind_words(remove_type, w);
  NodeList parts = names.body().list("items");
  if (parts.size() > 2 || parts.empty()) {
    st.error = ExecContext::unknown("cross-database references are not modelled");
    return false;
  }
  Target t = names_to_target(parts);
  bool skip = false;
  if (!st.schema_ok(t.schema, skip)) return false;
  if (skip) return true;
  std::string found;
  const Relation* r = st.ctx.catalog.lookup_relation(t.schema, t.name, &found);
  if (!r) {
    if (t.schema.empty() && t.name.rfind("pg_", 0) == 0) {
      st.error = ExecContext::unknown("\"" + t.name + "\" may be a system catalog, not modelled");
      return false;
    }
    return st.missing(w.missing, std::string(w.word) + " \"" + t.name + "\" does not exist");
  }
  if (!kind_matches(remove_type, r->kind)) {
    st.error =
        ExecContext::fails("42809", "\"" + t.name + "\" " + w.not_a, {}, words_for(r->kind).hint);
    return false;
  }
  st.add(ObjectRef::relation(found, t.name));
  return true;
}

bool lookup_type_target(DropState& st, bool domain, Node type_name) {
  Node tn = type_name.body();
  if (!tn.list("arrayBounds").empty() || tn.flag("pct_type")) {
    st.error = ExecContext::unknown("DROP TYPE of an array or %TYPE is not modelled");
    return false;
  }
  NodeList parts = tn.list("names");
  Target t = names_to_target(parts);
  if (parts.size() > 2) {
    st.error = ExecContext::unknown("cross-database references are not modelled");
    return false;
  }
  if (t.schema == "pg_catalog" || (t.schema.empty() && !builtin_type_display(t.name).empty())) {
    std::string display(builtin_type_display(t.name));
    if (display.empty()) {
      st.error = ExecContext::unknown("types of pg_catalog are not modelled");
      return false;
    }
    st.error = ExecContext::fails(
        "2BP01", "cannot drop type " + display + " because it is required by the database system");
    return false;
  }
  bool skip = false;
  if (!st.schema_ok(t.schema, skip)) return false;
  if (skip) return true;
  std::string found;
  const Catalog& cat = st.ctx.catalog;
  const TypeDef* td = cat.lookup_type(t.schema, t.name, &found);
  if (td) {
    if (domain && td->kind != TypeDef::Kind::kDomain) {
      st.error = ExecContext::fails("42809", "\"" + t.name + "\" is not a domain");
      return false;
    }
    st.add(ObjectRef::type(found, t.name));
    return true;
  }
  // A relation's row type has the relation's name.
  std::string rel_schema;
  const Relation* r = cat.lookup_relation(t.schema, t.name, &rel_schema);
  if (r && r->kind != RelKind::kIndex && r->kind != RelKind::kPartitionedIndex) {
    if (domain || r->kind == RelKind::kCompositeType) {
      if (domain) {
        st.error = ExecContext::fails("42809", "\"" + t.name + "\" is not a domain");
        return false;
      }
      st.add(ObjectRef::relation(rel_schema, t.name));
      return true;
    }
    std::string owner = describe(cat, ObjectRef::relation(rel_schema, t.name));
    st.error = ExecContext::fails("2BP01",
                                  "cannot drop type " + relation_display(cat, rel_schema, t.name) +
                                      " because " + owner + " requires it",
                                  {}, "You can drop " + owner + " instead.");
    return false;
  }
  if (t.schema.empty() && t.name.rfind("pg_", 0) == 0) {
    st.error = ExecContext::unknown("\"" + t.name + "\" may be a system type, not modelled");
    return false;
  }
  return st.missing("42704", "type \"" + join_names(parts) + "\" does not exist");
}

bool lookup_schema_target(DropState& st, Node name) {
  std::string s(name.sval());
  if (s == "pg_catalog" || s == "pg_toast") {
    st.error = ExecContext::fails(
        "2BP01", "cannot drop schema " + s + " because it is required by the database system");
    return false;
  }
  if (s == "information_schema") {
    st.error = ExecContext::unknown("information_schema's contents are not modelled");
    return false;
  }
  if (!st.ctx.catalog.schemas.find(s))
    return st.missing("3F000", "schema \"" + s + "\" does not exist");
  st.add(ObjectRef::schema_of(s));
  return true;
}

bool lookup_extension_target(DropState& st, Node name) {
  std::string e(name.sval());
  if (!st.ctx.catalog.extensions.find(e)) {
    if (e == "plpgsql") {
      st.error = ExecContext::unknown("the built-in plpgsql extension is not modelled");
      return false;
    }
    return st.missing("42704", "extension \"" + e + "\" does not exist");
  }
  st.add(ObjectRef::extension(e));
  return true;
}

/// A function signature keeps no type modifiers: "character varying(3)" is
/// "character varying", "timestamp(3) without time zone" its base type.
std::string strip_typmod(const std::string& type) {
  std::string out;
  for (size_t i = 0; i < type.size(); ++i) {
    if (type[i] == '(' && i + 1 < type.size() && type[i + 1] >= '0' && type[i + 1] <= '9') {
      size_t close = type.find(')', i);
      if (close != std::string::npos) {
        i = close;
        continue;
      }
    }
    out.push_back(type[i]);
  }
  return out;
}

/// format_type_be() of a resolved argument type.
std::string arg_type_display(const Catalog& cat, const Column& c) {
  if (c.extras->type_schema.empty()) return c.type;
  std::string base = type_display(cat, c.extras->type_schema, c.extras->type_name);
  size_t br = c.type.find('[');
  return br == std::string::npos ? base : base + c.type.substr(br);
}

bool lookup_function_target(DropState& st, std::string_view remove_type, Node owa) {
  const Catalog& cat = st.ctx.catalog;
  Node o = owa.body();
  NodeList parts = o.list("objname");
  Target t = names_to_target(parts);
  if (parts.size() > 2 || t.schema == "pg_catalog") {
    st.error = ExecContext::unknown("functions of other databases or pg_catalog are not modelled");
    return false;
  }
  bool procedure = remove_type == "OBJECT_PROCEDURE";
  bool aggregate = remove_type == "OBJECT_AGGREGATE";
  const char* word = procedure                         ? "procedure"
                     : remove_type == "OBJECT_ROUTINE" ? "routine"
                     : aggregate                       ? "aggregate"
                                                       : "function";
  bool skip = false;
  if (!st.schema_ok(t.schema, skip)) return false;
  if (skip) return true;
  std::vector<std::string> schemas =
      t.schema.empty() ? cat.search_path() : std::vector<std::string>{t.schema};
  auto kind_ok = [&](const Function& f) {
    if (remove_type == "OBJECT_ROUTINE") return true;
    if (aggregate) return f.kind == 'a';
    return procedure ? f.kind == 'p' : (f.kind == 'f' || f.kind == 'w');
  };
  const char* error_word = procedure ? "procedure" : aggregate ? "aggregate" : "function";
  auto add_function = [&](const Function& f) {
    if (function_name_overloaded(cat, f) && function_used_in_expressions(cat, f)) {
      st.error = ExecContext::unknown("an expression calls a function named " + f.name +
                                      ", and which overload it calls is not tracked");
      return false;
    }
    st.add(ObjectRef::function(f));
    return true;
  };
  if (o.flag("args_unspecified")) {
    std::vector<const Function*> found;
    for (const auto& s : schemas) {
      for (const auto& [k, f] : cat.functions.all())
        if (f.schema == s && f.name == t.name && kind_ok(f)) found.push_back(&f);
      if (!found.empty()) break;
    }
    if (found.empty()) {
      if (st.missing_ok) {
        st.notices.push_back(std::string(word) + " " + join_names(parts) +
                             "() does not exist, skipping");
        return true;
      }
      st.error = ExecContext::fails("42883", std::string("could not find a ") + error_word +
                                                 " named \"" + join_names(parts) + "\"");
      return false;
    }
    if (found.size() > 1) {
      st.error = ExecContext::fails(
          "42725", std::string(error_word) + " name \"" + join_names(parts) + "\" is not unique",
          {},
          std::string("Specify the argument list to select the ") + error_word + " unambiguously.");
      return false;
    }
    return add_function(*found.front());
  }
  Function probe;
  probe.name = t.name;
  std::string shown, written;
  for (Node a : o.list("objargs")) {
    NodeList type_parts = a.body().list("names");
    if (type_parts.size() == 2) {
      std::string type_schema(type_parts.at(0).sval());
      if (type_schema != "pg_catalog") {
        if (!st.schema_ok(type_schema, skip)) return false;
        if (skip) return true;
      }
    }
    Column c;
    StatementResult err;
    if (!resolve_type(cat, a.body(), c, err)) {
      if (err.outcome == Outcome::kFails && err.sqlstate == "42704" && st.missing_ok) {
        st.notices.push_back(err.message + ", skipping");
        return true;
      }
      st.error = err;
      return false;
    }
    c.type = strip_typmod(c.type);
    probe.arg_types.push_back(c.type);
    if (!shown.empty()) shown += ", ";
    shown += arg_type_display(cat, c);
    if (!written.empty()) written += ",";
    written += type_name_text(a);
  }
  for (const auto& s : schemas) {
    probe.schema = s;
    if (const Function* f = cat.functions.find(Catalog::function_key(probe))) {
      if (!kind_ok(*f) && (aggregate || f->kind == 'a')) {
        st.error = ExecContext::unknown("DROP of an aggregate as another kind is not modelled");
        return false;
      }
      if (!kind_ok(*f)) {
        st.error = ExecContext::fails("42809", join_names(parts) + "(" + shown + ") is not a " +
                                                   (procedure ? "procedure" : "function"));
        return false;
      }
      return add_function(*f);
    }
  }
  if (st.missing_ok) {
    st.notices.push_back(std::string(word) + " " + join_names(parts) + "(" + written +
                         ") does not exist, skipping");
    return true;
  }
  st.error = ExecContext::fails("42883", std::string(error_word) + " " + join_names(parts) + "(" +
                                             shown + ") does not exist");
  return false;
}

bool lookup_trigger_target(DropState& st, Node names) {
  NodeList parts = names.body().list("items");
  if (parts.size() < 2 || parts.size() > 3) {
    st.error = ExecContext::unknown("cross-database references are not modelled");
    return false;
  }
  std::string trigger(parts.at(parts.size() - 1).sval());
  Target t;
  t.name = std::string(parts.at(parts.size() - 2).sval());
  std::string rel_text = t.name;
  if (parts.size() == 3) {
    t.schema = std::string(parts.at(0).sval());
    rel_text = t.schema + "." + t.name;
  }
  bool skip = false;
  if (!st.schema_ok(t.schema, skip)) return false;
  if (skip) return true;
  std::string found;
  const Relation* r = st.ctx.catalog.lookup_relation(t.schema, t.name, &found);
  if (!r) return st.missing("42P01", "relation \"" + rel_text + "\" does not exist");
  if (r->kind == RelKind::kIndex || r->kind == RelKind::kPartitionedIndex) {
    st.error = ExecContext::fails("42809", "\"" + t.name + "\" is an index");
    return false;
  }
  if (r->kind == RelKind::kCompositeType) {
    st.error = ExecContext::fails("42809", "\"" + t.name + "\" is a composite type");
    return false;
  }
  for (const auto& trg : r->triggers) {
    if (trg.name == trigger) {
      st.add(ObjectRef::part(ObjectRef::Kind::kTrigger, found, t.name, trigger));
      return true;
    }
  }
  if (st.missing_ok) {
    st.notices.push_back("trigger \"" + trigger + "\" for relation \"" + rel_text +
                         "\" does not exist, skipping");
    return true;
  }
  st.error = ExecContext::fails(
      "42704", "trigger \"" + trigger + "\" for table \"" + t.name + "\" does not exist");
  return false;
}

StatementResult drop(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string_view remove_type = n.str("removeType");
  bool cascade = n.str("behavior") == "DROP_CASCADE";
  NodeList objects = n.list("objects");
  DropState st{ctx, n.flag("missing_ok"), {}, {}, {}};

  if (n.flag("concurrent")) {
    if (ctx.in_transaction_block()) {
      return ExecContext::fails("25001",
                                "DROP INDEX CONCURRENTLY cannot run inside a transaction block");
    }
    if (objects.size() != 1) {
      return ExecContext::fails(
          "0A000", "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
    }
    if (cascade)
      return ExecContext::fails("0A000", "DROP INDEX CONCURRENTLY does not support CASCADE");
  }

  RelKindWords words{};
  bool relation_kind = relkind_words(remove_type, words);
  for (Node obj : objects) {
    bool ok;
    if (relation_kind) {
      ok = lookup_relation_target(st, remove_type, obj);
    } else if (remove_type == "OBJECT_TYPE" || remove_type == "OBJECT_DOMAIN") {
      ok = lookup_type_target(st, remove_type == "OBJECT_DOMAIN", obj);
    } else if (remove_type == "OBJECT_SCHEMA") {
      ok = lookup_schema_target(st, obj);
    } else if (remove_type == "OBJECT_EXTENSION") {
      ok = lookup_extension_target(st, obj);
    } else if (remove_type == "OBJECT_FUNCTION" || remove_type == "OBJECT_PROCEDURE" ||
               remove_type == "OBJECT_ROUTINE" || remove_type == "OBJECT_AGGREGATE") {
      ok = lookup_function_target(st, remove_type, obj);
    } else if (remove_type == "OBJECT_TRIGGER") {
      ok = lookup_trigger_target(st, obj);
    } else {
      return ExecContext::unknown("DROP of " + std::string(remove_type) + " is not modelled");
    }
    if (!ok) return st.error;
  }

  if (st.targets.empty()) {
    StatementResult r =
        ExecContext::no_op(st.notices.empty() ? "nothing to drop" : st.notices.front());
    r.notices = st.notices;
    return r;
  }
  DropPlan plan = plan_drop(ctx.catalog, st.targets);
  plan.target_count = std::max(plan.target_count, st.named);
  std::string error, detail, hint;
  std::vector<std::string> notices;
  if (!check_drop(ctx.catalog, plan, st.targets.front(), cascade, error, detail, hint, notices))
    return ExecContext::fails("2BP01", error, detail, hint);
  StatementResult r;
  notices.insert(notices.begin(), st.notices.begin(), st.notices.end());
  if (!notices.empty()) r.message = notices.front().substr(0, notices.front().find('\n'));
  r.notices = std::move(notices);
  r.touched = apply_drop(ctx.catalog, plan);
  return r;
}

HandlerRegistrar reg("DropStmt", drop);

}  // namespace
}  // namespace migsim
