#include "planner/exec/dependents.h"

#include <algorithm>
#include <tuple>

#include "planner/exec/common.h"

namespace migsim {

std::vector<const Relation*> dependent_views(const Catalog& catalog, std::string_view schema,
                                             std::string_view table, std::string_view column) {
  std::vector<const Relation*> out;
  for (const auto& [k, r] : catalog.relations.all()) {
    for (const auto& d : r.depends) {
      if (d.schema != schema || d.name != table) continue;
      if (!column.empty() &&
          std::find(d.columns.begin(), d.columns.end(), column) == d.columns.end())
        continue;
      out.push_back(&r);
      break;
    }
  }
  std::sort(out.begin(), out.end(), [](const Relation* a, const Relation* b) {
    return a->schema != b->schema ? a->schema < b->schema : a->name < b->name;
  });
  return out;
}

std::vector<ForeignKeyRef> foreign_keys_on_key(const Catalog& catalog, std::string_view schema,
                                               std::string_view table,
                                               const std::vector<std::string>& columns) {
  std::vector<ForeignKeyRef> out;
  for (const auto& [k, r] : catalog.relations.all()) {
    if (!r.is_table()) continue;
    for (const auto& c : r.constraints) {
      if (c.kind != Constraint::Kind::kForeignKey || c.ref_schema != schema ||
          c.ref_table != table || c.ref_columns.size() != columns.size() ||
          !std::is_permutation(c.ref_columns.begin(), c.ref_columns.end(), columns.begin()))
        continue;
      out.push_back({r.schema, r.name, c.name});
    }
  }
  std::sort(out.begin(), out.end(), [](const ForeignKeyRef& a, const ForeignKeyRef& b) {
    return std::tie(a.schema, a.table, a.constraint) < std::tie(b.schema, b.table, b.constraint);
  });
  return out;
}

std::vector<const Relation*> children_of(const Catalog& catalog, std::string_view schema,
                                         std::string_view table) {
  std::string qualified = std::string(schema) + "." + std::string(table);
  std::vector<const Relation*> out;
  for (const auto& [k, r] : catalog.relations.all()) {
    if (r.partition_parent == qualified ||
        std::find(r.inherits.begin(), r.inherits.end(), qualified) != r.inherits.end())
      out.push_back(&r);
  }
  return out;
}

void drop_view_cascade(Catalog& catalog, const std::string& schema, const std::string& name,
                       std::vector<std::string>& dropped) {
  const Relation* view = catalog.relation(schema, name);
  if (!view) return;
  for (const Relation* v : dependent_views(catalog, schema, name)) {
    std::string s = v->schema, n = v->name;
    drop_view_cascade(catalog, s, n, dropped);
  }
  view = catalog.relation(schema, name);
  if (!view) return;
  dropped.push_back(describe_relation(catalog, *view));
  catalog.drop_relation(schema, name);
}

void drop_constraint_and_index(Catalog& catalog, const std::string& schema,
                               const std::string& table, const std::string& constraint) {
  Relation* t = catalog.relation_mut(schema, table);
  if (!t) return;
  std::string index;
  for (auto it = t->constraints.begin(); it != t->constraints.end(); ++it) {
    if (it->name == constraint) {
      index = it->index;
      t->constraints.erase(it);
      break;
    }
  }
  if (!index.empty() && catalog.relation(schema, index)) catalog.drop_relation(schema, index);
}

namespace {
bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

/// Calls `on_ident(start, length, quoted)` for each identifier token outside string literals.
template <class F>
void scan_identifiers(std::string_view sql, F on_ident) {
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'') {
      ++i;
      while (i < sql.size()) {
        if (sql[i] == '\'') {
          if (i + 1 < sql.size() && sql[i + 1] == '\'') {
            i += 2;
            continue;
          }
          break;
        }
        ++i;
      }
      ++i;
    } else if (c == '"') {
      size_t start = i++;
      while (i < sql.size() && sql[i] != '"') ++i;
      ++i;
      on_ident(start, std::min(i, sql.size()) - start, true);
    } else if (ident_char(c) && !(c >= '0' && c <= '9')) {
      size_t start = i;
      while (i < sql.size() && ident_char(sql[i])) ++i;
      on_ident(start, i - start, false);
    } else if (c >= '0' && c <= '9') {
      while (i < sql.size() && ident_char(sql[i])) ++i;
    } else {
      ++i;
    }
  }
}

bool token_is(std::string_view token, bool quoted, std::string_view name) {
  if (quoted) return token.size() >= 2 && token.substr(1, token.size() - 2) == name;
  return token == name;
}
}  // namespace

std::string replace_identifier(std::string_view sql, std::string_view from, std::string_view to) {
  std::string out;
  size_t copied = 0;
  scan_identifiers(sql, [&](size_t start, size_t len, bool quoted) {
    if (!token_is(sql.substr(start, len), quoted, from)) return;
    out.append(sql.substr(copied, start - copied));
    out += quote_ident(to);
    copied = start + len;
  });
  out.append(sql.substr(copied));
  return out;
}

bool mentions_identifier(std::string_view sql, std::string_view name) {
  bool found = false;
  scan_identifiers(sql, [&](size_t start, size_t len, bool quoted) {
    if (token_is(sql.substr(start, len), quoted, name)) found = true;
  });
  return found;
}

std::string describe_relation(const Catalog& catalog, const Relation& r) {
  return std::string(relkind_word(r.kind)) + " " + relation_display(catalog, r.schema, r.name);
}

}  // namespace migsim
