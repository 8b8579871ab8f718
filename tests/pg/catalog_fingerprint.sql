-- A fingerprint of everything in the catalog that a migration can change,
-- outside the system schemas. Two equal fingerprints: nothing changed.
WITH ns AS (
  SELECT oid, nspname, nspacl FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'
), parts AS (
  SELECT concat_ws('|', 'n', nspname, nspacl, obj_description(oid, 'pg_namespace')) AS x FROM ns
  UNION ALL
  SELECT concat_ws('|', 'c', n.nspname, c.relname, c.relkind, c.relpersistence, c.reloptions,
         c.relacl, c.relispartition, pg_get_expr(c.relpartbound, c.oid), pg_get_userbyid(c.relowner),
         obj_description(c.oid, 'pg_class'),
         CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
         CASE WHEN c.relkind IN ('i', 'I') THEN pg_get_indexdef(c.oid) END)
  FROM pg_class c JOIN ns n ON n.oid = c.relnamespace
  UNION ALL
  SELECT concat_ws('|', 'a', n.nspname, c.relname, a.attname, a.attnum,
         format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, a.attgenerated,
         pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum), a.attacl)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ns n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  -- Index columns are left out: their names are copies (a renamed column's
  -- index keeps the old name until rebuilt), and pg_get_indexdef covers them.
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind NOT IN ('i', 'I')
  UNION ALL
  SELECT concat_ws('|', 'k', n.nspname, co.conname, co.contype, co.conrelid::regclass,
         co.contypid::regtype, pg_get_constraintdef(co.oid), co.convalidated,
         obj_description(co.oid, 'pg_constraint'))
  FROM pg_constraint co JOIN ns n ON n.oid = co.connamespace
  UNION ALL
  SELECT concat_ws('|', 't', n.nspname, t.typname, t.typtype, format_type(t.typbasetype, t.typtypmod),
         t.typnotnull, t.typdefault, obj_description(t.oid, 'pg_type'),
         (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
  FROM pg_type t JOIN ns n ON n.oid = t.typnamespace
  UNION ALL
  SELECT concat_ws('|', 'p', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind,
         pg_get_function_result(p.oid), p.prosrc, p.provolatile, obj_description(p.oid, 'pg_proc'), p.proacl,
         pg_get_userbyid(p.proowner))
  FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace
  UNION ALL
  SELECT concat_ws('|', 'g', tg.tgrelid::regclass, tg.tgname, tg.tgenabled, pg_get_triggerdef(tg.oid),
         obj_description(tg.oid, 'pg_trigger'))
  FROM pg_trigger tg WHERE NOT tg.tgisinternal
  UNION ALL
  SELECT concat_ws('|', 'e', e.extname, e.extversion, e.extnamespace::regnamespace,
         obj_description(e.oid, 'pg_extension')) FROM pg_extension e
  UNION ALL
  SELECT concat_ws('|', 'm', m.roleid::regrole, m.member::regrole, m.admin_option)
  FROM pg_auth_members m
  UNION ALL
  SELECT concat_ws('|', 's', s.seqrelid::regclass, s.seqtypid::regtype, s.seqstart, s.seqincrement,
         s.seqmax, s.seqmin, s.seqcache, s.seqcycle)
  FROM pg_sequence s
  UNION ALL
  SELECT concat_ws('|', 'r', ev.ev_class::regclass, ev.rulename, ev.ev_enabled) FROM pg_rewrite ev
  JOIN pg_class c ON c.oid = ev.ev_class JOIN ns n ON n.oid = c.relnamespace
  UNION ALL
  -- Objects by description, not OID: a default re-created as it was is no change.
  SELECT concat_ws('|', 'd', pg_describe_object(classid, objid, objsubid),
         pg_describe_object(refclassid, refobjid, refobjsubid), deptype)
  FROM pg_depend WHERE deptype IN ('n', 'a') AND objid >= 16384
  UNION ALL
  SELECT concat_ws('|', 'v', current_setting('search_path'))
)
SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM parts
