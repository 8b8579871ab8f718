#pragma once
// The tables of snapshot format 1 (docs/snapshot-format.md explains each).

namespace migsim {

inline constexpr const char* kSnapshotSchemaSql = R"sql(
CREATE TABLE metadata (
  format INTEGER NOT NULL, migsim_version TEXT NOT NULL, server_version TEXT,
  server_version_num INTEGER, database_name TEXT, taken_at TEXT, source TEXT NOT NULL,
  has_statistics INTEGER NOT NULL, current_user TEXT, search_path TEXT);
CREATE TABLE schemas (
  name TEXT PRIMARY KEY, owner TEXT, comment TEXT, acl TEXT) WITHOUT ROWID;
CREATE TABLE relations (
  schema TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, owner TEXT,
  persistence TEXT, options TEXT, acl TEXT, comment TEXT,
  row_estimate INTEGER, total_bytes INTEGER, definition TEXT, partition_key TEXT,
  partition_parent TEXT, partition_bound TEXT, inherits TEXT,
  PRIMARY KEY (schema, name)) WITHOUT ROWID;
CREATE TABLE columns (
  schema TEXT NOT NULL, relation TEXT NOT NULL, ordinal INTEGER NOT NULL, name TEXT NOT NULL,
  type TEXT, type_schema TEXT, type_name TEXT, not_null INTEGER NOT NULL,
  default_expr TEXT, identity TEXT, generated_expr TEXT, collation TEXT, comment TEXT,
  PRIMARY KEY (schema, relation, ordinal)) WITHOUT ROWID;
CREATE TABLE constraints (
  schema TEXT NOT NULL, relation TEXT NOT NULL, on_domain INTEGER NOT NULL, ordinal INTEGER NOT NULL,
  name TEXT NOT NULL, kind TEXT NOT NULL, columns TEXT, expression TEXT,
  index_name TEXT, ref_schema TEXT, ref_table TEXT, ref_columns TEXT, on_delete TEXT,
  on_update TEXT, match_type TEXT, is_deferrable INTEGER NOT NULL, is_deferred INTEGER NOT NULL,
  validated INTEGER NOT NULL, no_inherit INTEGER NOT NULL, comment TEXT,
  PRIMARY KEY (schema, relation, on_domain, ordinal)) WITHOUT ROWID;
CREATE TABLE indexes (
  schema TEXT NOT NULL, name TEXT NOT NULL, table_name TEXT NOT NULL, method TEXT NOT NULL,
  keys TEXT NOT NULL, include TEXT, predicate TEXT, is_unique INTEGER NOT NULL,
  is_primary INTEGER NOT NULL, constraint_name TEXT,
  PRIMARY KEY (schema, name)) WITHOUT ROWID;
CREATE TABLE sequences (
  schema TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, start INTEGER NOT NULL,
  increment INTEGER NOT NULL, min INTEGER NOT NULL, max INTEGER NOT NULL, cache INTEGER NOT NULL,
  cycle INTEGER NOT NULL, owned_by_table TEXT, owned_by_column TEXT, identity INTEGER NOT NULL,
  PRIMARY KEY (schema, name)) WITHOUT ROWID;
CREATE TABLE view_dependencies (
  schema TEXT NOT NULL, view_name TEXT NOT NULL, ref_schema TEXT NOT NULL, ref_name TEXT NOT NULL,
  columns TEXT, PRIMARY KEY (schema, view_name, ref_schema, ref_name)) WITHOUT ROWID;
CREATE TABLE types (
  schema TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, owner TEXT, labels TEXT,
  base_type TEXT, base_type_schema TEXT, base_type_name TEXT, not_null INTEGER NOT NULL,
  default_expr TEXT, extension TEXT, comment TEXT, PRIMARY KEY (schema, name)) WITHOUT ROWID;
CREATE TABLE extensions (
  name TEXT PRIMARY KEY, schema TEXT NOT NULL, version TEXT, comment TEXT) WITHOUT ROWID;
CREATE TABLE functions (
  schema TEXT NOT NULL, name TEXT NOT NULL, arg_types TEXT NOT NULL, arguments TEXT, result TEXT,
  kind TEXT NOT NULL, language TEXT, body TEXT, volatility TEXT, extension TEXT, owner TEXT,
  comment TEXT, PRIMARY KEY (schema, name, arg_types)) WITHOUT ROWID;
CREATE TABLE triggers (
  schema TEXT NOT NULL, relation TEXT NOT NULL, name TEXT NOT NULL, function TEXT,
  definition TEXT, enabled INTEGER NOT NULL, comment TEXT,
  PRIMARY KEY (schema, relation, name)) WITHOUT ROWID;
CREATE TABLE version_tables (
  schema TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, rows_json TEXT NOT NULL,
  PRIMARY KEY (schema, name)) WITHOUT ROWID;
)sql";

}  // namespace migsim
