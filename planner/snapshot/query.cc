// The one read-only catalog query behind `snapshot sql` and `snapshot pull`.
// docs/snapshot-format.md explains its choices and what differs across versions.

#include "planner/snapshot/query.h"

namespace migsim {

std::string snapshot_query() {
  std::string q =
      R"sql(-- migsim @MIGSIM_VERSION@ snapshot query (format 1): read-only, one row, one JSON document.
--   psql -XAtq -c 'BEGIN READ ONLY' -f THIS_FILE -c COMMIT -o snapshot.json
--   migsim snapshot import snapshot.json -o snapshot.sqlite
WITH ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND nspname !~ '^pg_(toast_)?temp_'
), tn AS (
  SELECT t.oid,
         CASE WHEN bn.nspname <> 'pg_catalog' AND pg_catalog.pg_type_is_visible(b.oid)
              THEN pg_catalog.quote_ident(bn.nspname) || '.' ELSE '' END AS prefix,
         CASE WHEN bn.nspname <> 'pg_catalog' THEN bn.nspname END AS user_schema,
         CASE WHEN bn.nspname <> 'pg_catalog' THEN b.typname END AS user_name
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_type b
    ON b.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
  JOIN pg_catalog.pg_namespace bn ON bn.oid = b.typnamespace
), rel AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition
  FROM pg_catalog.pg_class c JOIN ns n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'i', 'I', 'S', 'c', 'f') AND c.relpersistence <> 't'
)
SELECT pg_catalog.json_build_object(
'metadata', pg_catalog.json_build_object(
  'format', 1,
  'migsim_version', '@MIGSIM_VERSION@',
  'server_version', pg_catalog.split_part(pg_catalog.current_setting('server_version'), ' ', 1),
  'server_version_num', pg_catalog.current_setting('server_version_num')::integer,
  'database_name', pg_catalog.current_database(),
  'taken_at', pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  'source', 'json',
  'has_statistics', true,
  'current_user', CURRENT_USER,
  'search_path', pg_catalog.current_setting('search_path')),
'schemas', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'name', n.nspname,
    'owner', pg_catalog.pg_get_userbyid(n.nspowner),
    'comment', pg_catalog.obj_description(n.oid, 'pg_namespace'),
    'acl', n.nspacl::text[]) ORDER BY n.nspname)
  FROM pg_catalog.pg_namespace n JOIN ns USING (oid)),
'relations', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', r.nspname,
    'name', r.relname,
    'kind', r.relkind,
    'owner', pg_catalog.pg_get_userbyid(c.relowner),
    'persistence', c.relpersistence,
    'options', c.reloptions,
    'acl', c.relacl::text[],
    'comment', CASE WHEN c.relkind = 'c' THEN pg_catalog.obj_description(c.reltype, 'pg_type')
                    ELSE pg_catalog.obj_description(c.oid, 'pg_class') END,
    'row_estimate', CASE WHEN r.relkind IN ('r', 'p', 'm', 'i', 'I') AND c.reltuples >= 0
                         THEN c.reltuples::bigint END,
    'total_bytes', CASE WHEN r.relkind IN ('r', 'p', 'm', 'i', 'I', 'S')
                        THEN pg_catalog.pg_total_relation_size(c.oid) END,
    'definition', CASE WHEN r.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END,
    'partition_key', CASE WHEN r.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,
    'partition_parent', (SELECT pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.relname)
                         FROM pg_catalog.pg_inherits i
                         JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
                         JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
                         WHERE i.inhrelid = c.oid AND r.relispartition),
    'partition_bound', CASE WHEN r.relispartition
                            THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END,
    'inherits', (SELECT pg_catalog.json_agg(pg_catalog.quote_ident(pn.nspname) || '.' ||
                                            pg_catalog.quote_ident(p.relname) ORDER BY i.inhseqno)
                 FROM pg_catalog.pg_inherits i
                 JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
                 JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
                 WHERE i.inhrelid = c.oid AND NOT r.relispartition AND r.relkind IN ('r', 'p', 'f'))
    ) ORDER BY r.nspname, r.relname)
  FROM rel r JOIN pg_catalog.pg_class c ON c.oid = r.oid),
'columns', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', r.nspname,
    'relation', r.relname,
    'ordinal', a.attnum,
    'name', a.attname,
    'type', tn.prefix || pg_catalog.format_type(a.atttypid, a.atttypmod),
    'type_schema', tn.user_schema,
    'type_name', tn.user_name,
    'not_null', a.attnotnull,
    'default_expr', CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
    'identity', NULLIF(a.attidentity, ''),
    'generated_expr', CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
    'collation', CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,
    'comment', pg_catalog.col_description(r.oid, a.attnum)) ORDER BY r.nspname, r.relname, a.attnum)
  FROM rel r
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  JOIN tn ON tn.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
  WHERE r.relkind IN ('r', 'p', 'v', 'm', 'c', 'f')),
'constraints', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', n.nspname,
    'relation', COALESCE(cr.relname, ct.typname),
    'on_domain', k.contypid <> 0,
    'ordinal', k.ord,
    'name', k.conname,
    'kind', k.contype,
    'columns', (SELECT pg_catalog.json_agg(a.attname ORDER BY u.ord)
                FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
                JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum),
    'expression', CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin, COALESCE(NULLIF(k.conrelid, 0), 0))
                       WHEN k.contype = 'x' THEN pg_catalog.pg_get_constraintdef(k.oid) END,
    'index_name', CASE WHEN k.contype IN ('p', 'u', 'x') THEN ic.relname END,
    'ref_schema', fn.nspname,
    'ref_table', fc.relname,
    'ref_columns', (SELECT pg_catalog.json_agg(a.attname ORDER BY u.ord)
                    FROM pg_catalog.unnest(k.confkey) WITH ORDINALITY u(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum),
    'on_delete', CASE WHEN k.contype = 'f' THEN k.confdeltype END,
    'on_update', CASE WHEN k.contype = 'f' THEN k.confupdtype END,
    'match_type', CASE WHEN k.contype = 'f' THEN k.confmatchtype END,
    'is_deferrable', k.condeferrable,
    'is_deferred', k.condeferred,
    'validated', k.convalidated,
    'no_inherit', k.connoinherit,
    'comment', pg_catalog.obj_description(k.oid, 'pg_constraint')))
  FROM (SELECT k.*, pg_catalog.row_number() OVER (PARTITION BY k.conrelid, k.contypid ORDER BY k.oid) AS ord
        FROM pg_catalog.pg_constraint k WHERE k.contype IN ('p', 'u', 'f', 'c', 'x')) k
  JOIN ns n ON n.oid = k.connamespace
  LEFT JOIN pg_catalog.pg_class cr ON cr.oid = k.conrelid
  LEFT JOIN pg_catalog.pg_type ct ON ct.oid = k.contypid
  LEFT JOIN pg_catalog.pg_class ic ON ic.oid = k.conindid
  LEFT JOIN pg_catalog.pg_class fc ON fc.oid = k.confrelid
  LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
  WHERE (cr.oid IS NOT NULL OR ct.oid IS NOT NULL)
    AND (cr.oid IS NULL OR cr.relpersistence <> 't')),
'indexes', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', r.nspname,
    'name', r.relname,
    'table_name', tc.relname,
    'method', am.amname,
    'keys', (SELECT pg_catalog.json_agg(pg_catalog.pg_get_indexdef(x.indexrelid, k, true) ORDER BY k)
             FROM pg_catalog.generate_series(1, x.indnkeyatts) k),
    'include', (SELECT pg_catalog.json_agg(pg_catalog.pg_get_indexdef(x.indexrelid, k, true) ORDER BY k)
                FROM pg_catalog.generate_series(x.indnkeyatts + 1, x.indnatts) k),
    'predicate', pg_catalog.pg_get_expr(x.indpred, x.indrelid),
    'is_unique', x.indisunique,
    'is_primary', x.indisprimary,
    'constraint_name', (SELECT k.conname FROM pg_catalog.pg_constraint k
                        WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid
                          AND k.contype IN ('p', 'u', 'x')))
    ORDER BY r.nspname, r.relname)
  FROM rel r
  JOIN pg_catalog.pg_index x ON x.indexrelid = r.oid
  JOIN pg_catalog.pg_class tc ON tc.oid = x.indrelid
  JOIN pg_catalog.pg_class ic ON ic.oid = r.oid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam),
'sequences', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', r.nspname,
    'name', r.relname,
    'type', pg_catalog.format_type(s.seqtypid, NULL),
    'start', s.seqstart,
    'increment', s.seqincrement,
    'min', s.seqmin,
    'max', s.seqmax,
    'cache', s.seqcache,
    'cycle', s.seqcycle,
    'owned_by_table', oc.relname,
    'owned_by_column', oa.attname,
    'identity', COALESCE(d.deptype = 'i', false)) ORDER BY r.nspname, r.relname)
  FROM rel r
  JOIN pg_catalog.pg_sequence s ON s.seqrelid = r.oid
  LEFT JOIN pg_catalog.pg_depend d
    ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = r.oid
   AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
  LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid),
'view_dependencies', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', v.nspname,
    'view_name', v.relname,
    'ref_schema', v.ref_schema,
    'ref_name', v.ref_name,
    'columns', v.cols) ORDER BY v.nspname, v.relname, v.ref_schema, v.ref_name)
  FROM (SELECT r.nspname, r.relname, dn.nspname AS ref_schema, dc.relname AS ref_name,
               pg_catalog.json_agg(da.attname ORDER BY da.attnum) FILTER (WHERE da.attname IS NOT NULL) AS cols
        FROM rel r
        JOIN pg_catalog.pg_rewrite w ON w.ev_class = r.oid
        JOIN pg_catalog.pg_depend d
          ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = w.oid
         AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid <> r.oid
        JOIN pg_catalog.pg_class dc ON dc.oid = d.refobjid
        JOIN pg_catalog.pg_namespace dn ON dn.oid = dc.relnamespace
        LEFT JOIN pg_catalog.pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid
                                            AND d.refobjsubid > 0
        WHERE r.relkind IN ('v', 'm')
        GROUP BY r.nspname, r.relname, dn.nspname, dc.relname) v),
'types', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', n.nspname,
    'name', t.typname,
    'kind', CASE t.typtype WHEN 'e' THEN 'e' WHEN 'd' THEN 'd' WHEN 'c' THEN 'c' WHEN 'r' THEN 'r' ELSE 'b' END,
    'owner', pg_catalog.pg_get_userbyid(t.typowner),
    'labels', CASE WHEN t.typtype = 'e' THEN
                COALESCE((SELECT pg_catalog.json_agg(e.enumlabel ORDER BY e.enumsortorder)
                          FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '[]') END,
    'base_type', CASE WHEN t.typtype = 'd' THEN bt.prefix || pg_catalog.format_type(t.typbasetype, t.typtypmod) END,
    'base_type_schema', bt.user_schema,
    'base_type_name', bt.user_name,
    'not_null', t.typnotnull,
    'default_expr', CASE WHEN t.typtype = 'd' THEN pg_catalog.pg_get_expr(t.typdefaultbin, 0) END,
    'extension', (SELECT x.extname FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_extension x ON x.oid = d.refobjid
                  WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid = t.oid
                    AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                    AND d.deptype = 'e'),
    'comment', pg_catalog.obj_description(t.oid, 'pg_type')) ORDER BY n.nspname, t.typname)
  FROM pg_catalog.pg_type t
  JOIN ns n ON n.oid = t.typnamespace
  LEFT JOIN tn bt ON bt.oid = t.typbasetype AND t.typtype = 'd'
  WHERE t.typtype IN ('e', 'd', 'r', 'b')
    AND NOT (t.typcategory = 'A' AND t.typelem <> 0)),
'extensions', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'name', x.extname,
    'schema', n.nspname,
    'version', x.extversion,
    'comment', pg_catalog.obj_description(x.oid, 'pg_extension')) ORDER BY x.extname)
  FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace),
'functions', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', n.nspname,
    'name', p.proname,
    'arg_types', COALESCE((SELECT pg_catalog.json_agg(tn.prefix || pg_catalog.format_type(u.t, NULL) ORDER BY u.ord)
                           FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY u(t, ord)
                           JOIN tn ON tn.oid = u.t), '[]'),
    'arguments', pg_catalog.pg_get_function_arguments(p.oid),
    'result', pg_catalog.pg_get_function_result(p.oid),
    'kind', p.prokind,
    'language', l.lanname,
    'body', p.prosrc,
    'volatility', p.provolatile,
    'extension', (SELECT x.extname FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_extension x ON x.oid = d.refobjid
                  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid
                    AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                    AND d.deptype = 'e'),
    'owner', pg_catalog.pg_get_userbyid(p.proowner),
    'comment', pg_catalog.obj_description(p.oid, 'pg_proc'))
    ORDER BY n.nspname, p.proname, p.proargtypes::pg_catalog.oid[]::text)
  FROM pg_catalog.pg_proc p
  JOIN ns n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang),
'triggers', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', r.nspname,
    'relation', r.relname,
    'name', g.tgname,
    'function', pg_catalog.quote_ident(fn.nspname) || '.' || pg_catalog.quote_ident(f.proname),
    'definition', pg_catalog.pg_get_triggerdef(g.oid),
    'enabled', g.tgenabled <> 'D',
    'comment', pg_catalog.obj_description(g.oid, 'pg_trigger')) ORDER BY r.nspname, r.relname, g.tgname)
  FROM rel r
  JOIN pg_catalog.pg_trigger g ON g.tgrelid = r.oid AND NOT g.tgisinternal
  JOIN pg_catalog.pg_proc f ON f.oid = g.tgfoid
  JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace),
'version_tables', (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
    'schema', r.nspname,
    'name', r.relname,
    'kind', CASE r.relname WHEN 'alembic_version' THEN 'alembic'
                           WHEN 'flyway_schema_history' THEN 'flyway'
                           ELSE 'schema_migrations' END,
    'rows_json', COALESCE((
      SELECT pg_catalog.json_agg((
        SELECT pg_catalog.json_object_agg(
                 (pg_catalog.xpath('local-name(/*)', col))[1]::text,
                 pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
                   pg_catalog.replace((pg_catalog.xpath('/*/text()', col))[1]::text,
                   '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&apos;', ''''), '&amp;', '&'))
        FROM pg_catalog.unnest(pg_catalog.xpath('/row/*', row)) col))
      FROM pg_catalog.unnest(pg_catalog.xpath('/table/row', pg_catalog.query_to_xml(
             'SELECT * FROM ' || pg_catalog.quote_ident(r.nspname) || '.' ||
             pg_catalog.quote_ident(r.relname) || ' ORDER BY 1', true, false, ''))) row), '[]'))
    ORDER BY r.nspname, r.relname)
  FROM rel r
  WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND r.relname IN ('alembic_version', 'flyway_schema_history', 'schema_migrations')
    AND pg_catalog.has_table_privilege(r.oid, 'SELECT'))
);
)sql";
  const std::string mark = "@MIGSIM_VERSION@";
  for (size_t at = q.find(mark); at != std::string::npos; at = q.find(mark, at))
    q.replace(at, mark.size(), MIGSIM_VERSION);
  return q;
}

}  // namespace migsim
