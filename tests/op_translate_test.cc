// Alembic operations translate into the SQL Alembic's PostgreSQL dialect
// emits. Expected SQL is what Alembic 1.8 rendered offline for the flagship
// fixture (fixtures/pa_dealing/offline/); compared through libpg_query
// fingerprints, so layout does not matter but every word does.

#include <pg_query.h>
#include <catch2/catch.hpp>

#include "parser/alembic/op_translate.h"

namespace migsim {
namespace {

using K = PyValue::Kind;

PyValue S(std::string s) {
  return PyValue::str(std::move(s));
}
PyValue I(int64_t i) {
  PyValue v;
  v.kind = K::kInt;
  v.integer = i;
  return v;
}
PyValue B(bool b) {
  PyValue v;
  v.kind = K::kBool;
  v.boolean = b;
  return v;
}
PyValue Call(std::string name, std::vector<PyValue> args = {},
             std::vector<std::pair<std::string, PyValue>> kwargs = {}) {
  PyValue v;
  v.kind = K::kCall;
  v.text = std::move(name);
  v.items = std::move(args);
  v.kwargs = std::move(kwargs);
  return v;
}
PyValue List(std::vector<PyValue> items) {
  PyValue v;
  v.kind = K::kList;
  v.items = std::move(items);
  return v;
}
PyValue Dict(std::vector<PyValue> kv) {
  PyValue v;
  v.kind = K::kDict;
  v.items = std::move(kv);
  return v;
}

std::string fingerprint(const std::string& sql) {
  PgQueryFingerprintResult r = pg_query_fingerprint(sql.c_str());
  std::string out = r.error ? std::string("error: ") + r.error->message : r.fingerprint_str;
  pg_query_free_fingerprint_result(r);
  return out;
}

void check_same(const OpTranslation& t, const std::vector<std::string>& alembic) {
  INFO(t.unknown);
  REQUIRE(t.unknown.empty());
  REQUIRE(t.statements.size() == alembic.size());
  for (size_t i = 0; i < alembic.size(); ++i) {
    INFO("migsim:  " << t.statements[i].sql << "\nalembic: " << alembic[i]);
    CHECK(fingerprint(t.statements[i].sql) == fingerprint(alembic[i]));
  }
}

const std::pair<std::string, PyValue> kSchema{"schema", S("padealing")};

TEST_CASE("op.create_table: SERIAL key, defaults, NOT NULL, PRIMARY KEY and UNIQUE") {
  PyValue call =
      Call("op.create_table",
           {S("employee_role"),
            Call("sa.Column", {S("id"), Call("sa.Integer")}, {{"nullable", B(false)}}),
            Call("sa.Column", {S("employee_id"), Call("sa.Integer")}, {{"nullable", B(false)}}),
            Call("sa.Column", {S("role"), Call("sa.String", {}, {{"length", I(50)}})},
                 {{"nullable", B(false)}}),
            Call("sa.Column", {S("created_at"), Call("sa.DateTime", {}, {{"timezone", B(true)}})},
                 {{"server_default", Call("sa.text", {S("now()")})}, {"nullable", B(false)}}),
            Call("sa.PrimaryKeyConstraint", {S("id")}),
            Call("sa.UniqueConstraint", {S("employee_id"), S("role")})},
           {kSchema});
  check_same(translate_op(call),
             {"CREATE TABLE padealing.employee_role (id SERIAL NOT NULL, employee_id INTEGER NOT "
              "NULL, role VARCHAR(50) NOT NULL, created_at TIMESTAMP WITH TIME ZONE DEFAULT now() "
              "NOT NULL, PRIMARY KEY (id), UNIQUE (employee_id, role))"});
}

TEST_CASE("op.create_table: autoincrement=False keeps a plain integer key, and foreign keys") {
  PyValue stocks =
      Call("op.create_table",
           {S("active_stocks"),
            Call("sa.Column", {S("id"), Call("sa.Integer")},
                 {{"autoincrement", B(false)}, {"nullable", B(false)}}),
            Call("sa.Column", {S("inst_symbol"), Call("sa.String", {}, {{"length", I(30)}})},
                 {{"nullable", B(true)}}),
            Call("sa.PrimaryKeyConstraint", {S("id")})},
           {kSchema});
  check_same(translate_op(stocks),
             {"CREATE TABLE padealing.active_stocks (id INTEGER NOT NULL, inst_symbol VARCHAR(30), "
              "PRIMARY KEY (id))"});
  PyValue approval =
      Call("op.create_table",
           {S("pad_approval"),
            Call("sa.Column", {S("id"), Call("sa.Integer")}, {{"nullable", B(false)}}),
            Call("sa.Column", {S("request_id"), Call("sa.Integer")}, {{"nullable", B(false)}}),
            Call("sa.ForeignKeyConstraint",
                 {List({S("request_id")}), List({S("padealing.pad_request.id")})},
                 {{"ondelete", S("CASCADE")}}),
            Call("sa.PrimaryKeyConstraint", {S("id")})},
           {kSchema});
  check_same(translate_op(approval),
             {"CREATE TABLE padealing.pad_approval (id SERIAL NOT NULL, request_id INTEGER NOT "
              "NULL, PRIMARY KEY (id), FOREIGN KEY(request_id) REFERENCES padealing.pad_request "
              "(id) ON DELETE CASCADE)"});
}

TEST_CASE("op.add_column, op.alter_column, op.create_index, op.create_foreign_key") {
  check_same(translate_op(Call("op.add_column",
                               {S("pad_approval"),
                                Call("sa.Column", {S("approval_level"), Call("sa.SmallInteger")},
                                     {{"server_default", S("1")}, {"nullable", B(false)}})},
                               {kSchema})),
             {"ALTER TABLE padealing.pad_approval ADD COLUMN approval_level SMALLINT DEFAULT '1' "
              "NOT NULL"});
  check_same(translate_op(Call("op.alter_column", {S("pad_request"), S("status")},
                               {{"existing_type", Call("sa.String", {}, {{"length", I(20)}})},
                                {"type_", Call("sa.String", {}, {{"length", I(32)}})},
                                {"existing_nullable", B(false)},
                                kSchema})),
             {"ALTER TABLE padealing.pad_request ALTER COLUMN status TYPE VARCHAR(32)"});
  check_same(translate_op(Call("op.alter_column", {S("pad_request"), S("ai_risk_assessment")},
                               {{"new_column_name", S("risk_assessment")},
                                {"existing_type", Call("sa.Text")},
                                kSchema})),
             {"ALTER TABLE padealing.pad_request RENAME ai_risk_assessment TO risk_assessment"});
  check_same(translate_op(Call(
                 "op.create_index",
                 {S("ix_pad_request_reference_id"), S("pad_request"), List({S("reference_id")})},
                 {{"unique", B(true)}, kSchema})),
             {"CREATE UNIQUE INDEX ix_pad_request_reference_id ON padealing.pad_request "
              "(reference_id)"});
  check_same(translate_op(
                 Call("op.create_foreign_key",
                      {S("fk_pad_request_legacy_pad_id"), S("pad_request"),
                       S("personal_account_dealing"), List({S("legacy_pad_id")}), List({S("id")})},
                      {{"source_schema", S("padealing")},
                       {"referent_schema", S("padealing")},
                       {"ondelete", S("SET NULL")}})),
             {"ALTER TABLE padealing.pad_request ADD CONSTRAINT fk_pad_request_legacy_pad_id "
              "FOREIGN KEY(legacy_pad_id) REFERENCES padealing.personal_account_dealing (id) ON "
              "DELETE SET NULL"});
}

TEST_CASE("batch_op calls target the batch table, and bulk_insert writes one INSERT per row") {
  BatchTarget batch{"employee_role", "padealing"};
  check_same(translate_op(Call("batch_op.add_column",
                               {Call("sa.Column",
                                     {S("google_uid"), Call("sa.String", {}, {{"length", I(64)}})},
                                     {{"nullable", B(true)}})}),
                          &batch),
             {"ALTER TABLE padealing.employee_role ADD COLUMN google_uid VARCHAR(64)"});
  check_same(translate_op(Call("batch_op.create_index",
                               {S("ix_employee_role_google_uid"), List({S("google_uid")})},
                               {{"unique", B(false)}}),
                          &batch),
             {"CREATE INDEX ix_employee_role_google_uid ON padealing.employee_role (google_uid)"});
  PyValue table = Call("op.create_table", {S("approval_tier")}, {kSchema});
  check_same(
      translate_op(Call("op.bulk_insert",
                        {table, List({Dict({S("tier"), I(1), S("min_notional"), I(0)}),
                                      Dict({S("tier"), I(2), S("min_notional"), I(100000)})})})),
      {"INSERT INTO padealing.approval_tier (tier, min_notional) VALUES (1, 0)",
       "INSERT INTO padealing.approval_tier (tier, min_notional) VALUES (2, 100000)"});
}

TEST_CASE("enums: create with checkfirst is guarded, and add_column does not create the type") {
  PyValue e = Call("postgresql.ENUM", {S("none"), S("low_risk"), S("pre_cleared")},
                   {{"name", S("auto_approval_type")}, kSchema});
  OpTranslation t = translate_enum_create(e, true);
  check_same(t, {"CREATE TYPE padealing.auto_approval_type AS ENUM ('none', 'low_risk', "
                 "'pre_cleared')"});
  CHECK(t.statements[0].only_if_type_missing == "padealing.auto_approval_type");
  check_same(translate_op(Call(
                 "op.add_column",
                 {S("pad_approval"), Call("sa.Column", {S("auto_approval_type"), e},
                                          {{"server_default", S("none")}, {"nullable", B(false)}})},
                 {kSchema})),
             {"ALTER TABLE padealing.pad_approval ADD COLUMN auto_approval_type "
              "padealing.auto_approval_type DEFAULT 'none' NOT NULL"});
}

TEST_CASE("index IF NOT EXISTS and IF EXISTS follow the Alembic release") {
  PyValue create =
      Call("op.create_index", {S("ix_orders_status"), S("orders"), List({S("status")})},
           {{"if_not_exists", B(true)}});
  PyValue drop = Call("op.drop_index", {S("ix_orders_old")},
                      {{"table_name", S("orders")}, {"if_exists", B(true)}});
  // The current release (1.11.2 on) renders both clauses; so does no [alembic] version.
  for (const char* v : {"1.11.2", "1.13.1"}) {
    AlembicVersion version = *AlembicVersion::parse(v);
    check_same(translate_op(create, nullptr, version),
               {"CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status)"});
    check_same(translate_op(drop, nullptr, version), {"DROP INDEX IF EXISTS ix_orders_old"});
  }
  check_same(translate_op(create),
             {"CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status)"});
  // Alembic 1.8 (Debian 12) warns and renders neither (offline output of python3-alembic 1.8.1).
  AlembicVersion old = *AlembicVersion::parse("1.8.1");
  check_same(translate_op(create, nullptr, old),
             {"CREATE INDEX ix_orders_status ON orders (status)"});
  check_same(translate_op(drop, nullptr, old), {"DROP INDEX ix_orders_old"});
  BatchTarget batch{"orders", ""};
  check_same(
      translate_op(Call("batch_op.create_index", {S("ix_orders_status"), List({S("status")})},
                        {{"if_not_exists", B(true)}}),
                   &batch, old),
      {"CREATE INDEX ix_orders_status ON orders (status)"});
}

TEST_CASE("table and column operations with if_exists or if_not_exists are unknown") {
  OpTranslation t = translate_op(Call("op.drop_table", {S("t")}, {{"if_exists", B(true)}}));
  CHECK(t.unknown ==
        "op.drop_table with if_exists/if_not_exists: what Alembic renders for it depends on its "
        "release");
  t = translate_op(Call("op.add_column", {S("t"), Call("sa.Column", {S("a"), Call("sa.Integer")})},
                        {{"if_not_exists", B(true)}}));
  CHECK(t.unknown.rfind("op.add_column with if_exists/if_not_exists", 0) == 0);
  // False is what every release renders alike.
  check_same(translate_op(Call("op.drop_table", {S("t")}, {{"if_exists", B(false)}})),
             {"DROP TABLE t"});
}

TEST_CASE("what cannot be translated says why") {
  OpTranslation t = translate_op(Call("op.execute", {Call("table.update")}));
  CHECK(t.unknown == "op.execute of something other than a SQL string or sa.text()");
  t = translate_op(
      Call("op.create_table", {S("t"), Call("sa.Column", {S("a"), Call("mytypes.Money")})}));
  CHECK(t.unknown == "the SQLAlchemy type mytypes.Money is not modelled");
  t = translate_op(Call("op.invoke", {}));
  CHECK(t.unknown == "the Alembic operation op.invoke is not modelled");
}

}  // namespace
}  // namespace migsim
