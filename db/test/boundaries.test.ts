// The import boundaries of eslint.config.mjs, run through ESLint's own API on code placed at a path
// inside seeds/ or db/ (the file need not exist): `npm run lint` fails the same way on a real file.
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** Messages of the boundary rule for `code` as if it were the file at `path` (from the repo root). */
async function boundaryErrors(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('seeds/ and db/ never import the BFF', () => {
  it.each([
    ['a relative path into bff/src', 'seeds/x.ts', "import { generateSlots } from '../bff/src/appointments/slots';\nexport const run = generateSlots;\n"],
    ['a type-only import from bff/src', 'seeds/data/x.ts', "import type { Clock } from '../../bff/src/lib/clock';\nexport type C = Clock;\n"],
    ['a re-export from bff/src', 'seeds/x.ts', "export { clockFromEnv } from '../bff/src/lib/clock';\n"],
    ['the BFF package itself', 'seeds/x.ts', "import { build } from '@palm/bff';\nexport const b = build;\n"],
    ['a deep import of the BFF package', 'seeds/x.ts', "import { seed } from '@palm/bff/src/server';\nexport const s = seed;\n"],
    ['the bff folder from the database package', 'db/src/x.ts', "import { config } from '../../bff/src/config';\nexport const c = config;\n"],
  ])('fails on %s', async (_what, path, code) => {
    expect(await boundaryErrors(code, path)).toEqual([expect.stringContaining('must not import the BFF')]);
  });

  it('allows the database package, the shared rules and the seeds’ own files', async () => {
    const code = [
      "import type { Role } from '@palm/db/client';",
      "import { Pii } from '@palm/db';",
      "import { QUEUE_LETTERS } from '@palm/shared';",
      "import { SEED_IDS } from './data/ids';",
      'export const all = [Pii, QUEUE_LETTERS, SEED_IDS] as const;',
      'export type R = Role;',
      '',
    ].join('\n');
    expect(await boundaryErrors(code, 'seeds/x.ts')).toEqual([]);
  });

  it('leaves the BFF free to import the seed loader', async () => {
    expect(await boundaryErrors("import { seedAll } from '../../seeds';\nexport const s = seedAll;\n", 'bff/src/x.ts')).toEqual([]);
  });
});
