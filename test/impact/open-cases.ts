// Open cases for the impact tests, written through the read model as the workflows write them, and
// draft rule directories made from a copy of rules/ with YAML edits.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaseReadModel } from '../../src/read-model/case-read-model.ts';
import { DEFAULT_RULES_DIR } from '../../src/rules/default-rules-dir.ts';
import type { CaseView, DeadlineRecord, HistoryEntry } from '../../workflows/case-messages.ts';
import { shippedRuleSet } from '../support/rule-set.ts';

type Edits = Record<string, (text: string) => string>;

/** A copy of the shipped rules with each named file (relative to rules/) edited; fails if an edit changes nothing. */
export async function draftRules(edits: Edits): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gridcase-draft-'));
  await cp(DEFAULT_RULES_DIR, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(dir, file);
    const before = await readFile(target, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    await writeFile(target, after);
  }
  return dir;
}

/** The versions block of one parameter, replaced. */
const versionsOf = (text: string, parameter: string, versions: string) => {
  const at = text.indexOf(`- id: ${parameter}\n`);
  const block = '    versions:\n      - effectiveFrom: { document: order275 }\n        value: 5\n';
  const start = text.indexOf(block, at);
  return `${text.slice(0, start)}${versions}${text.slice(start + block.length)}`;
};
const raisedFromJune = (value: number) =>
  '    versions:\n      - effectiveFrom: { document: order275 }\n        effectiveTo: 2024-05-31\n        value: 5\n' +
  `      - effectiveFrom: 2024-06-01\n        value: ${value}\n`;

/** The Req p.12 notice shortened to 7 days; the SO-agreement threshold and the copy band's top raised to 7 MW from 2024-06-01. */
export const NOTICE_AND_THRESHOLDS: Edits = {
  'kz/miner-tc.yaml': (text) =>
    versionsOf(
      versionsOf(
        text.replace(
          'duration: { amount: 10, unit: calendar-days }',
          'duration: { amount: 7, unit: calendar-days }',
        ),
        'miner.soAgreement.declaredCapacityAbove',
        raisedFromJune(7),
      ),
      'miner.soInfoCopy.band.max',
      raisedFromJune(7),
    ),
};

/** Chapter 13 of the 2026 Rules postponed from 2027-01-01 to 2027-07-01. */
export const CHAPTER_13_POSTPONED: Edits = {
  'documents/kz.yaml': (text) =>
    text.replace(
      '- id: deferred-2027\n          date: 2027-01-01',
      '- id: deferred-2027\n          date: 2027-07-01',
    ),
};

const issued = { soNotice: 'pending', soCopy: 'notRequired', soAgreement: 'pending' };
const complete = { application: true, questionnaire: true, sitePlan: true, capacityCalculation: true };
const allItems = Array.from({ length: 15 }, (_, i) => i + 1);

function entry(type: string, at: string, accepted = true, stateAfter = 'issued'): HistoryEntry {
  return { type, at, idempotencyKey: `${type}@${at}`, accepted, stateAfter };
}

function deadline(
  id: string,
  kind: 'action',
  startedBy: HistoryEntry,
  dueDate: string,
  dueAt: string,
  clause: string,
): DeadlineRecord {
  return {
    id,
    kind,
    startedBy: { type: startedBy.type, at: startedBy.at },
    dueDate,
    dueAt,
    status: 'pending',
    clause,
  };
}

/** A 6 MW miner's TC issued on `issuedOn` (submitted `submittedOn`), awaiting the SO's notice and agreement. */
async function issuedTc(submittedOn: string, issuedOn: string, notice: [string, string]): Promise<CaseView> {
  const tcIssued = entry('TC_ISSUED', `${issuedOn}T12:00:00+05:00`);
  return {
    process: 'kz.miner.tc',
    now: tcIssued.at,
    ruleSetVersion: (await shippedRuleSet()).version,
    state: 'issued',
    stateValue: { issued },
    context: {},
    decisions: {
      'so-agreement-required': { value: true, codes: [], clause: 'order275 Req p.4 ¶2-3' },
      'so-info-copy-required': { value: false, codes: [] },
    },
    facts: {
      declaredCapacityKw: 6000,
      substationKv: 110,
      isSubConsumer: false,
      attachments: complete,
      externalScheme: { designOrgLicensed: true, agreedByEto: true },
      tcContent: allItems,
      tcIssued: true,
    },
    deadlines: [deadline('so-issuance-notice', 'action', tcIssued, ...notice, 'order275 Req p.12')],
    documents: [],
    calculations: [],
    history: [
      entry('SUBMIT', `${submittedOn}T09:00:00+05:00`, true, 'schemeReview'),
      entry('SCHEME_AGREED', `${submittedOn}T15:00:00+05:00`, true, 'drafting'),
      entry('TC_DRAFTED', `${issuedOn}T09:00:00+05:00`, true, 'readyToIssue'),
      tcIssued,
    ],
  };
}

/**
 * Two open TC cases (dated 2024-04-15 and 2024-07-01), an open scheme approval dated 2027-02-01, a
 * TC case whose only event was refused, and a refused (closed) TC case.
 */
export async function recordOpenCases(model: CaseReadModel): Promise<void> {
  const version = (await shippedRuleSet()).version;
  await model.record(
    'tc-april',
    await issuedTc('2024-04-15', '2024-04-15', ['2024-04-25', '2024-04-26T00:00:00+05:00']),
  );
  await model.record(
    'tc-july',
    await issuedTc('2024-07-01', '2024-07-03', ['2024-07-15', '2024-07-16T00:00:00+05:00']),
  );
  const submitted = entry('SCHEME_SUBMITTED', '2027-02-01T10:00:00+05:00', true, 'underReview');
  await model.record('scheme-feb', {
    process: 'kz.metering.scheme-approval',
    now: submitted.at,
    ruleSetVersion: version,
    state: 'underReview',
    stateValue: 'underReview',
    context: {},
    decisions: { 'refusal-reasoned': { value: false, codes: ['R-NO-REASONS'] } },
    facts: { facilityId: 'F-1' },
    deadlines: [
      deadline(
        'scheme-review',
        'action',
        submitted,
        '2027-03-16',
        '2027-03-17T00:00:00+05:00',
        'order128 Rules R26.110 ¶2',
      ),
    ],
    documents: [],
    calculations: [],
    history: [submitted],
  });
  await model.record('tc-not-started', {
    process: 'kz.miner.tc',
    now: '2024-07-01T09:00:00+05:00',
    ruleSetVersion: version,
    state: 'draft',
    stateValue: 'draft',
    context: {},
    decisions: {},
    facts: {},
    deadlines: [],
    documents: [],
    calculations: [],
    history: [
      {
        ...entry('TC_ISSUED', '2024-07-01T09:00:00+05:00', false, 'draft'),
        reason: 'TC_ISSUED not allowed in state draft',
      },
    ],
  });
  await model.record('tc-refused', {
    process: 'kz.miner.tc',
    now: '2024-07-01T09:00:00+05:00',
    ruleSetVersion: version,
    state: 'refused',
    stateValue: 'refused',
    context: {},
    decisions: { eligibility: { value: 'refused', codes: ['R-VOLTAGE'] } },
    facts: { declaredCapacityKw: 6000, substationKv: 10, isSubConsumer: false, attachments: complete },
    deadlines: [],
    documents: [],
    calculations: [],
    history: [entry('SUBMIT', '2024-07-01T09:00:00+05:00', true, 'refused')],
  });
}
