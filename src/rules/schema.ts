// The rule-file language, defined once: TypeScript types are inferred from it and
// rules/schema.json (for editors and for the loader's validation) is emitted from it.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;
const described = (description: string) => ({ description });

export const UNITS = [
  'W',
  'kW',
  'MW',
  'GW',
  'VA',
  'kVA',
  'MVA',
  'V',
  'kV',
  'Wh',
  'kWh',
  'MWh',
  '%',
  'seconds',
  'minutes',
  'hours',
  'days',
  'count',

  'hours/day',
  'year',
  'years',
  'ratio',
  'A',
  'var',
  'kvar',
  'varh',
  'kvarh',
  'ohm',
  'ohm/km',
  'm',
  'km',
  'mm²',
  'A/mm²',
  'tyiyn',
  'som',
  'tyiyn/kWh',
  'som/kWh',
] as const;

export const DURATION_UNITS = [
  'minutes',
  'hours',
  'calendar-days',
  'working-days',
  'bank-days',
  'months',
] as const;

export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'dateBefore',
  'dateOnOrBefore',
  'dateAfter',
  'dateOnOrAfter',
  'instantBefore',
  'instantOnOrBefore',
  'instantAfter',
  'instantOnOrAfter',
  'subsetOf',
  'supersetOf',
  'isEmpty',
] as const;

// One `enum` keyword (not a union of constants) so that a bad value gets one precise error.
const literals = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });

const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'A calendar date, YYYY-MM-DD',
});
const IsoInstant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'An instant with its UTC offset, e.g. 2024-02-13T10:00:00+05:00',
});
const KebabId = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });
const EventId = Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'Event type from the catalogue' });
const FactName = Type.String({
  pattern: '^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*$',
  description: 'Input field (camelCase; nested fields joined with dots)',
});
const ParameterId = Type.String({
  pattern: '^[a-z][A-Za-z0-9]*(\\.[a-z0-9][A-Za-z0-9]*)*$',
  description: 'Parameter id as named in the detail file, e.g. miner.tc.substation.minVoltage',
});
const SwitchId = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$' });
const Basis = literals(['explicit', 'inferred', 'external'], 'E/I/X marker of the specification');
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
const Value = Type.Union([Scalar, Type.Array(Scalar)]);
const Note = Type.String(described('Why this encoding was chosen; shown to reviewers'));

export const RuleModule = Type.Module({
  Citation: Type.Object(
    {
      document: Type.String(described('Document id from a documents file')),
      clause: Type.String(described('Clause as the detail file cites it, e.g. "Req p.4 ¶2"')),
      quote: Type.Optional(Type.String(described('Original-language wording of the clause'))),
      translation: Type.Optional(Type.String(described('English translation of the quote'))),
      spec: Type.Optional(
        Type.String(described('Where the specification discusses it, e.g. "000-001.md P3, A6"')),
      ),
    },
    { ...strict, description: 'Legal citation' },
  ),

  EffectiveDate: Type.Unsafe<string | { document: string; part?: string; dayBefore?: boolean }>({
    description: 'A date, or a reference to a document’s entry into force',
    if: { type: 'string' },
    then: IsoDate,
    else: { $ref: 'DocumentInForce' },
  }),
  DocumentInForce: Type.Object(
    {
      document: Type.String(described('Document id')),
      part: Type.Optional(Type.String(described('Entry-into-force part id of that document'))),
      dayBefore: Type.Optional(
        Type.Boolean(
          described(
            'true: the day before that entry into force (the last day of what it replaces, for effectiveTo)',
          ),
        ),
      ),
    },
    { ...strict, description: 'The date the document (or one of its parts) enters into force' },
  ),

  Period: Type.Object(
    {
      effectiveFrom: Type.Ref('EffectiveDate'),
      effectiveTo: Type.Optional(Type.Ref('EffectiveDate')),
    },
    strict,
  ),

  SwitchCondition: Type.Object(
    { switch: SwitchId, equal: Scalar },
    { ...strict, description: 'Active only when the named switch has this value' },
  ),

  // Unions are discriminated by their keys (if/then), not tried branch by branch (anyOf), so that
  // a mistake gets the error of the form the author meant, at the right place.
  Condition: Type.Unsafe<Condition>({
    type: 'object',
    description: 'A condition: all, any, not, a fact comparison or a decision comparison',
    allOf: [
      { if: { required: ['all'] }, then: { $ref: 'ConditionAll' } },
      { if: { required: ['any'] }, then: { $ref: 'ConditionAny' } },
      { if: { required: ['not'] }, then: { $ref: 'ConditionNot' } },
      { if: { required: ['fact'] }, then: { $ref: 'FactComparison' } },
      { if: { required: ['decision'] }, then: { $ref: 'DecisionComparison' } },
      {
        if: { not: { anyOf: ['all', 'any', 'not', 'fact', 'decision'].map((k) => ({ required: [k] })) } },
        then: false,
      },
    ],
  }),
  ConditionAll: Type.Object({ all: Type.Array(Type.Ref('Condition'), { minItems: 1 }) }, strict),
  ConditionAny: Type.Object({ any: Type.Array(Type.Ref('Condition'), { minItems: 1 }) }, strict),
  ConditionNot: Type.Object({ not: Type.Ref('Condition') }, strict),
  FactComparison: Type.Object(
    {
      fact: FactName,
      operator: literals(OPERATORS, 'Comparison operator'),
      value: Type.Ref('ComparedValue'),
    },
    { ...strict, description: 'Compare an input fact with a literal, another fact or a parameter' },
  ),
  ComparedValue: Type.Unsafe<unknown>({
    description: 'A literal, { fact: name } or { parameter: id }',
    if: { type: 'object', required: ['parameter'] },
    then: { $ref: 'ParameterValueRef' },
    else: { if: { type: 'object' }, then: { $ref: 'FactValueRef' }, else: Value },
  }),
  ParameterValueRef: Type.Object({ parameter: ParameterId }, strict),
  FactValueRef: Type.Object({ fact: FactName }, strict),
  DecisionComparison: Type.Object(
    {
      decision: KebabId,
      operator: Type.Optional(literals(['equal', 'notEqual'], 'Comparison with the decision value')),
      value: Scalar,
    },
    { ...strict, description: 'Compare the value of another decision of the same process' },
  ),

  Duration: Type.Object(
    {
      amount: Type.Unsafe<number | { fact: string } | { parameter: string }>({
        description:
          'A whole number ≥ 1; { parameter: id } for a cited number of days (or hours, minutes) in force on the date; or { fact: field } for a term set per case (e.g. by an authority), while the field is absent the deadline does not run',
        if: { type: 'object', required: ['parameter'] },
        then: { $ref: 'ParameterValueRef' },
        else: {
          if: { type: 'object' },
          then: { $ref: 'FactValueRef' },
          else: { type: 'integer', minimum: 1 },
        },
      }),
      unit: literals(DURATION_UNITS, 'Duration unit'),
    },
    strict,
  ),

  Switch: Type.Object(
    {
      id: SwitchId,
      title: Type.String(),
      options: Type.Array(Scalar, { minItems: 1 }),
      default: Scalar,
      basis: Basis,
      reference: Type.String(
        described('Convention or ambiguity this switch implements, e.g. "catalogue §1 C1"'),
      ),
      description: Type.String(described('What each option means and why the default was chosen')),
    },
    strict,
  ),

  InputField: Type.Object(
    {
      id: Type.String({ pattern: '^[a-z][A-Za-z0-9]*$' }),
      type: literals(
        [
          'number',
          'boolean',
          'string',
          'date',
          'instant',
          'string-list',
          'number-list',
          'object',
          'object-list',
        ],
        'Value type (object-list: a list of objects, each with `fields`)',
      ),
      unit: Type.Optional(literals(UNITS, 'Unit of a numeric field')),
      enum: Type.Optional(Type.Array(Scalar, { minItems: 1 })),
      required: Type.Optional(Type.Boolean()),
      minimum: Type.Optional(Type.Number(described('Smallest accepted value of a numeric field'))),
      default: Type.Optional(Type.Union([Value, Type.Object({ fact: FactName }, strict)])),
      description: Type.Optional(Type.String()),
      fields: Type.Optional(Type.Array(Type.Ref('InputField'), { minItems: 1 })),
    },
    strict,
  ),

  Event: Type.Object(
    {
      id: EventId,
      description: Type.String(),
      payload: Type.Optional(Type.Array(Type.Ref('InputField'))),
      issues: Type.Optional(
        Type.Array(
          Type.Object(
            { id: KebabId, title: Type.String(), basis: Basis, source: Type.Ref('Citation') },
            strict,
          ),
          described('Documents (acts, notices) issued when this event is accepted'),
        ),
      ),
    },
    strict,
  ),

  ParameterVersion: Type.Object(
    {
      effectiveFrom: Type.Ref('EffectiveDate'),
      effectiveTo: Type.Optional(Type.Ref('EffectiveDate')),
      value: Value,
      source: Type.Optional(Type.Ref('Citation')),
      note: Type.Optional(Note),
    },
    strict,
  ),

  Parameter: Type.Object(
    {
      id: ParameterId,
      title: Type.String(),
      unit: Type.Optional(literals(UNITS, 'Unit; required for numbers')),
      basis: Basis,
      source: Type.Ref('Citation'),
      note: Type.Optional(Note),
      informational: Type.Optional(
        Type.Boolean(
          described(
            'true when no rule reads it (kept because the specification lists it); the loader checks this',
          ),
        ),
      ),
      versions: Type.Array(Type.Ref('ParameterVersion'), { minItems: 1 }),
    },
    strict,
  ),

  DurationVariant: Type.Object(
    {
      when: Type.Optional(Type.Ref('Condition')),
      onlyIf: Type.Optional(Type.Ref('SwitchCondition')),
      duration: Type.Ref('Duration'),
      basis: Basis,
      source: Type.Optional(Type.Ref('Citation')),
      note: Type.Optional(Note),
    },
    {
      ...strict,
      description:
        'Another duration where a condition holds (e.g. a failure kind) or under a switch reading; the first that holds replaces the version duration',
    },
  ),

  DeadlineVersion: Type.Object(
    {
      effectiveFrom: Type.Ref('EffectiveDate'),
      effectiveTo: Type.Optional(Type.Ref('EffectiveDate')),
      duration: Type.Ref('Duration'),
      variants: Type.Optional(Type.Array(Type.Ref('DurationVariant'), { minItems: 1 })),
      source: Type.Optional(Type.Ref('Citation')),
      note: Type.Optional(Note),
    },
    strict,
  ),

  Deadline: Type.Object(
    {
      id: KebabId,
      title: Type.String(),
      kind: literals(
        ['action', 'bar'],
        'action: something must be done by then; bar: nothing is allowed until then',
      ),
      startsOn: Type.Array(EventId, { minItems: 1 }),
      stopsOn: Type.Array(EventId),
      rejects: Type.Optional(
        Type.Array(
          EventId,
          described('For a bar: events that are not accepted while it runs, with its clause as the reason'),
        ),
      ),
      rejectsPlanned: Type.Optional(
        Type.Array(
          Type.Object(
            {
              event: EventId,
              field: Type.String({
                pattern: '^[a-z][A-Za-z0-9]*$',
                description: 'A payload field of type instant: the time the event plans',
              }),
            },
            strict,
          ),
          described(
            'For a bar: events refused when the instant they plan (a payload field) falls before the bar ends, e.g. an interruption set for less than 10 days after the notice',
          ),
        ),
      ),
      appliesWhen: Type.Optional(Type.Ref('Condition')),
      from: Type.Optional(
        Type.String(
          described(
            "An instant field the period runs from (e.g. the failure's occurredAt); when absent in the case, the starting event's instant",
          ),
        ),
      ),
      before: Type.Optional(
        Type.String(
          described(
            'An instant field the period counts back from: the action is due the duration before it (e.g. 3 days before a break starts)',
          ),
        ),
      ),
      countFrom: Type.Optional(literals(['next-day', 'same-day'], 'C1 override')),
      rollForward: Type.Optional(Type.Boolean(described('C3 override'))),
      basis: Basis,
      source: Type.Ref('Citation'),
      note: Type.Optional(Note),
      versions: Type.Array(Type.Ref('DeadlineVersion'), { minItems: 1 }),
    },
    strict,
  ),

  RuleValue: Type.Unsafe<Scalar | { parameter: string }>({
    description:
      "A literal, or { parameter: id }: the parameter's value in force, converted to the decision's unit",
    if: { type: 'object' },
    then: { $ref: 'ParameterValueRef' },
    else: Scalar,
  }),

  DecisionRule: Type.Object(
    {
      id: Type.String({ pattern: '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$' }),
      when: Type.Ref('Condition'),
      value: Type.Ref('RuleValue'),
      code: Type.Optional(Type.String(described('Outcome code, e.g. refusal code R-VOLTAGE'))),
      message: Type.Optional(Type.String(described('Human-readable outcome'))),
      onlyIf: Type.Optional(Type.Ref('SwitchCondition')),
      effectiveFrom: Type.Optional(Type.Ref('EffectiveDate')),
      effectiveTo: Type.Optional(Type.Ref('EffectiveDate')),
      basis: Basis,
      source: Type.Ref('Citation'),
      note: Type.Optional(Note),
    },
    strict,
  ),

  Decision: Type.Object(
    {
      id: KebabId,
      title: Type.String(),
      evaluatedAt: Type.Optional(
        Type.String(described('Date fact whose date selects the rule versions (default: the case date)')),
      ),
      unit: Type.Optional(literals(UNITS, 'Unit of a numeric value; parameter values are converted to it')),
      rules: Type.Array(Type.Ref('DecisionRule'), { minItems: 1 }),
      otherwise: Type.Object({ value: Scalar, message: Type.Optional(Type.String()) }, strict),
      note: Type.Optional(Note),
    },
    strict,
  ),

  Derived: Type.Object(
    {
      id: Type.String({ pattern: '^[a-z][A-Za-z0-9]*$', description: 'Fact name the conditions use' }),
      title: Type.String(),
      unit: literals(UNITS, 'Unit of the derived value (count for a count)'),
      from: Type.String(described('An object-list or number-list input field, e.g. evidence.intervals')),
      aggregate: literals(['min', 'max', 'sum', 'count'], 'How the values of the items make one value'),
      of: Type.Optional(
        Type.String({
          pattern: '^[a-z][A-Za-z0-9]*$',
          description:
            'The numeric item field aggregated (object-list only; a number-list is its own values)',
        }),
      ),
      per: Type.Optional(
        Type.Unsafe<string | { parameter: string }>({
          description:
            'Each value divided by a duration, making a rate (energy per duration is power): a numeric item field with a time unit, or { parameter: id }',
          if: { type: 'object' },
          then: { $ref: 'ParameterValueRef' },
          else: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$' },
        }),
      ),
      note: Type.Optional(Note),
    },
    {
      ...strict,
      description:
        'A fact computed from a list input with units, before the decisions: e.g. the lowest average demand over reported intervals',
    },
  ),

  ExampleDeadline: Type.Union([
    Type.Literal('not-applicable'),
    Type.Object(
      {
        dueDate: IsoDate,
        dueAt: Type.Optional(IsoInstant),
        nonWorkingDaysSkipped: Type.Optional(Type.Array(IsoDate)),
      },
      strict,
    ),
  ]),

  Example: Type.Object(
    {
      id: KebabId,
      title: Type.String(),
      spec: Type.Optional(Type.String(described('Scenario of the detail file this example encodes'))),
      asOf: IsoDate,
      facts: Type.Record(Type.String(), Type.Unknown()),
      switches: Type.Optional(Type.Record(Type.String(), Scalar)),
      events: Type.Optional(Type.Array(Type.Object({ type: EventId, at: IsoInstant }, strict))),
      expect: Type.Object(
        {
          notInForce: Type.Optional(Type.Boolean()),
          decisions: Type.Optional(
            Type.Record(
              Type.String(),
              Type.Union([Scalar, Type.Object({ value: Scalar, codes: Type.Array(Type.String()) }, strict)]),
            ),
          ),
          parameters: Type.Optional(
            Type.Record(
              Type.String(),
              Type.Union([
                Value,
                Type.Object({ value: Type.Number(), unit: literals(UNITS, 'Unit') }, strict),
              ]),
            ),
          ),
          deadlines: Type.Optional(Type.Record(Type.String(), Type.Ref('ExampleDeadline'))),
          derived: Type.Optional(
            Type.Record(Type.String(), Type.Number(), described('Derived facts, each in its own unit')),
          ),
        },
        strict,
      ),
    },
    strict,
  ),

  ProcessFile: Type.Object(
    {
      $schema: Type.Optional(Type.String()),
      kind: Type.Literal('process'),
      process: Type.String({ pattern: '^(kz|kg)\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$' }),
      jurisdiction: literals(['KZ', 'KG'], 'Jurisdiction (selects the calendar)'),
      title: Type.String(),
      description: Type.Optional(Type.String()),
      inForce: Type.Ref('Period'),
      caseDate: Type.String(described('What date a case is evaluated at, in words (catalogue EFF)')),
      evaluatedAt: Type.Optional(
        Type.Object(
          {
            field: Type.String(described('A date or instant input field, e.g. failedAt')),
            onlyIf: Type.Optional(Type.Ref('SwitchCondition')),
          },
          {
            ...strict,
            description:
              "The field whose local date selects the rules a case is judged by, at every event: a case filed before a change keeps its edition. Without it (or when the switch reads otherwise, or the case lacks the field) each event is judged by the rules in force on the event's date",
          },
        ),
      ),
      switches: Type.Optional(Type.Array(Type.Ref('Switch'))),
      events: Type.Array(Type.Ref('Event'), { minItems: 1 }),
      inputs: Type.Array(Type.Ref('InputField')),
      derived: Type.Optional(Type.Array(Type.Ref('Derived'))),
      parameters: Type.Array(Type.Ref('Parameter')),
      deadlines: Type.Array(Type.Ref('Deadline')),
      decisions: Type.Array(Type.Ref('Decision')),
      examples: Type.Array(Type.Ref('Example')),
    },
    strict,
  ),

  TableColumn: Type.Object(
    {
      id: Type.String({ pattern: '^[a-z][A-Za-z0-9]*$' }),
      title: Type.Optional(Type.String()),
      unit: Type.Optional(
        literals(UNITS, 'Unit of a numeric column; a column without a unit holds names or true/false'),
      ),
    },
    strict,
  ),

  TableVersion: Type.Object(
    {
      effectiveFrom: Type.Ref('EffectiveDate'),
      effectiveTo: Type.Optional(Type.Ref('EffectiveDate')),
      rows: Type.Array(Type.Record(Type.String(), Scalar), {
        minItems: 1,
        description: 'One mapping per row, with exactly the declared columns',
      }),
      source: Type.Optional(Type.Ref('Citation')),
      note: Type.Optional(Note),
    },
    strict,
  ),

  Table: Type.Object(
    {
      id: ParameterId,
      title: Type.String(),
      basis: Basis,
      source: Type.Ref('Citation'),
      note: Type.Optional(Note),
      columns: Type.Array(Type.Ref('TableColumn'), { minItems: 1 }),
      key: Type.Array(Type.String(), {
        minItems: 1,
        description: 'Columns that together identify a row (no two rows may share them)',
      }),
      versions: Type.Array(Type.Ref('TableVersion'), { minItems: 1 }),
    },
    { ...strict, description: 'A parameter that is a table of the law (rows of named columns)' },
  ),

  CalculationVersion: Type.Object(
    {
      version: Type.Integer({ minimum: 1, description: 'Formula version recorded with every result' }),
      method: Type.String(described('The engine’s implementation of this wording of the formula')),
      effectiveFrom: Type.Ref('EffectiveDate'),
      effectiveTo: Type.Optional(Type.Ref('EffectiveDate')),
      source: Type.Optional(Type.Ref('Citation')),
      note: Type.Optional(Note),
    },
    strict,
  ),

  CalculationOutput: Type.Object(
    {
      id: Type.String({ pattern: '^[a-z][A-Za-z0-9]*$' }),
      title: Type.String(),
      unit: Type.Optional(literals(UNITS, 'Unit of a numeric result')),
      decimals: Type.Optional(
        Type.Integer({ minimum: 0, description: 'Decimal places kept (half-up); required with a unit' }),
      ),
      fields: Type.Optional(
        Type.Array(Type.Ref('CalculationOutput'), { minItems: 1, description: 'For a list of rows' }),
      ),
      note: Type.Optional(Note),
    },
    strict,
  ),

  CalculationExample: Type.Object(
    {
      id: KebabId,
      title: Type.String(),
      spec: Type.Optional(Type.String(described('Worked example of the detail file this encodes'))),
      asOf: Type.Optional(IsoDate),
      inputs: Type.Record(Type.String(), Type.Unknown()),
      switches: Type.Optional(Type.Record(Type.String(), Scalar)),
      expect: Type.Record(Type.String(), Type.Unknown(), {
        description: 'Expected results by output id, at the output’s precision; rows match by the keys given',
      }),
    },
    strict,
  ),

  CalculationFile: Type.Object(
    {
      $schema: Type.Optional(Type.String()),
      kind: Type.Literal('calculation'),
      calculation: Type.String({ pattern: '^(kz|kg)\\.[a-z]+(-[a-z]+)*$' }),
      jurisdiction: literals(['KZ', 'KG'], 'Jurisdiction'),
      title: Type.String(),
      description: Type.Optional(Type.String()),
      basis: Basis,
      source: Type.Ref('Citation'),
      evaluatedAt: Type.Optional(
        Type.String(
          described('Date input whose date selects the versions in force (default: the as-of date)'),
        ),
      ),
      versions: Type.Array(Type.Ref('CalculationVersion'), { minItems: 1 }),
      switches: Type.Optional(Type.Array(Type.Ref('Switch'))),
      inputs: Type.Array(Type.Ref('InputField')),
      parameters: Type.Array(Type.Ref('Parameter')),
      tables: Type.Array(Type.Ref('Table')),
      outputs: Type.Array(Type.Ref('CalculationOutput'), { minItems: 1 }),
      examples: Type.Array(Type.Ref('CalculationExample')),
    },
    strict,
  ),

  DocumentPart: Type.Object(
    {
      id: KebabId,
      date: IsoDate,
      provisions: Type.Array(Type.String(), { minItems: 1 }),
      source: Type.Ref('Citation'),
    },
    strict,
  ),

  TextDivision: Type.Object(
    {
      id: KebabId,
      title: Type.String(),
      paragraphs: Type.Optional(
        Type.Array(Type.Integer({ minimum: 1 }), {
          minItems: 2,
          maxItems: 2,
          description: 'First and last paragraph, inclusive, e.g. [54, 107]',
        }),
      ),
      annex: Type.Optional(
        Type.String({
          pattern: '^A[0-9]+$',
          description: 'An annex (A1 = Annex 1); its paragraphs are <ref>.A1.<n>',
        }),
      ),
      effectiveFrom: Type.Ref('EffectiveDate'),
      effectiveTo: Type.Optional(Type.Ref('EffectiveDate')),
      counterpart: Type.Optional(
        Type.String(
          described(
            'The clauses of an earlier edition this division replaces, e.g. "R25.1-48"; they govern where this division is not yet in force and they are',
          ),
        ),
      ),
      basis: Basis,
      source: Type.Ref('Citation'),
      note: Type.Optional(Note),
    },
    { ...strict, description: 'A chapter (or clause range, or annex) of a text and when it applies' },
  ),

  ClauseCounterpart: Type.Object(
    {
      clause: Type.String(described('A clause or range of this text, e.g. "R26.101" or "R26.89-95"')),
      replaces: Type.String(
        described('The clause or range of the earlier edition it replaces, e.g. "R25.92"'),
      ),
      basis: Basis,
      source: Type.Ref('Citation'),
      note: Type.Optional(Note),
    },
    strict,
  ),

  DocumentText: Type.Object(
    {
      ref: Type.String({
        pattern: '^[A-Z][A-Za-z0-9]*$',
        description: 'Prefix of clause references into this text: R26 for R26.101 and R26.A1.10',
      }),
      edition: Type.String(described('The edition, as people name it, e.g. "2026 edition of the Rules"')),
      divisions: Type.Array(Type.Ref('TextDivision'), { minItems: 1 }),
      counterparts: Type.Optional(Type.Array(Type.Ref('ClauseCounterpart'))),
    },
    {
      ...strict,
      description:
        'The clauses of the text this document enacts, division by division, with when each applies (which text governs a clause on a date)',
    },
  ),

  LegalDocument: Type.Object(
    {
      id: Type.String({ pattern: '^[a-z][a-z0-9]*$' }),
      type: literals(['order', 'rules', 'decree', 'law', 'resolution'], 'Kind of legal act'),
      number: Type.String(),
      date: IsoDate,
      language: literals(['kk', 'ru', 'ky'], 'Language of the original'),
      title: Type.Object({ original: Type.String(), en: Type.String() }, strict),
      issuer: Type.String(),
      registration: Type.Optional(
        Type.Object({ number: Type.String(), date: IsoDate, registry: Type.String() }, strict),
      ),
      seed: Type.Optional(Type.String(described('File of the original text in shared/seeds'))),
      publishedOn: Type.Object(
        {
          date: IsoDate,
          basis: Basis,
          verified: Type.Boolean(),
          note: Type.Optional(Note),
        },
        {
          ...strict,
          description: 'Date of first official publication (configuration when the text lacks it)',
        },
      ),
      entryIntoForce: Type.Object(
        {
          afterPublication: Type.Object({ calendarDays: Type.Integer({ minimum: 0 }) }, strict),
          source: Type.Optional(
            Type.Ref('Citation', described('The commencement clause; required unless basis is external')),
          ),
          basis: Type.Optional(Basis),
          verified: Type.Optional(
            Type.Boolean(described('false: a configured formula the texts do not state (basis: external)')),
          ),
          note: Type.Optional(Note),
          parts: Type.Optional(Type.Array(Type.Ref('DocumentPart'))),
        },
        strict,
      ),
      text: Type.Optional(Type.Ref('DocumentText')),
      note: Type.Optional(Note),
    },
    strict,
  ),

  DocumentsFile: Type.Object(
    {
      $schema: Type.Optional(Type.String()),
      kind: Type.Literal('documents'),
      documents: Type.Array(Type.Ref('LegalDocument'), { minItems: 1 }),
    },
    strict,
  ),

  ConventionsFile: Type.Object(
    {
      $schema: Type.Optional(Type.String()),
      kind: Type.Literal('conventions'),
      switches: Type.Array(Type.Ref('Switch'), { minItems: 1 }),
    },
    strict,
  ),

  CalendarEntry: Type.Object(
    {
      date: IsoDate,
      type: literals(
        ['holiday', 'day-off', 'working-day'],
        'holiday and day-off are non-working; working-day is a declared working weekend day',
      ),
      name: Type.String(),
      source: Type.String(described('Key of the calendar’s sources')),
      verified: Type.Optional(Type.Boolean()),
      note: Type.Optional(Note),
    },
    strict,
  ),

  CalendarFile: Type.Object(
    {
      $schema: Type.Optional(Type.String()),
      kind: Type.Literal('calendar'),
      jurisdiction: literals(['KZ', 'KG'], 'Jurisdiction'),
      timeZone: Type.String(described('IANA time zone')),
      weeklyRestDays: Type.Array(
        literals(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'], 'Weekday'),
        { uniqueItems: true },
      ),
      sources: Type.Record(
        Type.String(),
        Type.Object(
          {
            title: Type.String(),
            original: Type.Optional(Type.String()),
            reference: Type.Optional(Type.String()),
            url: Type.Optional(Type.String()),
            basis: Type.Literal('external'),
          },
          strict,
        ),
      ),
      years: Type.Record(Type.String({ pattern: '^\\d{4}$' }), Type.Array(Type.Ref('CalendarEntry')), {
        minProperties: 1,
      }),
      bankDays: Type.Optional(
        Type.Object(
          {
            title: Type.String(),
            sources: Type.Array(Type.String(), {
              minItems: 1,
              uniqueItems: true,
              description:
                'Keys of the sources whose entries also bind banks; entries of other sources (e.g. transfers for state bodies) do not',
            }),
            basis: Basis,
            spec: Type.Optional(Type.String()),
            note: Type.Optional(Note),
          },
          {
            ...strict,
            description:
              'The bank-day variant of this calendar (unit bank-days): weekly rest days plus the entries of the listed sources',
          },
        ),
      ),
    },
    strict,
  ),
});

export const ProcessFile = RuleModule.Import('ProcessFile');
export const DocumentsFile = RuleModule.Import('DocumentsFile');
export const ConventionsFile = RuleModule.Import('ConventionsFile');
export const CalendarFile = RuleModule.Import('CalendarFile');
export const CalculationFile = RuleModule.Import('CalculationFile');

export type ProcessFile = Static<typeof ProcessFile>;
export type DocumentsFile = Static<typeof DocumentsFile>;
export type ConventionsFile = Static<typeof ConventionsFile>;
export type CalendarFile = Static<typeof CalendarFile>;
export type CalculationFile = Static<typeof CalculationFile>;
export type Table = CalculationFile['tables'][number];
export type TableColumn = Table['columns'][number];
export type CalculationOutput = CalculationFile['outputs'][number];
export type CalculationExample = CalculationFile['examples'][number];
export type LegalDocument = DocumentsFile['documents'][number];
export type Parameter = ProcessFile['parameters'][number];
export type Deadline = ProcessFile['deadlines'][number];
export type Decision = ProcessFile['decisions'][number];
export type DecisionRule = Decision['rules'][number];
export type Example = ProcessFile['examples'][number];
export type InputField = ProcessFile['inputs'][number];
export type Derived = NonNullable<ProcessFile['derived']>[number];
export type Switch = NonNullable<ProcessFile['switches']>[number];
export type Citation = Parameter['source'];
export type EffectiveDate = Parameter['versions'][number]['effectiveFrom'];
export type Duration = Deadline['versions'][number]['duration'];
export type DocumentText = NonNullable<LegalDocument['text']>;
export type CalendarEntry = CalendarFile['years'][string][number];
export type Unit = (typeof UNITS)[number];
export type Operator = (typeof OPERATORS)[number];
export type Scalar = string | number | boolean;
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; operator: Operator; value: unknown }
  | { decision: string; operator?: 'equal' | 'notEqual'; value: Scalar };

export const FILE_KINDS = {
  process: 'ProcessFile',
  documents: 'DocumentsFile',
  conventions: 'ConventionsFile',
  calendar: 'CalendarFile',
  calculation: 'CalculationFile',
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** The published JSON Schema: one file for all rule-file kinds, chosen by `kind`. */
export function ruleFileJsonSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(RuleModule.Import('ProcessFile').$defs)) {
    defs[name] = toPlainJson(schema);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://gridcase.local/rules/schema.json',
    title: 'GridCase rule file',
    description:
      'Process rule files, calculation methods, legal document registers, date conventions and working-day calendars. The `kind` key selects which.',
    type: 'object',
    required: ['kind'],
    properties: { kind: { enum: Object.keys(FILE_KINDS) } },
    allOf: Object.entries(FILE_KINDS).map(([kind, def]) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `#/$defs/${def}` },
    })),
    $defs: defs,
  };
}

/** Strips TypeBox's symbols and `$id`s and turns named refs into `#/$defs/...` pointers. */
function toPlainJson(schema: TSchema | unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toPlainJson);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id') continue;
    if (key === '$ref' && typeof value === 'string') out[key] = `#/$defs/${value}`;
    else out[key] = toPlainJson(value);
  }
  return out;
}
