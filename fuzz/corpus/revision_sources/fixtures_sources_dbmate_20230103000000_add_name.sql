-- migrate:up
ALTER TABLE users ADD COLUMN name text;
ALTER TABLE users ALTER COLUMN name SET DEFAULT '';

-- migrate:down
ALTER TABLE users DROP COLUMN name;
