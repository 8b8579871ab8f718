// COMMENT ON object IS 'text' | NULL
//
// An empty string removes the comment, like NULL. Setting the comment an
// object already has changes nothing.

#include "planner/exec/common.h"
#include "planner/exec/routine_lookup.h"
#include "planner/exec/type_lookup.h"

namespace migsim {
namespace {

StatementResult set(std::string& field, const std::string& value, std::string touched) {
  if (field == value) return ExecContext::no_op("the object already has this comment");
  field = value;
  StatementResult r;
  r.touched.push_back(std::move(touched));
  return r;
}

/// Splits a name list into relation schema/name and the trailing `extra` parts.
struct RelPath {
  std::string schema, name, last;
};
RelPath rel_path(NodeList items, bool with_last) {
  std::vector<std::string> parts;
  for (Node i : items) parts.emplace_back(i.sval());
  RelPath p;
  if (with_last && !parts.empty()) {
    p.last = parts.back();
    parts.pop_back();
  }
  if (!parts.empty()) p.name = parts.back();
  if (parts.size() >= 2) p.schema = parts[parts.size() - 2];
  return p;
}

bool find_rel(ExecContext& ctx, const RelPath& p, std::string& schema, const Relation*& rel,
              StatementResult& error) {
  if (!p.schema.empty() && !ctx.catalog.schemas.find(p.schema)) {
    error = ExecContext::fails("3F000", "schema \"" + p.schema + "\" does not exist");
    return false;
  }
  if (!ctx.catalog.lookup_relation(p.schema, p.name, &schema)) {
    std::string shown = p.schema.empty() ? p.name : p.schema + "." + p.name;
    error = ExecContext::fails("42P01", "relation \"" + shown + "\" does not exist");
    return false;
  }
  rel = ctx.catalog.relation(schema, p.name);
  return true;
}

/// The relation of `p` (found by find_rel in `schema`) to change in place;
/// `undo` is journaled instead of a copy of it (ObjectMap::find_mut_undo).
template <class Undo>
Relation& changed_rel(ExecContext& ctx, const RelPath& p, const std::string& schema, Undo undo) {
  return *ctx.catalog.relations.find_mut_undo(Catalog::key(schema, p.name), std::move(undo));
}

StatementResult comment(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string objtype(n.str("objtype"));
  std::string text(n.str("comment"));
  Node obj = n["object"];
  StatementResult error;
  std::string schema;
  const Relation* rel = nullptr;
  if (objtype == "OBJECT_TABLE" || objtype == "OBJECT_VIEW" || objtype == "OBJECT_INDEX" ||
      objtype == "OBJECT_SEQUENCE" || objtype == "OBJECT_MATVIEW" ||
      objtype == "OBJECT_FOREIGN_TABLE") {
    RelPath p = rel_path(obj.body().list("items"), false);
    if (!find_rel(ctx, p, schema, rel, error)) return error;
    RelKind k = rel->kind;
    const char* want = nullptr;
    if (objtype == "OBJECT_TABLE" && !rel->is_table()) want = "a table";
    if (objtype == "OBJECT_VIEW" && k != RelKind::kView) want = "a view";
    if (objtype == "OBJECT_INDEX" && k != RelKind::kIndex && k != RelKind::kPartitionedIndex)
      want = "an index";
    if (objtype == "OBJECT_SEQUENCE" && k != RelKind::kSequence) want = "a sequence";
    if (objtype == "OBJECT_MATVIEW" && k != RelKind::kMaterializedView)
      want = "a materialized view";
    if (objtype == "OBJECT_FOREIGN_TABLE" && k != RelKind::kForeignTable) want = "a foreign table";
    if (want) {
      return ExecContext::fails("42809", "\"" + p.name + "\" is not " + std::string(want));
    }
    Relation& changed =
        changed_rel(ctx, p, schema, [old = rel->comment](Relation& r) { r.comment = old; });
    return set(changed.comment, text, touched_name(relkind_word(k), schema, p.name));
  }
  if (objtype == "OBJECT_COLUMN") {
    RelPath p = rel_path(obj.body().list("items"), true);
    if (!find_rel(ctx, p, schema, rel, error)) return error;
    const Column* c = rel->column(p.last);
    if (!c) {
      return ExecContext::fails(
          "42703", "column \"" + p.last + "\" of relation \"" + p.name + "\" does not exist");
    }
    Relation& changed =
        changed_rel(ctx, p, schema, [col = p.last, old = c->extras->comment](Relation& r) {
          r.column(col)->extras.mut().comment = old;
        });
    return set(changed.column(p.last)->extras.mut().comment, text,
               "column " + schema + "." + p.name + "." + p.last);
  }
  if (objtype == "OBJECT_TABCONSTRAINT" || objtype == "OBJECT_TRIGGER") {
    RelPath p = rel_path(obj.body().list("items"), true);
    if (!find_rel(ctx, p, schema, rel, error)) return error;
    Relation* changed = ctx.catalog.relation_mut(schema, p.name);
    bool is_con = objtype == "OBJECT_TABCONSTRAINT";
    if (is_con) {
      for (auto& c : changed->constraints)
        if (c.name == p.last) return set(c.comment, text, "constraint " + schema + "." + c.name);
    } else {
      for (auto& t : changed->triggers)
        if (t.name == p.last) return set(t.comment, text, "trigger " + schema + "." + t.name);
    }
    return ExecContext::fails("42704", std::string(is_con ? "constraint" : "trigger") + " \"" +
                                           p.last + "\" for table \"" + p.name +
                                           "\" does not exist");
  }
  if (objtype == "OBJECT_SCHEMA") {
    std::string name(obj.sval());
    Schema* s = ctx.catalog.schemas.find_mut(name);
    if (!s) return ExecContext::fails("3F000", "schema \"" + name + "\" does not exist");
    return set(s->comment, text, "schema " + name);
  }
  if (objtype == "OBJECT_EXTENSION") {
    std::string name(obj.sval());
    Extension* e = ctx.catalog.extensions.find_mut(name);
    if (!e) return ExecContext::fails("42704", "extension \"" + name + "\" does not exist");
    return set(e->comment, text, "extension " + name);
  }
  if (objtype == "OBJECT_TYPE" || objtype == "OBJECT_DOMAIN") {
    FoundType found;
    if (!find_user_type(ctx.catalog, obj.body().list("names"), found, error)) return error;
    bool domain = found.def && found.def->kind == TypeDef::Kind::kDomain;
    if (objtype == "OBJECT_DOMAIN" && !domain) {
      return ExecContext::fails(
          "42809",
          "\"" + type_display(ctx.catalog, found.schema, found.name) + "\" is not a domain");
    }
    if (!found.def) {
      // A composite type's comment is its type's; the model keeps it on the relation.
      const Relation* rel = ctx.catalog.relation(found.schema, found.name);
      if (rel && rel->kind == RelKind::kCompositeType) {
        return set(ctx.catalog.relation_mut(found.schema, found.name)->comment, text,
                   touched_name("type", found.schema, found.name));
      }
      StatementResult r;
      r.message = "the comment on the row type of a relation is not kept in the model";
      return r;
    }
    TypeDef* t = ctx.catalog.types.find_mut(Catalog::key(found.schema, found.name));
    return set(t->comment, text, touched_name("type", found.schema, found.name));
  }
  if (objtype == "OBJECT_FUNCTION" || objtype == "OBJECT_PROCEDURE" ||
      objtype == "OBJECT_ROUTINE") {
    std::string_view word = objtype == "OBJECT_PROCEDURE" ? "procedure"
                            : objtype == "OBJECT_ROUTINE" ? "routine"
                                                          : "function";
    const Function* f = find_routine(ctx.catalog, obj.body(), word, error);
    if (!f) return error;
    if ((word == "procedure") != (f->kind == 'p') && word != "routine") {
      return ExecContext::unknown("COMMENT ON " + std::string(word) + " naming a " +
                                  (f->kind == 'p' ? "procedure" : "function") + " is not modelled");
    }
    Function* m = ctx.catalog.functions.find_mut(Catalog::function_key(*f));
    return set(m->comment, text, touched_name(word, m->schema, m->signature()));
  }
  return ExecContext::unknown("COMMENT ON " + objtype.substr(7) + " is not modelled");
}

HandlerRegistrar reg("CommentStmt", comment);

}  // namespace
}  // namespace migsim
