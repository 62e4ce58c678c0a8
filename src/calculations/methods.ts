// The calculation methods the engine implements, by the name a calculation rule file's formula
// version gives (`method:`). A new wording of a formula is a new method beside the old one.
import { lineLosses } from './line-losses.ts';
import type { CalculationMethod } from './method.ts';
import { transformerLosses } from './transformer-losses.ts';
import { unmeteredElectricity } from './unmetered-electricity.ts';

export const METHODS: ReadonlyMap<string, CalculationMethod> = new Map(
  [unmeteredElectricity, transformerLosses, lineLosses].map((m) => [m.id, m]),
);
