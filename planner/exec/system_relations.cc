// Columns of the system catalogs and views that queries commonly read,
// as PostgreSQL 15 defines them (pg_attribute of a fresh database).

#include "planner/exec/query_scope.h"

#include <map>

namespace migsim {

const std::vector<std::string>* system_relation_columns(std::string_view schema,
                                                        std::string_view name) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kColumns = {
      {"pg_catalog.pg_namespace",
       {"oid", "nspname", "nspowner", "nspacl"}},
      {"pg_catalog.pg_class",
       {"oid", "relname", "relnamespace", "reltype", "reloftype", "relowner", "relam", "relfilenode", "reltablespace", "relpages", "reltuples", "relallvisible", "reltoastrelid", "relhasindex", "relisshared", "relpersistence", "relkind", "relnatts", "relchecks", "relhasrules", "relhastriggers", "relhassubclass", "relrowsecurity", "relforcerowsecurity", "relispopulated", "relreplident", "relispartition", "relrewrite", "relfrozenxid", "relminmxid", "relacl", "reloptions", "relpartbound"}},
      {"pg_catalog.pg_attribute",
       {"attrelid", "attname", "atttypid", "attstattarget", "attlen", "attnum", "attndims", "attcacheoff", "atttypmod", "attbyval", "attalign", "attstorage", "attcompression", "attnotnull", "atthasdef", "atthasmissing", "attidentity", "attgenerated", "attisdropped", "attislocal", "attinhcount", "attcollation", "attacl", "attoptions", "attfdwoptions", "attmissingval"}},
      {"pg_catalog.pg_constraint",
       {"oid", "conname", "connamespace", "contype", "condeferrable", "condeferred", "convalidated", "conrelid", "contypid", "conindid", "conparentid", "confrelid", "confupdtype", "confdeltype", "confmatchtype", "conislocal", "coninhcount", "connoinherit", "conkey", "confkey", "conpfeqop", "conppeqop", "conffeqop", "confdelsetcols", "conexclop", "conbin"}},
      {"pg_catalog.pg_indexes",
       {"schemaname", "tablename", "indexname", "tablespace", "indexdef"}},
      {"pg_catalog.pg_type",
       {"oid", "typname", "typnamespace", "typowner", "typlen", "typbyval", "typtype", "typcategory", "typispreferred", "typisdefined", "typdelim", "typrelid", "typsubscript", "typelem", "typarray", "typinput", "typoutput", "typreceive", "typsend", "typmodin", "typmodout", "typanalyze", "typalign", "typstorage", "typnotnull", "typbasetype", "typtypmod", "typndims", "typcollation", "typdefaultbin", "typdefault", "typacl"}},
      {"pg_catalog.pg_tables",
       {"schemaname", "tablename", "tableowner", "tablespace", "hasindexes", "hasrules", "hastriggers", "rowsecurity"}},
      {"pg_catalog.pg_views",
       {"schemaname", "viewname", "viewowner", "definition"}},
      {"pg_catalog.pg_proc",
       {"oid", "proname", "pronamespace", "proowner", "prolang", "procost", "prorows", "provariadic", "prosupport", "prokind", "prosecdef", "proleakproof", "proisstrict", "proretset", "provolatile", "proparallel", "pronargs", "pronargdefaults", "prorettype", "proargtypes", "proallargtypes", "proargmodes", "proargnames", "proargdefaults", "protrftypes", "prosrc", "probin", "prosqlbody", "proconfig", "proacl"}},
      {"pg_catalog.pg_index",
       {"indexrelid", "indrelid", "indnatts", "indnkeyatts", "indisunique", "indnullsnotdistinct", "indisprimary", "indisexclusion", "indimmediate", "indisclustered", "indisvalid", "indcheckxmin", "indisready", "indislive", "indisreplident", "indkey", "indcollation", "indclass", "indoption", "indexprs", "indpred"}},
      {"pg_catalog.pg_sequences",
       {"schemaname", "sequencename", "sequenceowner", "data_type", "start_value", "min_value", "max_value", "increment_by", "cycle", "cache_size", "last_value"}},
      {"pg_catalog.pg_matviews",
       {"schemaname", "matviewname", "matviewowner", "tablespace", "hasindexes", "ispopulated", "definition"}},
      {"pg_catalog.pg_trigger",
       {"oid", "tgrelid", "tgparentid", "tgname", "tgfoid", "tgtype", "tgenabled", "tgisinternal", "tgconstrrelid", "tgconstrindid", "tgconstraint", "tgdeferrable", "tginitdeferred", "tgnargs", "tgattr", "tgargs", "tgqual", "tgoldtable", "tgnewtable"}},
      {"pg_catalog.pg_enum",
       {"oid", "enumtypid", "enumsortorder", "enumlabel"}},
      {"pg_catalog.pg_roles",
       {"rolname", "rolsuper", "rolinherit", "rolcreaterole", "rolcreatedb", "rolcanlogin", "rolreplication", "rolconnlimit", "rolpassword", "rolvaliduntil", "rolbypassrls", "rolconfig", "oid"}},
      {"pg_catalog.pg_extension",
       {"oid", "extname", "extowner", "extnamespace", "extrelocatable", "extversion", "extconfig", "extcondition"}},
      {"pg_catalog.pg_description",
       {"objoid", "classoid", "objsubid", "description"}},
      {"pg_catalog.pg_depend",
       {"classid", "objid", "objsubid", "refclassid", "refobjid", "refobjsubid", "deptype"}},
      {"pg_catalog.pg_settings",
       {"name", "setting", "unit", "category", "short_desc", "extra_desc", "context", "vartype", "source", "min_val", "max_val", "enumvals", "boot_val", "reset_val", "sourcefile", "sourceline", "pending_restart"}},
      {"pg_catalog.pg_attrdef",
       {"oid", "adrelid", "adnum", "adbin"}},
      {"pg_catalog.pg_sequence",
       {"seqrelid", "seqtypid", "seqstart", "seqincrement", "seqmax", "seqmin", "seqcache", "seqcycle"}},
      {"pg_catalog.pg_database",
       {"oid", "datname", "datdba", "encoding", "datlocprovider", "datistemplate", "datallowconn", "datconnlimit", "datfrozenxid", "datminmxid", "dattablespace", "datcollate", "datctype", "daticulocale", "datcollversion", "datacl"}},
      {"pg_catalog.pg_user",
       {"usename", "usesysid", "usecreatedb", "usesuper", "userepl", "usebypassrls", "passwd", "valuntil", "useconfig"}},
      {"information_schema.schemata",
       {"catalog_name", "schema_name", "schema_owner", "default_character_set_catalog", "default_character_set_schema", "default_character_set_name", "sql_path"}},
      {"information_schema.tables",
       {"table_catalog", "table_schema", "table_name", "table_type", "self_referencing_column_name", "reference_generation", "user_defined_type_catalog", "user_defined_type_schema", "user_defined_type_name", "is_insertable_into", "is_typed", "commit_action"}},
      {"information_schema.columns",
       {"table_catalog", "table_schema", "table_name", "column_name", "ordinal_position", "column_default", "is_nullable", "data_type", "character_maximum_length", "character_octet_length", "numeric_precision", "numeric_precision_radix", "numeric_scale", "datetime_precision", "interval_type", "interval_precision", "character_set_catalog", "character_set_schema", "character_set_name", "collation_catalog", "collation_schema", "collation_name", "domain_catalog", "domain_schema", "domain_name", "udt_catalog", "udt_schema", "udt_name", "scope_catalog", "scope_schema", "scope_name", "maximum_cardinality", "dtd_identifier", "is_self_referencing", "is_identity", "identity_generation", "identity_start", "identity_increment", "identity_maximum", "identity_minimum", "identity_cycle", "is_generated", "generation_expression", "is_updatable"}},
      {"information_schema.table_constraints",
       {"constraint_catalog", "constraint_schema", "constraint_name", "table_catalog", "table_schema", "table_name", "constraint_type", "is_deferrable", "initially_deferred", "enforced", "nulls_distinct"}},
      {"information_schema.views",
       {"table_catalog", "table_schema", "table_name", "view_definition", "check_option", "is_updatable", "is_insertable_into", "is_trigger_updatable", "is_trigger_deletable", "is_trigger_insertable_into"}},
      {"information_schema.sequences",
       {"sequence_catalog", "sequence_schema", "sequence_name", "data_type", "numeric_precision", "numeric_precision_radix", "numeric_scale", "start_value", "minimum_value", "maximum_value", "increment", "cycle_option"}},
      {"information_schema.key_column_usage",
       {"constraint_catalog", "constraint_schema", "constraint_name", "table_catalog", "table_schema", "table_name", "column_name", "ordinal_position", "position_in_unique_constraint"}},
      {"information_schema.routines",
       {"specific_catalog", "specific_schema", "specific_name", "routine_catalog", "routine_schema", "routine_name", "routine_type", "module_catalog", "module_schema", "module_name", "udt_catalog", "udt_schema", "udt_name", "data_type", "character_maximum_length", "character_octet_length", "character_set_catalog", "character_set_schema", "character_set_name", "collation_catalog", "collation_schema", "collation_name", "numeric_precision", "numeric_precision_radix", "numeric_scale", "datetime_precision", "interval_type", "interval_precision", "type_udt_catalog", "type_udt_schema", "type_udt_name", "scope_catalog", "scope_schema", "scope_name", "maximum_cardinality", "dtd_identifier", "routine_body", "routine_definition", "external_name", "external_language", "parameter_style", "is_deterministic", "sql_data_access", "is_null_call", "sql_path", "schema_level_routine", "max_dynamic_result_sets", "is_user_defined_cast", "is_implicitly_invocable", "security_type", "to_sql_specific_catalog", "to_sql_specific_schema", "to_sql_specific_name", "as_locator", "created", "last_altered", "new_savepoint_level", "is_udt_dependent", "result_cast_from_data_type", "result_cast_as_locator", "result_cast_char_max_length", "result_cast_char_octet_length", "result_cast_char_set_catalog", "result_cast_char_set_schema", "result_cast_char_set_name", "result_cast_collation_catalog", "result_cast_collation_schema", "result_cast_collation_name", "result_cast_numeric_precision", "result_cast_numeric_precision_radix", "result_cast_numeric_scale", "result_cast_datetime_precision", "result_cast_interval_type", "result_cast_interval_precision", "result_cast_type_udt_catalog", "result_cast_type_udt_schema", "result_cast_type_udt_name", "result_cast_scope_catalog", "result_cast_scope_schema", "result_cast_scope_name", "result_cast_maximum_cardinality", "result_cast_dtd_identifier"}},
      {"information_schema.triggers",
       {"trigger_catalog", "trigger_schema", "trigger_name", "event_manipulation", "event_object_catalog", "event_object_schema", "event_object_table", "action_order", "action_condition", "action_statement", "action_orientation", "action_timing", "action_reference_old_table", "action_reference_new_table", "action_reference_old_row", "action_reference_new_row", "created"}},
      {"information_schema.constraint_column_usage",
       {"table_catalog", "table_schema", "table_name", "column_name", "constraint_catalog", "constraint_schema", "constraint_name"}},
      {"information_schema.check_constraints",
       {"constraint_catalog", "constraint_schema", "constraint_name", "check_clause"}},
      {"information_schema.referential_constraints",
       {"constraint_catalog", "constraint_schema", "constraint_name", "unique_constraint_catalog", "unique_constraint_schema", "unique_constraint_name", "match_option", "update_rule", "delete_rule"}},
  };
  std::string key(schema);
  key += '.';
  key += name;
  auto it = kColumns.find(key);
  return it == kColumns.end() ? nullptr : &it->second;
}

}  // namespace migsim
