// A document a case issues, rendered as XML for storage and exchange (signing comes with the API).
import { create } from 'xmlbuilder2';
import type { CaseDocument, CaseView } from '../../workflows/case-messages.ts';

export const DOCUMENT_NAMESPACE = 'urn:gridcase:document:1';

export function documentXml(caseId: string, view: CaseView, document: CaseDocument): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(DOCUMENT_NAMESPACE, 'document', {
    id: document.id,
    case: caseId,
    process: view.process,
    issuedAt: document.issuedAt,
    ruleSet: view.ruleSetVersion,
  });
  root.ele('title').txt(document.title);
  root.ele('legalBasis').txt(document.clause);
  const facts = root.ele('facts');
  for (const [name, value] of Object.entries(view.facts).sort(([a], [b]) => (a < b ? -1 : 1))) {
    facts.ele('fact', { name }).txt(JSON.stringify(value));
  }
  return root.end({ prettyPrint: true });
}
