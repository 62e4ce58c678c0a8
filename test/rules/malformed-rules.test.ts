import { describe, expect, it } from 'vitest';
import { formatDiagnostic, RuleSetError } from '../../src/rules/diagnostics.ts';
import { runExamples } from '../../src/rules/examples.ts';
import { buildRuleSet } from '../../src/rules/load-rule-set.ts';
import { fixtureTexts } from '../support/fixture-rule-set.ts';

function loadErrors(fixture: string): string[] {
  try {
    buildRuleSet(fixtureTexts(fixture));
  } catch (e) {
    expect(e).toBeInstanceOf(RuleSetError);
    return (e as RuleSetError).diagnostics.map(formatDiagnostic);
  }
  throw new Error(`${fixture} loaded without errors`);
}

describe('malformed rule files: every error names file:line:column and what is wrong', () => {
  it.each([
    [
      'unknown-key.yaml',
      [
        "process.yaml:22:9: missing key: parameters[0].versions[0] needs 'effectiveFrom'",
        "process.yaml:22:11: unknown key 'efectiveFrom' in parameters[0].versions[0] (allowed: effectiveFrom, effectiveTo, value, source, note)",
      ],
    ],
    [
      'bad-unit.yaml',
      [
        "process.yaml:18:11: bad unit 'MWt' (expected one of: W, kW, MW, GW, VA, kVA, MVA, V, kV, Wh, kWh, MWh, %, seconds, minutes, hours, days, count, hours/day, year, years, ratio, A, var, kvar, varh, kvarh, ohm, ohm/km, m, km, mm², A/mm², tyiyn, som, tyiyn/kWh, som/kWh)",
      ],
    ],
    ['missing-citation.yaml', ["process.yaml:30:13: missing citation: deadlines[0].source needs 'clause'"]],
    [
      'missing-quote.yaml',
      [
        "process.yaml:30:13: missing citation: an explicit rule needs the original-language 'quote' and its 'translation'",
      ],
    ],
    [
      'overlapping-periods.yaml',
      [
        "process.yaml:23:26: overlapping effective periods for parameter 'sample.minCapacity': version 2 (2024-06-01..open) overlaps version 1 (2024-01-26..open)",
      ],
    ],
    [
      'condition-unknown-key.yaml',
      [
        "process.yaml:38:97: unknown key 'extra' in decisions[0].rules[0].when (allowed: fact, operator, value)",
      ],
    ],
    [
      'not-a-condition.yaml',
      [
        'process.yaml:38:15: decisions[0].rules[0].when must be a condition with one of the keys all, any, not, fact or decision',
      ],
    ],
    [
      'bank-days-without-calendar.yaml',
      ['process.yaml:23:77: bank-days need a bank-day calendar: add bankDays to the KZ calendar file'],
    ],
    [
      'bank-days-unknown-source.yaml',
      ["calendars/KZ.yaml:8:46: unknown source 'banking-law' (sources: law)"],
    ],
    [
      'deadline-anchors.yaml',
      [
        "process.yaml:23:11: from must name an instant input field, not 'filedOn'",
        'process.yaml:24:13: a deadline counts either from an instant or back from one, not both',
        "process.yaml:29:37: the amount of a calendar-days duration must name a number input field in days, not 'termHours'",
        "process.yaml:31:13: a duration variant needs 'when' or 'onlyIf' (otherwise it is the version's duration)",
        'process.yaml:31:44: a deadline counted back from an instant cannot count months',
      ],
    ],
    [
      'instant-operators.yaml',
      [
        "process.yaml:22:42: operator 'instantBefore' cannot be applied to 'filedOn' (date)",
        "process.yaml:27:70: operator 'instantAfter' on 'endsAt' (instant) needs an instant value, got 'filedOn' (date)",
        "process.yaml:32:62: operator 'instantAfter' on 'endsAt' (instant) needs an instant value, got \"tomorrow\" (string)",
      ],
    ],
    [
      'edition-text.yaml',
      [
        'documents.yaml:13:7: the entry into force of order1 needs its source (the commencement clause), or basis: external with verified: false when the texts do not state it',
        'documents.yaml:19:111: a counterpart is a clause of another text, not of R1',
        "documents.yaml:20:11: division 'ch2' overlaps division 'ch1' (R1.1-10)",
        "documents.yaml:21:11: division 'ch3' needs paragraphs [first, last], an annex, or both",
        "documents.yaml:21:102: missing citation: an explicit division needs the original-language 'quote' and its 'translation'",
        "documents.yaml:22:102: unknown part 'none' of document 'order1' (known: none)",
        "documents.yaml:22:209: unknown document 'order9'",
        'documents.yaml:23:102: effectiveTo 2024-02-01 is before effectiveFrom 2024-03-01',
        'documents.yaml:24:112: R9.1 is in no division of any text',
        'documents.yaml:26:39: R1.5-6 and R0.1 are ranges of different lengths',
        'documents.yaml:27:21: R2.5 is not a clause of R1',
        "documents.yaml:28:21: 'R1.5 and 6' is not a clause reference (expected e.g. R26.101, R26.89-95 or R26.A1.10)",
        'documents.yaml:38:7: an external entry-into-force formula of order2 must say whether it is verified',
        "documents.yaml:41:12: clause prefix 'R1' is already the text of order1",
      ],
    ],
    [
      'case-date-pin.yaml',
      [
        "process.yaml:10:10: evaluatedAt must name a date or instant input field, not 'termHours'",
        "process.yaml:11:11: unknown switch 'noSuchSwitch' (known: countFrom, rollForward, entryIntoForceDay)",
        "process.yaml:35:42: the amount of a calendar-days duration must be a parameter of whole days ≥ 1; 'sample.answerHours' is 36 hours",
        "process.yaml:37:140: unknown parameter 'sample.noSuch'",
      ],
    ],
    [
      'rejects-on-action.yaml',
      ["process.yaml:29:14: only a bar rejects events; 'answer' is an action deadline"],
    ],
    [
      'rejects-planned-on-action.yaml',
      ["process.yaml:35:21: only a bar rejects events; 'answer' is an action deadline"],
    ],
    [
      'rejects-planned-not-instant.yaml',
      [
        "process.yaml:35:48: 'hearingOn' is not an instant in the payload of ANSWERED (instant payload fields: hearingAt)",
      ],
    ],
    [
      'instant-operator-type-mismatch.yaml',
      [
        "process.yaml:47:44: operator 'instantBefore' cannot be applied to 'hearingOn' (date)",
        `process.yaml:48:69: operator 'instantOnOrAfter' on 'hearingAt' (instant) needs an instant value, got "2024-03-06" (date)`,
      ],
    ],
    [
      'unknown-event.yaml',
      ["process.yaml:28:15: unknown event 'ANSWERD' (events of kz.test.sample: FILED, ANSWERED)"],
    ],
    ['unknown-document.yaml', ["process.yaml:30:25: unknown document 'order9' (known: order1)"]],
    [
      'unknown-document-part.yaml',
      ["process.yaml:32:26: unknown part 'late' of document 'order1' (known: later)"],
    ],
    [
      'invalid-date.yaml',
      ["process.yaml:47:11: invalid date '2024-02-30' in examples[0].asOf (no such day)"],
    ],
    [
      'invalid-date-format.yaml',
      ["process.yaml:47:11: invalid date '01.02.2024' in examples[0].asOf (expected YYYY-MM-DD)"],
    ],
    [
      'unit-mismatch.yaml',
      [
        "process.yaml:38:74: unit mismatch: cannot compare 'voltageKv' (kV, voltage) with parameter 'sample.minCapacity' (MW, active power)",
      ],
    ],
    [
      'unknown-fact.yaml',
      ["process.yaml:38:23: unknown fact 'capacityMw' (input fields: capacityKw, voltageKv)"],
    ],
    [
      'unknown-parameter.yaml',
      [
        "process.yaml:16:9: parameter 'sample.minCapacity' is read by no rule: reference it in a condition, or mark it 'informational: true'",
        "process.yaml:38:75: unknown parameter 'sample.minCapacty'",
      ],
    ],
    [
      'decision-value-unit.yaml',
      [
        "process.yaml:39:29: decision 'eligible' takes the value of 'sample.minCapacity' (MW): state the decision's unit",
        "process.yaml:50:29: unit mismatch: decision 'threshold-voltage' (kV, voltage) cannot take the value of 'sample.minCapacity' (MW, active power)",
        "process.yaml:60:29: unknown parameter 'sample.minCapacty'",
      ],
    ],
    [
      'derived.yaml',
      [
        "process.yaml:22:47: from must name an object-list or number-list input field, not 'capacityKw' (number)",
        'process.yaml:23:41: a count is in unit count, not kW',
        "process.yaml:24:5: missing key: 'readings' is a list of objects: name the numeric item field in 'of'",
        "process.yaml:25:92: per needs a duration: 'start' is not a numeric item field of 'readings' in a time unit",
        'process.yaml:26:39: unit mismatch: kWh (energy) per minutes (time) is active power, not kV (voltage)',
        "process.yaml:27:11: duplicate fact name 'capacityKw' (an input field or derived fact)",
        "process.yaml:64:73: unit mismatch: 'capacityKw' is in kW and 'capacityMw' in MW: compare facts in the same unit",
        "process.yaml:78:18: unknown derived fact 'lowestDemand'",
      ],
    ],
    [
      'bare-number.yaml',
      [
        "process.yaml:16:9: parameter 'sample.minCapacity' is read by no rule: reference it in a condition, or mark it 'informational: true'",
        "process.yaml:38:62: compare 'capacityKw' (kW) with a parameter, not the bare number 1000, so that its unit is stated",
      ],
    ],
    [
      'operator-type-mismatch.yaml',
      [
        "process.yaml:16:9: parameter 'sample.minCapacity' is read by no rule: reference it in a condition, or mark it 'informational: true'",
        "process.yaml:38:64: operator 'in' on 'capacityKw' (number) needs a list value, got 'voltageKv' (number)",
      ],
    ],
    [
      'version-gap.yaml',
      [
        "process.yaml:23:26: gap in effective periods for parameter 'sample.minCapacity': nothing in force from 2024-06-01 to 2024-06-30",
      ],
    ],
    [
      'before-in-force.yaml',
      ['process.yaml:22:26: effective from 2020-01-01, before kz.test.sample is in force (2024-01-26)'],
    ],
    [
      'decision-cycle.yaml',
      ['process.yaml:44:5: decisions depend on each other in a cycle: loop-a → loop-b → loop-a'],
    ],
    [
      'yaml-syntax.yaml',
      [
        'process.yaml:6:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
    ['duplicate-key.yaml', ['process.yaml:6:1: YAML: Map keys must be unique']],
    [
      'published-before-registration.yaml',
      [
        'documents.yaml:12:26: publishedOn 2024-01-11 of order1 precedes its state registration on 2024-01-12: an act cannot be published before it is registered',
      ],
    ],
    [
      'calculation-unknown-method.yaml',
      [
        "calculation.yaml:10:27: unknown method 'transformer-loss' (known: unmetered-electricity, transformer-losses, line-losses)",
      ],
    ],
    [
      'calculation-undeclared-parameter.yaml',
      [
        "calculation.yaml:10:27: method 'transformer-losses' reads parameter 'transformer.loadPowerFactor' (a number in ratio): declare it in this file",
        "calculation.yaml:32:9: parameter 'transformer.loadPowerFactr' is read by no method: remove it, or mark it 'informational: true'",
      ],
    ],
    [
      'calculation-unit-mismatch.yaml',
      [
        "calculation.yaml:26:52: unit mismatch: input 'meteredActiveEnergy' is in kvarh (reactive energy), the method reads kWh (energy)",
        "calculation.yaml:98:9: unit mismatch: column 'hours' of table 'transformer.ratedLoadHours' is in kWh (energy), the method reads hours (time)",
      ],
    ],
    [
      'calculation-table-rows.yaml',
      [
        'calculation.yaml:53:43: column \'generation\' holds names, not the number 1976: write "1976" in quotes, or give the column a unit',
        "calculation.yaml:54:13: missing key: row needs column 'noLoadLoss'",
        "calculation.yaml:54:51: unknown column 'noLoadLos' in table 'transformer.ratedLosses' (columns: ratedPower, generation, noLoadLoss, loadLoss)",
        'calculation.yaml:55:13: duplicate row for ratedPower 25, generation 1976',
      ],
    ],
    [
      'calculation-unsupported-switch.yaml',
      [
        "calculation.yaml:14:14: method 'transformer-losses' supports only later, earlier for switch 'overlappingGeneration'; not newest",
      ],
    ],
    [
      'calculation-output-decimals.yaml',
      [
        "calculation.yaml:128:5: missing key: numeric output 'activeLoss' needs 'decimals' (places kept, half-up)",
      ],
    ],
    [
      'calculation-version-order.yaml',
      ['calculation.yaml:11:16: formula version 1 follows version 2 in time: versions must increase'],
    ],
    ['calculation-unread-input.yaml', ["calculation.yaml:31:11: input 'colour' is read by no method"]],
  ])('%s', (fixture, expected) => {
    expect(loadErrors(fixture)).toEqual(expected);
  });

  it('reports a failing example at the expectation that failed', async () => {
    const rs = buildRuleSet(fixtureTexts('failing-example.yaml'));
    const failures = (await runExamples(rs)).flatMap((r) => r.failures).map(formatDiagnostic);
    expect(failures).toEqual([
      "process.yaml:53:39: example 'small' failed: deadline 'answer' dueDate expected 2024-03-13, got 2024-03-14",
    ]);
  });

  it('reports a failing calculation example at the expected output', async () => {
    const rs = buildRuleSet(fixtureTexts('calculation-failing-example.yaml'));
    const failures = (await runExamples(rs)).flatMap((r) => r.failures).map(formatDiagnostic);
    expect(failures).toEqual([
      "calculation.yaml:138:44: example 'half-load' failed: activeLoss expected 126, got 127",
    ]);
  });

  it('collects the errors of every file before giving up, and yields no rule set at all', () => {
    const texts = fixtureTexts('bad-unit.yaml').map((t) =>
      t.file === 'documents.yaml'
        ? { ...t, text: t.text.replace('issuer: Ministry', 'issuer: Ministry\n    isuer: typo') }
        : t,
    );
    let ruleSet: unknown;
    let error: RuleSetError | undefined;
    try {
      ruleSet = buildRuleSet(texts);
    } catch (e) {
      error = e as RuleSetError;
    }
    expect(ruleSet).toBeUndefined();
    expect(error?.diagnostics.map(formatDiagnostic)).toEqual([
      "documents.yaml:10:5: unknown key 'isuer' in documents[0] (allowed: id, type, number, date, language, title, issuer, registration, seed, publishedOn, entryIntoForce, text, note)",
      "process.yaml:18:11: bad unit 'MWt' (expected one of: W, kW, MW, GW, VA, kVA, MVA, V, kV, Wh, kWh, MWh, %, seconds, minutes, hours, days, count, hours/day, year, years, ratio, A, var, kvar, varh, kvarh, ohm, ohm/km, m, km, mm², A/mm², tyiyn, som, tyiyn/kWh, som/kWh)",
    ]);
  });
});
