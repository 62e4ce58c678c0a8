-- Up Migration
-- Calculations a case ran (unmetered electricity, losses): one row per calculation per event, with
-- everything needed to reproduce the result (inputs, switches, formula and rule-set versions).
CREATE TABLE calculations (
  case_id          text NOT NULL REFERENCES cases ON DELETE CASCADE,
  event_key        text NOT NULL,
  calculation_id   text NOT NULL,
  event_type       text NOT NULL,
  calculated_at    timestamptz NOT NULL,
  formula_version  integer NOT NULL,
  method           text NOT NULL,
  rule_set_version text NOT NULL,
  rules_date       date NOT NULL,
  clause           text NOT NULL,
  switches         jsonb NOT NULL,
  inputs           jsonb NOT NULL,
  outputs          jsonb NOT NULL,
  PRIMARY KEY (case_id, event_key, calculation_id)
);

-- Down Migration
DROP TABLE calculations;
