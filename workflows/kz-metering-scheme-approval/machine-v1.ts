// SM-6 as first deployed, before overdueReview: a review past its 30 working days stayed in
// underReview. Cases started under it run it until their first event or timer on the new code,
// when upgrade-v1.ts moves them to machine.ts. Remove it with the patch (docs/case-migration.md)
// once no such case is open.
import { reviewDecision, schemeApproval } from './machine.ts';

export const schemeApprovalMachineV1 = schemeApproval.createMachine({
  id: 'meteringSchemeApproval',
  context: { decisions: {}, reasons: [] },
  initial: 'draft',
  states: {
    draft: { on: { SCHEME_SUBMITTED: { target: 'underReview', actions: 'recordDecisions' } } },
    underReview: { on: reviewDecision },
    refused: { on: { SCHEME_SUBMITTED: { target: 'underReview', actions: 'recordDecisions' } } },
    approved: { type: 'final' },
  },
});
