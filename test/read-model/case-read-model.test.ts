// The read model on the real PostgreSQL, in a throwaway schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import { migrate } from '../../src/read-model/migrate.ts';
import {
  createScratchSchema,
  DEFAULT_DATABASE_URL,
  type ScratchSchema,
} from '../../src/read-model/scratch-schema.ts';
import type { CaseView } from '../../workflows/case-messages.ts';

let db: ScratchSchema;
beforeAll(async () => {
  db = await createScratchSchema(DEFAULT_DATABASE_URL, 'gridcase_test');
});
afterAll(async () => {
  await db?.drop();
});

const view = (events: number, lockoutStatus: 'pending' | 'elapsed'): CaseView => ({
  process: 'kz.miner.energization',
  now: '2024-03-01T00:00:00.000Z',
  ruleSetVersion: 'a'.repeat(64),
  state: lockoutStatus === 'pending' ? 'lockout' : 'awaitingRepeatNotice',
  stateValue: 'lockout',
  context: { initialRemarks: ['R1'] },
  decisions: { 'can-energize': { value: false, codes: ['E-REMARKS-OUTSTANDING'] } },
  facts: { initialRemarks: ['R1'] },
  deadlines: [
    {
      id: 'reinspection-lockout',
      kind: 'bar',
      startedBy: { type: 'REINSPECTION_DONE', at: '2024-01-31T10:00:00+06:00' },
      dueDate: '2024-02-29',
      dueAt: '2024-03-01T00:00:00+05:00',
      status: lockoutStatus,
      clause: 'order275 Req p.9 ¶5',
    },
  ],
  documents:
    events > 2
      ? [
          {
            id: 'sealing-act',
            title: 'Act of sealing',
            clause: 'order275 Req p.8 sub-p.2) indent 2',
            issuedAt: '2024-02-03T10:00:00+06:00',
            eventKey: 'k2',
          },
        ]
      : [],
  calculations: [],
  history: Array.from({ length: events }, (_, i) => ({
    type: i === 0 ? 'REINSPECTION_DONE' : 'REPEAT_NOTICE',
    at: `2024-02-0${i + 1}T10:00:00+06:00`,
    idempotencyKey: `k${i}`,
    accepted: i === 0,
    ...(i === 0 ? {} : { reason: 'not accepted', clause: 'order275 Req p.9 ¶5' }),
    stateAfter: 'lockout',
  })),
});

describe('the case read model', () => {
  it('migrates once: a second run applies nothing', async () => {
    expect(await migrate(DEFAULT_DATABASE_URL, { schema: db.schema })).toEqual([]);
  });

  it('writes idempotently: repeating a write (an activity retry) duplicates nothing', async () => {
    const model = new CaseReadModel(db.pool);
    await model.record('case-1', view(2, 'pending'));
    await model.record('case-1', view(2, 'pending'));
    await model.record('case-1', view(3, 'elapsed'));
    expect(
      (await db.pool.query("SELECT count(*)::int AS n FROM case_events WHERE case_id = 'case-1'")).rows[0].n,
    ).toBe(3);
    expect((await db.pool.query("SELECT status FROM deadlines WHERE case_id = 'case-1'")).rows).toEqual([
      { status: 'elapsed' },
    ]);
    expect(await model.differences('case-1', view(3, 'elapsed'))).toEqual([]);
    const documents = await db.pool.query("SELECT document_id, xml FROM documents WHERE case_id = 'case-1'");
    expect(documents.rows.map((r) => r.document_id)).toEqual(['sealing-act']);
    expect(documents.rows[0].xml).toContain(
      '<document xmlns="urn:gridcase:document:1" id="sealing-act" case="case-1"',
    );
    expect(documents.rows[0].xml).toContain('<legalBasis>order275 Req p.8 sub-p.2) indent 2</legalBasis>');
    expect(documents.rows[0].xml).toContain('<fact name="initialRemarks">["R1"]</fact>');
  });

  it('never lets an older write overwrite a newer one', async () => {
    const model = new CaseReadModel(db.pool);
    await model.record('case-2', view(3, 'elapsed'));
    await model.record('case-2', view(2, 'pending'));
    const row = (await db.pool.query("SELECT state, event_count FROM cases WHERE case_id = 'case-2'"))
      .rows[0];
    expect(row).toEqual({ state: 'awaitingRepeatNotice', event_count: 3 });
    expect((await db.pool.query("SELECT status FROM deadlines WHERE case_id = 'case-2'")).rows).toEqual([
      { status: 'elapsed' },
    ]);
  });

  it('reports how it differs from a workflow', async () => {
    const model = new CaseReadModel(db.pool);
    await model.record('case-3', view(2, 'pending'));
    expect(await model.differences('case-3', view(3, 'elapsed'))).toEqual([
      'case-3: state lockout in the read model, awaitingRepeatNotice in the workflow',
      'case-3: 2 events in the read model, 3 in the workflow',
      'case-3: deadline reinspection-lockout started 2024-01-31T10:00:00+06:00 is pending in the read model, elapsed in the workflow',
    ]);
    expect(await model.differences('case-9', view(1, 'pending'))).toEqual([
      'case-9: missing from the read model',
    ]);
  });
});
