// Reading the per-relation snapshot tables into groups (see snapshot_rows.h).

#include "planner/snapshot/snapshot_rows.h"

#include <iterator>
#include <string_view>

#include "parser/huge_pages.h"
#include "planner/snapshot/json_text.h"
#include "planner/snapshot/store_internal.h"

namespace migsim {
namespace {

constexpr const char* kListError = "a list-valued field is not a JSON array of strings";

/// Reads `sql`, whose first columns are the owner's schema and name (and, with
/// `domain_column`, whether the owner is a domain), into `out`: `fill(stmt,
/// item)` fills one item from its row and returns an error text or "".
template <class T, class Fill>
std::string read_groups(sqlite3* db, const char* sql, const char* table, bool domain_column,
                        RowGroups<T>& out, Fill fill) {
  Stmt s(db, sql);
  if (!s.ok()) return read_failure(db, table);
  // Each group's vector is allocated once, at its final size.
  std::vector<T> batch;
  auto close_group = [&] {
    if (out.empty()) return;
    auto& into = out.back().items;
    into.reserve(batch.size());
    std::move(batch.begin(), batch.end(), std::back_inserter(into));
    batch.clear();
    follow_thread_heap(into.data());  // the rows are read on threads of their own
  };
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    bool on_domain = domain_column && s.i64(2) != 0;
    if (out.empty() || out.back().relation != s.view(1) || out.back().schema != s.view(0) ||
        out.back().on_domain != on_domain) {
      close_group();
      out.push_back({s.text(0), s.text(1), on_domain, {}});
    }
    std::string e = fill(s, batch.emplace_back());
    if (!e.empty()) return e;
  }
  close_group();
  return rc == SQLITE_DONE ? "" : read_failure(db, table);
}

/// A JSON array of strings from column i, or false.
bool list(const Stmt& s, int i, std::vector<std::string>& into) {
  return parse_json_string_array(s.view(i), into);
}

std::string read_constraints(sqlite3* db, ChildRows& rows) {
  return read_groups(
      db,
      "SELECT schema, relation, on_domain, name, kind, columns, expression, index_name, "
      "ref_schema, ref_table, ref_columns, on_delete, on_update, match_type, is_deferrable, "
      "is_deferred, validated, no_inherit, comment FROM constraints "
      "ORDER BY schema, relation, on_domain, ordinal",
      "constraints", true, rows.constraints, [](const Stmt& s, Constraint& c) -> std::string {
        s.assign(3, c.name);
        c.kind = static_cast<Constraint::Kind>(s.ch(4, 'c'));
        if (s.view(4).size() != 1 ||
            std::string_view("pufcx").find(s.view(4)) == std::string_view::npos)
          return "constraint " + c.name + " has an unknown kind '" + s.text(4) + "'";
        if (!list(s, 5, c.columns)) return kListError;
        s.assign(6, c.expression);
        s.assign(7, c.index);
        s.assign(8, c.ref_schema);
        s.assign(9, c.ref_table);
        if (!list(s, 10, c.ref_columns)) return kListError;
        c.on_delete = s.ch(11, 'a');
        c.on_update = s.ch(12, 'a');
        c.match = s.ch(13, 's');
        c.deferrable = s.i64(14) != 0;
        c.deferred = s.i64(15) != 0;
        c.validated = s.i64(16) != 0;
        c.no_inherit = s.i64(17) != 0;
        s.assign(18, c.comment);
        return "";
      });
}

std::string read_indexes(sqlite3* db, ChildRows& rows) {
  return read_groups(
      db,
      "SELECT schema, name, table_name, method, keys, include, predicate, is_unique, "
      "is_primary, constraint_name FROM indexes ORDER BY schema, name",
      "indexes", false, rows.indexes, [](const Stmt& s, IndexInfo& ix) -> std::string {
        s.assign(2, ix.table);
        s.assign(3, ix.method);
        if (!list(s, 4, ix.keys) || !list(s, 5, ix.include)) return kListError;
        s.assign(6, ix.predicate);
        ix.unique = s.i64(7) != 0;
        ix.primary = s.i64(8) != 0;
        s.assign(9, ix.constraint);
        return "";
      });
}

std::string read_sequences(sqlite3* db, ChildRows& rows) {
  return read_groups(
      db,
      "SELECT schema, name, type, start, increment, min, max, cache, cycle, owned_by_table, "
      "owned_by_column, identity FROM sequences ORDER BY schema, name",
      "sequences", false, rows.sequences, [](const Stmt& s, SequenceInfo& q) -> std::string {
        s.assign(2, q.type);
        q.start = s.i64(3);
        q.increment = s.i64(4);
        q.min = s.i64(5);
        q.max = s.i64(6);
        q.cache = s.i64(7);
        q.cycle = s.i64(8) != 0;
        s.assign(9, q.owned_by_table);
        s.assign(10, q.owned_by_column);
        q.identity = s.i64(11) != 0;
        return "";
      });
}

std::string read_depends(sqlite3* db, ChildRows& rows) {
  return read_groups(db,
                     "SELECT schema, view_name, ref_schema, ref_name, columns FROM "
                     "view_dependencies ORDER BY schema, view_name, ref_schema, ref_name",
                     "view_dependencies", false, rows.depends,
                     [](const Stmt& s, RelationRef& d) -> std::string {
                       s.assign(2, d.schema);
                       s.assign(3, d.name);
                       return list(s, 4, d.columns) ? "" : kListError;
                     });
}

std::string read_triggers(sqlite3* db, ChildRows& rows) {
  return read_groups(db,
                     "SELECT schema, relation, name, function, definition, enabled, comment "
                     "FROM triggers ORDER BY schema, relation, name",
                     "triggers", false, rows.triggers,
                     [](const Stmt& s, Trigger& t) -> std::string {
                       s.assign(2, t.name);
                       s.assign(3, t.function);
                       s.assign(4, t.definition);
                       t.enabled = s.i64(5) != 0;
                       s.assign(6, t.comment);
                       return "";
                     });
}

}  // namespace

std::string read_failure(sqlite3* db, const char* table) {
  return std::string("cannot read ") + table + ": " + sqlite3_errmsg(db);
}

void read_column_rows(sqlite3* db, ChildRows& rows) {
  rows.error = read_groups(
      db,
      "SELECT schema, relation, name, type, type_schema, type_name, not_null, default_expr, "
      "identity, generated_expr, collation, comment FROM columns "
      "ORDER BY schema, relation, ordinal",
      "columns", false, rows.columns, [](const Stmt& s, Column& c) -> std::string {
        s.assign(2, c.name);
        s.assign(3, c.type);
        c.not_null = s.i64(6) != 0;
        s.assign(7, c.default_expr);
        c.identity = s.ch(8, 0);
        // Most columns have none of these: no ColumnExtras for them.
        if (!s.view(4).empty() || !s.view(5).empty() || !s.view(9).empty() || !s.view(10).empty() ||
            !s.view(11).empty()) {
          ColumnExtras& e = c.extras.mut();
          s.assign(4, e.type_schema);
          s.assign(5, e.type_name);
          s.assign(9, e.generated);
          s.assign(10, e.collation);
          s.assign(11, e.comment);
        }
        return "";
      });
}

void read_other_child_rows(sqlite3* db, ChildRows& rows) {
  for (auto* read : {read_indexes, read_sequences, read_constraints, read_depends, read_triggers}) {
    rows.error = read(db, rows);
    if (!rows.error.empty()) return;
  }
}

}  // namespace migsim
