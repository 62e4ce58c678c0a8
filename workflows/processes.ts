// The processes the case workflow runs, by catalogue id. Each definition lives beside its machine.
import { billingDispute } from './kg-billing-dispute/definition.ts';
import { connectionAdmission } from './kg-connection-admission/definition.ts';
import { meterRegistration } from './kg-meter-registration/definition.ts';
import { supplyDisconnection } from './kg-supply-disconnection/definition.ts';
import { supplyOverload } from './kg-supply-overload/definition.ts';
import { supplyPlannedInterruption } from './kg-supply-planned-interruption/definition.ts';
import { violationCase } from './kg-violation-case/definition.ts';
import { askueConnectionTc } from './kz-askue-connection-tc/definition.ts';
import { askueDataStream } from './kz-askue-data-stream/definition.ts';
import { heatEquipmentReplacement } from './kz-heat-equipment-replacement/definition.ts';
import { meteringFailureReport } from './kz-metering-failure-report/definition.ts';
import { meteringSchemeApproval } from './kz-metering-scheme-approval/definition.ts';
import { minerEnergization } from './kz-miner-energization/definition.ts';
import { minerOperationCompliance } from './kz-miner-operation-compliance/definition.ts';
import { minerTc } from './kz-miner-tc/definition.ts';
import type { ProcessDefinition } from './process-definition.ts';

export type { Facts, ProcessDefinition } from './process-definition.ts';

export const PROCESSES: Readonly<Record<string, ProcessDefinition>> = {
  'kz.miner.tc': minerTc,
  'kz.miner.energization': minerEnergization,
  'kz.miner.operation-compliance': minerOperationCompliance,
  'kz.metering.scheme-approval': meteringSchemeApproval,
  'kg.connection.admission': connectionAdmission,
  'kg.meter.registration': meterRegistration,
  'kg.billing.dispute': billingDispute,
  'kz.askue.connection-tc': askueConnectionTc,
  'kz.askue.data-stream': askueDataStream,
  'kz.metering.failure-report': meteringFailureReport,
  'kg.supply.disconnection': supplyDisconnection,
  'kg.supply.planned-interruption': supplyPlannedInterruption,
  'kg.supply.overload': supplyOverload,
  'kg.violation.case': violationCase,
  'kz.heat.equipment-replacement': heatEquipmentReplacement,
};
