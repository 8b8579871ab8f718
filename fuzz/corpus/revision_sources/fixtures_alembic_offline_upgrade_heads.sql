BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 1a2b3c4d5e6f

CREATE TABLE users (
    id SERIAL NOT NULL, 
    name TEXT NOT NULL, 
    PRIMARY KEY (id)
);

INSERT INTO alembic_version (version_num) VALUES ('1a2b3c4d5e6f') RETURNING alembic_version.version_num;

-- Running upgrade 1a2b3c4d5e6f -> 2b3c4d5e6f70

ALTER TABLE users ADD COLUMN email VARCHAR(200);

UPDATE users SET email = name || '@example.com';

UPDATE alembic_version SET version_num='2b3c4d5e6f70' WHERE alembic_version.version_num = '1a2b3c4d5e6f';

-- Running upgrade 1a2b3c4d5e6f -> 3c4d5e6f7081

CREATE TABLE reports (
    id SERIAL NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id)
);

INSERT INTO alembic_version (version_num) VALUES ('3c4d5e6f7081') RETURNING alembic_version.version_num;

-- Running upgrade 2b3c4d5e6f70, 3c4d5e6f7081 -> 4d5e6f708192

CREATE INDEX ix_reports_owner ON reports (owner_id);

DELETE FROM alembic_version WHERE alembic_version.version_num = '2b3c4d5e6f70';

UPDATE alembic_version SET version_num='4d5e6f708192' WHERE alembic_version.version_num = '3c4d5e6f7081';

-- Running upgrade  -> 5e6f708192a3

CREATE TABLE audit_log (
            id bigserial PRIMARY KEY,
            user_id integer REFERENCES users (id),
            note text
        );

INSERT INTO alembic_version (version_num) VALUES ('5e6f708192a3') RETURNING alembic_version.version_num;

COMMIT;

