// Writes the case workflows as one deployable bundle (what a worker of this release runs). Keep
// the bundle of a release whose cases are still running: a later release's migration test starts
// cases on it and continues them on the new code (docs/case-migration.md).
// Usage: node --import tsx scripts/bundle-workflows.ts <out.js>
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node --import tsx scripts/bundle-workflows.ts <out.js>\n');
  process.exit(2);
}
const { code } = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
  // Minified without source maps: small enough to keep as a test fixture.
  webpackConfigHook: (config) => ({
    ...config,
    mode: 'production',
    devtool: false,
    optimization: { ...config.optimization, minimize: true },
  }),
});
// A worker insists on an inline source map; an empty one keeps the fixture small (stack traces of
// the old code then point into the bundle).
const emptyMap = Buffer.from(
  JSON.stringify({ version: 3, file: path.basename(out), sources: [], names: [], mappings: '' }),
).toString('base64');
await writeFile(out, `${code}\n//# sourceMappingURL=data:application/json;base64,${emptyMap}\n`);
