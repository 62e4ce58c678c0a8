// The activity that keeps the PostgreSQL read model in step with a case workflow.
import type { CaseReadModel } from '../src/read-model/case-read-model.ts';
import type { CaseView } from '../workflows/case-messages.ts';

export function createReadModelActivities(readModel: CaseReadModel) {
  return {
    async recordCase(caseId: string, view: CaseView): Promise<void> {
      await readModel.record(caseId, view);
    },
  };
}

export type ReadModelActivities = ReturnType<typeof createReadModelActivities>;
