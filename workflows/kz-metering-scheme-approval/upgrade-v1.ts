// How a case on machine-v1.ts continues on machine.ts: a review whose 30 working days passed
// unanswered is overdue (SM-6 overdue_review); every other state keeps its name and the context
// its shape. Pure: it runs inside the workflow.
import type { DeadlineRecord } from '../case-messages.ts';
import type { MachineState } from '../process-definition.ts';

export function upgradeFromV1(state: MachineState, deadlines: readonly DeadlineRecord[]): MachineState {
  const reviewOverdue = deadlines.some(
    (d) => d.id === 'scheme-review' && d.status === 'breached' && d.metAt === undefined,
  );
  return state.value === 'underReview' && reviewOverdue ? { ...state, value: 'overdueReview' } : state;
}
