-- Up Migration
-- Every command against the engine, hash-chained: hash = sha256 over the RFC 8785 serialisation of
-- the entry and prev_hash. seq is assigned by the appender under a table lock, not by a sequence,
-- so a rolled-back append leaves no gap that verification would read as a deleted entry.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  role text NOT NULL,
  organisation text NOT NULL,
  command text NOT NULL,
  target text,
  input jsonb NOT NULL,
  result jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);

-- Down Migration
DROP TABLE audit_log;
