-- Up Migration
-- Compliance reports filter cases by organisation and jurisdiction. Both derive from what the case
-- already stores (the start input `organisation` among its facts; the process id's kz./kg. prefix),
-- so they are generated columns: every write of the read model keeps them right without a second
-- source of truth, and existing rows are filled in by this migration.
ALTER TABLE cases
  ADD COLUMN organisation text GENERATED ALWAYS AS (
    CASE WHEN jsonb_typeof(facts -> 'organisation') = 'string' THEN facts ->> 'organisation' END
  ) STORED,
  ADD COLUMN jurisdiction text GENERATED ALWAYS AS (upper(split_part(process, '.', 1))) STORED;

-- Down Migration
ALTER TABLE cases DROP COLUMN jurisdiction, DROP COLUMN organisation;
