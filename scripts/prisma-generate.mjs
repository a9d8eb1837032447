// Runs `prisma generate` offline. Prisma 7's CLI insists on resolving its native schema engine
// before any command, and the download host is unreachable on our machines; `generate` never
// executes that engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough
// (TOOLCHAIN.md). Where the engine is available, a caller-provided value is kept.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(prismaCli)) {
  console.log('prisma-generate: prisma CLI not installed yet, skipping');
  process.exit(0);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
const result = spawnSync(process.execPath, [prismaCli, 'generate', '--config', join(root, 'prisma', 'prisma.config.ts')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
