#pragma once
// The tables of a saved run, format 2 (docs/saved-run-format.md describes them).
// Lists keep their order in `seq`; an environment is a run of the command
// (plan, audit or fresh), numbered by `environments.seq` from 0.

namespace migsim {

inline constexpr const char* kSavedRunSchema = R"sql(
CREATE TABLE run (
  migsim_version TEXT NOT NULL,
  command TEXT NOT NULL,
  migrations TEXT NOT NULL,
  source_format TEXT NOT NULL,
  status INTEGER NOT NULL,
  fresh INTEGER NOT NULL
);
CREATE TABLE inputs (
  seq INTEGER PRIMARY KEY,
  role TEXT NOT NULL,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE TABLE revisions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  create_date TEXT NOT NULL,
  file TEXT NOT NULL,
  source_format TEXT NOT NULL,
  transactional INTEGER NOT NULL,
  repeatable INTEGER NOT NULL
);
CREATE TABLE revision_links (
  revision INTEGER NOT NULL,
  kind TEXT NOT NULL,
  seq INTEGER NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (revision, kind, seq)
) WITHOUT ROWID;
CREATE TABLE environments (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  mode TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  database TEXT NOT NULL,
  taken_at TEXT NOT NULL,
  silenced INTEGER NOT NULL
);
CREATE TABLE environment_revisions (
  environment INTEGER NOT NULL,
  kind TEXT NOT NULL,
  seq INTEGER NOT NULL,
  revision TEXT NOT NULL,
  PRIMARY KEY (environment, kind, seq)
) WITHOUT ROWID;
CREATE TABLE outcomes (
  environment INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  revision TEXT NOT NULL,
  applied INTEGER NOT NULL,
  verdict TEXT NOT NULL,
  reason TEXT NOT NULL,
  rolled_back INTEGER NOT NULL,
  PRIMARY KEY (environment, seq)
) WITHOUT ROWID;
CREATE TABLE statements (
  environment INTEGER NOT NULL,
  outcome INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  sql TEXT NOT NULL,
  result TEXT NOT NULL,
  sqlstate TEXT NOT NULL,
  message TEXT NOT NULL,
  detail TEXT NOT NULL,
  hint TEXT NOT NULL,
  bookkeeping INTEGER NOT NULL,
  PRIMARY KEY (environment, outcome, seq)
) WITHOUT ROWID;
CREATE TABLE findings (
  environment INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  revision TEXT NOT NULL,
  object TEXT NOT NULL,
  message TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  PRIMARY KEY (environment, seq)
) WITHOUT ROWID;
CREATE TABLE silenced_findings (
  environment INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  revision TEXT NOT NULL,
  object TEXT NOT NULL,
  message TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  comment TEXT NOT NULL,
  comment_line INTEGER NOT NULL,
  PRIMARY KEY (environment, seq)
) WITHOUT ROWID;
CREATE TABLE finding_elsewhere (
  environment INTEGER NOT NULL,
  finding INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  other_environment TEXT NOT NULL,
  verdict TEXT NOT NULL,
  PRIMARY KEY (environment, finding, seq)
) WITHOUT ROWID;
CREATE TABLE status_environments (
  seq INTEGER PRIMARY KEY,
  plan INTEGER NOT NULL,
  audit INTEGER NOT NULL,
  has_schemas INTEGER NOT NULL
);
CREATE TABLE history (
  status_environment INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  revision TEXT NOT NULL,
  notes TEXT NOT NULL,
  current INTEGER NOT NULL,
  PRIMARY KEY (status_environment, seq)
) WITHOUT ROWID;
CREATE TABLE schemas (
  status_environment INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  owner TEXT NOT NULL,
  tables INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  PRIMARY KEY (status_environment, seq)
) WITHOUT ROWID;
CREATE TABLE recommendations (
  seq INTEGER PRIMARY KEY,
  text TEXT NOT NULL
);
)sql";

}  // namespace migsim
