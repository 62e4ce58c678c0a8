// The `gridcase` command line.
import { Command, CommanderError, Option } from 'commander';
import { AuthConfigError } from '../auth/config.ts';
import { ROLES } from '../auth/principal.ts';
import { CalculationInputError } from '../calculations/method.ts';
import { CalendarRangeError } from '../calendar/working-calendar.ts';
import { DEFAULT_DATABASE_URL } from '../read-model/scratch-schema.ts';
import { DEFAULT_RULES_DIR } from '../rules/default-rules-dir.ts';
import { formatDiagnostic, RuleSetError } from '../rules/diagnostics.ts';
import { FactsError } from '../rules/facts.ts';
import { NotInForceError, RuleQueryError } from '../rules/rule-set.ts';
import { ruleFileJsonSchema } from '../rules/schema.ts';
import { stackOptionsFromEnv, startStack } from '../stack/start-stack.ts';
import { auditVerifyCommand } from './audit-command.ts';
import { authTokenCommand } from './auth-command.ts';
import { calculateCommand } from './calculate-command.ts';
import { deadlineCommand } from './deadline-command.ts';
import { editionCommand } from './edition-command.ts';
import { impactCommand } from './impact-command.ts';
import { readModelCommand } from './read-model-command.ts';
import { checkCommand, diffCommand, explainCommand, type Output, testCommand } from './rules-commands.ts';
import { simulateCommand } from './simulate-command.ts';
import { statusCommand } from './status-command.ts';
import { UsageError } from './usage-error.ts';

export function buildProgram(
  write: (o: Output) => void,
  io: { out: (s: string) => void; err: (s: string) => void },
): Command {
  const program = new Command('gridcase')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .description('GridCase: regulated power-sector processes driven by dated, cited rule files')
    .showHelpAfterError()
    .exitOverride();
  const rules = program
    .command('rules')
    .description('check, test, compare and explain rule files')
    .exitOverride();

  rules
    .command('check')
    .description('validate a rules directory; prints path:line:col: message for every problem')
    .argument('[dir]', 'rules directory', DEFAULT_RULES_DIR)
    .action(async (dir: string) => write(await checkCommand(dir)));
  rules
    .command('test')
    .description("run every rule file's examples; ends with 'N passed, N failed'")
    .argument('[dir]', 'rules directory', DEFAULT_RULES_DIR)
    .action(async (dir: string) => write(await testCommand(dir)));
  rules
    .command('diff')
    .description(
      'what changed between two rules directories (parameters, deadlines, decisions, dates), with clauses',
    )
    .argument('<dirA>', 'rules before')
    .argument('<dirB>', 'rules after')
    .option('--json', 'machine-readable output')
    .action(async (a: string, b: string, o: { json?: boolean }) =>
      write(await diffCommand(a, b, o.json === true)),
    );
  rules
    .command('impact')
    .description(
      'for every open case of the read model, the deadlines that move and the decisions that flip under a draft rules directory, with clauses',
    )
    .argument('<draft-dir>', 'the draft rules directory')
    .option('--rules <dir>', 'the current rules directory', DEFAULT_RULES_DIR)
    .option('--database-url <url>', 'PostgreSQL of the read model', DEFAULT_DATABASE_URL)
    .option('--json', 'machine-readable output')
    .action(async (draft: string, o: { rules: string; databaseUrl: string; json?: boolean }) =>
      write(await impactCommand(draft, o)),
    );
  rules
    .command('explain')
    .description(
      'decisions for a case with their explanation, and the parameters in force, each with its citation',
    )
    .requiredOption('--process <id>', 'process id, e.g. kz.miner.tc')
    .requiredOption('--facts <file.json>', 'JSON object with the case inputs')
    .requiredOption('--as-of <date>', 'case date, YYYY-MM-DD')
    .option('--switch <name=value...>', 'override a switch (repeatable)')
    .addOption(
      new Option('--evaluator <kind>', 'decision evaluator')
        .choices(['compiled', 'reference'])
        .default('compiled'),
    )
    .option('--rules <dir>', 'rules directory', DEFAULT_RULES_DIR)
    .option('--json', 'machine-readable output')
    .action(async (o) => write(await explainCommand(o)));
  rules
    .command('edition')
    .description(
      'which text governs a clause (or a process, or everything) on a date: the clause, or "not yet in force" and what governs instead',
    )
    .requiredOption('--date <date>', 'the date asked about, YYYY-MM-DD')
    .option('--clause <ref>', 'a clause, e.g. R26.101, R25.92, R26.A1.10')
    .option('--process <id>', 'a process: the clause behind each of its items on the date')
    .option('--rules <dir>', 'rules directory', DEFAULT_RULES_DIR)
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nWithout --clause or --process: every division of every text in force on the date (the regime).\n' +
        'Example: gridcase rules edition --clause R26.101 --date 2026-05-01',
    )
    .action(async (o) => write(await editionCommand(o)));
  rules
    .command('schema')
    .description('print the JSON Schema of rule files (rules/schema.json)')
    .action(() => write({ stdout: JSON.stringify(ruleFileJsonSchema(), null, 2), exitCode: 0 }));

  program
    .command('simulate')
    .description(
      'run scenario files through the real workflows on the time-skipping server; ends with "N passed, N failed"',
    )
    .argument('<file-or-dir>', 'a scenario file, or a directory of them')
    .option('--rules <dir>', 'rules directory', DEFAULT_RULES_DIR)
    .option(
      '--json',
      'per scenario: { name, process, passed, finalState, decisions, deadlines, events, failures }',
    )
    .option(
      '--database-url <url>',
      'PostgreSQL for the read model (a throwaway schema is used)',
      DEFAULT_DATABASE_URL,
    )
    .action(async (target: string, o: { json?: boolean; rules: string; databaseUrl: string }) =>
      write(await simulateCommand(target, o)),
    );

  program
    .command('calculate')
    .description(
      'run a calculation of the rule files (e.g. kg.unmetered-electricity) on inputs from a JSON file; ' +
        'prints the results in the rule file’s units with the formula and rule-set versions',
    )
    .argument('<calculation-id>', 'calculation id, e.g. kg.transformer-losses')
    .requiredOption('--inputs <file.json>', 'JSON object with the calculation’s inputs')
    .option(
      '--as-of <date>',
      'date whose rules apply, YYYY-MM-DD, for a calculation without a date input (kg.unmetered-electricity uses its detectionDate)',
    )
    .option('--switch <name=value...>', 'override a switch (repeatable)')
    .option('--rules <dir>', 'rules directory', DEFAULT_RULES_DIR)
    .option('--json', 'print { calculation, formulaVersion, ruleSetVersion, date, inputs, outputs, … }')
    .action(async (id: string, o) => write(await calculateCommand(id, o)));

  program
    .command('start')
    .description(
      'start the engine on embedded defaults (Temporal dev server, PGlite, migrations, worker, /health); ' +
        'TEMPORAL_ADDRESS and DATABASE_URL use existing servers; stops cleanly on SIGINT/SIGTERM',
    )
    .option('--rules <dir>', 'rules directory', DEFAULT_RULES_DIR)
    .action(async (o: { rules: string }) => {
      const stack = await startStack(stackOptionsFromEnv(o.rules));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await stack.stop();
      write({ exitCode: 0 });
    });

  const auth = program.command('auth').description('authentication helpers for development').exitOverride();
  auth
    .command('token')
    .description(
      "mint a bearer token from the dev issuer's key (<data>/dev-issuer/), as `gridcase start` accepts in dev mode",
    )
    .addOption(new Option('--role <role>', 'the role of the token').choices(ROLES).makeOptionMandatory())
    .option('--organisation <id>', 'the organisation (required for officer and external)')
    .option('--subject <sub>', 'the subject (default dev-<role>)')
    .option('--expires <lifetime>', 'lifetime: a number with s, m, h or d', '8h')
    .option('--data-dir <dir>', 'data directory', process.env.GRIDCASE_DATA_DIR || 'data')
    .option('--json', 'print { token, role, organisation, issuer, audience, expiresAt }')
    .action(async (o) => write(await authTokenCommand(o)));

  program
    .command('read-model')
    .description(
      'compare the PostgreSQL read model with the case workflows (exit 1 on differences); --rebuild rewrites what differs',
    )
    .argument('<action>', 'check or rebuild')
    .option(
      '--temporal-address <host:port>',
      'Temporal frontend',
      process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233',
    )
    .option(
      '--database-url <url>',
      'PostgreSQL of the read model',
      process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:55432/postgres',
    )
    .action(async (action: string, o: { temporalAddress: string; databaseUrl: string }) => {
      if (action !== 'check' && action !== 'rebuild')
        throw new UsageError(`read-model: expected check or rebuild, got '${action}'`);
      write(await readModelCommand({ ...o, rebuild: action === 'rebuild' }));
    });

  const audit = program
    .command('audit')
    .description('the hash-chained audit log of every command')
    .exitOverride();
  audit
    .command('verify')
    .description(
      'walk the audit log hash chain: exit 0 when intact, 1 with the first altered, deleted or moved entry',
    )
    .option('--database-url <url>', 'PostgreSQL holding the audit log', DEFAULT_DATABASE_URL)
    .option('--json', 'print { ok, entries, head } or { ok, entries, break: { seq, reason, message } }')
    .option('--expect-head <hash>', 'a head hash recorded earlier: its absence means the tail was deleted')
    .action(async (o: { databaseUrl: string; json?: boolean; expectHead?: string }) =>
      write(await auditVerifyCommand(o)),
    );

  program
    .command('status')
    .description('load the rules, run their examples and show what is in force and what is unverified')
    .option('--rules <dir>', 'rules directory', DEFAULT_RULES_DIR)
    .action(async (o: { rules: string }) => write(await statusCommand(o.rules)));

  program
    .command('deadline')
    .description('due date of a period under a jurisdiction’s legal calendar (catalogue §1 C1–C5)')
    .addOption(
      new Option('--jurisdiction <code>', 'calendar to use').choices(['KZ', 'KG']).makeOptionMandatory(),
    )
    .requiredOption('--from <instant>', 'triggering instant, ISO 8601 with offset')
    .requiredOption(
      '--duration <n unit>',
      'e.g. "3 working-days", "10 calendar-days", "1 months", "24 hours"',
    )
    .addOption(
      new Option('--count-from <mode>', 'C1: day 1 is the next day or the same day').choices([
        'next-day',
        'same-day',
      ]),
    )
    .option('--roll-forward', 'C3: move a last day that is not a working day to the next working day')
    .option('--no-roll-forward', 'C3 off (lockouts and bars)')
    .option('--rules <dir>', 'rules directory', DEFAULT_RULES_DIR)
    .option('--json', 'print { dueDate, dueAt, startDate, nonWorkingDaysSkipped, calendarVersion, … }')
    .action(async (o) => write({ stdout: await deadlineCommand(o), exitCode: 0 }));

  for (const c of [
    program,
    rules,
    audit,
    auth,
    ...program.commands,
    ...rules.commands,
    ...audit.commands,
    ...auth.commands,
  ])
    c.exitOverride();
  return program;
}

export async function run(argv: readonly string[]): Promise<Output> {
  let result: Output = { exitCode: 0 };
  let out = '';
  let err = '';
  const program = buildProgram(
    (o) => {
      result = o;
    },
    { out: (s) => (out += s), err: (s) => (err += s) },
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help asked for is output; help shown because no command was given is a usage error.
      return e.code === 'commander.helpDisplayed'
        ? { stdout: out.trimEnd(), exitCode: 0 }
        : { stderr: err.trimEnd(), exitCode: 2 };
    }
    if (e instanceof UsageError) return { stderr: `error: ${e.message}`, exitCode: 2 };
    if (e instanceof RuleSetError)
      return { stdout: e.diagnostics.map(formatDiagnostic).join('\n'), exitCode: 1 };
    if (
      e instanceof FactsError ||
      e instanceof CalculationInputError ||
      e instanceof NotInForceError ||
      e instanceof RuleQueryError ||
      e instanceof CalendarRangeError ||
      e instanceof AuthConfigError
    ) {
      return { stderr: `error: ${e.message}`, exitCode: 1 };
    }
    throw e;
  }
}

if (process.argv[1] && /gridcase(\.js)?$|cli\/main\.ts$/.test(process.argv[1])) {
  const out = await run(process.argv.slice(2));
  if (out.stdout) process.stdout.write(`${out.stdout}\n`);
  if (out.stderr) process.stderr.write(`${out.stderr}\n`);
  process.exitCode = out.exitCode;
}
