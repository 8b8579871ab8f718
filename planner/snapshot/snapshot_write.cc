// Writing a catalog as a snapshot file (SQLite, format 1).

#include <ctime>
#include <map>

#include "planner/cli/output.h"
#include "planner/snapshot/json_text.h"
#include "planner/snapshot/snapshot.h"
#include "planner/snapshot/sqlite_schema.h"
#include "planner/snapshot/store_internal.h"

namespace migsim {
namespace {

std::string options_array(const std::map<std::string, std::string>& options) {
  std::vector<std::string> items;
  for (const auto& [k, v] : options) items.push_back(k + "=" + v);
  return json_string_array(items);
}

/// Writes every object, each kind in key order (the same catalog, the same
/// rows); returns an SQLite error text or "" on success.
std::string write_all(sqlite3* db, const Catalog& catalog, const Snapshot& snap) {
  char* err = nullptr;
  auto exec = [&](const char* sql) -> std::string {
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK) return "";
    std::string m = err ? err : "error";
    sqlite3_free(err);
    return m;
  };
  if (auto e = exec(kSnapshotSchemaSql); !e.empty()) return e;
  if (auto e = exec("BEGIN"); !e.empty()) return e;
  std::string failed;
  auto check = [&](Stmt& s, const char* what) {
    if (!s.exec_row() && failed.empty()) failed = std::string(what) + ": " + sqlite3_errmsg(db);
  };
  {
    Stmt s(db, "INSERT INTO metadata VALUES (?,?,?,?,?,?,?,?,?,?)");
    const auto& i = snap.info;
    s.bind_int(1, kSnapshotFormat).bind(2, MIGSIM_VERSION).bind(3, i.server_version);
    if (i.server_version_num) s.bind_int(4, i.server_version_num);
    s.bind(5, i.database).bind(6, i.taken_at).bind(7, i.source.empty() ? "replay" : i.source);
    s.bind_int(8, i.has_statistics).bind(9, catalog.current_user());
    const std::string* path = catalog.settings.find("search_path");
    s.bind(10, path ? *path : i.search_path);
    check(s, "metadata");
  }
  {
    Stmt s(db, "INSERT INTO schemas VALUES (?,?,?,?)");
    for (const auto& k : catalog.schemas.sorted_keys()) {
      const Schema& sc = *catalog.schemas.find(k);
      s.bind(1, sc.name).bind(2, sc.owner).bind(3, sc.comment);
      s.bind(4, sc.acl.empty() ? "" : json_string_array(sc.acl));
      check(s, "schemas");
    }
  }
  Stmt rel(db, "INSERT INTO relations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt col(db, "INSERT INTO columns VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt con(db, "INSERT INTO constraints VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt idx(db, "INSERT INTO indexes VALUES (?,?,?,?,?,?,?,?,?,?)");
  Stmt seq(db, "INSERT INTO sequences VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt dep(db, "INSERT INTO view_dependencies VALUES (?,?,?,?,?)");
  Stmt trg(db, "INSERT INTO triggers VALUES (?,?,?,?,?,?,?)");
  auto put_constraint = [&](const std::string& schema, const std::string& owner, bool domain,
                            int ordinal, const Constraint& c) {
    con.bind(1, schema).bind(2, owner).bind_int(3, domain).bind_int(4, ordinal).bind(5, c.name);
    con.bind_char(6, static_cast<char>(c.kind));
    con.bind(7, c.columns.empty() ? "" : json_string_array(c.columns)).bind(8, c.expression);
    con.bind(9, c.index).bind(10, c.ref_schema).bind(11, c.ref_table);
    con.bind(12, c.ref_columns.empty() ? "" : json_string_array(c.ref_columns));
    con.bind_char(13, c.on_delete).bind_char(14, c.on_update).bind_char(15, c.match);
    con.bind_int(16, c.deferrable).bind_int(17, c.deferred).bind_int(18, c.validated);
    con.bind_int(19, c.no_inherit).bind(20, c.comment);
    check(con, "constraints");
  };
  for (const auto& k : catalog.relations.sorted_keys()) {
    const Relation& r = *catalog.relations.find(k);
    rel.bind(1, r.schema).bind(2, r.name).bind_char(3, static_cast<char>(r.kind)).bind(4, r.owner);
    rel.bind(5, r.unlogged ? "u" : "p");
    rel.bind(6, r.options.empty() ? "" : options_array(r.options));
    rel.bind(7, r.acl.empty() ? "" : json_string_array(r.acl)).bind(8, r.comment);
    rel.bind_opt(9, r.row_estimate).bind_opt(10, r.total_bytes).bind(11, r.definition);
    rel.bind(12, r.partition_key).bind(13, r.partition_parent).bind(14, r.partition_bound);
    rel.bind(15, r.inherits.empty() ? "" : json_string_array(r.inherits));
    check(rel, "relations");
    for (size_t i = 0; i < r.columns.size(); ++i) {
      const Column& c = r.columns[i];
      col.bind(1, r.schema).bind(2, r.name).bind_int(3, static_cast<int64_t>(i) + 1);
      col.bind(4, c.name)
          .bind(5, c.type)
          .bind(6, c.extras->type_schema)
          .bind(7, c.extras->type_name);
      col.bind_int(8, c.not_null).bind(9, c.default_expr).bind_char(10, c.identity);
      col.bind(11, c.extras->generated).bind(12, c.extras->collation).bind(13, c.extras->comment);
      check(col, "columns");
    }
    for (size_t i = 0; i < r.constraints.size(); ++i)
      put_constraint(r.schema, r.name, false, static_cast<int>(i) + 1, r.constraints[i]);
    if (r.kind == RelKind::kIndex || r.kind == RelKind::kPartitionedIndex) {
      const IndexInfo& x = r.index;
      idx.bind(1, r.schema).bind(2, r.name).bind(3, x.table).bind(4, x.method);
      idx.bind(5, json_string_array(x.keys));
      idx.bind(6, x.include.empty() ? "" : json_string_array(x.include)).bind(7, x.predicate);
      idx.bind_int(8, x.unique).bind_int(9, x.primary).bind(10, x.constraint);
      check(idx, "indexes");
    }
    if (r.kind == RelKind::kSequence) {
      const SequenceInfo& q = r.sequence;
      seq.bind(1, r.schema).bind(2, r.name).bind(3, q.type).bind_int(4, q.start);
      seq.bind_int(5, q.increment).bind_int(6, q.min).bind_int(7, q.max).bind_int(8, q.cache);
      seq.bind_int(9, q.cycle).bind(10, q.owned_by_table).bind(11, q.owned_by_column);
      seq.bind_int(12, q.identity);
      check(seq, "sequences");
    }
    for (const auto& d : r.depends) {
      dep.bind(1, r.schema).bind(2, r.name).bind(3, d.schema).bind(4, d.name);
      dep.bind(5, d.columns.empty() ? "" : json_string_array(d.columns));
      check(dep, "view_dependencies");
    }
    for (const auto& t : r.triggers) {
      trg.bind(1, r.schema).bind(2, r.name).bind(3, t.name).bind(4, t.function);
      trg.bind(5, t.definition).bind_int(6, t.enabled).bind(7, t.comment);
      check(trg, "triggers");
    }
  }
  {
    Stmt s(db, "INSERT INTO types VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& k : catalog.types.sorted_keys()) {
      const TypeDef& t = *catalog.types.find(k);
      s.bind(1, t.schema).bind(2, t.name).bind_char(3, static_cast<char>(t.kind)).bind(4, t.owner);
      s.bind(5,
             t.labels.empty() && t.kind != TypeDef::Kind::kEnum ? "" : json_string_array(t.labels));
      s.bind(6, t.base_type).bind(7, t.base_type_schema).bind(8, t.base_type_name);
      s.bind_int(9, t.not_null).bind(10, t.default_expr).bind(11, t.extension).bind(12, t.comment);
      check(s, "types");
      for (size_t i = 0; i < t.constraints.size(); ++i)
        put_constraint(t.schema, t.name, true, static_cast<int>(i) + 1, t.constraints[i]);
    }
  }
  {
    Stmt s(db, "INSERT INTO extensions VALUES (?,?,?,?)");
    for (const auto& k : catalog.extensions.sorted_keys()) {
      const Extension& e = *catalog.extensions.find(k);
      s.bind(1, e.name).bind(2, e.schema).bind(3, e.version).bind(4, e.comment);
      check(s, "extensions");
    }
  }
  {
    Stmt s(db, "INSERT INTO functions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& k : catalog.functions.sorted_keys()) {
      const Function& f = *catalog.functions.find(k);
      s.bind(1, f.schema).bind(2, f.name);
      std::string args = json_string_array(f.arg_types);
      s.bind(3, args).bind(4, f.arguments).bind(5, f.result).bind_char(6, f.kind);
      s.bind(7, f.language).bind(8, f.body).bind(9, f.volatility).bind(10, f.extension);
      s.bind(11, f.owner).bind(12, f.comment);
      check(s, "functions");
    }
  }
  {
    Stmt s(db, "INSERT INTO version_tables VALUES (?,?,?,?)");
    for (const auto& v : snap.version_tables) {
      s.bind(1, v.schema).bind(2, v.name).bind(3, v.kind).bind(4, v.rows.empty() ? "[]" : v.rows);
      check(s, "version_tables");
    }
  }
  if (!failed.empty()) return "cannot write " + failed;
  if (auto e = exec("COMMIT"); !e.empty()) return e;
  return exec(("PRAGMA user_version = " + std::to_string(kSnapshotFormat)).c_str());
}

}  // namespace

bool snapshot_bytes(const Catalog& catalog, const Snapshot& snap, std::string& bytes,
                    InputError& error) {
  Db db = open_memory_db();
  if (!db) {
    error.message = "cannot create snapshot in memory";
    return false;
  }
  std::string e = write_all(db.get(), catalog, snap);
  if (!e.empty()) {
    error.message = e;
    return false;
  }
  if (!database_bytes(db.get(), bytes)) {
    error.message = "cannot serialize snapshot";
    return false;
  }
  return true;
}

bool save_snapshot(const std::string& path, const Catalog& catalog, const Snapshot& snap,
                   InputError& error) {
  error = {path, 0, 0, ""};
  std::string bytes;
  if (!snapshot_bytes(catalog, snap, bytes, error)) return false;
  return write_output(path, bytes, error);
}

bool add_snapshot_output(OutputFiles& outputs, const std::string& path, const Catalog& catalog,
                         const Snapshot& snap, InputError& error) {
  error = {path, 0, 0, ""};
  std::string bytes;
  if (!snapshot_bytes(catalog, snap, bytes, error)) return false;
  return outputs.add(path, bytes, error);
}

std::string version_table_kind(const std::string& name) {
  if (name == "alembic_version") return "alembic";
  if (name == "flyway_schema_history") return "flyway";
  if (name == "schema_migrations") return "schema_migrations";
  return "";
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace migsim
