// Reading snapshot files (SQLite, format 1) into a catalog.

#include <exception>
#include <iterator>
#include <string_view>
#include <thread>
#include <vector>

#include "parser/heap_prefault.h"
#include "parser/huge_pages.h"
#include "planner/snapshot/json_text.h"
#include "planner/snapshot/snapshot.h"
#include "planner/snapshot/snapshot_rows.h"
#include "planner/snapshot/store_internal.h"

namespace migsim {
namespace {

std::vector<std::string> array_of(std::string_view text, bool& ok) {
  std::vector<std::string> out;
  if (!parse_json_string_array(text, out)) ok = false;
  return out;
}

/// Runs `body`, keeping what it throws for the thread that joins.
template <class Body>
void guarded(std::exception_ptr& failed, Body body) {
  try {
    body();
  } catch (...) {
    failed = std::current_exception();
  }
}

std::string orphan(const char* what, std::string_view schema, std::string_view name) {
  return std::string(what) + " of " + std::string(schema) + "." + std::string(name) +
         ", which the relations table does not hold";
}

/// Finds relations by name, fastest when asked in the order of `in_order`
/// (the file's (schema, name) order, which every per-relation table keeps):
/// a cursor walks it instead of hashing each key.
class OwnerCursor {
 public:
  OwnerCursor(const std::vector<Relation*>& in_order, Catalog& catalog)
      : in_order_(in_order), catalog_(catalog) {}
  void restart() {
    cur_ = nullptr;
    pos_ = 0;
  }
  Relation* find(std::string_view schema, std::string_view name) {
    if (cur_ && cur_->schema == schema && cur_->name == name) return cur_;
    auto before = [&](const Relation* r) {
      int c = std::string_view(r->schema).compare(schema);
      return c < 0 || (c == 0 && std::string_view(r->name).compare(name) < 0);
    };
    while (pos_ < in_order_.size() && before(in_order_[pos_])) ++pos_;
    if (pos_ < in_order_.size() && in_order_[pos_]->schema == schema &&
        in_order_[pos_]->name == name)
      return cur_ = in_order_[pos_];
    auto& rels = catalog_.relations.raw();
    auto it = rels.find(Catalog::key(schema, name));
    return cur_ = it == rels.end() ? nullptr : &it->second;
  }

 private:
  const std::vector<Relation*>& in_order_;
  Catalog& catalog_;
  Relation* cur_ = nullptr;
  size_t pos_ = 0;
};

/// Moves `from` onto the end of `into` (one group per owner is the rule; a
/// second is appended).
template <class T>
void append(std::vector<T>& into, std::vector<T>& from) {
  if (into.empty())
    into = std::move(from);
  else
    std::move(from.begin(), from.end(), std::back_inserter(into));
}

/// Gives each group's one row to its relation's `member`; a row without its
/// relation is ignored.
template <class T>
void attach_one(OwnerCursor& owners, RowGroups<T>& groups, Boxed<T> Relation::*member) {
  owners.restart();
  for (auto& g : groups) {
    Relation* r = g.relation.empty() ? nullptr : owners.find(g.schema, g.relation);
    if (r && !g.items.empty()) r->*member = std::move(g.items.back());
  }
}

/// Appends each group's rows to its relation's `member`; a group without its
/// relation is an error naming `what`.
template <class T>
std::string attach_all(OwnerCursor& owners, RowGroups<T>& groups, std::vector<T> Relation::*member,
                       const char* what) {
  owners.restart();
  for (auto& g : groups) {
    Relation* r = owners.find(g.schema, g.relation);
    if (!r) return orphan(what, g.schema, g.relation);
    append(r->*member, g.items);
  }
  return "";
}

/// Gives each relation (and domain) the rows the per-relation tables hold for
/// it. An index or sequence row without its relation is ignored; any other
/// row without its owner is an error.
std::string attach_child_rows(const std::vector<Relation*>& in_order, Catalog& catalog,
                              ChildRows& columns, ChildRows& others) {
  OwnerCursor owners(in_order, catalog);
  attach_one(owners, others.indexes, &Relation::index);
  attach_one(owners, others.sequences, &Relation::sequence);
  if (auto e = attach_all(owners, columns.columns, &Relation::columns, "a column"); !e.empty())
    return e;
  owners.restart();
  auto& types = catalog.types.raw();
  for (auto& g : others.constraints) {
    if (g.on_domain) {
      auto it = types.find(Catalog::key(g.schema, g.relation));
      if (it == types.end()) return orphan("a constraint", g.schema, g.relation);
      append(it->second.constraints, g.items);
    } else {
      Relation* r = owners.find(g.schema, g.relation);
      if (!r) return orphan("a constraint", g.schema, g.relation);
      append(r->constraints, g.items);
    }
  }
  if (auto e = attach_all(owners, others.depends, &Relation::depends, "a view dependency");
      !e.empty())
    return e;
  return attach_all(owners, others.triggers, &Relation::triggers, "a trigger");
}

}  // namespace

/// Reads the whole file into the catalog; returns an SQLite error text or "" on success.
std::string read_snapshot_db(sqlite3* db, const Reopen& reopen, Catalog& catalog, Snapshot& snap) {
  bool ok = true;
  auto fail = [&](const char* what) { return read_failure(db, what); };
  // The per-relation tables are read on connections of their own, by two more
  // threads, while this one reads the rest; without connections (reopen fails)
  // they are read here, first. The threads are joined before what they fill is
  // used, and before this returns whatever way it does (jthread).
  ChildRows columns, others;
  std::exception_ptr columns_failed, others_failed;
  Db columns_db = reopen ? reopen() : nullptr;
  Db others_db = columns_db && reopen ? reopen() : nullptr;
  std::jthread columns_thread, others_thread;
  if (others_db) {
    HeapPrefault::decide();  // whether the rows' threads take huge pages
    columns_thread = std::jthread([&] {
      use_huge_pages_for_thread();
      guarded(columns_failed, [&] { read_column_rows(columns_db.get(), columns); });
    });
    others_thread = std::jthread([&] {
      use_huge_pages_for_thread();
      guarded(others_failed, [&] { read_other_child_rows(others_db.get(), others); });
    });
  } else {
    read_column_rows(db, columns);
    if (columns.error.empty()) read_other_child_rows(db, others);
  }
  {
    Stmt s(db,
           "SELECT format, migsim_version, server_version, server_version_num, database_name, "
           "taken_at, source, has_statistics, current_user, search_path FROM metadata");
    if (!s.ok()) return fail("metadata");
    int rc = s.step();
    if (rc != SQLITE_ROW)
      return rc == SQLITE_DONE ? "the metadata table is empty" : fail("metadata");
    auto& i = snap.info;
    i.format = static_cast<int>(s.i64(0));
    i.migsim_version = s.text(1);
    i.server_version = s.text(2);
    i.server_version_num = s.i64(3);
    i.database = s.text(4);
    i.taken_at = s.text(5);
    i.source = s.text(6);
    i.has_statistics = s.i64(7) != 0;
    i.current_user = s.text(8);
    i.search_path = s.text(9);
  }
  if (!snap.info.current_user.empty())
    catalog.settings.raw()["current_user"] = snap.info.current_user;
  if (!snap.info.search_path.empty()) catalog.settings.raw()["search_path"] = snap.info.search_path;

  auto& schemas = catalog.schemas.raw();
  schemas.clear();
  {
    Stmt s(db, "SELECT name, owner, comment, acl FROM schemas");
    if (!s.ok()) return fail("schemas");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Schema sc{s.text(0), s.text(1), s.text(2), array_of(s.view(3), ok)};
      schemas.emplace(sc.name, std::move(sc));
    }
    if (rc != SQLITE_DONE) return fail("schemas");
  }

  auto& rels = catalog.relations.raw();
  std::vector<Relation*> in_order;  ///< relations in (schema, name) order, as the file stores them
  {
    Stmt count(db, "SELECT count(*) FROM relations");
    if (count.ok() && count.step() == SQLITE_ROW) rels.reserve(static_cast<size_t>(count.i64(0)));
    // Indexes and sequences are read below, each in one pass in the same key
    // order: a join here looked each relation up in both tables.
    Stmt s(db,
           "SELECT schema, name, kind, owner, persistence, options, acl, comment, row_estimate, "
           "total_bytes, definition, partition_key, partition_parent, partition_bound, inherits "
           "FROM relations");
    if (!s.ok()) return fail("relations");
    int rc;
    std::vector<std::string> opts;
    while ((rc = s.step()) == SQLITE_ROW) {
      // Built in place: a Relation is large, and moving it costs.
      auto [it, fresh] = rels.try_emplace(Catalog::key(s.view(0), s.view(1)));
      if (!fresh) continue;  // the primary key makes this impossible
      Relation& r = it->second;
      in_order.push_back(&r);
      r.schema = s.text(0);
      r.name = s.text(1);
      r.kind = static_cast<RelKind>(s.ch(2, 'r'));
      if (s.view(2).size() != 1 ||
          std::string_view("rpvmiIScf").find(s.view(2)) == std::string_view::npos)
        return "relation " + r.schema + "." + r.name + " has an unknown kind '" + s.text(2) + "'";
      r.owner = s.text(3);
      r.unlogged = s.ch(4, 'p') == 'u';
      if (!parse_json_string_array(s.view(5), opts)) ok = false;
      for (auto& o : opts) {
        size_t eq = o.find('=');
        if (eq == std::string::npos)
          r.options[o] = "";
        else
          r.options[o.substr(0, eq)] = o.substr(eq + 1);
      }
      r.acl = array_of(s.view(6), ok);
      r.comment = s.text(7);
      r.row_estimate = s.i64_or(8, -1);
      r.total_bytes = s.i64_or(9, -1);
      r.definition = s.text(10);
      r.partition_key = s.text(11);
      r.partition_parent = s.text(12);
      r.partition_bound = s.text(13);
      r.inherits = array_of(s.view(14), ok);
    }
    if (rc != SQLITE_DONE) return fail("relations");
  }

  auto& types = catalog.types.raw();
  {
    Stmt s(db,
           "SELECT schema, name, kind, owner, labels, base_type, base_type_schema, base_type_name, "
           "not_null, default_expr, extension, comment FROM types");
    if (!s.ok()) return fail("types");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      TypeDef t;
      t.schema = s.text(0);
      t.name = s.text(1);
      t.kind = static_cast<TypeDef::Kind>(s.ch(2, 'e'));
      if (s.view(2).size() != 1 ||
          std::string_view("edcrb").find(s.view(2)) == std::string_view::npos)
        return "type " + t.schema + "." + t.name + " has an unknown kind '" + s.text(2) + "'";
      t.owner = s.text(3);
      t.labels = array_of(s.view(4), ok);
      t.base_type = s.text(5);
      t.base_type_schema = s.text(6);
      t.base_type_name = s.text(7);
      t.not_null = s.i64(8) != 0;
      t.default_expr = s.text(9);
      t.extension = s.text(10);
      t.comment = s.text(11);
      std::string k = Catalog::key(t.schema, t.name);
      // A composite type is its relation in the model (as CREATE TYPE ... AS makes
      // it); the type row adds the comment COMMENT ON TYPE put on pg_type.
      if (t.kind == TypeDef::Kind::kComposite) {
        auto rel = rels.find(k);
        if (rel != rels.end() && rel->second.kind == RelKind::kCompositeType) {
          if (rel->second.comment.empty()) rel->second.comment = t.comment;
          continue;
        }
      }
      types.emplace(std::move(k), std::move(t));
    }
    if (rc != SQLITE_DONE) return fail("types");
  }

  {
    Stmt s(db, "SELECT name, schema, version, comment FROM extensions");
    if (!s.ok()) return fail("extensions");
    // The snapshot lists every extension, plpgsql included.
    catalog.extensions.raw().clear();
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Extension e{s.text(0), s.text(1), s.text(2), s.text(3)};
      catalog.extensions.raw().emplace(e.name, std::move(e));
    }
    if (rc != SQLITE_DONE) return fail("extensions");
  }

  {
    Stmt s(db,
           "SELECT schema, name, arg_types, arguments, result, kind, language, body, volatility, "
           "extension, owner, comment FROM functions");
    if (!s.ok()) return fail("functions");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Function f;
      f.schema = s.text(0);
      f.name = s.text(1);
      f.arg_types = array_of(s.view(2), ok);
      f.arguments = s.text(3);
      f.result = s.text(4);
      f.kind = s.ch(5, 'f');
      f.language = s.text(6);
      f.body = s.text(7);
      f.volatility = s.text(8);
      f.extension = s.text(9);
      f.owner = s.text(10);
      f.comment = s.text(11);
      std::string k = Catalog::function_key(f);
      catalog.functions.raw().emplace(std::move(k), std::move(f));
    }
    if (rc != SQLITE_DONE) return fail("functions");
  }

  {
    Stmt s(db, "SELECT schema, name, kind, rows_json FROM version_tables ORDER BY schema, name");
    if (!s.ok()) return fail("version_tables");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
      snap.version_tables.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
    if (rc != SQLITE_DONE) return fail("version_tables");
  }
  if (!ok) return "a list-valued field is not a JSON array of strings";

  // The per-relation tables, read meanwhile, attached to their owners.
  if (columns_thread.joinable()) columns_thread.join();
  if (others_thread.joinable()) others_thread.join();
  if (columns_failed) std::rethrow_exception(columns_failed);
  if (others_failed) std::rethrow_exception(others_failed);
  if (!columns.error.empty()) return columns.error;
  if (!others.error.empty()) return others.error;
  return attach_child_rows(in_order, catalog, columns, others);
}

}  // namespace migsim
