// Jest globalSetup of the e2e project: the test databases (the bff project's own setup, unless it
// already ran in this Jest process) and the three platform builds, each rebuilt only when its
// sources changed (scripts/miniapp-build.mjs, run as its own process: it is an ES module, and a
// synchronous child keeps Jest's parent process from idling out mid-build).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AUTOMATOR_SKIP_MESSAGE, DEVTOOLS_CLI } from '../automator/devtools';

export default async function globalSetup(): Promise<void> {
  if (!process.env.PALM_TEST_RUN) {
    // Loaded only when needed: this file is also read when the bff project's setup already ran.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: bffGlobalSetup } = require('../../../bff/test/global-setup') as { default: () => Promise<void> };
    await bffGlobalSetup();
  }
  const script = join(__dirname, '..', '..', '..', 'scripts', 'miniapp-build.mjs');
  const run = spawnSync(process.execPath, [script, 'weapp', 'alipay', 'h5'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`mini-app build failed (exit ${run.status}): see the output above`);
  // Said once per run, where it cannot be missed (a skipped file's own console output is not shown).
  if (!DEVTOOLS_CLI) process.stdout.write(`\n${AUTOMATOR_SKIP_MESSAGE}\n`);
}
