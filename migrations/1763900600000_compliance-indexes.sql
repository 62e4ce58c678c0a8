-- Up Migration
-- Compliance reports (src/compliance) filter and group deadlines by their case's process,
-- organisation and jurisdiction. Joining every late deadline of a period to its case made the
-- dashboard counts slow at a million deadlines, so each deadline carries a copy of the three,
-- kept by triggers whichever writer inserts the deadline or changes the case.
ALTER TABLE deadlines ADD COLUMN process text, ADD COLUMN organisation text, ADD COLUMN jurisdiction text;
UPDATE deadlines d SET process = c.process, organisation = c.organisation, jurisdiction = c.jurisdiction
  FROM cases c WHERE c.case_id = d.case_id;
ALTER TABLE deadlines ALTER COLUMN process SET NOT NULL, ALTER COLUMN jurisdiction SET NOT NULL;

CREATE FUNCTION deadlines_copy_case_facets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.process, c.organisation, c.jurisdiction INTO NEW.process, NEW.organisation, NEW.jurisdiction
    FROM cases c WHERE c.case_id = NEW.case_id;
  RETURN NEW;
END $$;
CREATE TRIGGER deadlines_case_facets BEFORE INSERT ON deadlines
  FOR EACH ROW EXECUTE FUNCTION deadlines_copy_case_facets();

CREATE FUNCTION cases_propagate_facets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE deadlines SET process = NEW.process, organisation = NEW.organisation, jurisdiction = NEW.jurisdiction
   WHERE case_id = NEW.case_id;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_facets_changed AFTER UPDATE ON cases
  FOR EACH ROW WHEN (OLD.process IS DISTINCT FROM NEW.process OR OLD.organisation IS DISTINCT FROM NEW.organisation)
  EXECUTE FUNCTION cases_propagate_facets();

-- A deadline is late when it was breached or met after its due instant. Keys end with the primary
-- key so keyset pagination walks an index without sorting; the included columns let the dashboard
-- counts over a period read the index alone.
CREATE INDEX deadlines_late_by_due ON deadlines (due_at, case_id, deadline_id, started_at)
  INCLUDE (due_date, met_at, clause, process, organisation, jurisdiction)
  WHERE status = 'breached' OR lateness_ms > 0;
CREATE INDEX deadlines_late_by_clause ON deadlines (clause, due_at, case_id, deadline_id, started_at)
  WHERE status = 'breached' OR lateness_ms > 0;
CREATE INDEX deadlines_late_by_organisation ON deadlines (organisation, due_at, case_id, deadline_id, started_at)
  WHERE status = 'breached' OR lateness_ms > 0;
-- At-risk deadlines: pending ones by due instant (replaces deadlines_open, which lacked the key).
DROP INDEX deadlines_open;
CREATE INDEX deadlines_open ON deadlines (due_at, case_id, deadline_id, started_at) WHERE status = 'pending';

-- Down Migration
DROP INDEX deadlines_open;
CREATE INDEX deadlines_open ON deadlines (due_at) WHERE status = 'pending';
DROP INDEX deadlines_late_by_organisation;
DROP INDEX deadlines_late_by_clause;
DROP INDEX deadlines_late_by_due;
DROP TRIGGER cases_facets_changed ON cases;
DROP FUNCTION cases_propagate_facets();
DROP TRIGGER deadlines_case_facets ON deadlines;
DROP FUNCTION deadlines_copy_case_facets();
ALTER TABLE deadlines DROP COLUMN jurisdiction, DROP COLUMN organisation, DROP COLUMN process;
