-- Up Migration
-- Events a case sent to other cases because of one of its own (a confirmed p.11 finding sent to the
-- energization case), with whether each was delivered.
ALTER TABLE case_events ADD COLUMN sent jsonb;

-- Down Migration
ALTER TABLE case_events DROP COLUMN sent;
