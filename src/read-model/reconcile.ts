// Compares the read model with the cases' workflows, and rebuilds it from them.
import type { Client } from '@temporalio/client';
import { caseQuery } from '../../workflows/case-messages.ts';
import type { CaseReadModel } from './case-read-model.ts';

export interface Reconciliation {
  cases: number;
  differences: string[];
  rebuilt: number;
}

/** Every case workflow (running or closed), its view compared with — or, with `rebuild`, written to — the read model. */
export async function reconcile(
  client: Client,
  readModel: CaseReadModel,
  options: { rebuild: boolean },
): Promise<Reconciliation> {
  const result: Reconciliation = { cases: 0, differences: [], rebuilt: 0 };
  for await (const execution of client.workflow.list({ query: "WorkflowType = 'caseWorkflow'" })) {
    const view = await client.workflow.getHandle(execution.workflowId, execution.runId).query(caseQuery);
    result.cases++;
    const differences = await readModel.differences(execution.workflowId, view);
    if (differences.length && options.rebuild) {
      await readModel.record(execution.workflowId, view);
      result.rebuilt++;
    } else result.differences.push(...differences);
  }
  return result;
}
