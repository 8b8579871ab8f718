-- migrate:up
CREATE TABLE users (
  id serial PRIMARY KEY,
  email text
);

-- migrate:down
DROP TABLE users;
