// SM-1 of detail/004-part1.md up to the connection, driven with decisions from the shipped rule
// file for the §7 TS-1 and TS-2 facts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/rules/rule-set.ts';
import { type AdmissionEvent, admissionMachine } from '../../workflows/kg-connection-admission/machine.ts';
import type { DecisionValues } from '../../workflows/shared/decisions.ts';
import { runMachine } from '../support/machine.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRuleSet();
});

const allDocuments = {
  acceptanceAct: true,
  designDocsAgreed: true,
  acceptanceHandoverDocs: true,
  testProtocols: true,
};
const ts1 = {
  installationKind: 'new',
  responsiblePerson: true,
  contractWithConnector: true,
  commercialMeteringInstalled: true,
  documents: allDocuments,
};

function decide(facts: Record<string, unknown>, switches: Record<string, string> = {}): DecisionValues {
  const view = rules.at('2025-10-06', { switches }).process('kg.connection.admission');
  return Object.fromEntries(view.decideValues(view.prepare(facts)));
}

const run = (events: AdmissionEvent[]) => runMachine(admissionMachine, events);
const inspected = (facts: Record<string, unknown>): AdmissionEvent[] => [
  { type: 'SUBMIT_ACCEPTANCE_ACT', decisions: decide(facts) },
  { type: 'PRESENT_DOCS_AND_ALLOW_INSPECTION' },
  { type: 'INSPECTION_ACT', decisions: decide(facts) },
];

describe('kg.connection.admission state machine (SM-1)', () => {
  it('TS-1: inspection without violations, order, connection', () => {
    const ordered = [...inspected(ts1), { type: 'ISSUE_CONNECTION_ORDER', decisions: decide(ts1) } as const];
    expect(run(ordered).value).toBe('orderIssued');
    const connected = run([...ordered, { type: 'VOLTAGE_APPLIED', decisions: decide(ts1) }]);
    expect(connected.value).toBe('energizedUnregistered');
    expect(connected.status).toBe('done');
  });

  it('refuses the acceptance act while a document is missing (RF10)', () => {
    const draft = run([]);
    const missing = decide({ ...ts1, documents: { ...allDocuments, designDocsAgreed: false } });
    expect(missing['acceptance-documents-complete']?.codes).toEqual(['RF10-DESIGN-DOCS']);
    expect(draft.can({ type: 'SUBMIT_ACCEPTANCE_ACT', decisions: missing })).toBe(false);
  });

  describe('TS-2: prohibited, re-inspected at once, order only with the contract', () => {
    const failing = {
      ...ts1,
      responsiblePerson: false,
      contractWithConnector: false,
      violations: ['design-deviation'],
    };

    it('prohibits commissioning on RF4 and RF6 and takes no order then', () => {
      const s = run(inspected(failing));
      expect(s.value).toBe('commissioningProhibited');
      expect(s.context.decisions['commissioning-permitted']).toMatchObject({
        value: false,
        codes: ['RF4', 'RF6'],
      });
      expect(s.can({ type: 'ISSUE_CONNECTION_ORDER', decisions: decide(ts1) })).toBe(false);
    });

    it('is ready for a new inspection as soon as the defects are eliminated: no lockout', () => {
      const s = run([...inspected(failing), { type: 'DEFECTS_ELIMINATED' }]);
      expect(s.value).toBe('readyForSupv');
      expect(s.can({ type: 'PRESENT_DOCS_AND_ALLOW_INSPECTION' })).toBe(true);
    });

    it('passes the re-inspection but refuses the order without the contract (RF7), then issues it', () => {
      const noContract = { ...ts1, contractWithConnector: false };
      const passed = run([
        ...inspected(failing),
        { type: 'DEFECTS_ELIMINATED' },
        { type: 'PRESENT_DOCS_AND_ALLOW_INSPECTION' },
        { type: 'INSPECTION_ACT', decisions: decide(noContract) },
      ]);
      expect(passed.value).toBe('inspectionPassed');
      const refused = decide(noContract);
      expect(refused['order-may-issue']).toMatchObject({ value: false, codes: ['RF7'] });
      expect(passed.can({ type: 'ISSUE_CONNECTION_ORDER', decisions: refused })).toBe(false);
      expect(passed.can({ type: 'ISSUE_CONNECTION_ORDER', decisions: decide(ts1) })).toBe(true);
    });

    it('negative check: no order and no connection without a commercial meter (RF8)', () => {
      const noMeter = decide({ ...ts1, commercialMeteringInstalled: false });
      const passed = run(inspected(ts1));
      expect(passed.can({ type: 'ISSUE_CONNECTION_ORDER', decisions: noMeter })).toBe(false);
      const ordered = run([...inspected(ts1), { type: 'ISSUE_CONNECTION_ORDER', decisions: decide(ts1) }]);
      expect(ordered.can({ type: 'VOLTAGE_APPLIED', decisions: noMeter })).toBe(false);
    });
  });

  it('refuses the order for an autonomous source without a changeover device (RF9)', () => {
    const unprotected = decide({ ...ts1, autonomousSource: true });
    expect(unprotected['order-may-issue']).toMatchObject({ value: false, codes: ['RF9'] });
    expect(run(inspected(ts1)).can({ type: 'ISSUE_CONNECTION_ORDER', decisions: unprotected })).toBe(false);
  });

  it('orders a new installation without a contract under the literal R§25 reading', () => {
    const literal = decide(
      { ...ts1, contractWithConnector: false },
      { contractBeforeOrderScope: 'reconstructed-only' },
    );
    expect(run(inspected(ts1)).can({ type: 'ISSUE_CONNECTION_ORDER', decisions: literal })).toBe(true);
  });

  describe('P3: cable-line hold points (R§26)', () => {
    const cable = { ...ts1, hasCableLine: true };

    it('accepts the trench, then the laid cable, then the backfill', () => {
      const s = run([
        { type: 'SUPV_ACCEPT_TRENCH' },
        { type: 'SUPV_ACCEPT_LAID_CABLE' },
        { type: 'BACKFILL' },
      ]);
      expect(s.value).toEqual({ draft: 'backfilled' });
      expect(run([]).can({ type: 'SUPV_ACCEPT_LAID_CABLE' })).toBe(false);
    });

    it('backfilling before the laid cable is accepted leaves the hidden works unverified (RF11)', () => {
      const s = run([{ type: 'SUPV_ACCEPT_TRENCH' }, { type: 'BACKFILL' }]);
      expect(s.value).toEqual({ draft: 'hiddenWorksUnverified' });
      expect(s.can({ type: 'SUPV_ACCEPT_LAID_CABLE' })).toBe(false);
      const inspection = run([{ type: 'SUPV_ACCEPT_TRENCH' }, { type: 'BACKFILL' }, ...inspected(cable)]);
      expect(inspection.value).toBe('commissioningProhibited');
      expect(inspection.context.decisions['commissioning-permitted']?.codes).toEqual(['RF11']);
      expect(run(inspected({ ...cable, hiddenWorksAccepted: true })).value).toBe('inspectionPassed');
    });
  });

  it('P2: a temporary installation is admitted on its test protocols alone', () => {
    const temporary = {
      installationKind: 'temporary',
      maintenanceContract: true,
      commercialMeteringInstalled: true,
      documents: { testProtocols: true },
    };
    const d = decide(temporary);
    expect(run([...inspected(temporary), { type: 'ISSUE_CONNECTION_ORDER', decisions: d }]).value).toBe(
      'orderIssued',
    );
  });
});
