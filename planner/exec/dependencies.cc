#include "planner/exec/dependencies.h"

#include <algorithm>
#include <tuple>

#include "planner/catalog/names.h"
#include "planner/exec/common.h"
#include "planner/exec/identifier_text.h"
#include "planner/exec/trigger_clone.h"

namespace migsim {

bool ObjectRef::operator<(const ObjectRef& o) const {
  return std::tie(kind, schema, name, sub) < std::tie(o.kind, o.schema, o.name, o.sub);
}

namespace {

using Kind = ObjectRef::Kind;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

/// Relations in name order, so plans and messages are deterministic.
std::vector<const Relation*> all_relations(const Catalog& catalog) {
  std::vector<const Relation*> out;
  for (const auto& k : catalog.relations.sorted_keys()) out.push_back(catalog.relations.find(k));
  return out;
}

std::string relation_description(const Catalog& catalog, const std::string& schema,
                                 const std::string& name) {
  const Relation* r = catalog.relation(schema, name);
  std::string word = "relation";
  if (r) word = r->kind == RelKind::kCompositeType ? "composite type" : relkind_word(r->kind);
  return word + " " + relation_display(catalog, schema, name);
}

/// A type's name as format_type_be() prints it: qualified unless visible.
}  // namespace

std::string type_display(const Catalog& catalog, const std::string& schema,
                         const std::string& name) {
  std::string found;
  if (catalog.schema_visible(schema) && catalog.lookup_type("", name, &found) && found == schema)
    return quote_ident(name);
  if (catalog.schema_visible(schema) && !catalog.lookup_type("", name) &&
      catalog.lookup_relation("", name, &found) && found == schema)
    return quote_ident(name);
  return quote_qualified(schema, name);
}

namespace {

/// An argument type in Column::type form, as format_type_be() prints it now.
std::string arg_display(const Catalog& catalog, const std::string& type) {
  size_t dot = type.find('.');
  if (dot == std::string::npos || type.front() == '"') return type;
  std::string schema = type.substr(0, dot);
  std::string rest = type.substr(dot + 1);
  std::string suffix;
  size_t br = rest.find('[');
  if (br != std::string::npos) {
    suffix = rest.substr(br);
    rest = rest.substr(0, br);
  }
  return type_display(catalog, schema, rest) + suffix;
}

/// True when a Column::type-form text names schema.name or an array of it.
bool names_type(const std::string& text, const std::string& schema, const std::string& name) {
  std::string q = quote_qualified(schema, name);
  return text == q || (text.rfind(q + "[", 0) == 0);
}

void add(std::vector<Dependent>& out, ObjectRef o, DepType t, std::string via = {}) {
  out.push_back({std::move(o), t, std::move(via)});
}

/// Foreign keys anywhere that reference schema.table, optionally only those
/// whose referenced columns include `column` or equal `key`.
void referencing_fkeys(const Catalog& catalog, const std::string& schema, const std::string& table,
                       const std::string* column, const std::vector<std::string>* key,
                       std::vector<Dependent>& out) {
  for (const Relation* r : catalog.fkey_referencers_of(schema, table)) {
    for (const auto& c : r->constraints) {
      if (c.kind != Constraint::Kind::kForeignKey || c.ref_table != table) continue;
      std::string ref_schema = c.ref_schema.empty() ? r->schema : c.ref_schema;
      if (ref_schema != schema) continue;
      if (column && !contains(c.ref_columns, *column)) continue;
      if (key && !same_set(c.ref_columns, *key)) continue;
      add(out, ObjectRef::part(Kind::kConstraint, r->schema, r->name, c.name), DepType::kNormal);
    }
  }
}

/// True when `r` is a partition or an inheritance child of `qualified` (quote_qualified).
bool inherits_from(const Relation& r, const std::string& qualified) {
  return r.partition_parent == qualified || contains(r.inherits, qualified);
}

/// Views and materialized views that read schema.name (or its column `column`).
void reading_views(const Catalog& catalog, const std::string& schema, const std::string& name,
                   const std::string* column, std::vector<Dependent>& out) {
  for (const Relation* r : catalog.readers_of(schema, name)) {
    for (const auto& d : r->depends) {
      if (d.schema != schema || d.name != name) continue;
      if (column && !contains(d.columns, *column)) continue;
      add(out, ObjectRef::relation(r->schema, r->name), DepType::kNormal);
      break;
    }
  }
}

/// Columns (of other relations) whose type is schema.name or an array of it.
void typed_columns(const Catalog& catalog, const std::string& schema, const std::string& name,
                   std::vector<Dependent>& out) {
  // Columns of the array type first: PostgreSQL reaches them through the array
  // type, which it finds before the columns of the type itself.
  for (bool arrays : {true, false}) {
    for (const Relation* r : all_relations(catalog)) {
      if (r->kind == RelKind::kIndex || r->kind == RelKind::kPartitionedIndex) continue;
      if (r->kind == RelKind::kView || r->kind == RelKind::kMaterializedView) continue;
      for (const auto& col : r->columns) {
        if (col.extras->type_schema != schema || col.extras->type_name != name) continue;
        bool array = col.type.size() > 2 && col.type.compare(col.type.size() - 2, 2, "[]") == 0;
        if (array != arrays) continue;
        std::string via = "type " + type_display(catalog, schema, name) + (array ? "[]" : "");
        add(out, ObjectRef::part(Kind::kColumn, r->schema, r->name, col.name), DepType::kNormal,
            via);
      }
    }
  }
}

/// True when a default expression calls nextval() on schema.seq.
bool default_uses_sequence(const Catalog& catalog, const std::string& expr,
                           const std::string& schema, const std::string& seq) {
  if (expr.find("nextval('") == std::string::npos) return false;
  for (const std::string& ref : {quote_ident(seq), quote_qualified(schema, seq)}) {
    // Stored as written: PostgreSQL adds the ::regclass cast, the raw text may lack it.
    std::string pattern = "nextval('" + ref + "'";
    size_t at = expr.find(pattern);
    if (at != std::string::npos && (expr.compare(at + pattern.size(), 11, "::regclass)") == 0 ||
                                    expr.compare(at + pattern.size(), 1, ")") == 0)) {
      // An unqualified reference means the sequence visible through search_path.
      if (ref == quote_qualified(schema, seq)) return true;
      std::string found;
      if (catalog.lookup_relation("", seq, &found) && found == schema) return true;
    }
  }
  return false;
}

/// Functions whose argument or result type is schema.name (or an array of it).
void type_functions(const Catalog& catalog, const std::string& schema, const std::string& name,
                    const std::string& via, std::vector<Dependent>& out) {
  for (const auto& k : catalog.functions.sorted_keys()) {
    const Function* f = catalog.functions.find(k);
    bool uses = names_type(f->result, schema, name);
    for (const auto& a : f->arg_types) uses = uses || names_type(a, schema, name);
    if (uses) add(out, ObjectRef::function(*f), DepType::kNormal, via);
  }
}

}  // namespace

std::vector<const Relation*> children_of(const Catalog& catalog, const std::string& schema,
                                         const std::string& table) {
  std::vector<const Relation*> out;
  if (!catalog.any_inheritance()) return out;
  std::string qualified = quote_qualified(schema, table);
  for (const Relation* r : catalog.inheritors_of(qualified))
    if (inherits_from(*r, qualified)) out.push_back(r);
  return out;
}

std::vector<ObjectRef> foreign_keys_referencing(const Catalog& catalog, const std::string& schema,
                                                const std::string& table) {
  std::vector<Dependent> deps;
  referencing_fkeys(catalog, schema, table, nullptr, nullptr, deps);
  std::vector<ObjectRef> out;
  for (const auto& d : deps) out.push_back(d.object);
  return out;
}

std::vector<ObjectRef> views_reading_column(const Catalog& catalog, const std::string& schema,
                                            const std::string& table, const std::string& column) {
  std::vector<Dependent> deps;
  reading_views(catalog, schema, table, &column, deps);
  std::vector<ObjectRef> out;
  for (const auto& d : deps) out.push_back(d.object);
  return out;
}

std::vector<std::string> generated_columns_reading(const Relation& table,
                                                   const std::string& column) {
  std::vector<std::string> out;
  for (const auto& c : table.columns)
    if (c.name != column && !c.extras->generated.empty() &&
        mentions_identifier(c.extras->generated, column))
      out.push_back(c.name);
  return out;
}

bool index_uses_column(const Relation& index, const std::string& column) {
  for (const auto& k : index.index->keys)
    if (k == column || mentions_identifier(k, column)) return true;
  if (contains(index.index->include, column)) return true;
  return mentions_identifier(index.index->predicate, column);
}

bool expression_calls(const std::string& expr, const Function& f) {
  std::string name = quote_ident(f.name);
  for (size_t at = expr.find(name + "("); at != std::string::npos;
       at = expr.find(name + "(", at + 1)) {
    if (at > 0 && identifier_char(expr[at - 1])) continue;
    if (at > 0 && expr[at - 1] == '.') {
      std::string q = quote_ident(f.schema) + ".";
      if (at < q.size() + 0 || expr.compare(at - q.size(), q.size(), q) != 0) continue;
    }
    return true;
  }
  return false;
}

bool function_name_overloaded(const Catalog& catalog, const Function& f) {
  int n = 0;
  for (const auto& [k, g] : catalog.functions.all())
    if (g.name == f.name) ++n;
  return n > 1;
}

bool function_used_in_expressions(const Catalog& catalog, const Function& f) {
  std::vector<Dependent> out;
  expression_users(catalog, f, out);
  return !out.empty();
}

void expression_users(const Catalog& catalog, const Function& f, std::vector<Dependent>& out) {
  for (const Relation* r : all_relations(catalog)) {
    if ((r->kind == RelKind::kView || r->kind == RelKind::kMaterializedView) &&
        expression_calls(r->definition, f))
      add(out, ObjectRef::relation(r->schema, r->name), DepType::kNormal);
    for (const auto& col : r->columns)
      if (expression_calls(col.default_expr, f))
        add(out, ObjectRef::part(Kind::kDefault, r->schema, r->name, col.name), DepType::kNormal);
    for (const auto& c : r->constraints)
      if (c.kind == Constraint::Kind::kCheck && expression_calls(c.expression, f))
        add(out, ObjectRef::part(Kind::kConstraint, r->schema, r->name, c.name), DepType::kNormal);
  }
}

namespace {

void relation_dependents(const Catalog& catalog, const Relation& rel, std::vector<Dependent>& out) {
  const std::string& s = rel.schema;
  const std::string& n = rel.name;
  if (rel.kind == RelKind::kIndex || rel.kind == RelKind::kPartitionedIndex) {
    // Foreign keys rely on a unique index of the referenced table.
    if (rel.index->unique && rel.index->predicate.empty())
      referencing_fkeys(catalog, s, rel.index->table, nullptr, &rel.index->keys, out);
    return;
  }
  // Foreign keys first, then views: the order PostgreSQL happens to report them in.
  referencing_fkeys(catalog, s, n, nullptr, nullptr, out);
  for (const auto& c : rel.constraints)
    add(out, ObjectRef::part(Kind::kConstraint, s, n, c.name), DepType::kAuto);
  for (const Relation* idx : catalog.indexes_of(s, n))
    if (idx->index->constraint.empty())
      add(out, ObjectRef::relation(idx->schema, idx->name), DepType::kAuto);
  for (const auto& t : rel.triggers)
    add(out, ObjectRef::part(Kind::kTrigger, s, n, t.name), DepType::kAuto);
  for (const auto& col : rel.columns)
    if (!col.default_expr.empty())
      add(out, ObjectRef::part(Kind::kDefault, s, n, col.name), DepType::kAuto);
  // Owned sequences and children, in one name order as a scan of all relations finds them.
  std::vector<const Relation*> near = catalog.sequences_owned_by(s, n);
  for (const Relation* r : catalog.inheritors_of(quote_qualified(s, n))) near.push_back(r);
  std::sort(near.begin(), near.end(), [](const Relation* a, const Relation* b) {
    return Catalog::key(a->schema, a->name) < Catalog::key(b->schema, b->name);
  });
  near.erase(std::unique(near.begin(), near.end()), near.end());
  for (const Relation* r : near) {
    if (r->kind == RelKind::kSequence && r->schema == s && r->sequence->owned_by_table == n)
      add(out, ObjectRef::relation(r->schema, r->name),
          r->sequence->identity ? DepType::kInternal : DepType::kAuto);
    if (inherits_from(*r, quote_qualified(s, n)))
      add(out, ObjectRef::relation(r->schema, r->name),
          r->partition_parent.empty() ? DepType::kNormal : DepType::kAuto);
  }
  reading_views(catalog, s, n, nullptr, out);
  typed_columns(catalog, s, n, out);
  type_functions(catalog, s, n, "type " + type_display(catalog, s, n), out);
  if (rel.kind == RelKind::kSequence) {
    for (const Relation* r : all_relations(catalog))
      for (const auto& col : r->columns)
        if (default_uses_sequence(catalog, col.default_expr, s, n))
          add(out, ObjectRef::part(Kind::kDefault, r->schema, r->name, col.name), DepType::kNormal);
  }
}

void column_dependents(const Catalog& catalog, const Relation& rel, const std::string& column,
                       std::vector<Dependent>& out) {
  const std::string& s = rel.schema;
  const std::string& n = rel.name;
  referencing_fkeys(catalog, s, n, &column, nullptr, out);
  for (const auto& c : rel.constraints)
    if (contains(c.columns, column))
      add(out, ObjectRef::part(Kind::kConstraint, s, n, c.name), DepType::kAuto);
  for (const Relation* idx : catalog.indexes_of(s, n))
    if (idx->index->constraint.empty() && index_uses_column(*idx, column))
      add(out, ObjectRef::relation(idx->schema, idx->name), DepType::kAuto);
  for (const Relation* r : catalog.sequences_owned_by(s, n))
    if (r->kind == RelKind::kSequence && r->schema == s && r->sequence->owned_by_table == n &&
        r->sequence->owned_by_column == column)
      add(out, ObjectRef::relation(r->schema, r->name),
          r->sequence->identity ? DepType::kInternal : DepType::kAuto);
  if (const Column* col = rel.column(column); col && !col->default_expr.empty())
    add(out, ObjectRef::part(Kind::kDefault, s, n, column), DepType::kAuto);
  reading_views(catalog, s, n, &column, out);
  // Generated columns read it; PostgreSQL 15 refuses the drop without CASCADE.
  for (const auto& g : generated_columns_reading(rel, column))
    add(out, ObjectRef::part(Kind::kColumn, s, n, g), DepType::kNormal);
}

}  // namespace

std::vector<Dependent> direct_dependents(const Catalog& catalog, const ObjectRef& o) {
  std::vector<Dependent> out;
  switch (o.kind) {
    case Kind::kRelation:
      if (const Relation* r = catalog.relation(o.schema, o.name))
        relation_dependents(catalog, *r, out);
      break;
    case Kind::kColumn:
      if (const Relation* r = catalog.relation(o.schema, o.name))
        column_dependents(catalog, *r, o.sub, out);
      break;
    case Kind::kConstraint:
      if (const Relation* r = catalog.relation(o.schema, o.name))
        if (const Constraint* c = r->constraint(o.sub))
          if (!c->index.empty())
            add(out, ObjectRef::relation(o.schema, c->index), DepType::kInternal);
      break;
    case Kind::kType: {
      typed_columns(catalog, o.schema, o.name, out);
      for (const auto& k : catalog.types.sorted_keys()) {
        const TypeDef* t = catalog.types.find(k);
        if (t->base_type_schema == o.schema && t->base_type_name == o.name)
          add(out, ObjectRef::type(t->schema, t->name), DepType::kNormal);
      }
      type_functions(catalog, o.schema, o.name, {}, out);
      break;
    }
    case Kind::kFunction: {
      const Function* f = catalog.functions.find(o.sub);
      if (!f) break;
      if (f->arg_types.empty()) {
        for (const Relation* r : all_relations(catalog))
          for (const auto& t : r->triggers)
            if (t.function == f->schema + "." + f->name ||
                t.function == quote_qualified(f->schema, f->name) || t.function == f->name)
              add(out, ObjectRef::part(Kind::kTrigger, r->schema, r->name, t.name),
                  DepType::kNormal);
      }
      if (!function_name_overloaded(catalog, *f)) expression_users(catalog, *f, out);
      break;
    }
    case Kind::kSchema: {
      for (const Relation* r : catalog.relations_in(o.name))
        if (r->kind != RelKind::kIndex && r->kind != RelKind::kPartitionedIndex)
          add(out, ObjectRef::relation(r->schema, r->name), DepType::kNormal);
      for (const auto& k : catalog.types.sorted_keys()) {
        const TypeDef* t = catalog.types.find(k);
        if (t->schema == o.name && t->extension.empty())
          add(out, ObjectRef::type(t->schema, t->name), DepType::kNormal);
      }
      for (const auto& k : catalog.functions.sorted_keys()) {
        const Function* f = catalog.functions.find(k);
        if (f->schema == o.name && f->extension.empty())
          add(out, ObjectRef::function(*f), DepType::kNormal);
      }
      for (const auto& k : catalog.extensions.sorted_keys()) {
        const Extension* e = catalog.extensions.find(k);
        if (e->schema == o.name) add(out, ObjectRef::extension(e->name), DepType::kNormal);
      }
      break;
    }
    case Kind::kExtension: {
      for (const auto& k : catalog.types.sorted_keys()) {
        const TypeDef* t = catalog.types.find(k);
        if (t->extension == o.name) add(out, ObjectRef::type(t->schema, t->name), DepType::kAuto);
      }
      for (const auto& k : catalog.functions.sorted_keys()) {
        const Function* f = catalog.functions.find(k);
        if (f->extension == o.name) add(out, ObjectRef::function(*f), DepType::kAuto);
      }
      break;
    }
    case Kind::kTrigger:
      // A row trigger of a partitioned table goes with its clones on the partitions.
      if (const Relation* r = catalog.relation(o.schema, o.name);
          r && r->kind == RelKind::kPartitionedTable)
        for (const Relation* part : children_of(catalog, o.schema, o.name))
          for (const auto& t : part->triggers)
            if (t.name == o.sub && !part->partition_parent.empty())
              add(out, ObjectRef::part(Kind::kTrigger, part->schema, part->name, t.name),
                  DepType::kAuto);
      break;
    case Kind::kDefault:
      break;
  }
  return out;
}

bool internal_owner(const Catalog& catalog, const ObjectRef& o, ObjectRef& owner) {
  if (o.kind == Kind::kRelation) {
    const Relation* r = catalog.relation(o.schema, o.name);
    if (!r) return false;
    if (!r->index->constraint.empty() &&
        (r->kind == RelKind::kIndex || r->kind == RelKind::kPartitionedIndex)) {
      owner = ObjectRef::part(Kind::kConstraint, r->schema, r->index->table, r->index->constraint);
      return true;
    }
    if (r->kind == RelKind::kSequence && r->sequence->identity) {
      owner = ObjectRef::part(Kind::kColumn, r->schema, r->sequence->owned_by_table,
                              r->sequence->owned_by_column);
      return true;
    }
  } else if (o.kind == Kind::kType) {
    const TypeDef* t = catalog.type(o.schema, o.name);
    if (t && !t->extension.empty()) {
      owner = ObjectRef::extension(t->extension);
      return true;
    }
  } else if (o.kind == Kind::kFunction) {
    const Function* f = catalog.functions.find(o.sub);
    if (f && !f->extension.empty()) {
      owner = ObjectRef::extension(f->extension);
      return true;
    }
  } else if (o.kind == Kind::kTrigger) {
    // A row trigger cloned onto a partition goes only with its parent's.
    const Relation* parent = nullptr;
    if (cloned_from(catalog, o.schema, o.name, o.sub, &parent)) {
      owner = ObjectRef::part(Kind::kTrigger, parent->schema, parent->name, o.sub);
      return true;
    }
  }
  return false;
}

std::string describe(const Catalog& catalog, const ObjectRef& o) {
  // Names of columns, constraints and triggers are printed as they are,
  // unquoted (getObjectDescription uses the plain name there).
  switch (o.kind) {
    case Kind::kSchema:
      return "schema " + quote_ident(o.name);
    case Kind::kExtension:
      return "extension " + quote_ident(o.name);
    case Kind::kRelation:
      return relation_description(catalog, o.schema, o.name);
    case Kind::kColumn:
      return "column " + o.sub + " of " + relation_description(catalog, o.schema, o.name);
    case Kind::kDefault:
      return "default value for column " + o.sub + " of " +
             relation_description(catalog, o.schema, o.name);
    case Kind::kConstraint:
      return "constraint " + o.sub + " on " + relation_description(catalog, o.schema, o.name);
    case Kind::kTrigger:
      return "trigger " + o.sub + " on " + relation_description(catalog, o.schema, o.name);
    case Kind::kType:
      return "type " + type_display(catalog, o.schema, o.name);
    case Kind::kFunction: {
      const Function* f = catalog.functions.find(o.sub);
      std::string word = f && f->kind == 'p' ? "procedure " : "function ";
      bool visible = catalog.schema_visible(o.schema);
      std::string s = word + (visible ? quote_ident(o.name) : quote_qualified(o.schema, o.name));
      s += "(";
      std::vector<std::string> args;
      if (f) {
        args = f->arg_types;
      } else {
        // Not in the catalog (any more): the key still holds the argument types.
        size_t open = o.sub.find('(');
        std::string list = o.sub.substr(open + 1, o.sub.size() - open - 2);
        for (size_t start = 0; !list.empty() && start <= list.size();) {
          size_t comma = list.find(',', start);
          if (comma == std::string::npos) comma = list.size();
          args.push_back(list.substr(start, comma - start));
          start = comma + 1;
        }
      }
      for (size_t i = 0; i < args.size(); ++i) {
        if (i) s += ", ";
        s += arg_display(catalog, args[i]);
      }
      return s + ")";
    }
  }
  return {};
}

namespace {

constexpr unsigned kOriginal = 1, kNormalFlag = 2, kAutoFlag = 4;

struct Entry {
  ObjectRef object;
  unsigned flags;
  std::string line;  ///< "x depends on y", for the first path that reached it
};

void visit(const Catalog& catalog, const ObjectRef& o, unsigned flag, const std::string& line,
           std::vector<Entry>& entries) {
  for (auto& e : entries) {
    if (e.object == o) {
      e.flags |= flag;
      return;
    }
  }
  entries.push_back({o, flag, line});
  std::string self = describe(catalog, o);
  for (const auto& d : direct_dependents(catalog, o)) {
    unsigned f = d.type == DepType::kNormal ? kNormalFlag : kAutoFlag;
    visit(catalog, d.object, f,
          describe(catalog, d.object) + " depends on " + (d.via.empty() ? self : d.via), entries);
  }
}

}  // namespace

DropPlan plan_drop(const Catalog& catalog, const std::vector<ObjectRef>& targets) {
  std::vector<Entry> entries;
  for (const auto& t : targets) entries.push_back({t, kOriginal, {}});
  // Targets first, so a target reached from another one counts as original.
  for (const auto& t : targets) {
    std::string self = describe(catalog, t);
    for (const auto& d : direct_dependents(catalog, t)) {
      unsigned f = d.type == DepType::kNormal ? kNormalFlag : kAutoFlag;
      visit(catalog, d.object, f,
            describe(catalog, d.object) + " depends on " + (d.via.empty() ? self : d.via), entries);
    }
  }
  DropPlan plan;
  plan.target_count = targets.size();
  for (const auto& e : entries) {
    plan.objects.push_back(e.object);
    if (e.flags == kNormalFlag) {
      plan.normal_lines.push_back(e.line);
      plan.cascaded.push_back(describe(catalog, e.object));
    }
  }
  for (const auto& t : targets) {
    ObjectRef owner;
    if (!internal_owner(catalog, t, owner)) continue;
    if (std::find(plan.objects.begin(), plan.objects.end(), owner) != plan.objects.end()) continue;
    std::string o = describe(catalog, owner);
    plan.required_by_message =
        "cannot drop " + describe(catalog, t) + " because " + o + " requires it";
    plan.required_by_hint = "You can drop " + o + " instead.";
    break;
  }
  return plan;
}

bool check_drop(const Catalog& catalog, const DropPlan& plan, const ObjectRef& first_target,
                bool cascade, std::string& error, std::string& detail, std::string& hint,
                std::vector<std::string>& notices) {
  if (!plan.required_by_message.empty()) {
    error = plan.required_by_message;
    hint = plan.required_by_hint;
    return false;
  }
  if (plan.cascaded.empty()) return true;
  if (!cascade) {
    error = plan.target_count > 1
                ? "cannot drop desired object(s) because other objects depend on them"
                : "cannot drop " + describe(catalog, first_target) +
                      " because other objects depend on it";
    for (size_t i = 0; i < plan.normal_lines.size(); ++i) {
      if (i) detail += "\n";
      detail += plan.normal_lines[i];
    }
    hint = "Use DROP ... CASCADE to drop the dependent objects too.";
    return false;
  }
  if (plan.cascaded.size() == 1) {
    notices.push_back("drop cascades to " + plan.cascaded.front());
  } else {
    std::string n = "drop cascades to " + std::to_string(plan.cascaded.size()) + " other objects";
    std::string d;
    for (size_t i = 0; i < plan.cascaded.size(); ++i) {
      if (i) d += "\n";
      d += "drop cascades to " + plan.cascaded[i];
    }
    notices.push_back(n + "\nDETAIL:  " + d);
  }
  return true;
}

std::vector<std::string> apply_drop(Catalog& catalog, const DropPlan& plan) {
  auto dropped = [&](const ObjectRef& o) {
    return std::find(plan.objects.begin(), plan.objects.end(), o) != plan.objects.end();
  };
  std::vector<std::string> touched;
  // Parts of relations first, while their relations are still there.
  for (const auto& o : plan.objects) {
    if (o.kind != Kind::kColumn && o.kind != Kind::kDefault && o.kind != Kind::kConstraint &&
        o.kind != Kind::kTrigger)
      continue;
    if (dropped(ObjectRef::relation(o.schema, o.name))) continue;
    if (o.kind == Kind::kDefault &&
        dropped(ObjectRef::part(Kind::kColumn, o.schema, o.name, o.sub)))
      continue;
    Relation* r = catalog.relation_mut(o.schema, o.name);
    if (!r) continue;
    std::string full = o.schema + "." + o.name + "." + o.sub;
    if (o.kind == Kind::kColumn) {
      std::erase_if(r->columns, [&](const Column& c) { return c.name == o.sub; });
      touched.push_back("column " + full);
    } else if (o.kind == Kind::kDefault) {
      if (Column* c = r->column(o.sub)) c->default_expr.clear();
      touched.push_back("column " + full);
    } else if (o.kind == Kind::kConstraint) {
      std::erase_if(r->constraints, [&](const Constraint& c) { return c.name == o.sub; });
      touched.push_back("constraint " + full);
    } else {
      std::erase_if(r->triggers, [&](const Trigger& t) { return t.name == o.sub; });
      touched.push_back("trigger " + full);
    }
  }
  for (const auto& o : plan.objects) {
    switch (o.kind) {
      case Kind::kRelation:
        if (const Relation* r = catalog.relation(o.schema, o.name)) {
          touched.push_back(touched_name(relkind_word(r->kind), o.schema, o.name));
          catalog.drop_relation(o.schema, o.name);
        }
        break;
      case Kind::kType:
        touched.push_back(touched_name("type", o.schema, o.name));
        catalog.types.erase(Catalog::key(o.schema, o.name));
        break;
      case Kind::kFunction:
        touched.push_back("function " + o.schema + "." + o.sub.substr(o.schema.size() + 1));
        catalog.functions.erase(o.sub);
        break;
      case Kind::kExtension:
        touched.push_back("extension " + o.name);
        catalog.extensions.erase(o.name);
        break;
      case Kind::kSchema:
        touched.push_back("schema " + o.name);
        catalog.schemas.erase(o.name);
        break;
      default:
        break;
    }
  }
  return touched;
}

}  // namespace migsim
