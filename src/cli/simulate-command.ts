// `gridcase simulate`: scenario files through the real workflows on the time-skipping server.
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { loadScenarios } from '../simulate/scenario.ts';
import { formatReport, Simulator } from '../simulate/simulator.ts';
import type { Output } from './rules-commands.ts';

export async function simulateCommand(
  target: string,
  options: { json?: boolean; rules: string; databaseUrl: string },
): Promise<Output> {
  const scenarios = await loadScenarios(target);
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const simulator = await Simulator.create(options.rules, options.databaseUrl);
  try {
    const reports = [];
    for (const scenario of scenarios) reports.push(await simulator.run(scenario));
    const failed = reports.filter((r) => !r.passed).length;
    const summary = `${reports.length - failed} passed, ${failed} failed`;
    const stdout = options.json
      ? JSON.stringify(reports, null, 2)
      : [...reports.map(formatReport), '', summary].join('\n');
    return { stdout, exitCode: failed ? 1 : 0 };
  } finally {
    await simulator.close();
  }
}
