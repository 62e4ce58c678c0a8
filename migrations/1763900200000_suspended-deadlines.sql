-- Up Migration
-- A deadline may be suspended while its case waits for a precondition (000-001.md A11).
ALTER TABLE deadlines DROP CONSTRAINT deadlines_status_check;
ALTER TABLE deadlines ADD CONSTRAINT deadlines_status_check
  CHECK (status IN ('pending', 'met', 'breached', 'cancelled', 'elapsed', 'suspended'));

-- Down Migration
ALTER TABLE deadlines DROP CONSTRAINT deadlines_status_check;
ALTER TABLE deadlines ADD CONSTRAINT deadlines_status_check
  CHECK (status IN ('pending', 'met', 'breached', 'cancelled', 'elapsed'));
