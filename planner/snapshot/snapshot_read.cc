// Reading snapshot files (SQLite, format 1) into a catalog.

#include <sys/stat.h>

#include <vector>

#include "parser/limits.h"
#include "planner/snapshot/json_text.h"
#include "planner/snapshot/snapshot.h"
#include "planner/snapshot/store_internal.h"

namespace migsim {
namespace {

std::vector<std::string> array_of(std::string_view text, bool& ok) {
  std::vector<std::string> out;
  if (!parse_json_string_array(text, out)) ok = false;
  return out;
}

}  // namespace

/// Reads the whole file into the catalog; returns an SQLite error text or "" on success.
std::string read_snapshot_db(sqlite3* db, Catalog& catalog, Snapshot& snap) {
  bool ok = true;
  auto fail = [&](const char* what) {
    return std::string("cannot read ") + what + ": " + sqlite3_errmsg(db);
  };
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

  // Rows of the per-relation tables come in (schema, relation) order, the
  // relations' own order: a cursor walks `in_order` instead of hashing each key.
  // The hash lookup remains for anything out of order.
  Relation* cur = nullptr;
  size_t pos = 0;
  auto owner = [&](std::string_view schema, std::string_view name) -> Relation* {
    if (cur && cur->schema == schema && cur->name == name) return cur;
    auto before = [&](const Relation* r) {
      int c = std::string_view(r->schema).compare(schema);
      return c < 0 || (c == 0 && std::string_view(r->name).compare(name) < 0);
    };
    while (pos < in_order.size() && before(in_order[pos])) ++pos;
    if (pos < in_order.size() && in_order[pos]->schema == schema && in_order[pos]->name == name) {
      cur = in_order[pos];
      return cur;
    }
    auto it = rels.find(Catalog::key(schema, name));
    cur = it == rels.end() ? nullptr : &it->second;
    return cur;
  };
  auto restart = [&] {
    cur = nullptr;
    pos = 0;
  };
  auto orphan = [](const char* what, std::string_view schema, std::string_view name) {
    return std::string(what) + " of " + std::string(schema) + "." + std::string(name) +
           ", which the relations table does not hold";
  };

  // An index or sequence row without its relation is ignored, as the join did.
  restart();
  {
    Stmt s(db,
           "SELECT schema, name, table_name, method, keys, include, predicate, is_unique, "
           "is_primary, constraint_name FROM indexes ORDER BY schema, name");
    if (!s.ok()) return fail("relations");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Relation* r = s.view(1).empty() ? nullptr : owner(s.view(0), s.view(1));
      if (!r) continue;
      IndexInfo& ix = r->index;
      ix.table = s.text(2);
      ix.method = s.text(3);
      ix.keys = array_of(s.view(4), ok);
      ix.include = array_of(s.view(5), ok);
      ix.predicate = s.text(6);
      ix.unique = s.i64(7) != 0;
      ix.primary = s.i64(8) != 0;
      ix.constraint = s.text(9);
    }
    if (rc != SQLITE_DONE) return fail("relations");
  }
  restart();
  {
    Stmt s(db,
           "SELECT schema, name, type, start, increment, min, max, cache, cycle, owned_by_table, "
           "owned_by_column, identity FROM sequences ORDER BY schema, name");
    if (!s.ok()) return fail("relations");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Relation* r = s.view(1).empty() ? nullptr : owner(s.view(0), s.view(1));
      if (!r) continue;
      SequenceInfo& q = r->sequence;
      q.type = s.text(2);
      q.start = s.i64(3);
      q.increment = s.i64(4);
      q.min = s.i64(5);
      q.max = s.i64(6);
      q.cache = s.i64(7);
      q.cycle = s.i64(8) != 0;
      q.owned_by_table = s.text(9);
      q.owned_by_column = s.text(10);
      q.identity = s.i64(11) != 0;
    }
    if (rc != SQLITE_DONE) return fail("relations");
  }

  restart();
  {
    Stmt s(db,
           "SELECT schema, relation, name, type, type_schema, type_name, not_null, default_expr, "
           "identity, generated_expr, collation, comment FROM columns "
           "ORDER BY schema, relation, ordinal");
    if (!s.ok()) return fail("columns");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Relation* r = owner(s.view(0), s.view(1));
      if (!r) return orphan("a column", s.view(0), s.view(1));
      Column& c = r->columns.emplace_back();
      c.name = s.text(2);
      c.type = s.text(3);
      c.type_schema = s.text(4);
      c.type_name = s.text(5);
      c.not_null = s.i64(6) != 0;
      c.default_expr = s.text(7);
      c.identity = s.ch(8, 0);
      c.generated = s.text(9);
      c.collation = s.text(10);
      c.comment = s.text(11);
    }
    if (rc != SQLITE_DONE) return fail("columns");
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

  restart();
  {
    Stmt s(db,
           "SELECT schema, relation, on_domain, name, kind, columns, expression, index_name, "
           "ref_schema, ref_table, ref_columns, on_delete, on_update, match_type, is_deferrable, "
           "is_deferred, validated, no_inherit, comment FROM constraints "
           "ORDER BY schema, relation, on_domain, ordinal");
    if (!s.ok()) return fail("constraints");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Constraint c;
      c.name = s.text(3);
      c.kind = static_cast<Constraint::Kind>(s.ch(4, 'c'));
      if (s.view(4).size() != 1 ||
          std::string_view("pufcx").find(s.view(4)) == std::string_view::npos)
        return "constraint " + c.name + " has an unknown kind '" + s.text(4) + "'";
      c.columns = array_of(s.view(5), ok);
      c.expression = s.text(6);
      c.index = s.text(7);
      c.ref_schema = s.text(8);
      c.ref_table = s.text(9);
      c.ref_columns = array_of(s.view(10), ok);
      c.on_delete = s.ch(11, 'a');
      c.on_update = s.ch(12, 'a');
      c.match = s.ch(13, 's');
      c.deferrable = s.i64(14) != 0;
      c.deferred = s.i64(15) != 0;
      c.validated = s.i64(16) != 0;
      c.no_inherit = s.i64(17) != 0;
      c.comment = s.text(18);
      if (s.i64(2)) {
        auto it = types.find(Catalog::key(s.view(0), s.view(1)));
        if (it == types.end()) return orphan("a constraint", s.view(0), s.view(1));
        it->second.constraints.push_back(std::move(c));
      } else {
        Relation* r = owner(s.view(0), s.view(1));
        if (!r) return orphan("a constraint", s.view(0), s.view(1));
        r->constraints.push_back(std::move(c));
      }
    }
    if (rc != SQLITE_DONE) return fail("constraints");
  }

  restart();
  {
    Stmt s(db,
           "SELECT schema, view_name, ref_schema, ref_name, columns FROM view_dependencies "
           "ORDER BY schema, view_name, ref_schema, ref_name");
    if (!s.ok()) return fail("view_dependencies");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Relation* r = owner(s.view(0), s.view(1));
      if (!r) return orphan("a view dependency", s.view(0), s.view(1));
      r->depends.push_back({s.text(2), s.text(3), array_of(s.view(4), ok)});
    }
    if (rc != SQLITE_DONE) return fail("view_dependencies");
  }

  restart();
  {
    Stmt s(db,
           "SELECT schema, relation, name, function, definition, enabled, comment FROM triggers "
           "ORDER BY schema, relation, name");
    if (!s.ok()) return fail("triggers");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      Relation* r = owner(s.view(0), s.view(1));
      if (!r) return orphan("a trigger", s.view(0), s.view(1));
      r->triggers.push_back({s.text(2), s.text(3), s.text(4), s.i64(5) != 0, s.text(6)});
    }
    if (rc != SQLITE_DONE) return fail("triggers");
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
  return "";
}

bool load_snapshot(const std::string& path, Catalog& catalog, Snapshot& snap, InputError& error) {
  error = {path, 0, 0, ""};
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    error.message = "cannot open snapshot: no such file";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error.message = S_ISDIR(st.st_mode) ? "cannot open snapshot: is a directory, expected a file"
                                        : "cannot open snapshot: not a regular file";
    return false;
  }
  if (st.st_size == 0) {
    // SQLite takes an empty file for an empty database.
    error.message = "not a migsim snapshot: the file is empty";
    return false;
  }
  uint64_t limit = input_limits().max_snapshot_size;
  if (static_cast<uint64_t>(st.st_size) > limit) {
    error.message = "snapshot is " + format_size(static_cast<uint64_t>(st.st_size)) +
                    ", larger than the limit of " + format_size(limit) +
                    " (raise it with --max-snapshot-size)";
    return false;
  }
  note_input_file(path);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    error.message = std::string("cannot open snapshot: ") + sqlite3_errmsg(raw);
    return false;
  }
  int version = -1;
  {
    Stmt s(db.get(), "PRAGMA user_version");
    int step = s.ok() ? s.step() : sqlite3_errcode(db.get());
    if (step != SQLITE_ROW) {
      int code = sqlite3_errcode(db.get()) & 0xff;
      error.message = code == SQLITE_NOTADB ? "not a migsim snapshot: not an SQLite file"
                      : code == SQLITE_CORRUPT
                          ? "corrupt snapshot (truncated or damaged SQLite file)"
                          : std::string("cannot read snapshot: ") + sqlite3_errmsg(db.get());
      return false;
    }
    version = static_cast<int>(s.i64(0));
  }
  if (version == 0) {
    error.message = "not a migsim snapshot (an SQLite file without a snapshot format version)";
    return false;
  }
  if (version > kSnapshotFormat) {
    std::string needs;
    Stmt s(db.get(), "SELECT migsim_version FROM metadata");
    if (s.ok() && s.step() == SQLITE_ROW) needs = s.text(0);
    error.message = "snapshot format " + std::to_string(version) + " is newer than this migsim (" +
                    MIGSIM_VERSION + ") reads (format " + std::to_string(kSnapshotFormat) +
                    "); it needs a migsim that reads format " + std::to_string(version) +
                    (needs.empty() ? std::string() : " (it was written by migsim " + needs + ")");
    return false;
  }
  std::string e = read_snapshot_db(db.get(), catalog, snap);
  if (!e.empty()) {
    error.message = "corrupt snapshot: " + e;
    return false;
  }
  return true;
}

}  // namespace migsim
