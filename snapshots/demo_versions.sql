-- The demo environment as Alembic left it: base.sql applied as revision 0001.
CREATE TABLE public.alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);
INSERT INTO public.alembic_version VALUES ('0001_base');
