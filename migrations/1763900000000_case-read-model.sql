-- Up Migration
-- The case read model: what officers and compliance staff query. Rebuilt from workflow state;
-- every write is an upsert or an insert that ignores repeats, so activity retries never duplicate.
CREATE TABLE cases (
  case_id          text PRIMARY KEY,
  process          text NOT NULL,
  rule_set_version text NOT NULL,
  state            text NOT NULL,
  state_value      jsonb NOT NULL,
  facts            jsonb NOT NULL,
  decisions        jsonb NOT NULL,
  event_count      integer NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Append-only: one row per event the case received, accepted or refused.
CREATE TABLE case_events (
  case_id          text NOT NULL REFERENCES cases ON DELETE CASCADE,
  seq              integer NOT NULL,
  type             text NOT NULL,
  at               timestamptz NOT NULL,
  actor            text,
  payload          jsonb,
  accepted         boolean NOT NULL,
  reason           text,
  clause           text,
  state_after      text NOT NULL,
  rule_set_version text NOT NULL,
  idempotency_key  text NOT NULL,
  PRIMARY KEY (case_id, seq),
  UNIQUE (case_id, idempotency_key)
);

CREATE TABLE deadlines (
  case_id     text NOT NULL REFERENCES cases ON DELETE CASCADE,
  deadline_id text NOT NULL,
  started_at  timestamptz NOT NULL,
  started_by  text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('action', 'bar')),
  due_date    date NOT NULL,
  due_at      timestamptz NOT NULL,
  status      text NOT NULL CHECK (status IN ('pending', 'met', 'breached', 'cancelled', 'elapsed')),
  met_at      timestamptz,
  lateness_ms bigint,
  clause      text NOT NULL,
  PRIMARY KEY (case_id, deadline_id, started_at)
);
CREATE INDEX deadlines_open ON deadlines (due_at) WHERE status = 'pending';
CREATE INDEX deadlines_breached ON deadlines (case_id) WHERE status = 'breached';

-- Down Migration
DROP TABLE deadlines;
DROP TABLE case_events;
DROP TABLE cases;
