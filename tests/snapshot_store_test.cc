// Snapshot files: a catalog saved and loaded again is the same catalog; bad
// files are one clear InputError each, never a crash.

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "planner/snapshot/diff.h"
#include "planner/snapshot/dump_import.h"
#include "planner/snapshot/json_import.h"
#include "planner/snapshot/snapshot.h"

namespace migsim {
namespace {

std::string temp_path(const std::string& name) {
  return "/tmp/migsim-snapshot-test-" + std::to_string(getpid()) + "-" + name;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A catalog holding one of each kind of object.
void fill(Catalog& c, Snapshot& s) {
  c.schemas.raw()["app"] = Schema{"app", "alice", "the app", {"alice=UC/alice", "=U/alice"}};
  TypeDef mood;
  mood.schema = "app";
  mood.name = "mood";
  mood.kind = TypeDef::Kind::kEnum;
  mood.labels = {"sad", "ok", "happy \"quoted\""};
  c.put_type(mood);
  TypeDef email;
  email.schema = "app";
  email.name = "email";
  email.kind = TypeDef::Kind::kDomain;
  email.base_type = "text";
  email.not_null = true;
  Constraint check;
  check.name = "email_check";
  check.expression = "(VALUE ~~ '%@%'::text)";
  email.constraints.push_back(check);
  c.put_type(email);

  Relation t;
  t.schema = "app";
  t.name = "users";
  t.owner = "alice";
  t.options["fillfactor"] = "90";
  t.comment = "people";
  t.row_estimate = 42;
  t.total_bytes = 8192;
  Column id;
  id.name = "id";
  id.type = "bigint";
  id.not_null = true;
  id.identity = 'a';
  Column m;
  m.name = "moods";
  m.type = "app.mood[]";
  m.extras.mut().type_schema = "app";
  m.extras.mut().type_name = "mood";
  m.default_expr = "'{}'::app.mood[]";
  m.extras.mut().collation = "C";
  m.extras.mut().comment = "ünïcode";
  t.columns = {id, m};
  Constraint pk;
  pk.name = "users_pkey";
  pk.kind = Constraint::Kind::kPrimaryKey;
  pk.columns = {"id"};
  pk.index = "users_pkey";
  Constraint fk;
  fk.name = "users_self_fk";
  fk.kind = Constraint::Kind::kForeignKey;
  fk.columns = {"id"};
  fk.ref_schema = "app";
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  fk.on_delete = 'c';
  fk.deferrable = fk.deferred = true;
  t.constraints = {pk, fk};
  t.triggers.push_back({"touch", "app.touch", "CREATE TRIGGER touch ...", true, "note"});
  c.put_relation(t);

  Relation ix;
  ix.schema = "app";
  ix.name = "users_pkey";
  ix.kind = RelKind::kIndex;
  ix.index.mut().table = "users";
  ix.index.mut().keys = {"id"};
  ix.index.mut().unique = ix.index.mut().primary = true;
  ix.index.mut().constraint = "users_pkey";
  ix.index.mut().predicate = "(id > 0)";
  c.put_relation(ix);

  Relation seq;
  seq.schema = "app";
  seq.name = "users_id_seq";
  seq.kind = RelKind::kSequence;
  seq.sequence.mut().owned_by_table = "users";
  seq.sequence.mut().owned_by_column = "id";
  seq.sequence.mut().identity = true;
  seq.sequence.mut().start = 100;
  c.put_relation(seq);

  Relation v;
  v.schema = "app";
  v.name = "v";
  v.kind = RelKind::kView;
  v.definition = " SELECT users.id\n   FROM app.users;";
  v.columns = {id};
  v.depends.push_back({"app", "users", {"id"}});
  c.put_relation(v);

  Function f;
  f.schema = "app";
  f.name = "add";
  f.arg_types = {"integer", "app.mood"};
  f.arguments = "a integer, b app.mood";
  f.result = "integer";
  f.language = "sql";
  f.body = "SELECT 1";
  f.volatility = "i";
  c.put_function(f);
  c.extensions.raw()["plpgsql"] = Extension{"plpgsql", "pg_catalog", "1.0", "PL/pgSQL"};
  s.info.source = "pull";
  s.info.database = "prod";
  s.info.server_version = "15.8";
  s.info.has_statistics = true;
  s.version_tables.push_back(
      {"public", "alembic_version", "alembic", R"([{"version_num":"ae1027a6acf"}])"});
}

}  // namespace

TEST_CASE("a saved snapshot loads into the same catalog", "[snapshot]") {
  Catalog a;
  Snapshot sa;
  fill(a, sa);
  std::string path = temp_path("roundtrip.sqlite");
  InputError error;
  REQUIRE(save_snapshot(path, a, sa, error));
  Catalog b;
  Snapshot sb;
  INFO(error.to_string());
  REQUIRE(load_snapshot(path, b, sb, error));
  DiffOptions all;
  all.statistics = true;
  auto differences = diff_snapshots(a, sa, b, sb, all);
  for (const auto& d : differences)
    UNSCOPED_INFO(d.object << " " << d.name << ": " << d.field << " " << d.from << " -> " << d.to);
  CHECK(differences.empty());
  CHECK(sb.info.format == kSnapshotFormat);
  CHECK(sb.info.database == "prod");
  CHECK(sb.info.has_statistics);
  const Relation* users = b.relation("app", "users");
  REQUIRE(users);
  CHECK(users->columns.size() == 2);
  CHECK(users->columns[0].identity == 'a');
  CHECK(users->columns[1].extras->comment == "ünïcode");
  CHECK(users->options.at("fillfactor") == "90");
  CHECK(users->constraints[1].deferred);
  CHECK(users->row_estimate == 42);
  CHECK(b.type("app", "mood")->labels[2] == "happy \"quoted\"");
  CHECK(b.type("app", "email")->constraints.size() == 1);
  CHECK(b.relation("app", "users_id_seq")->sequence->start == 100);
  CHECK(b.relation("app", "users_pkey")->index->predicate == "(id > 0)");
  CHECK(b.relation("app", "v")->depends.at(0).columns == std::vector<std::string>{"id"});
  REQUIRE(sb.version_tables.size() == 1);
  CHECK(sb.version_tables[0].rows == R"([{"version_num":"ae1027a6acf"}])");
  std::remove(path.c_str());
}

TEST_CASE("the same catalog saves as the same bytes", "[snapshot]") {
  // Objects are written in key order: the catalog's maps iterate in an order
  // that differs from one map to the next, even for the same objects.
  Catalog a;
  Snapshot sa;
  fill(a, sa);
  for (int i = 0; i < 200; ++i) {
    Relation r;
    r.schema = i % 2 ? "app" : "public";
    r.name = "t" + std::to_string(i);
    a.put_relation(std::move(r));
  }
  std::string first = temp_path("same-1.sqlite"), second = temp_path("same-2.sqlite");
  InputError error;
  REQUIRE(save_snapshot(first, a, sa, error));
  Catalog b;
  Snapshot sb;
  REQUIRE(load_snapshot(first, b, sb, error));
  REQUIRE(save_snapshot(second, b, sb, error));
  std::string bytes = read_file(first);
  CHECK(bytes.size() > 4096);
  CHECK(read_file(second) == bytes);
  std::remove(first.c_str());
  std::remove(second.c_str());
}

TEST_CASE("diff names exactly what changed", "[snapshot]") {
  Catalog a, b;
  Snapshot sa, sb;
  fill(a, sa);
  fill(b, sb);
  b.relation_mut("app", "users")->columns[1].type = "text";
  b.drop_relation("app", "v");
  b.relation_mut("app", "users")->row_estimate = 7;  // statistics are not compared by default
  auto changes = diff_snapshots(a, sa, b, sb, {});
  REQUIRE(changes.size() == 4);
  CHECK(changes[0].kind == SnapshotChange::Kind::kChanged);
  CHECK(changes[0].name == "app.users.moods");
  CHECK(changes[0].field == "type");
  CHECK(changes[0].from == "app.mood[]");
  CHECK(changes[0].to == "text");
  CHECK(changes[1].kind == SnapshotChange::Kind::kRemoved);
  CHECK(changes[1].name == "app.v");
  CHECK(changes[2].name == "app.v depends on app.users");
  CHECK(changes[3].name == "app.v.id");
  CHECK(diff_text({}) == "no differences\n");
}

TEST_CASE("bad snapshot files are clear errors", "[snapshot]") {
  Catalog c;
  Snapshot s;
  InputError error;
  std::string path = temp_path("bad.sqlite");

  CHECK_FALSE(load_snapshot(temp_path("missing.sqlite"), c, s, error));
  CHECK(error.message == "cannot open snapshot: no such file");

  write_file(path, "this is not a database at all, just some text that goes on and on");
  CHECK_FALSE(load_snapshot(path, c, s, error));
  CHECK(error.message == "not a migsim snapshot: not an SQLite file");
  CHECK(error.file == path);

  write_file(path, "");
  CHECK_FALSE(load_snapshot(path, c, s, error));
  CHECK(error.message.find("not a migsim snapshot") == 0);

  // A valid snapshot, truncated.
  Catalog full;
  Snapshot sf;
  fill(full, sf);
  std::string bytes;
  REQUIRE(snapshot_bytes(full, sf, bytes, error));
  write_file(path, bytes.substr(0, bytes.size() / 2));
  Catalog t;
  Snapshot st;
  CHECK_FALSE(load_snapshot(path, t, st, error));
  CHECK_FALSE(error.message.empty());

  // Damaged pages in the middle.
  std::string damaged = bytes;
  for (size_t i = 4096; i < damaged.size(); i += 7) damaged[i] = '\xff';
  write_file(path, damaged);
  Catalog d;
  Snapshot sd;
  CHECK_FALSE(load_snapshot(path, d, sd, error));
  CHECK_FALSE(error.message.empty());

  // A newer format.
  write_file(path, bytes);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 7", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  Catalog n;
  Snapshot sn;
  CHECK_FALSE(load_snapshot(path, n, sn, error));
  CHECK(error.message.find("snapshot format 7 is newer than this migsim") == 0);
  CHECK(error.message.find("needs a migsim that reads format 7") != std::string::npos);

  // An SQLite file that is not a snapshot.
  std::remove(path.c_str());
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE x (y int)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  Catalog o;
  Snapshot so;
  CHECK_FALSE(load_snapshot(path, o, so, error));
  CHECK(error.message.find("not a migsim snapshot") == 0);
  std::remove(path.c_str());
}

TEST_CASE("JSON documents with missing keys or wrong types are errors", "[snapshot]") {
  const std::string meta =
      R"("metadata":{"format":1,"migsim_version":"0","source":"json","has_statistics":true})";
  const std::string empty_tables =
      R"("schemas":[],"relations":[],"columns":[],"constraints":[],"indexes":[],)"
      R"("sequences":[],"view_dependencies":[],"types":[],"extensions":[],"functions":[],)"
      R"("triggers":[],"version_tables":null)";
  auto import = [](const std::string& text, InputError& error) {
    Catalog c;
    Snapshot s;
    return import_snapshot_json("doc.json", text, c, s, error);
  };
  InputError error;
  CHECK(import("{" + meta + "," + empty_tables + "}", error));
  CHECK_FALSE(import("{" + meta + "}", error));
  CHECK(error.message == "missing key \"schemas\" (an array)");
  CHECK_FALSE(import("[1]", error));
  CHECK(error.message.find("top level must be an object") != std::string::npos);
  CHECK_FALSE(import("{\"metadata\":", error));
  CHECK(error.message.find("not valid JSON") == 0);
  CHECK_FALSE(import(R"({"metadata":{"format":2}})", error));
  CHECK(error.message.find("needs a migsim that reads format 2") != std::string::npos);
  std::string bad_rel = "{" + meta + "," + empty_tables + "}";
  bad_rel.replace(bad_rel.find(R"("relations":[])"), 14,
                  R"("relations":[{"schema":"public","name":"t","kind":"r","row_estimate":"x"}])");
  CHECK_FALSE(import(bad_rel, error));
  CHECK(error.message == "relations[0]: key \"row_estimate\" must be a number, not a string");
  std::string bad_kind = "{" + meta + "," + empty_tables + "}";
  bad_kind.replace(bad_kind.find(R"("relations":[])"), 14,
                   R"("relations":[{"schema":"public","name":"t","kind":"zz"}])");
  CHECK_FALSE(import(bad_kind, error));
  CHECK(error.message == "relation public.t has an unknown kind 'zz'");
  std::string orphan = "{" + meta + "," + empty_tables + "}";
  orphan.replace(orphan.find(R"("columns":[])"), 12,
                 R"("columns":[{"schema":"s","relation":"t","ordinal":1,"name":"c",)"
                 R"("type":"int","not_null":false}])");
  CHECK_FALSE(import(orphan, error));
  CHECK(error.message.find("which the relations table does not hold") != std::string::npos);
}

TEST_CASE("replay --save-snapshot writes the catalog after the replay", "[snapshot]") {
  std::string sql = temp_path("replay.sql");
  std::string out = temp_path("replay.sqlite");
  write_file(sql, "CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, note text);\n");
  std::string cmd =
      std::string(MIGSIM_BINARY) + " replay --save-snapshot " + out + " " + sql + " > /dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  Catalog c;
  Snapshot s;
  InputError error;
  INFO(error.to_string());
  REQUIRE(load_snapshot(out, c, s, error));
  CHECK(s.info.source == "replay");
  REQUIRE(c.relation("app", "t"));
  CHECK(c.relation("app", "t")->columns.size() == 2);
  CHECK(c.relation("app", "t_pkey"));
  CHECK(read_file(out).substr(0, 15) == "SQLite format 3");
  std::remove(sql.c_str());
  std::remove(out.c_str());
}

}  // namespace migsim

namespace migsim {

TEST_CASE("pg_dump scripts replay through the engine, psql lines skipped", "[snapshot]") {
  const std::string dump =
      "--\n-- PostgreSQL database dump\n--\n\n\\restrict 0fJXeItz\n\n"
      "SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n"
      "SELECT pg_catalog.set_config('search_path', '', false);\n"
      "SET default_table_access_method = heap;\n"
      "CREATE SCHEMA app;\n"
      "CREATE TABLE app.t (\n    id integer NOT NULL\n);\n"
      "CREATE UNLOGGED TABLE app.u (x text);\n"
      "\\unrestrict 0fJXeItz\n";
  Catalog c;
  Snapshot s;
  std::vector<DumpWarning> warnings;
  InputError error;
  INFO(error.to_string());
  REQUIRE(import_pg_dump("schema.sql", dump, c, s, warnings, error));
  CHECK(warnings.empty());
  CHECK(*c.settings.find("search_path") == "\"$user\", public");  // the dump's SET was its own
  REQUIRE(c.relation("app", "t"));
  CHECK(c.relation("app", "t")->columns.at(0).not_null);
  CHECK(c.relation("app", "u")->unlogged);
  CHECK(s.info.source == "pg_dump");
  CHECK_FALSE(s.info.has_statistics);

  // A statement the engine does not model is a warning with its line, not silence.
  Catalog c2;
  Snapshot s2;
  std::vector<DumpWarning> w2;
  REQUIRE(import_pg_dump("schema.sql",
                         "CREATE SCHEMA app;\nCREATE SERVER x FOREIGN DATA WRAPPER y;\n", c2, s2,
                         w2, error));
  REQUIRE(w2.size() == 1);
  CHECK(w2[0].line == 2);
  CHECK(w2[0].message.find("not modelled") == 0);

  CHECK_FALSE(import_pg_dump("schema.sql", "CREATE TABLE (;\n", c2, s2, w2, error));
}

}  // namespace migsim

namespace migsim {

TEST_CASE("replay --snapshot starts from a snapshot", "[snapshot]") {
  Catalog c;
  Snapshot s;
  fill(c, s);
  std::string start = temp_path("start.sqlite");
  std::string sql = temp_path("more.sql");
  std::string out = temp_path("after.sqlite");
  InputError error;
  REQUIRE(save_snapshot(start, c, s, error));
  write_file(sql, "CREATE TABLE app.extra (id int);\nCREATE TABLE app.users (id int);\n");
  std::string cmd = std::string(MIGSIM_BINARY) + " replay --format json --snapshot " + start +
                    " --save-snapshot " + out + " " + sql + " > " + out + ".json";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string json = read_file(out + ".json");
  CHECK(json.find("relation \\\"users\\\" already exists") != std::string::npos);
  Catalog after;
  Snapshot sa;
  REQUIRE(load_snapshot(out, after, sa, error));
  CHECK(after.relation("app", "extra"));
  CHECK(after.relation("app", "users")->columns.size() == 2);
  CHECK(sa.info.source == "replay");
  CHECK(sa.info.database == "prod");
  CHECK(sa.version_tables.size() == 1);
  for (const auto& p : {start, sql, out, out + ".json"}) std::remove(p.c_str());
}

}  // namespace migsim

namespace migsim {

TEST_CASE("snapshot commands: exit codes, and no output file on bad input", "[snapshot]") {
  auto status = [](const std::string& args) {
    std::string cmd = std::string(MIGSIM_BINARY) + " " + args + " > /dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  };
  auto exists = [](const std::string& p) { return std::ifstream(p).good(); };
  std::string doc = temp_path("demo.json");
  std::string a = temp_path("a.sqlite");
  std::string b = temp_path("b.sqlite");
  std::string out = temp_path("out.sqlite");
  std::string json = read_file(std::string(MIGSIM_SOURCE_DIR) + "/snapshots/demo.json");
  REQUIRE(!json.empty());

  write_file(doc, json.substr(0, json.size() / 2));  // truncated JSON
  CHECK(status("snapshot import " + doc + " -o " + out) == 2);
  CHECK_FALSE(exists(out));
  write_file(doc, "{\"metadata\": {\"format\": 1}}");  // missing keys
  CHECK(status("snapshot import " + doc + " -o " + out) == 2);
  CHECK_FALSE(exists(out));

  write_file(doc, json);
  REQUIRE(status("snapshot import " + doc + " -o " + a) == 0);
  REQUIRE(status("snapshot import " + doc + " -o " + b) == 0);
  CHECK(status("snapshot diff " + a + " " + b) == 0);
  CHECK(status("snapshot show " + a) == 0);

  Catalog c;
  Snapshot s;
  InputError error;
  REQUIRE(load_snapshot(b, c, s, error));
  c.drop_relation("sync", "instrument");
  std::string changed = b + ".changed";  // never over a file this process has read
  REQUIRE(save_snapshot(changed, c, s, error));
  CHECK(status("snapshot diff " + a + " " + changed) == 1);
  CHECK(status("snapshot diff " + a + " " + temp_path("missing.sqlite")) == 2);
  write_file(b, "garbage");
  CHECK(status("snapshot diff " + a + " " + b) == 2);
  CHECK(status("snapshot show " + b) == 2);
  for (const auto& p : {doc, a, b, changed, out}) std::remove(p.c_str());
}

}  // namespace migsim
