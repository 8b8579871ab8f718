-- A schema using every kind of object the snapshot format holds (tests/pg/snapshot_test.py).
CREATE SCHEMA app;
CREATE SCHEMA "Audit";
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.email AS text NOT NULL CHECK (VALUE LIKE '%@%');
CREATE DOMAIN app.positive AS integer DEFAULT 1 CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a integer, b text);
CREATE TABLE app.users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email app.email UNIQUE,
  mood app.mood DEFAULT 'ok',
  moods app.mood[],
  score app.positive,
  name varchar(30) COLLATE "C",
  created_at timestamptz NOT NULL DEFAULT now(),
  upper_name text GENERATED ALWAYS AS (upper(name)) STORED
);
COMMENT ON TABLE app.users IS 'people who sign in';
COMMENT ON COLUMN app.users.email IS 'login';
CREATE TABLE app.orders (
  id serial PRIMARY KEY,
  user_id bigint NOT NULL,
  total numeric(10,2) CHECK (total >= 0),
  status text NOT NULL DEFAULT 'new',
  CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) WITH (fillfactor = 90);
CREATE INDEX orders_open ON app.orders (user_id) WHERE status <> 'done';
CREATE INDEX users_lower_email ON app.users (lower(email)) INCLUDE (name);
CREATE TABLE "Audit"."Log" (at timestamptz, what text) PARTITION BY RANGE (at);
CREATE TABLE "Audit".log_2024 PARTITION OF "Audit"."Log"
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE SEQUENCE app.ticket_seq AS integer START 100 INCREMENT 5 CACHE 10;
CREATE VIEW app.active_users AS SELECT id, email FROM app.users WHERE mood <> 'sad';
CREATE VIEW app.active_emails AS SELECT email FROM app.active_users;
CREATE MATERIALIZED VIEW app.order_totals AS
  SELECT user_id, sum(total) AS total FROM app.orders GROUP BY user_id;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION app.add(a integer, b app.positive DEFAULT 1) RETURNS integer
  LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE PROCEDURE app.noop() LANGUAGE sql AS 'SELECT 1';
CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
COMMENT ON TRIGGER orders_touch ON app.orders IS 'keeps it fresh';
CREATE TABLE public.alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);
INSERT INTO public.alembic_version VALUES ('ae1027a6acf');
CREATE TABLE public.flyway_schema_history (installed_rank int PRIMARY KEY, version text,
  description text, success boolean NOT NULL);
INSERT INTO public.flyway_schema_history VALUES (1, '1', 'init', true), (2, NULL, 'seed', false);
CREATE UNLOGGED TABLE public.scratch (x int);
GRANT USAGE ON SCHEMA app TO PUBLIC;
GRANT SELECT ON app.users TO PUBLIC;
COMMENT ON SCHEMA app IS 'the application';
COMMENT ON TYPE app.mood IS 'how one feels';
COMMENT ON CONSTRAINT orders_user_fk ON app.orders IS 'owner';
INSERT INTO app.users (email, name) SELECT 'u' || g || '@x', 'n' || g FROM generate_series(1, 50) g;
ANALYZE;
