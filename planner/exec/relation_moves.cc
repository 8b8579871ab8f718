#include "planner/exec/relation_moves.h"

#include <algorithm>
#include <vector>

#include "planner/catalog/names.h"
#include "planner/exec/common.h"
#include "planner/exec/identifier_text.h"

namespace migsim {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty() || from == to) return;
  size_t at = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
  }
}

/// Applies `fix` to every relation, saving (journaling) only those it changes.
template <class F>
void for_each_relation(Catalog& catalog, F fix) {
  std::vector<std::string> keys = catalog.relations.sorted_keys();
  for (const auto& k : keys) {
    Relation copy = *catalog.relations.find(k);
    if (fix(copy)) catalog.relations.put(k, std::move(copy));
  }
}

bool retype_column(Column& c, const std::string& fs, const std::string& fn, const std::string& ts,
                   const std::string& tn) {
  if (c.extras->type_schema != fs || c.extras->type_name != fn) return false;
  bool array = c.type.size() > 2 && c.type.compare(c.type.size() - 2, 2, "[]") == 0;
  c.extras.set(&ColumnExtras::type_schema, ts);
  c.extras.set(&ColumnExtras::type_name, tn);
  c.type = quote_qualified(ts, tn) + (array ? "[]" : "");
  return true;
}

}  // namespace

void relocate_relation(Catalog& catalog, const std::string& fs, const std::string& fn,
                       const std::string& ts, const std::string& tn) {
  Relation moved = *catalog.relation(fs, fn);
  std::string old_display = relation_display(catalog, fs, fn);
  catalog.drop_relation(fs, fn);
  moved.schema = ts;
  moved.name = tn;
  RelKind kind = moved.kind;
  catalog.put_relation(std::move(moved));
  std::string new_display = relation_display(catalog, ts, tn);
  std::string old_parent = quote_qualified(fs, fn), new_parent = quote_qualified(ts, tn);
  bool same_schema = fs == ts;
  for_each_relation(catalog, [&](Relation& r) {
    bool changed = false;
    for (auto& d : r.depends) {
      if (d.schema == fs && d.name == fn) {
        d.schema = ts;
        d.name = tn;
        changed = true;
      }
    }
    for (auto& c : r.constraints) {
      if (c.kind == Constraint::Kind::kForeignKey && c.ref_schema == fs && c.ref_table == fn) {
        c.ref_schema = ts;
        c.ref_table = tn;
        changed = true;
      }
    }
    if (same_schema && r.schema == fs) {
      if ((r.kind == RelKind::kIndex || r.kind == RelKind::kPartitionedIndex) &&
          r.index->table == fn) {
        r.index.mut().table = tn;
        changed = true;
      }
      if (r.kind == RelKind::kSequence && r.sequence->owned_by_table == fn) {
        r.sequence.mut().owned_by_table = tn;
        changed = true;
      }
    }
    if (r.partition_parent == old_parent) {
      r.partition_parent = new_parent;
      changed = true;
    }
    for (auto& p : r.inherits) {
      if (p == old_parent) {
        p = new_parent;
        changed = true;
      }
    }
    for (auto& c : r.columns) {
      if (retype_column(c, fs, fn, ts, tn)) changed = true;
      if (kind == RelKind::kSequence && !c.default_expr.empty()) {
        std::string before = c.default_expr;
        replace_all(c.default_expr, "nextval('" + old_display + "'::regclass)",
                    "nextval('" + new_display + "'::regclass)");
        if (c.default_expr != before) changed = true;
      }
    }
    return changed;
  });
}

void rename_column_everywhere(Catalog& catalog, const std::string& schema, const std::string& rel,
                              const std::string& from, const std::string& to) {
  auto rename_in = [&](std::vector<std::string>& names) {
    bool changed = false;
    for (auto& n : names) {
      if (n == from) {
        n = to;
        changed = true;
      }
    }
    return changed;
  };
  for_each_relation(catalog, [&](Relation& r) {
    bool changed = false;
    bool self = r.schema == schema && r.name == rel;
    if (self) {
      for (auto& c : r.columns) {
        if (c.name == from) c.name = to;
        if (!c.extras->generated.empty())
          c.extras.mut().generated = replace_identifier(c.extras->generated, from, to);
      }
      for (auto& c : r.constraints) {
        rename_in(c.columns);
        if (!c.expression.empty()) c.expression = replace_identifier(c.expression, from, to);
      }
      changed = true;
    }
    for (auto& c : r.constraints) {
      if (c.kind == Constraint::Kind::kForeignKey && c.ref_schema == schema && c.ref_table == rel)
        changed |= rename_in(c.ref_columns);
    }
    if ((r.kind == RelKind::kIndex || r.kind == RelKind::kPartitionedIndex) && r.schema == schema &&
        r.index->table == rel) {
      for (auto& k : r.index.mut().keys) {
        std::string nk = k == from ? to : replace_identifier(k, from, to);
        if (nk != k) {
          k = nk;
          changed = true;
        }
      }
      changed |= rename_in(r.index.mut().include);
      if (!r.index->predicate.empty()) {
        std::string np = replace_identifier(r.index->predicate, from, to);
        changed |= np != r.index->predicate;
        r.index.mut().predicate = np;
      }
      // An index's own columns are named after its keys.
      changed |= r.column(from) != nullptr;
      for (auto& c : r.columns)
        if (c.name == from) c.name = to;
    }
    if (r.kind == RelKind::kSequence && r.schema == schema && r.sequence->owned_by_table == rel &&
        r.sequence->owned_by_column == from) {
      r.sequence.mut().owned_by_column = to;
      changed = true;
    }
    for (auto& d : r.depends) {
      if (d.schema == schema && d.name == rel && rename_in(d.columns)) {
        std::sort(d.columns.begin(), d.columns.end());  // a sorted set, as a snapshot lists it
        changed = true;
      }
    }
    return changed;
  });
}

void rename_schema_everywhere(Catalog& catalog, const std::string& from, const std::string& to) {
  Schema s = *catalog.schemas.find(from);
  catalog.schemas.erase(from);
  s.name = to;
  catalog.schemas.put(to, std::move(s));
  std::string old_prefix = "'" + quote_ident(from) + ".";
  std::string new_prefix = "'" + quote_ident(to) + ".";
  std::string old_parent = quote_ident(from) + ".", new_parent = quote_ident(to) + ".";
  auto reparent = [&](std::string& p) {
    if (p.compare(0, old_parent.size(), old_parent) != 0) return false;
    p = new_parent + p.substr(old_parent.size());
    return true;
  };
  auto retype = [&](Column& c) {
    if (c.extras->type_schema != from) return;
    bool array = c.type.size() > 2 && c.type.compare(c.type.size() - 2, 2, "[]") == 0;
    c.extras.mut().type_schema = to;
    c.type = quote_qualified(to, c.extras->type_name) + (array ? "[]" : "");
  };
  // Relations: re-keyed under the new schema, references rewritten.
  std::vector<std::string> keys = catalog.relations.sorted_keys();
  for (const auto& k : keys) {
    Relation r = *catalog.relations.find(k);
    bool moved = r.schema == from;
    bool changed = moved;
    if (moved) r.schema = to;
    for (auto& d : r.depends)
      if (d.schema == from) d.schema = to, changed = true;
    for (auto& c : r.constraints)
      if (c.kind == Constraint::Kind::kForeignKey && c.ref_schema == from)
        c.ref_schema = to, changed = true;
    changed |= reparent(r.partition_parent);
    for (auto& p : r.inherits) changed |= reparent(p);
    for (auto& c : r.columns) {
      std::string before = c.type + c.default_expr;
      retype(c);
      replace_all(c.default_expr, old_prefix, new_prefix);
      changed |= before != c.type + c.default_expr;
    }
    if (!changed) continue;
    if (moved) {
      catalog.relations.erase(k);
      catalog.put_relation(std::move(r));
    } else {
      catalog.relations.put(k, std::move(r));
    }
  }
  for (const auto& k : catalog.types.sorted_keys()) {
    TypeDef t = *catalog.types.find(k);
    bool moved = t.schema == from;
    bool changed = moved;
    if (moved) t.schema = to;
    if (t.base_type_schema == from) {
      t.base_type_schema = to;
      t.base_type = quote_qualified(to, t.base_type_name);
      changed = true;
    }
    if (!changed) continue;
    if (moved) {
      catalog.types.erase(k);
      catalog.put_type(std::move(t));
    } else {
      catalog.types.put(k, std::move(t));
    }
  }
  for (const auto& k : catalog.functions.sorted_keys()) {
    const Function* f = catalog.functions.find(k);
    if (f->schema != from) continue;
    Function moved = *f;
    moved.schema = to;
    catalog.functions.erase(k);
    catalog.put_function(std::move(moved));
  }
  for (const auto& k : catalog.extensions.sorted_keys()) {
    const Extension* e = catalog.extensions.find(k);
    if (e->schema != from) continue;
    Extension moved = *e;
    moved.schema = to;
    catalog.extensions.put(k, std::move(moved));
  }
}

}  // namespace migsim
