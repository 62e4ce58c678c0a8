// Which text governs a clause on a date (003-part1.md §0.4 and SM-0 resolveClause): each
// document's text is split into divisions (chapters, clause ranges, annexes) with their own
// effective periods, and a newer edition names the clauses of the earlier one it replaces, so that
// a clause not (or no longer) in force points to the text that governs instead.
import type { Diagnostic } from './diagnostics.ts';
import type { DocumentRegistry } from './documents.ts';
import { activeAt, describePeriod, type Period } from './periods.ts';
import type { Citation, DocumentsFile, DocumentText } from './schema.ts';
import type { PathSegment, YamlSource } from './yaml-source.ts';

export class ClauseRefError extends Error {}

/** A clause or a range of clauses of one text: R26.101, R26.89-95, R26.A1.10. */
export interface ClauseRange {
  prefix: string;
  annex?: string;
  from: number;
  to: number;
}

export interface Division {
  document: string;
  edition: string;
  id: string;
  title: string;
  range: ClauseRange;
  period: Period;
  /** The earlier clauses this division replaces. */
  counterpart?: ClauseRange;
  basis: 'explicit' | 'inferred' | 'external';
  source: Citation;
  note?: string;
}

interface Counterpart {
  clause: ClauseRange;
  replaces: ClauseRange;
  basis: Division['basis'];
  source: Citation;
}

export interface Substitute {
  clause: string;
  document: string;
  edition: string;
  division: string;
  period: Period;
  /** A clause-level counterpart, or only the counterpart division. */
  via: 'clause' | 'division';
  basis: Division['basis'];
  source: Citation;
}

export interface ClauseAnswer {
  clause: string;
  date: string;
  status: 'in-force' | 'not-yet-in-force' | 'no-longer-in-force';
  document: string;
  edition: string;
  division: string;
  period: Period;
  basis: Division['basis'];
  source: Citation;
  /** Where the clause does not apply: the text that governs instead, if any. */
  governedBy?: Substitute;
  /** One sentence for people. */
  summary: string;
}

const REF = /^([A-Z][A-Za-z0-9]*)\.(?:(A\d+)\.)?(\d+)(?:-(\d+))?$/;

export function parseClauseRef(text: string): ClauseRange {
  const m = REF.exec(text.trim());
  if (!m)
    throw new ClauseRefError(
      `'${text}' is not a clause reference (expected e.g. R26.101, R26.89-95 or R26.A1.10)`,
    );
  const from = Number(m[3]);
  const to = m[4] === undefined ? from : Number(m[4]);
  if (to < from) throw new ClauseRefError(`'${text}': the range ends before it starts`);
  return { prefix: m[1] as string, ...(m[2] ? { annex: m[2] } : {}), from, to };
}

export const formatClause = (r: ClauseRange): string =>
  `${r.prefix}.${r.annex ? `${r.annex}.` : ''}${r.from}${r.to === r.from ? '' : `-${r.to === Number.POSITIVE_INFINITY ? 'end' : r.to}`}`;

const within = (inner: ClauseRange, outer: ClauseRange) =>
  inner.prefix === outer.prefix &&
  inner.annex === outer.annex &&
  inner.from >= outer.from &&
  inner.to <= outer.to;

const intersects = (a: ClauseRange, b: ClauseRange) =>
  a.prefix === b.prefix && a.annex === b.annex && a.from <= b.to && b.from <= a.to;

/** The clause at the same position of the other range (ranges of equal length), or the whole range. */
function mapAcross(clause: ClauseRange, from: ClauseRange, to: ClauseRange): ClauseRange {
  if (to.to - to.from !== from.to - from.from || clause.from !== clause.to) return to;
  const n = to.from + (clause.from - from.from);
  return { ...to, from: n, to: n };
}

export class Editions {
  private readonly divisions: Division[] = [];
  private readonly counterparts: Counterpart[] = [];
  private readonly texts = new Map<string, { document: string; edition: string }>();

  /** The texts whose clauses can be resolved, by reference prefix. */
  prefixes(): string[] {
    return [...this.texts.keys()];
  }

  all(): readonly Division[] {
    return this.divisions;
  }

  /** Every division in force on `date`: the regime of that day. */
  inForceOn(date: string): Division[] {
    return this.divisions.filter((d) => activeAt(d.period, date));
  }

  /** resolveClause(ref, at) of SM-0: the clause if in force on `date`, else what governs instead. */
  resolve(ref: string, date: string): ClauseAnswer {
    const clause = parseClauseRef(ref);
    if (clause.from !== clause.to) throw new ClauseRefError(`'${ref}': ask about one clause, not a range`);
    const division = this.divisionOf(clause);
    const name = formatClause(clause);
    const base = {
      clause: name,
      date,
      document: division.document,
      edition: division.edition,
      division: division.id,
      period: division.period,
      basis: division.basis,
      source: division.source,
    };
    if (activeAt(division.period, date))
      return {
        ...base,
        status: 'in-force',
        summary: `${name} (${division.edition}, ${division.title}) is in force on ${date} (${describePeriod(division.period)})`,
      };
    const notYet = date < division.period.from;
    const governedBy = this.substitute(clause, division, date, notYet);
    const status = notYet ? 'not-yet-in-force' : 'no-longer-in-force';
    const when = notYet
      ? `not yet in force on ${date} (from ${division.period.from})`
      : `no longer in force on ${date} (until ${division.period.to})`;
    const instead = governedBy
      ? `; ${governedBy.clause} of the ${governedBy.edition} governs instead`
      : notYet
        ? '; no earlier text governs it'
        : '; no later text replaces it';
    return {
      ...base,
      status,
      ...(governedBy ? { governedBy } : {}),
      summary: `${name} (${division.edition}, ${division.title}) is ${when}${instead}`,
    };
  }

  private divisionOf(clause: ClauseRange): Division {
    const text = this.texts.get(clause.prefix);
    if (!text)
      throw new ClauseRefError(
        `no text with clause prefix '${clause.prefix}' (known: ${this.prefixes().join(', ') || 'none'})`,
      );
    const division = this.divisions.find((d) => within(clause, d.range));
    if (!division)
      throw new ClauseRefError(`${formatClause(clause)} is in no division of ${text.document}'s text`);
    return division;
  }

  /** The earlier clause (before entry into force) or the later one (after) in force on `date`. */
  private substitute(
    clause: ClauseRange,
    division: Division,
    date: string,
    earlier: boolean,
  ): Substitute | undefined {
    const byClause = this.counterparts.find((c) => within(clause, earlier ? c.clause : c.replaces));
    const candidates: {
      range: ClauseRange;
      via: Substitute['via'];
      basis: Division['basis'];
      source: Citation;
    }[] = [];
    if (byClause) {
      const [from, to] = earlier
        ? [byClause.clause, byClause.replaces]
        : [byClause.replaces, byClause.clause];
      candidates.push({ range: mapAcross(clause, from, to), via: 'clause', ...byClause });
    }
    if (earlier && division.counterpart)
      candidates.push({
        range: division.counterpart,
        via: 'division',
        basis: division.basis,
        source: division.source,
      });
    if (!earlier)
      for (const d of this.divisions)
        if (d.counterpart && within(clause, d.counterpart))
          candidates.push({ range: d.range, via: 'division', basis: d.basis, source: d.source });
    for (const c of candidates) {
      const target = this.divisions.find((d) => intersects(c.range, d.range) && activeAt(d.period, date));
      if (!target) continue;
      return {
        clause: formatClause(c.range),
        document: target.document,
        edition: target.edition,
        division: target.id,
        period: target.period,
        via: c.via,
        basis: c.basis,
        source: c.source,
      };
    }
    return undefined;
  }

  /** @internal Built by linkEditions. */
  add(document: string, text: DocumentText, divisions: Division[], counterparts: Counterpart[]): void {
    this.texts.set(text.ref, { document, edition: text.edition });
    this.divisions.push(...divisions);
    this.counterparts.push(...counterparts);
  }
}

/** Links the `text` of every document; problems are reported at file:line:column. */
export function linkEditions(
  files: readonly { source: YamlSource; data: DocumentsFile }[],
  registry: DocumentRegistry,
  report: (d: Diagnostic) => void,
): Editions {
  const editions = new Editions();
  const owners = new Map<string, string>();
  const pending: (() => void)[] = [];
  for (const { source, data } of files) {
    data.documents.forEach((doc, i) => {
      const text = doc.text;
      if (!text) return;
      const at = (path: PathSegment[], message: string) =>
        report(source.at(['documents', i, 'text', ...path], message));
      if (owners.has(text.ref))
        return at(['ref'], `clause prefix '${text.ref}' is already the text of ${owners.get(text.ref)}`);
      owners.set(text.ref, doc.id);
      const parse = (ref: string, path: PathSegment[]): ClauseRange | undefined => {
        try {
          return parseClauseRef(ref);
        } catch (e) {
          at(path, (e as Error).message);
          return undefined;
        }
      };
      const cite = (c: Citation, basis: string, path: PathSegment[]) => {
        if (!registry.get(c.document)) at([...path, 'document'], `unknown document '${c.document}'`);
        if (basis === 'explicit' && (!c.quote || !c.translation))
          at(
            path,
            `missing citation: an explicit division needs the original-language 'quote' and its 'translation'`,
          );
      };
      const divisions: Division[] = [];
      text.divisions.forEach((d, j) => {
        const path: PathSegment[] = ['divisions', j];
        cite(d.source, d.basis, [...path, 'source']);
        if (!d.paragraphs && !d.annex)
          return at(path, `division '${d.id}' needs paragraphs [first, last], an annex, or both`);
        const [from, to] = (d.paragraphs ?? [1, Number.POSITIVE_INFINITY]) as [number, number];
        if (to < from)
          return at([...path, 'paragraphs'], `paragraphs ${from}-${to}: the range ends before it starts`);
        const range: ClauseRange = { prefix: text.ref, ...(d.annex ? { annex: d.annex } : {}), from, to };
        const clash = divisions.find((x) => intersects(x.range, range));
        if (clash)
          return at(
            path,
            `division '${d.id}' overlaps division '${clash.id}' (${formatClause(clash.range)})`,
          );
        const start = registry.resolve(d.effectiveFrom);
        const end = d.effectiveTo === undefined ? { date: null } : registry.resolve(d.effectiveTo);
        if ('error' in start) return at([...path, 'effectiveFrom'], start.error);
        if ('error' in end) return at([...path, 'effectiveTo'], end.error);
        if (end.date !== null && end.date < start.date)
          return at(
            [...path, 'effectiveTo'],
            `effectiveTo ${end.date} is before effectiveFrom ${start.date}`,
          );
        const counterpart =
          d.counterpart === undefined ? undefined : parse(d.counterpart, [...path, 'counterpart']);
        if (counterpart?.prefix === text.ref)
          at([...path, 'counterpart'], `a counterpart is a clause of another text, not of ${text.ref}`);
        divisions.push({
          document: doc.id,
          edition: text.edition,
          id: d.id,
          title: d.title,
          range,
          period: { from: start.date, to: end.date },
          ...(counterpart ? { counterpart } : {}),
          basis: d.basis,
          source: d.source,
          ...(d.note ? { note: d.note } : {}),
        });
      });
      const counterparts: (Counterpart & { index: number })[] = [];
      (text.counterparts ?? []).forEach((c, j) => {
        const path: PathSegment[] = ['counterparts', j];
        cite(c.source, c.basis, [...path, 'source']);
        const clause = parse(c.clause, [...path, 'clause']);
        const replaces = parse(c.replaces, [...path, 'replaces']);
        if (!clause || !replaces) return;
        if (clause.prefix !== text.ref)
          return at([...path, 'clause'], `${c.clause} is not a clause of ${text.ref}`);
        if (clause.to - clause.from !== replaces.to - replaces.from)
          return at([...path, 'replaces'], `${c.clause} and ${c.replaces} are ranges of different lengths`);
        counterparts.push({ clause, replaces, basis: c.basis, source: c.source, index: j });
      });
      editions.add(doc.id, text, divisions, counterparts);
      // The other texts are known only once every file is read.
      pending.push(() => {
        const known = (r: ClauseRange) => editions.all().some((d) => intersects(r, d.range));
        text.divisions.forEach((d, j) => {
          const r = divisions.find((x) => x.id === d.id)?.counterpart;
          if (r && !known(r))
            at(['divisions', j, 'counterpart'], `${d.counterpart} is in no division of any text`);
        });
        for (const c of counterparts) {
          if (!known(c.replaces))
            at(
              ['counterparts', c.index, 'replaces'],
              `${formatClause(c.replaces)} is in no division of any text`,
            );
          if (!known(c.clause))
            at(
              ['counterparts', c.index, 'clause'],
              `${formatClause(c.clause)} is in no division of ${text.ref}`,
            );
        }
      });
    });
  }
  for (const check of pending) check();
  return editions;
}
