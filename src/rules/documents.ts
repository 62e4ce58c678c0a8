// The register of legal documents and the date each one (or each of its parts) enters into force.
import type { Diagnostic } from './diagnostics.ts';
import { addDays, isRealDate } from './periods.ts';
import type { DocumentsFile, EffectiveDate, LegalDocument } from './schema.ts';
import type { PathSegment, YamlSource } from './yaml-source.ts';

export type EntryIntoForceDay = 'day-after-expiry' | 'expiry-day';

export interface DocumentInfo {
  doc: LegalDocument;
  /** Entry into force of the document's general provisions (G). */
  inForceFrom: string;
  parts: ReadonlyMap<string, string>;
}

export class DocumentRegistry {
  private readonly byId = new Map<string, DocumentInfo>();

  constructor(
    files: readonly { source: YamlSource; data: DocumentsFile }[],
    entryIntoForceDay: EntryIntoForceDay,
    report: (d: Diagnostic) => void,
  ) {
    for (const { source, data } of files) {
      data.documents.forEach((doc, i) => {
        const at = (path: PathSegment[], message: string) =>
          report(source.at(['documents', i, ...path], message));
        if (this.byId.has(doc.id)) return at(['id'], `duplicate document id '${doc.id}'`);
        const dates: [PathSegment[], string][] = [
          [['date'], doc.date],
          [['publishedOn', 'date'], doc.publishedOn.date],
          ...(doc.registration
            ? ([[['registration', 'date'], doc.registration.date]] as [PathSegment[], string][])
            : []),
          ...(doc.entryIntoForce.parts ?? []).map(
            (p, j) => [['entryIntoForce', 'parts', j, 'date'], p.date] as [PathSegment[], string],
          ),
        ];
        let valid = true;
        for (const [path, value] of dates) {
          if (!isRealDate(value)) {
            at(path, `invalid date '${value}'`);
            valid = false;
          }
        }
        if (!valid) return;
        const registered = doc.registration?.date;
        if (registered && doc.publishedOn.date < registered) {
          at(
            ['publishedOn', 'date'],
            `publishedOn ${doc.publishedOn.date} of ${doc.id} precedes its state registration on ${registered}: an act cannot be published before it is registered`,
          );
        }
        if (doc.publishedOn.date < doc.date) {
          at(
            ['publishedOn', 'date'],
            `publishedOn ${doc.publishedOn.date} of ${doc.id} precedes the act's own date ${doc.date}`,
          );
        }
        const eif = doc.entryIntoForce;
        // A commencement clause is cited; a formula the texts lack is configuration, marked as such.
        if (!eif.source && eif.basis !== 'external')
          at(
            ['entryIntoForce'],
            `the entry into force of ${doc.id} needs its source (the commencement clause), or basis: external with verified: false when the texts do not state it`,
          );
        if (eif.basis === 'external' && eif.verified === undefined)
          at(
            ['entryIntoForce'],
            `an external entry-into-force formula of ${doc.id} must say whether it is verified`,
          );
        const n = eif.afterPublication.calendarDays;
        const inForceFrom = addDays(
          doc.publishedOn.date,
          entryIntoForceDay === 'day-after-expiry' ? n + 1 : n,
        );
        const parts = new Map<string, string>();
        (doc.entryIntoForce.parts ?? []).forEach((p, j) => {
          if (parts.has(p.id))
            at(['entryIntoForce', 'parts', j, 'id'], `duplicate part id '${p.id}' in ${doc.id}`);
          // Deferred parts come later than the rest of the act (000-001.md §1.1 asks for G < 2024-01-01).
          if (p.date <= inForceFrom) {
            at(
              ['publishedOn', 'date'],
              `${doc.id} would enter into force on ${inForceFrom} (published ${doc.publishedOn.date} + ${n} days), not before its part '${p.id}' (${p.date}): check publishedOn`,
            );
          }
          parts.set(p.id, p.date);
        });
        this.byId.set(doc.id, { doc, inForceFrom, parts });
      });
    }
  }

  get(id: string): DocumentInfo | undefined {
    return this.byId.get(id);
  }

  all(): DocumentInfo[] {
    return [...this.byId.values()];
  }

  /** The ISO date an `effectiveFrom`/`effectiveTo` value stands for, or an error message. */
  resolve(ref: EffectiveDate): { date: string } | { error: string } {
    if (typeof ref === 'string') return isRealDate(ref) ? { date: ref } : { error: `invalid date '${ref}'` };
    const info = this.byId.get(ref.document);
    if (!info)
      return { error: `unknown document '${ref.document}' (known: ${[...this.byId.keys()].join(', ')})` };
    const date = ref.part === undefined ? info.inForceFrom : info.parts.get(ref.part);
    if (!date)
      return {
        error: `unknown part '${ref.part}' of document '${ref.document}' (known: ${[...info.parts.keys()].join(', ') || 'none'})`,
      };
    return { date: ref.dayBefore ? addDays(date, -1) : date };
  }
}
