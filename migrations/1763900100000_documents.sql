-- Up Migration
-- Documents a case issues (acts, notices), as XML. One row per document per issuing event, so a
-- retried activity never issues a document twice. Signing is added with the API.
CREATE TABLE documents (
  case_id         text NOT NULL REFERENCES cases ON DELETE CASCADE,
  document_id     text NOT NULL,
  event_key       text NOT NULL,
  title           text NOT NULL,
  issued_at       timestamptz NOT NULL,
  clause          text NOT NULL,
  xml             text NOT NULL,
  PRIMARY KEY (case_id, document_id, event_key)
);

-- Down Migration
DROP TABLE documents;
