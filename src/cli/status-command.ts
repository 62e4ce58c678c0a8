// `gridcase status`: what the engine has loaded, and what still needs a human to confirm it.
import { runExamples } from '../rules/examples.ts';
import { loadRuleSet } from '../rules/load-rule-set.ts';
import type { Output } from './rules-commands.ts';

export async function statusCommand(dir: string): Promise<Output> {
  const rs = await loadRuleSet(dir);
  const reports = await runExamples(rs);
  const failed = reports.filter((r) => r.failures.length).length;
  const out = [
    `GridCase rule engine — rule set ${rs.version.slice(0, 12)} (${rs.files.length} files in ${dir})`,
    '',
    'Processes',
  ];
  for (const p of rs.processes.values()) {
    const examples = reports.filter((r) => r.process === p.id);
    out.push(
      `  ${p.id.padEnd(24)} ${p.parameters.size} parameters, ${p.deadlines.size} deadlines, ${p.decisions.length} decisions; ` +
        `in force from ${p.inForce.from}; examples ${examples.length - examples.filter((r) => r.failures.length).length}/${examples.length} pass`,
    );
  }
  if (rs.calculations.size) out.push('', 'Calculations');
  for (const c of rs.calculations.values()) {
    const examples = reports.filter((r) => r.process === c.id);
    const latest = c.versions.at(-1);
    out.push(
      `  ${c.id.padEnd(24)} formula version ${latest?.version} (${latest?.method}) from ${latest?.period.from}; ` +
        `${c.parameters.size} parameters, ${c.tables.size} tables; examples ${examples.length - examples.filter((r) => r.failures.length).length}/${examples.length} pass`,
    );
  }
  out.push('', 'Legal documents');
  for (const d of rs.documents.all()) {
    const published = d.doc.publishedOn.verified
      ? d.doc.publishedOn.date
      : `${d.doc.publishedOn.date} (UNVERIFIED: configure from the official register)`;
    const formula =
      d.doc.entryIntoForce.verified === false
        ? ` (UNVERIFIED: publication + ${d.doc.entryIntoForce.afterPublication.calendarDays} days is configuration)`
        : '';
    out.push(
      `  ${d.doc.id.padEnd(10)} ${d.doc.title.en}; published ${published}; in force from ${d.inForceFrom}${formula}`,
    );
  }
  out.push('', 'Calendars');
  for (const c of [...rs.calendars.values(), ...rs.bankCalendars.values()]) {
    const unverified = c.exceptions().filter((e) => !e.verified);
    out.push(
      `  ${c.jurisdiction} ${c.timeZone.padEnd(13)} ${c.firstDate}..${c.lastDate}, version ${c.version}` +
        (unverified.length ? `; unverified: ${unverified.map((e) => `${e.date} ${e.name}`).join('; ')}` : ''),
    );
  }
  out.push(
    '',
    failed ? `${failed} example(s) FAIL: run gridcase rules test` : 'All rule-file examples pass.',
  );
  out.push(
    'Try: gridcase deadline --jurisdiction KZ --from 2024-03-20T10:00:00+05:00 --duration "3 working-days"',
  );
  return { stdout: out.join('\n'), exitCode: failed ? 1 : 0 };
}
