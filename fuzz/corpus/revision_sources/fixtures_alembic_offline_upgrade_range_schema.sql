BEGIN;

-- Running upgrade 1a2b3c4d5e6f -> 3c4d5e6f7081

CREATE TABLE reports (
    id SERIAL NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id)
);

UPDATE app.alembic_version SET version_num='3c4d5e6f7081' WHERE app.alembic_version.version_num = '1a2b3c4d5e6f';

-- Running upgrade 1a2b3c4d5e6f -> 2b3c4d5e6f70

ALTER TABLE users ADD COLUMN email VARCHAR(200);

UPDATE users SET email = name || '@example.com';

INSERT INTO app.alembic_version (version_num) VALUES ('2b3c4d5e6f70') RETURNING app.alembic_version.version_num;

-- Running upgrade 2b3c4d5e6f70, 3c4d5e6f7081 -> 4d5e6f708192

CREATE INDEX ix_reports_owner ON reports (owner_id);

DELETE FROM app.alembic_version WHERE app.alembic_version.version_num = '2b3c4d5e6f70';

UPDATE app.alembic_version SET version_num='4d5e6f708192' WHERE app.alembic_version.version_num = '3c4d5e6f7081';

COMMIT;

