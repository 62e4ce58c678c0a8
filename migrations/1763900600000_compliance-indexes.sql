-- Up Migration
-- Indexes for the compliance queries (src/compliance). A deadline is late when it was breached or
-- met after its due instant; reports read late deadlines by due instant, optionally by clause.
-- The key ends with the primary key so keyset pagination walks the index without sorting; the
-- included columns let the dashboard counts over a period read the index alone.
CREATE INDEX deadlines_late_by_due ON deadlines (due_at, case_id, deadline_id, started_at)
  INCLUDE (due_date, met_at, clause) WHERE status = 'breached' OR lateness_ms > 0;
CREATE INDEX deadlines_late_by_clause ON deadlines (clause, due_at, case_id, deadline_id, started_at)
  WHERE status = 'breached' OR lateness_ms > 0;
-- At-risk deadlines: pending ones by due instant (replaces deadlines_open, which lacked the key).
DROP INDEX deadlines_open;
CREATE INDEX deadlines_open ON deadlines (due_at, case_id, deadline_id, started_at) WHERE status = 'pending';
CREATE INDEX cases_by_organisation ON cases (organisation);
CREATE INDEX cases_by_process ON cases (process);
CREATE INDEX cases_by_jurisdiction ON cases (jurisdiction);
-- Counts by process or organisation join many deadlines to their cases: this reads the narrow
-- index instead of the case rows with their facts.
CREATE INDEX cases_facets ON cases (case_id) INCLUDE (process, organisation, jurisdiction);

-- Down Migration
DROP INDEX cases_facets;
DROP INDEX cases_by_jurisdiction;
DROP INDEX cases_by_process;
DROP INDEX cases_by_organisation;
DROP INDEX deadlines_open;
CREATE INDEX deadlines_open ON deadlines (due_at) WHERE status = 'pending';
DROP INDEX deadlines_late_by_clause;
DROP INDEX deadlines_late_by_due;
