// What changed between two rule sets, item by item, with the clause behind each item, so a
// reviewer of a policy change sees values, dates and citations side by side.
import type { LinkedTable } from './calculation-model.ts';
import { formatClause } from './editions.ts';
import { describePeriod } from './periods.ts';
import type { LinkedDeadline, LinkedDecision, LinkedParameter } from './process-model.ts';
import type { RuleSet } from './rule-set.ts';
import type { Citation, Duration } from './schema.ts';

export interface Change {
  change: 'added' | 'removed' | 'changed';
  /** e.g. "parameter kz.miner.tc/miner.tc.minPermittedCapacity" */
  item: string;
  clause?: string;
  fields: { field: string; before?: string; after?: string }[];
}

type Fields = Record<string, string>;

const cite = (c: Citation) => `${c.document} ${c.clause}`;
/** The wording a reviewer checks against the law, beside the clause. */
const citationFields = (c: Citation): Fields => ({
  citation: cite(c),
  quote: c.quote ?? '',
  translation: c.translation ?? '',
});

function parameterFields(p: LinkedParameter): Fields {
  return {
    title: p.title,
    unit: p.unit ?? '',
    basis: p.basis,
    ...citationFields(p.source),
    versions: p.versions
      .map(
        (v) =>
          `${describePeriod(v.period)}: ${JSON.stringify(v.value)}${p.unit ? ` ${p.unit}` : ''} [${cite(v.source)}]`,
      )
      .join('; '),
  };
}

function tableFields(t: LinkedTable): Fields {
  return {
    title: t.title,
    columns: t.columns.map((c) => (c.unit ? `${c.id} (${c.unit})` : c.id)).join(', '),
    key: t.key.join(', '),
    basis: t.basis,
    ...citationFields(t.source),
    versions: t.versions
      .map(
        (v) =>
          `${describePeriod(v.period)}: ${v.rows.map((r) => JSON.stringify(r)).join(', ')} [${cite(v.source)}]`,
      )
      .join('; '),
  };
}

function deadlineFields(d: LinkedDeadline): Fields {
  return {
    title: d.title,
    kind: d.kind,
    startsOn: d.startsOn.join(', '),
    stopsOn: d.stopsOn.join(', '),
    rejects: (d.rejects ?? []).join(', '),
    rejectsPlanned: (d.rejectsPlanned ?? []).map((p) => `${p.event}.${p.field}`).join(', '),
    appliesWhen: d.appliesWhen ? JSON.stringify(d.appliesWhen) : '',
    countFrom: d.countFrom ?? '(convention)',
    rollForward: d.rollForward === undefined ? '(convention)' : String(d.rollForward),
    from: d.from ?? '(starting event)',
    before: d.before ?? '',
    basis: d.basis,
    ...citationFields(d.source),
    versions: d.versions
      .map((v) => {
        const variants = v.variants.map(
          (x) =>
            ` | ${x.onlyIf ? `${x.onlyIf.switch}=${x.onlyIf.equal} ` : ''}${x.when ? `when ${JSON.stringify(x.when)} ` : ''}${describeDuration(x.duration)} [${cite(x.source)}]`,
        );
        return `${describePeriod(v.period)}: ${describeDuration(v.duration)} [${cite(v.source)}]${variants.join('')}`;
      })
      .join('; '),
  };
}

const describeDuration = (d: Duration) =>
  `${typeof d.amount === 'number' ? d.amount : `(${'fact' in d.amount ? d.amount.fact : d.amount.parameter})`} ${d.unit}`;

function decisionItems(
  processId: string,
  d: LinkedDecision,
): Map<string, { clause?: string; fields: Fields }> {
  const items = new Map<string, { clause?: string; fields: Fields }>();
  items.set(`decision ${processId}/${d.id}`, {
    fields: {
      title: d.title,
      evaluatedAt: d.evaluatedAt ?? '(case date)',
      otherwise: JSON.stringify(d.otherwise.value),
      rules: d.rules.map((r) => r.id).join(', '),
    },
  });
  for (const r of d.rules) {
    items.set(`decision ${processId}/${d.id} rule ${r.id}`, {
      clause: cite(r.source),
      fields: {
        when: JSON.stringify(r.when),
        value: JSON.stringify(r.value),
        code: r.code ?? '',
        message: r.message ?? '',
        onlyIf: r.onlyIf ? `${r.onlyIf.switch}=${r.onlyIf.equal}` : '',
        period: describePeriod(r.period),
        basis: r.basis,
        ...citationFields(r.source),
      },
    });
  }
  return items;
}

function inventory(rs: RuleSet): Map<string, { clause?: string; fields: Fields }> {
  const items = new Map<string, { clause?: string; fields: Fields }>();
  for (const s of rs.conventions.values()) {
    items.set(`switch ${s.id}`, {
      fields: { default: String(s.default), options: s.options.join(', '), reference: s.reference },
    });
  }
  for (const d of rs.documents.all()) {
    items.set(`document ${d.doc.id}`, {
      fields: {
        publishedOn: `${d.doc.publishedOn.date}${d.doc.publishedOn.verified ? '' : ' (unverified)'}`,
        inForceFrom: d.inForceFrom,
        parts: [...d.parts].map(([id, date]) => `${id}: ${date}`).join('; '),
      },
    });
  }
  for (const d of rs.editions.all()) {
    items.set(`text ${d.document}/${d.id}`, {
      clause: cite(d.source),
      fields: {
        clauses: formatClause(d.range),
        period: describePeriod(d.period),
        counterpart: d.counterpart ? formatClause(d.counterpart) : '',
        basis: d.basis,
      },
    });
  }
  for (const [jurisdiction, cal] of rs.calendars) {
    items.set(`calendar ${jurisdiction}`, {
      fields: { timeZone: cal.timeZone, range: `${cal.firstDate}..${cal.lastDate}` },
    });
    for (const e of cal.exceptions()) {
      items.set(`calendar ${jurisdiction} ${e.date}`, {
        fields: { type: e.type, name: e.name, verified: String(e.verified) },
      });
    }
  }
  for (const [jurisdiction, cal] of rs.bankCalendars) {
    for (const e of cal.exceptions()) {
      items.set(`bank calendar ${jurisdiction} ${e.date}`, { fields: { type: e.type, name: e.name } });
    }
  }
  for (const p of rs.processes.values()) {
    items.set(`process ${p.id}`, {
      fields: {
        title: p.title,
        inForce: describePeriod(p.inForce),
        evaluatedAt: p.evaluatedAt
          ? `${p.evaluatedAt.field}${p.evaluatedAt.onlyIf ? ` (${p.evaluatedAt.onlyIf.switch}=${p.evaluatedAt.onlyIf.equal})` : ''}`
          : '(each event)',
      },
    });
    for (const s of p.switches.values()) {
      items.set(`switch ${p.id}/${s.id}`, {
        fields: { default: String(s.default), options: s.options.join(', '), reference: s.reference },
      });
    }
    for (const e of p.events.values()) {
      items.set(`event ${p.id}/${e.id}`, {
        fields: { description: e.description, payload: JSON.stringify(e.payload ?? []) },
      });
    }
    for (const f of p.fields.values()) {
      if (f.derived) continue;
      const { name, description: _d, ...shape } = f;
      items.set(`input ${p.id}/${name}`, {
        fields: { definition: JSON.stringify({ ...shape, fields: undefined }) },
      });
    }
    for (const d of p.derived) {
      const { id, title: _t, note: _n, ...shape } = d;
      items.set(`derived ${p.id}/${id}`, { fields: { definition: JSON.stringify(shape) } });
    }
    for (const x of p.parameters.values())
      items.set(`parameter ${p.id}/${x.id}`, { clause: cite(x.source), fields: parameterFields(x) });
    for (const x of p.deadlines.values())
      items.set(`deadline ${p.id}/${x.id}`, { clause: cite(x.source), fields: deadlineFields(x) });
    for (const d of p.decisions) for (const [k, v] of decisionItems(p.id, d)) items.set(k, v);
  }
  for (const c of rs.calculations.values()) {
    items.set(`calculation ${c.id}`, {
      clause: cite(c.source),
      fields: {
        title: c.title,
        versions: c.versions
          .map((v) => `${describePeriod(v.period)}: version ${v.version} (${v.method}) [${cite(v.source)}]`)
          .join('; '),
        outputs: c.outputs
          .map((o) => (o.unit ? `${o.id} (${o.unit}, ${o.decimals} decimals)` : o.id))
          .join(', '),
      },
    });
    for (const s of c.switches.values()) {
      items.set(`switch ${c.id}/${s.id}`, {
        fields: { default: String(s.default), options: s.options.join(', '), reference: s.reference },
      });
    }
    for (const f of c.fields.values()) {
      const { name, description: _d, ...shape } = f;
      items.set(`input ${c.id}/${name}`, { fields: { definition: JSON.stringify(shape) } });
    }
    for (const x of c.parameters.values())
      items.set(`parameter ${c.id}/${x.id}`, { clause: cite(x.source), fields: parameterFields(x) });
    for (const t of c.tables.values())
      items.set(`table ${c.id}/${t.id}`, { clause: cite(t.source), fields: tableFields(t) });
  }
  return items;
}

export function diffRuleSets(a: RuleSet, b: RuleSet): Change[] {
  const before = inventory(a);
  const after = inventory(b);
  const changes: Change[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(key);
    const y = after.get(key);
    const clause = y?.clause ?? x?.clause;
    const base = { item: key, ...(clause ? { clause } : {}) };
    if (!x && y)
      changes.push({
        ...base,
        change: 'added',
        fields: Object.entries(y.fields).map(([field, v]) => ({ field, after: v })),
      });
    else if (x && !y)
      changes.push({
        ...base,
        change: 'removed',
        fields: Object.entries(x.fields).map(([field, v]) => ({ field, before: v })),
      });
    else if (x && y) {
      const fields = Object.keys({ ...x.fields, ...y.fields })
        .filter((f) => x.fields[f] !== y.fields[f])
        .map((field) => ({ field, before: x.fields[field] ?? '', after: y.fields[field] ?? '' }));
      if (fields.length) changes.push({ ...base, change: 'changed', fields });
    }
  }
  return changes;
}

export function formatChanges(changes: readonly Change[]): string {
  if (changes.length === 0) return 'no differences';
  const sign = { added: '+', removed: '-', changed: '~' } as const;
  return changes
    .map((c) => {
      const head = `${sign[c.change]} ${c.item}${c.clause ? `  [${c.clause}]` : ''}`;
      const lines = c.fields.map((f) =>
        c.change === 'changed'
          ? `    ${f.field}: ${f.before || '(none)'} → ${f.after || '(none)'}`
          : `    ${f.field}: ${f.after ?? f.before}`,
      );
      return [head, ...lines].join('\n');
    })
    .join('\n');
}
