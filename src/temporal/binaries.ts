// Where the Temporal CLI and the time-skipping test server are: an explicit path from the
// environment, the project's virtualenv (scripts/install-temporal.sh), the PATH, or — when none is
// found — the SDK's own download, which works on a normal network.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VENV_BIN = path.join(PROJECT_ROOT, '.venv', 'temporal', 'bin');

export type TestServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

interface Lookup {
  env?: NodeJS.ProcessEnv;
  venvBin?: string;
}

function executable(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const found = dir ? executable(path.join(dir, name)) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The `temporal` CLI, or undefined when it is nowhere to be found. */
export function temporalCliPath({ env = process.env, venvBin = VENV_BIN }: Lookup = {}): string | undefined {
  if (env.TEMPORAL_CLI_PATH) {
    const explicit = executable(env.TEMPORAL_CLI_PATH);
    if (!explicit) throw new Error(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable file`);
    return explicit;
  }
  return executable(path.join(venvBin, 'temporal')) ?? onPath('temporal', env);
}

/** The dev server for `npm start` (the `temporal` CLI), or the SDK's download of it. */
export function devServerExecutable(lookup: Lookup = {}): TestServerExecutable {
  const cli = temporalCliPath(lookup);
  return cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' };
}

/** The time-skipping test server for @temporalio/testing. */
export function testServerExecutable({
  env = process.env,
  venvBin = VENV_BIN,
}: Lookup = {}): TestServerExecutable {
  if (env.TEMPORAL_TEST_SERVER_PATH) {
    const explicit = executable(env.TEMPORAL_TEST_SERVER_PATH);
    if (!explicit)
      throw new Error(`TEMPORAL_TEST_SERVER_PATH=${env.TEMPORAL_TEST_SERVER_PATH} is not an executable file`);
    return { type: 'existing-path', path: explicit };
  }
  const local = executable(path.join(venvBin, 'temporal-test-server')) ?? onPath('temporal-test-server', env);
  return local ? { type: 'existing-path', path: local } : { type: 'cached-download' };
}
