// The processes the case workflow runs, by catalogue id. Each definition lives beside its machine.
import { heatEquipmentReplacement } from './kz-heat-equipment-replacement/definition.ts';
import { meteringSchemeApproval } from './kz-metering-scheme-approval/definition.ts';
import { minerEnergization } from './kz-miner-energization/definition.ts';
import { minerTc } from './kz-miner-tc/definition.ts';
import type { ProcessDefinition } from './process-definition.ts';

export type { Facts, ProcessDefinition } from './process-definition.ts';

export const PROCESSES: Readonly<Record<string, ProcessDefinition>> = {
  'kz.miner.tc': minerTc,
  'kz.miner.energization': minerEnergization,
  'kz.metering.scheme-approval': meteringSchemeApproval,
  'kz.heat.equipment-replacement': heatEquipmentReplacement,
};
